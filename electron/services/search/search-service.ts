// Case-wide full-text search: SQLite FTS5 over page text, ranked by bm25, with snippets.
// People type words, not FTS syntax: plain words are each quoted (so "force-on-force" or
// "300.5" just work); a query that uses FTS syntax ("exact phrase", OR, NEAR, prefix*) is
// passed as written and, if FTS5 cannot parse it, tried once more with every word quoted.
//
// Two phases keep common words fast: first rank every match by bm25 alone (no joins, no
// snippets), limited to the case by rowid ranges — a document's pages are inserted in one
// transaction, so their rowids are contiguous; then build snippets and titles for the top hits only.
import type { ParsedInput } from '../../../shared/contract.ts';
import type { SearchHit } from '../../../shared/schemas/document.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import type { CasesService } from '../cases/cases-service.ts';

interface HitRow {
  id: number;
  document_id: string;
  title: string;
  page_index: number;
  snippet: string;
}

const OPERATOR = /^(AND|OR|NOT|NEAR)$/;

export const quoteEveryWord = (q: string): string =>
  q
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w) && !OPERATOR.test(w))
    .map((w) => `"${w}"`)
    .join(' ');

export function createSearchService(ctx: ServiceContext, cases: CasesService) {
  const { db } = ctx;
  // Two index lookups per document (first and last page), never a scan of the pages.
  const ranges = db.prepare<[string], { lo: number; hi: number; n: number }>(`
    SELECT (SELECT id FROM pages WHERE document_id = d.id AND page_index = 0) AS lo,
           (SELECT id FROM pages WHERE document_id = d.id AND page_index = d.page_count - 1) AS hi,
           d.page_count AS n
    FROM case_documents cd JOIN documents d ON d.id = cd.document_id
    WHERE cd.case_id = ? ORDER BY lo`);
  const totalPages = db.prepare<[], { n: number }>('SELECT coalesce(sum(page_count), 0) AS n FROM documents');
  const details = (n: number) =>
    db.prepare<unknown[], HitRow>(`
      SELECT pages_fts.rowid AS id, p.document_id, d.title, p.page_index,
             snippet(pages_fts, 0, '[[', ']]', '…', 16) AS snippet
      FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid JOIN documents d ON d.id = p.document_id
      WHERE pages_fts MATCH ? AND pages_fts.rowid IN (${Array(n).fill('?').join(',')})`);

  function run(q: string, caseId: string, limit: number): SearchHit[] {
    const docs = ranges.all(caseId);
    if (docs.length === 0) return [];
    const casePages = docs.reduce((s, d) => s + d.n, 0);
    // Merge adjacent ranges; no filter at all when the case holds every page of the workspace.
    const merged: Array<[number, number]> = [];
    for (const d of docs) {
      const last = merged.at(-1);
      if (last && d.lo === last[1] + 1) last[1] = d.hi;
      else merged.push([d.lo, d.hi]);
    }
    const everything = casePages === totalPages.get()!.n;
    const filter = everything ? '' : `AND (${merged.map(() => 'rowid BETWEEN ? AND ?').join(' OR ')})`;
    const ranked = db
      .prepare<unknown[], { id: number; score: number }>(
        `SELECT rowid AS id, bm25(pages_fts) AS score FROM pages_fts WHERE pages_fts MATCH ? ${filter} ORDER BY score LIMIT ?`,
      )
      .all(q, ...(everything ? [] : merged.flat()), limit);
    if (ranked.length === 0) return [];
    const byId = new Map(details(ranked.length).all(q, ...ranked.map((r) => r.id)).map((r) => [r.id, r]));
    return ranked.map((r) => {
      const h = byId.get(r.id)!;
      return { documentId: h.document_id, documentTitle: h.title, page: h.page_index + 1, snippet: h.snippet.replace(/\s+/g, ' ').trim(), score: r.score };
    });
  }

  return {
    query(input: ParsedInput<'search.query'>): SearchHit[] {
      cases.get(input.caseId);
      // Plain words are searched as words (all of them, any order); FTS syntax only when the query uses it.
      const usesSyntax = /["()*^:]|\b(AND|OR|NOT|NEAR)\b/.test(input.query);
      const q = usesSyntax ? input.query : quoteEveryWord(input.query);
      if (!q) throw new ServiceError('invalid_input', 'Search for at least one word or number.', { query: 'No words to search for.' });
      try {
        return run(q, input.caseId, input.limit);
      } catch (err) {
        if (!(err instanceof Error) || !/fts5|syntax|unterminated|no such column/i.test(err.message)) throw err;
        const quotes = (input.query.match(/"/g) ?? []).length;
        if (quotes % 2 === 1) {
          throw new ServiceError('invalid_input', 'Your search has an opening quote (") without a closing one. Add the closing quote to search for an exact phrase, or remove it.', {
            query: 'Unmatched quote.',
          });
        }
        const safe = quoteEveryWord(input.query);
        if (!safe) throw new ServiceError('invalid_input', 'Search for at least one word or number.', { query: 'No words to search for.' });
        return run(safe, input.caseId, input.limit);
      }
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
