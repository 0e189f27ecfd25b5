// "Nothing changed": every row of the tables a refused call could have touched, to compare
// before and after.
import type { Db } from '../../electron/db/open.ts';

const TABLES = ['cases', 'identities', 'trust_roster', 'determinations', 'annotations', 'scores', 'lint_decisions', 'review_events', 'audit_log', 'packets', 'checklist_packs', 'rubric_packs', 'meta'];

export function snapshot(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}
