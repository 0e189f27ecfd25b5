// A document's page text and text-item boxes, as the extractor stored them.
import type { PageItems } from '../../../shared/domain/anchoring.ts';
import type { Db } from '../../db/open.ts';

/** Only the text: what the lint reads (parsing every page's item boxes would be wasted work). */
export function loadTexts(db: Db, documentId: string): string[] {
  return db.prepare<[string], { text: string }>('SELECT text FROM pages WHERE document_id = ? ORDER BY page_index').all(documentId).map((r) => r.text);
}

export function loadPages(db: Db, documentId: string): { texts: string[]; items: PageItems[] } {
  const rows = db.prepare<[string], { text: string; items: string }>('SELECT text, items FROM pages WHERE document_id = ? ORDER BY page_index').all(documentId);
  return { texts: rows.map((r) => r.text), items: rows.map((r) => JSON.parse(r.items) as PageItems) };
}
