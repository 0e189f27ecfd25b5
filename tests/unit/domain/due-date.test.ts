import { describe, expect, it } from 'vitest';
import { isOverdue, localToday, overdueLabel } from '../../../shared/domain/due-date.ts';

const open = { status: 'draft' as const, archived: false };

describe('due dates', () => {
  it('flags an open case whose due date has passed, in words', () => {
    expect(overdueLabel({ ...open, dueDate: '2026-11-24' }, '2026-11-27')).toBe('Overdue by 3 days (due 2026-11-24)');
    expect(overdueLabel({ ...open, dueDate: '2026-11-26' }, '2026-11-27')).toBe('Overdue by 1 day (due 2026-11-26)');
    expect(overdueLabel({ ...open, dueDate: '2026-02-28' }, '2026-03-01')).toBe('Overdue by 1 day (due 2026-02-28)');
  });
  it('does not flag a case due today or later, without a date, or whose review is finished or archived', () => {
    expect(isOverdue({ ...open, dueDate: '2026-11-27' }, '2026-11-27')).toBe(false);
    expect(isOverdue({ ...open, dueDate: null }, '2026-11-27')).toBe(false);
    expect(isOverdue({ status: 'signed', archived: false, dueDate: '2020-01-01' }, '2026-11-27')).toBe(false);
    expect(isOverdue({ status: 'exported', archived: false, dueDate: '2020-01-01' }, '2026-11-27')).toBe(false);
    expect(isOverdue({ status: 'submitted', archived: true, dueDate: '2020-01-01' }, '2026-11-27')).toBe(false);
    expect(overdueLabel({ status: 'returned', archived: false, dueDate: '2020-01-01' }, '2020-01-02')).toBe('Overdue by 1 day (due 2020-01-01)');
  });
  it('reads today from the local calendar date', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
