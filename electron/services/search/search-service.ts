// Case-wide full-text search: SQLite FTS5 over page text, ranked by bm25, with snippets.
// People type words, not FTS syntax: plain words are each quoted (so "force-on-force" or
// "300.5" just work); a query that uses FTS syntax ("exact phrase", OR, NEAR, prefix*) is
// passed as written and, if FTS5 cannot parse it, tried once more with every word quoted.
//
// Two phases keep common words fast: first rank every match by bm25 alone (no joins, no
// snippets), limited to the case by rowid ranges; then build snippets and titles for the top hits only.
// A document's pages are inserted in page order, so their rowids usually form one run; but they
// are staged a slice per transaction (012_document_staging), so two imports at once interleave
// them: a document whose first and last page are further apart than its page count is limited to
// its own runs of rowids, never to the span (which holds the other document's pages).
import type { ParsedInput } from '../../../shared/contract.ts';
import type { SearchHit } from '../../../shared/schemas/document.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import type { CasesService } from '../cases/cases-service.ts';
import { countMatches, type Pattern } from '../../../shared/domain/search/tokenize.ts';
import { ftsQueryFor, patternsFor, plainFtsQuery } from '../../../shared/domain/search/query.ts';
import { scannerTextSql } from '../documents/scanner-text-sql.ts';

interface HitRow {
  id: number;
  document_id: string;
  title: string;
  page_index: number;
  snippet: string;
  text: string;
  ocr: number;
  scanner: number;
}


/** The query as a person typed it, safe to repeat in a message: one line, no controls, short. */
const shown = (q: string): string => {
  const one = q.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069`]/g, ' ').replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
};

const UNMATCHED = 'it has an opening quote (") without a closing one';

// FTS5's own complaints, in a reviewer's words.
function whyUnreadable(q: string, ftsMessage: string): string {
  if ((q.match(/"/g) ?? []).length % 2 === 1) return UNMATCHED;
  if (/unknown special query/i.test(ftsMessage) || /(^|[^\p{L}\p{N}])\*/u.test(q)) return 'a * goes at the end of a word, to find every word starting with it (polic* finds police and policy)';
  if (/expected integer/i.test(ftsMessage)) return 'NEAR(word word, N) needs N to be a number of words';
  if (/no such column/i.test(ftsMessage) || /:/.test(q)) return 'a word followed by : names a column, and the pages have none by that name';
  if (/\b(AND|OR|NOT|NEAR)\b/.test(q)) return 'AND, OR, NOT and NEAR are operators and need words on both sides';
  return 'it has no words or numbers to look for';
}

const unreadable = (q: string, why: string) =>
  why === UNMATCHED
    ? new ServiceError('invalid_input', `Search could not read \`${shown(q)}\`: ${why}. Add the closing quote to search for an exact phrase, or remove it.`, { query: 'Unmatched quote.' })
    : new ServiceError('invalid_input', `Search could not read \`${shown(q)}\`: ${why}; put words in quotes to search them literally ("like this").`, { query: why });

// Errors in the MATCH expression come back as SQLITE_ERROR; a busy or damaged database does not.
const isQueryError = (err: unknown): err is Error => err instanceof Error && (err as { code?: string }).code === 'SQLITE_ERROR';

export function createSearchService(ctx: ServiceContext, cases: CasesService) {
  const { db } = ctx;
  // Two index lookups per document (first and last page), never a scan of the pages.
  const ranges = db.prepare<[string], { id: string; lo: number; hi: number; n: number }>(`
    SELECT d.id, (SELECT id FROM pages WHERE document_id = d.id AND page_index = 0) AS lo,
           (SELECT id FROM pages WHERE document_id = d.id AND page_index = d.page_count - 1) AS hi,
           d.page_count AS n
    FROM case_documents cd JOIN documents d ON d.id = cd.document_id
    WHERE cd.case_id = ? ORDER BY lo`);
  const pageIds = db.prepare<[string], number>('SELECT id FROM pages WHERE document_id = ? ORDER BY id').pluck();
  // Every document, staged ones too: their pages are in the index already, and belong to no case yet.
  const totalPages = db.prepare<[], { n: number }>('SELECT coalesce(sum(page_count), 0) AS n FROM documents');
  const details = (n: number) =>
    db.prepare<unknown[], HitRow>(`
      SELECT pages_fts.rowid AS id, p.document_id, d.title, p.page_index,
             snippet(pages_fts, 0, '[[', ']]', '…', 16) AS snippet, p.text,
             EXISTS (SELECT 1 FROM page_ocr o WHERE o.document_id = p.document_id AND o.page_index = p.page_index AND o.source = 'ocr') AS ocr,
             ${scannerTextSql('p.document_id', 'p.page_index', 'p.page_index')} AS scanner
      FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid JOIN documents d ON d.id = p.document_id
      WHERE pages_fts MATCH ? AND pages_fts.rowid IN (${Array(n).fill('?').join(',')})`);

  function run(q: string, caseId: string, limit: number, patterns: Pattern[]): SearchHit[] {
    const docs = ranges.all(caseId);
    if (docs.length === 0) return [];
    const casePages = docs.reduce((s, d) => s + d.n, 0);
    // Merge adjacent ranges; no filter at all when the case holds every page of the workspace.
    const runs: Array<[number, number]> = [];
    for (const d of docs) {
      if (d.lo !== null && d.hi !== null && d.hi - d.lo + 1 === d.n) runs.push([d.lo, d.hi]);
      else for (const id of pageIds.all(d.id)) (runs.at(-1)?.[1] === id - 1 ? (runs.at(-1)![1] = id) : runs.push([id, id]));
    }
    runs.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [lo, hi] of runs) {
      const last = merged.at(-1);
      if (last && lo === last[1] + 1) last[1] = hi;
      else merged.push([lo, hi]);
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
      return { documentId: h.document_id, documentTitle: h.title, page: h.page_index + 1, snippet: h.snippet.replace(/\s+/g, ' ').trim(), score: r.score, matches: countMatches(h.text, patterns), ocr: h.ocr === 1, scannerText: h.scanner === 1 };
    });
  }

  return {
    query(input: ParsedInput<'search.query'>): SearchHit[] {
      cases.get(input.caseId);
      // Plain words are searched as words (all of them, any order, compounds both ways); FTS
      // syntax only when the query uses it. The patterns that count a page's matches come from
      // the same query (shared/domain/search/query.ts), as the viewer's find does.
      const q = ftsQueryFor(input.query);
      if (!q) throw unreadable(input.query, whyUnreadable(input.query, ''));
      const patterns = patternsFor(input.query);
      try {
        return run(q, input.caseId, input.limit, patterns);
      } catch (err) {
        if (!isQueryError(err)) throw err;
        // FTS5 could not parse it: an unmatched quote is a mistake to point out; anything else is
        // searched as its plain words, and explained only when there are none.
        const safe = plainFtsQuery(input.query);
        if (!safe || (input.query.match(/"/g) ?? []).length % 2 === 1) throw unreadable(input.query, whyUnreadable(input.query, err.message));
        try {
          return run(safe, input.caseId, input.limit, patterns);
        } catch (again) {
          if (isQueryError(again)) throw unreadable(input.query, whyUnreadable(input.query, again.message));
          throw again;
        }
      }
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
