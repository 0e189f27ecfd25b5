import type { Migration } from '../migrate.ts';

// Documents are stored once per content (SHA-256) and linked to any number of cases.
// Page text lives in `pages`, indexed by an external-content FTS5 table kept in step by
// triggers; `items` holds each text item's string and box so a highlight can be drawn later.
export const m002Documents: Migration = {
  version: 2,
  name: '002_documents',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        fingerprint TEXT NOT NULL,
        byte_size INTEGER NOT NULL,
        page_count INTEGER NOT NULL,
        pages_needing_ocr INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL,
        original_name TEXT NOT NULL,
        agency_doc_number TEXT,
        effective_date TEXT,
        has_scripts INTEGER NOT NULL DEFAULT 0,
        extractor_version TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE case_documents (
        case_id TEXT NOT NULL REFERENCES cases(id),
        document_id TEXT NOT NULL REFERENCES documents(id),
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (case_id, document_id)
      ) STRICT;
      CREATE INDEX case_documents_by_document ON case_documents (document_id);
      CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id),
        page_index INTEGER NOT NULL,
        text TEXT NOT NULL,
        items TEXT NOT NULL,
        needs_ocr INTEGER NOT NULL DEFAULT 0,
        UNIQUE (document_id, page_index)
      ) STRICT;
      CREATE VIRTUAL TABLE pages_fts USING fts5(
        text, content='pages', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN
        INSERT INTO pages_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
        INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
    `);
  },
};
