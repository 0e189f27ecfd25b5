import type { Migration } from '../migrate.ts';

// A policy PDF locked with a password is stored as it came (its hash is the agency's file's),
// so the viewer, the OCR page renderer and a review lead opening a bundle all need its password
// again after import. It is kept here, beside the document, only for files that are encrypted.
// The workspace already holds the document's text (search, pre-review, OCR words), so keeping the
// password with it opens nothing the workspace did not already hold: the page images.
export const m014DocumentPasswords: Migration = {
  version: 14,
  name: '014_document_passwords',
  up(db) {
    db.exec(`
      CREATE TABLE document_passwords (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        password TEXT NOT NULL
      ) STRICT;
    `);
  },
};
