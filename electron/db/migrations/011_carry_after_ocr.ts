import type { Migration } from '../migrate.ts';

// A revised version whose pages are scanned has no text on them until OCR reads them, so its
// highlights cannot be carried forward when it replaces the old version: they would all be
// orphaned. The carry waits here, one row per case and replaced document, until the new
// version's OCR has finished (read, failed or stopped), and runs in the transaction that
// finishes it. Kept in the database so a crash or a restart in between loses nothing.
export const m011CarryAfterOcr: Migration = {
  version: 11,
  name: '011_carry_after_ocr',
  up(db) {
    db.exec(`
      CREATE TABLE carry_after_ocr (
        case_id TEXT NOT NULL,
        from_document_id TEXT NOT NULL REFERENCES documents(id),
        to_document_id TEXT NOT NULL REFERENCES documents(id),
        requested_at TEXT NOT NULL,
        PRIMARY KEY (case_id, from_document_id)
      ) STRICT;
      CREATE INDEX carry_after_ocr_by_target ON carry_after_ocr (to_document_id);
    `);
  },
};
