import type { Migration } from '../migrate.ts';

// Deleting a case removes its audit trail with it, so the workspace keeps one line per deleted
// case (who, when, what it was, the trail's last hash) outside any case. Only cases with
// nothing decided can be deleted; the rest are archived.
export const m007CaseRemovals: Migration = {
  version: 7,
  name: '007_case_removals',
  up(db) {
    db.exec(`
      CREATE TABLE deleted_cases (
        id TEXT PRIMARY KEY,
        agency_name TEXT NOT NULL,
        ori TEXT NOT NULL,
        documents INTEGER NOT NULL,
        audit_entries INTEGER NOT NULL,
        audit_head TEXT NOT NULL,
        deleted_by TEXT NOT NULL,
        deleted_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
