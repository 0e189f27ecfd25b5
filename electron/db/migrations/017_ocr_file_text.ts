import type { Migration } from '../migrate.ts';

// A page read by OCR over a text layer of its own (015: a scanner's poor reading, at the
// reviewer's request) loses that text to OCR's. When OCR reads it worse (a table, a faint line),
// the reviewer must be able to go back to the file's text, and nothing they had must be lost:
// the file's text and its item positions are kept beside the OCR reading, as they were when the
// reading replaced them. Null where the page had no text of its own (a scan), or where it was
// read before this migration (that text is gone; the CLI and the viewer say so).
export const m017OcrFileText: Migration = {
  version: 17,
  name: '017_ocr_file_text',
  up(db) {
    db.exec(`
      ALTER TABLE page_ocr ADD COLUMN file_text TEXT;
      ALTER TABLE page_ocr ADD COLUMN file_items TEXT;
    `);
  },
};
