// Which pages of a document carry text OCR read (1-based): search hits, pre-review passages and
// lint findings on them say so. One query for every service that marks OCR text.
import type Database from 'better-sqlite3';

/** A reader of the pages OCR read, prepared once for a run over many documents. */
export function ocrReadPages(db: Database.Database): (documentId: string) => Set<number> {
  const rows = db.prepare<[string], { page_index: number }>(`SELECT page_index FROM page_ocr WHERE document_id = ? AND source = 'ocr' ORDER BY page_index`);
  return (documentId) => new Set(rows.all(documentId).map((r) => r.page_index + 1));
}
