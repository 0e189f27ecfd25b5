// Whether a case is past its due date, said in words (never by colour alone). Dates are plain
// YYYY-MM-DD strings compared as text, and "today" is passed in, so no time zone enters.
import type { CaseRecord } from '../schemas/case.ts';

/** Today's date where the reviewer is, as YYYY-MM-DD. */
export const localToday = (now: Date = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** Days from one YYYY-MM-DD date to another (UTC arithmetic on whole dates, so no DST skew). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A due date in the past matters only while the review is still open (not signed, exported or archived). */
export function isOverdue(c: Pick<CaseRecord, 'dueDate' | 'status' | 'archived'>, today: string): boolean {
  if (!c.dueDate || c.archived || c.status === 'signed' || c.status === 'exported') return false;
  return c.dueDate < today;
}

/** "Overdue by 3 days (due 2026-11-24)", or null when the case is not overdue. */
export function overdueLabel(c: Pick<CaseRecord, 'dueDate' | 'status' | 'archived'>, today: string): string | null {
  if (!isOverdue(c, today)) return null;
  const days = daysBetween(c.dueDate!, today);
  return `Overdue by ${days} ${days === 1 ? 'day' : 'days'} (due ${c.dueDate})`;
}
