// Which pages of a document carry text OCR read (1-based): search hits, pre-review passages and
// lint findings on them say so. One query for every service that marks OCR text; and the pages
// OCR could not read (failed or stopped) or found no words on, for the pre-review's words on pages
// without text.
import type Database from 'better-sqlite3';

/** A reader of the pages OCR read (`ocr`), or has not read yet (`none`: waiting, stopped or failed), prepared once for a run over many documents. */
function pagesBySource(db: Database.Database, source: 'ocr' | 'none'): (documentId: string) => Set<number> {
  const rows = db.prepare<[string, string], { page_index: number }>(`SELECT page_index FROM page_ocr WHERE document_id = ? AND source = ? ORDER BY page_index`);
  return (documentId) => new Set(rows.all(documentId, source).map((r) => r.page_index + 1));
}
export const ocrReadPages = (db: Database.Database) => pagesBySource(db, 'ocr');
/** Scanned pages with no text yet: the lint and pre-review results say they were not read. */
export const ocrNotReadPages = (db: Database.Database) => pagesBySource(db, 'none');

/**
 * Pages still without text whose OCR failed or was stopped (1-based), for a run over many documents:
 * the pre-review says why a page is unread instead of "needs OCR" for every one.
 */
export function ocrUnreadPages(db: Database.Database): (documentId: string) => { failed: number[]; stopped: number[]; empty: number[] } {
  // `empty`: read by OCR, which found no words (a blank sheet, or marks that are not letters).
  const rows = db.prepare<[string], { page_index: number; status: string; source: string }>(
    `SELECT page_index, status, source FROM page_ocr WHERE document_id = ?
       AND ((source = 'none' AND status IN ('failed', 'cancelled')) OR (source = 'ocr' AND words = '[]')) ORDER BY page_index`,
  );
  return (documentId) => {
    const out = { failed: [] as number[], stopped: [] as number[], empty: [] as number[] };
    for (const r of rows.all(documentId)) (r.source === 'ocr' ? out.empty : r.status === 'failed' ? out.failed : out.stopped).push(r.page_index + 1);
    return out;
  };
}
