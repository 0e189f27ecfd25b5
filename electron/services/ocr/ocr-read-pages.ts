// Which pages of a document carry text OCR read (1-based): search hits, pre-review passages and
// lint findings on them say so. One query for every service that marks OCR text; and the pages
// OCR has not read (waiting, failed or stopped) or found no words on, for the pre-review's words
// on pages without text and the gaps a lead signs over.
import type Database from 'better-sqlite3';
import { surveyedPages } from '../documents/scanner-text-sql.ts';

/** A reader of the pages OCR read, prepared once for a run over many documents. */
export function ocrReadPages(db: Database.Database): (documentId: string) => Set<number> {
  const rows = db.prepare<[string], { page_index: number }>(`SELECT page_index FROM page_ocr WHERE document_id = ? AND source = 'ocr' ORDER BY page_index`);
  return (documentId) => new Set(rows.all(documentId).map((r) => r.page_index + 1));
}

/**
 * A reader of the pages (1-based) whose text is still a scanner's own OCR, carried in the file
 * (scanner-text-survey.ts; none until the document was looked at), prepared once for many documents.
 */
export function scannerTextPages(db: Database.Database): (documentId: string) => Set<number> {
  // In JS, not scannerTextSql: a per-page EXISTS over the stored list would cost the square of a
  // long manual's pages each time the documents list is read.
  const survey = db.prepare<[string], string>('SELECT pages FROM scanner_text_survey WHERE document_id = ? AND error IS NULL').pluck();
  const read = ocrReadPages(db);
  return (documentId) => {
    const json = survey.get(documentId);
    if (json === undefined) return new Set();
    const done = read(documentId);
    return new Set(surveyedPages(json).map((p) => p + 1).filter((p) => !done.has(p)));
  };
}

/**
 * A document's pages OCR has not given text to (1-based), by why: waiting (queued, or being
 * read), failed, or stopped; and `empty`: read by OCR, which found no words (a blank sheet, or
 * marks that are not letters).
 */
export interface OcrUnread {
  waiting: number[];
  failed: number[];
  stopped: number[];
  empty: number[];
}

/**
 * A reader of the pages OCR has not read, prepared once for a run over many documents: the
 * pre-review says why a page is unread instead of "needs OCR" for every one, and the sign-off
 * names the scanned pages a lead would sign over.
 */
export function ocrUnreadPages(db: Database.Database): (documentId: string) => OcrUnread {
  const rows = db.prepare<[string], { page_index: number; status: string; source: string }>(
    `SELECT page_index, status, source FROM page_ocr WHERE document_id = ? AND (source = 'none' OR (source = 'ocr' AND words = '[]')) ORDER BY page_index`,
  );
  return (documentId) => {
    const out: OcrUnread = { waiting: [], failed: [], stopped: [], empty: [] };
    for (const r of rows.all(documentId)) {
      (r.source === 'ocr' ? out.empty : r.status === 'failed' ? out.failed : r.status === 'cancelled' ? out.stopped : out.waiting).push(r.page_index + 1);
    }
    return out;
  };
}
