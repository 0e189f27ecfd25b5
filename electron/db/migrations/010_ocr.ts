import type { Migration } from '../migrate.ts';

// OCR: where each page's text came from, and the words OCR found with their boxes. A row exists
// for every page that has no usable text layer of its own (pages with one read as source 'pdf').
// Its status says where the page is in the queue, so a workspace reopened after a crash resumes
// with the pages still pending and never reads a finished page twice. OCR text goes into
// `pages.text` like extracted text, so search, highlights and pre-review need nothing new; the
// update trigger keeps the full-text index in step when a page's text changes.
export const m010Ocr: Migration = {
  version: 10,
  name: '010_ocr',
  up(db) {
    db.exec(`
      CREATE TABLE page_ocr (
        document_id TEXT NOT NULL REFERENCES documents(id),
        page_index INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('ocr', 'none')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
        engine TEXT,
        engine_version TEXT,
        lang_sha256 TEXT,
        mean_confidence REAL,
        rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
        skew_degrees REAL NOT NULL DEFAULT 0,
        -- [[text, x0, y0, x1, y1, confidence], ...]: boxes as fractions of the page as shown.
        words TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (document_id, page_index)
      ) STRICT;
      CREATE INDEX page_ocr_by_status ON page_ocr (status, document_id, page_index);
      CREATE TRIGGER pages_au AFTER UPDATE OF text ON pages BEGIN
        INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO pages_fts (rowid, text) VALUES (new.id, new.text);
      END;
      -- Pages imported before OCR existed wait for it like pages imported now.
      INSERT INTO page_ocr (document_id, page_index, source, status, updated_at)
        SELECT document_id, page_index, 'none', 'pending', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM pages WHERE needs_ocr = 1;
    `);
  },
};
