// A document's page text and text-item boxes, as the extractor stored them.
import type { PageItems } from '../../../shared/domain/anchoring.ts';
import type { Db } from '../../db/open.ts';

/**
 * Only the text: what pre-review and the lint read (parsing every page's item boxes would be
 * wasted work). A scanned page OCR has not read yet (waiting, stopped or failed) reads as empty,
 * though its own few characters (a stamp, a Bates number, garbage glyphs) stay in `pages.text`
 * for search: judged on those, every rule would be "not addressed" instead of "needs OCR".
 */
export function loadTexts(db: Db, documentId: string): string[] {
  return db
    .prepare<[string], { text: string }>(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM page_ocr o WHERE o.document_id = p.document_id AND o.page_index = p.page_index AND o.source = 'none') THEN '' ELSE p.text END AS text
       FROM pages p WHERE p.document_id = ? ORDER BY p.page_index`,
    )
    .all(documentId)
    .map((r) => r.text);
}

export function loadPages(db: Db, documentId: string): { texts: string[]; items: PageItems[] } {
  const rows = db.prepare<[string], { text: string; items: string }>('SELECT text, items FROM pages WHERE document_id = ? ORDER BY page_index').all(documentId);
  return { texts: rows.map((r) => r.text), items: rows.map((r) => JSON.parse(r.items) as PageItems) };
}

/**
 * The text of every page, and a way to the item boxes of just the pages asked for. A carry draws
 * boxes on the few pages its highlights land on; parsing every page's boxes for each page OCR
 * read again made a `--redo` of an annotated scan quadratic in its pages.
 */
export function loadPagesLazily(db: Db, documentId: string): { texts: string[]; itemsFor: (fromPage: number, toPage: number) => PageItems[] } {
  const texts = db.prepare<[string], { text: string }>('SELECT text FROM pages WHERE document_id = ? ORDER BY page_index').all(documentId).map((r) => r.text);
  const one = db.prepare<[string, number], { items: string }>('SELECT items FROM pages WHERE document_id = ? AND page_index = ?');
  // Sparse: an index never asked for is never read; rectsFor reads only the pages in its range.
  const items: PageItems[] = [];
  return {
    texts,
    itemsFor(fromPage, toPage) {
      for (let p = Math.max(0, fromPage); p <= toPage && p < texts.length; p++) {
        const row = items[p] === undefined ? one.get(documentId, p) : undefined;
        if (row) items[p] = JSON.parse(row.items) as PageItems;
      }
      return items;
    },
  };
}
