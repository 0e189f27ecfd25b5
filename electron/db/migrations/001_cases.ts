import type { Migration } from '../migrate.ts';

export const m001Cases: Migration = {
  version: 1,
  name: '001_cases',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        agency_name TEXT NOT NULL,
        ori TEXT NOT NULL CHECK (length(ori) = 9),
        state TEXT NOT NULL CHECK (length(state) = 2),
        agency_type TEXT CHECK (agency_type IN ('municipal','county','state','tribal','campus','other')),
        jurisdiction TEXT CHECK (jurisdiction IN ('urban','rural')),
        checklist_pack_id TEXT NOT NULL,
        checklist_pack_version TEXT NOT NULL,
        due_date TEXT,
        status TEXT NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','submitted','returned','approved','signed','exported')),
        archived_at TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_by_updated ON cases (updated_at DESC);
    `);
  },
};
