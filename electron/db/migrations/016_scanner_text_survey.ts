import type { Migration } from '../migrate.ts';

// Which pages of a document carry a scanner's own OCR as their text (invisible text laid over the
// page image by a copier or its software): someone else's reading, often poor, that search and
// pre-review take as the page's text. Told from each page's operator list, which costs about half
// the text's reading again, so it is looked at in the background after the import, not during it:
// a document with no row has not been looked at yet. `error` says why a look failed (the file ran
// out of time or memory); it is not tried again. Local to this workspace: a bundle does not carry
// it, and the workspace that opens one looks for itself.
export const m016ScannerTextSurvey: Migration = {
  version: 16,
  name: '016_scanner_text_survey',
  up(db) {
    db.exec(`
      CREATE TABLE scanner_text_survey (
        document_id TEXT PRIMARY KEY REFERENCES documents(id),
        -- JSON array of 0-based page indexes, ascending.
        pages TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        surveyed_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
