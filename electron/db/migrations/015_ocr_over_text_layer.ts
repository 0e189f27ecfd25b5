import type { Migration } from '../migrate.ts';

// A page may be read by OCR though it has a text layer of its own, when the reviewer asks: a
// scanner's own OCR (invisible text over the page image) is often poor ("Seotember", "policv",
// "lllinois"), and search and pre-review miss what it misspells. Such a page waits with source
// 'pdf': its file's text stands (searchable, pre-reviewed, quoted) until Credence's reading
// replaces it, and stays if that reading fails or is stopped. SQLite cannot widen a CHECK in
// place, so the table is rebuilt with its rows, columns (013's claims included) and index.
export const m015OcrOverTextLayer: Migration = {
  version: 15,
  name: '015_ocr_over_text_layer',
  up(db) {
    db.exec(`
      CREATE TABLE page_ocr_new (
        document_id TEXT NOT NULL REFERENCES documents(id),
        page_index INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('ocr', 'none', 'pdf')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
        engine TEXT,
        engine_version TEXT,
        lang_sha256 TEXT,
        mean_confidence REAL,
        rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
        skew_degrees REAL NOT NULL DEFAULT 0,
        words TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        updated_at TEXT NOT NULL,
        claim_owner TEXT,
        claimed_at INTEGER,
        PRIMARY KEY (document_id, page_index)
      ) STRICT;
      INSERT INTO page_ocr_new (document_id, page_index, source, status, engine, engine_version, lang_sha256, mean_confidence, rotation, skew_degrees, words, error, updated_at, claim_owner, claimed_at)
        SELECT document_id, page_index, source, status, engine, engine_version, lang_sha256, mean_confidence, rotation, skew_degrees, words, error, updated_at, claim_owner, claimed_at FROM page_ocr;
      DROP TABLE page_ocr;
      ALTER TABLE page_ocr_new RENAME TO page_ocr;
      CREATE INDEX page_ocr_by_status ON page_ocr (status, document_id, page_index);
    `);
  },
};
