import type { Migration } from '../migrate.ts';

// A large document's pages are stored a slice at a time, each slice in its own short
// transaction, so the app's main thread is never held for the whole file (a 762-page manual took
// one 330 ms transaction). Until its last slice is in, the document is "staged": it has a row
// here, is linked to no case, and is found by no one looking for a file by its hash. The
// transaction that links it to its case removes the row. A row left by a process that died
// (or one older than a staging could take) is cleared when the workspace opens or when the same
// file is imported again.
export const m012DocumentStaging: Migration = {
  version: 12,
  name: '012_document_staging',
  up(db) {
    db.exec(`
      CREATE TABLE document_staging (
        document_id TEXT PRIMARY KEY REFERENCES documents(id),
        pid INTEGER NOT NULL,
        started_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
