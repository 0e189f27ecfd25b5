// Case-wide full-text search: SQLite FTS5 over page text, ranked by bm25, with snippets.
// People type words, not FTS syntax: plain words are each quoted (so "force-on-force" or
// "300.5" just work); a query that uses FTS syntax ("exact phrase", OR, NEAR, prefix*) is
// passed as written and, if FTS5 cannot parse it, tried once more with every word quoted.
import type { ParsedInput } from '../../../shared/contract.ts';
import type { SearchHit } from '../../../shared/schemas/document.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import type { CasesService } from '../cases/cases-service.ts';

interface HitRow {
  document_id: string;
  title: string;
  page_index: number;
  snippet: string;
  score: number;
}

export const quoteEveryWord = (q: string): string =>
  q
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w) && !/^(AND|OR|NOT|NEAR)$/.test(w))
    .map((w) => `"${w}"`)
    .join(' ');

export function createSearchService(ctx: ServiceContext, cases: CasesService) {
  const stmt = ctx.db.prepare<[string, string, number], HitRow>(`
    SELECT p.document_id, d.title, p.page_index,
           snippet(pages_fts, 0, '[[', ']]', '…', 16) AS snippet,
           bm25(pages_fts) AS score
    FROM pages_fts
    JOIN pages p ON p.id = pages_fts.rowid
    JOIN documents d ON d.id = p.document_id
    WHERE pages_fts MATCH ?
      AND p.document_id IN (SELECT document_id FROM case_documents WHERE case_id = ?)
    ORDER BY score
    LIMIT ?`);

  const run = (q: string, caseId: string, limit: number): SearchHit[] =>
    stmt.all(q, caseId, limit).map((r) => ({
      documentId: r.document_id,
      documentTitle: r.title,
      page: r.page_index + 1,
      snippet: r.snippet.replace(/\s+/g, ' ').trim(),
      score: r.score,
    }));

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
