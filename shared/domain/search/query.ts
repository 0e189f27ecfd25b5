// What a search typed by a person looks for, in the index (the FTS5 query) and in a page's text
// (the patterns the viewer's find and the hit counts use): both from here, so they agree.
// Plain words are searched as words (all of them, any order), each in both its closed and open
// spelling (compounds.ts); a query that uses FTS5 syntax is taken as written.
import { parseQuery, tokenize, type Pattern } from './tokenize.ts';
import { otherForm } from './compounds.ts';

const OPERATOR = /^(AND|OR|NOT|NEAR)$/;
// What the index counts as a word: letters, digits and marks, joined by inner hyphens, dots or
// apostrophes ("force-on-force", "300.5", "officer's"); FTS5's tokenizer splits the rest.
const WORD = /[\p{L}\p{N}\p{M}]+(?:[-.'’][\p{L}\p{N}\p{M}]+)*/gu;

/** Whether the query is FTS5 syntax (quotes, operators, prefixes, columns), taken as written. */
export const usesSyntax = (q: string): boolean => /["()*^:{}+]|\b(AND|OR|NOT|NEAR)\b/.test(q);

const plainWords = (q: string): string[] => (q.match(WORD) ?? []).filter((w) => !OPERATOR.test(w));

/**
 * The query's words, each quoted (so FTS5 reads none as syntax), a compound with its other
 * spelling: `chokehold use` → `("chokehold" OR "choke hold") AND "use"` (FTS5 ANDs bare phrases
 * by itself, but not a group in parentheses).
 */
export function plainFtsQuery(q: string): string {
  return plainWords(q)
    .map((w) => {
      const other = otherForm(w);
      return other ? `("${w}" OR "${other}")` : `"${w}"`;
    })
    .join(' AND ');
}

/** The FTS5 query for what was typed. Empty when there is nothing to look for. */
export const ftsQueryFor = (q: string): string => (usesSyntax(q) ? q : plainFtsQuery(q));

/** What the query finds in a page's text: its words and phrases, and a plain word's other spelling. */
export function patternsFor(q: string): Pattern[] {
  const patterns = parseQuery(q);
  if (usesSyntax(q)) return patterns;
  for (const w of plainWords(q)) {
    const other = otherForm(w);
    const ts = other ? tokenize(other).map((t) => t.term) : [];
    if (ts.length > 0) patterns.push({ terms: ts, prefix: false });
  }
  return patterns;
}
