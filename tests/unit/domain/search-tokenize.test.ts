// The viewer's find and the case search share one tokenisation (shared/domain/search/tokenize.ts);
// here it is checked against SQLite FTS5 itself, with the index's own tokenizer, on text written to
// trip it: hyphens, apostrophes, diacritics, plurals, and "chokehold" beside "choke hold".
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { countMatches, findMatches, parseQuery, tokenize } from '../../../shared/domain/search/tokenize.ts';
import { ftsQueryFor, patternsFor } from '../../../shared/domain/search/query.ts';

// The tokenizer of migration 002's pages_fts, on an in-memory database (no file to clean up).
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
afterAll(() => db.close());

const TEXTS = [
  'Chokeholds are prohibited. A chokehold, or choke hold, is deadly force; choke-holds too.',
  'The officer’s duty: officers shall intervene. The officer\'s report follows; OFFICERS\' reports.',
  'Force-on-force training, de-escalation and re-\nevaluation of use-of-force policies (Policy 300.3.4).',
  'Café détente, Peña, NAÏVE résumé and façade: diacritics are ignored by the index.',
  'Holding, held, holds; restraint, restraints, restrained; policy, policies; justified, justify.',
  'Vascular neck restraint (LVNR/carotid) § 2(c) — 21st-century e-mail o’clock 5.56mm x2.',
];

function ftsTerms(text: string): string[] {
  db.prepare('DELETE FROM t').run();
  db.prepare('INSERT INTO t (rowid, x) VALUES (1, ?)').run(text);
  return (db.prepare('SELECT term FROM v ORDER BY "offset"').all() as Array<{ term: string }>).map((r) => r.term);
}

/** FTS5's highlight() of `query` in `text`, with [ ] around each match. */
function ftsHighlight(text: string, query: string): string | null {
  db.prepare('DELETE FROM t').run();
  db.prepare('INSERT INTO t (rowid, x) VALUES (1, ?)').run(text);
  const row = db.prepare("SELECT highlight(t, 0, '[', ']') AS h FROM t WHERE t MATCH ?").get(query) as { h: string } | undefined;
  return row?.h ?? null;
}

function ourHighlight(text: string, query: string): string | null {
  const ms = findMatches(text, patternsFor(query));
  if (ms.length === 0) return null;
  let out = '';
  let at = 0;
  for (const m of ms) {
    out += `${text.slice(at, m.start)}[${text.slice(m.start, m.end)}]`;
    at = m.end;
  }
  return out + text.slice(at);
}

describe('one tokenisation for the case search and find in document', () => {
  it.each(TEXTS)('gives the index’s own terms, in order: %s', (text) => {
    expect(tokenize(text).map((t) => t.term)).toEqual(ftsTerms(text));
  });

  const QUERIES = ['chokehold', 'choke', 'hold', 'officer', 'officers', 'force', 'policy', 'cafe', 'CAFÉ', 'naive', 'restraint', 'justify', 'evaluation', '300', 'polic*', 'e', '"choke hold"', '"use of force"', 'de-escalation', 'deescalation'];
  // The case search asks FTS5 the query ftsQueryFor makes of what was typed; the viewer's find looks
  // for patternsFor's patterns: the same words, at the same characters.
  it.each(QUERIES)('finds the same words as FTS5, at the same characters: %s', (query) => {
    for (const text of TEXTS) expect(ourHighlight(text, query), text).toBe(ftsHighlight(text, ftsQueryFor(query)));
  });

  it.each(QUERIES)('counts as many matches as it finds, stemming only the words that could match: %s', (query) => {
    const patterns = patternsFor(query);
    for (const text of [...TEXTS, TEXTS.join(' ').toUpperCase()]) expect(countMatches(text, patterns), text).toBe(findMatches(text, patterns).length);
  });

  it('counts "chokehold" where a reviewer would: the word, its plural, and the same word written open ("choke hold", "choke-holds")', () => {
    const text = TEXTS[0]!;
    expect(countMatches(text, patternsFor('chokehold'))).toBe(4);
    expect(findMatches(text, patternsFor('chokehold')).map((m) => text.slice(m.start, m.end))).toEqual(['Chokeholds', 'chokehold', 'choke hold', 'choke-holds']);
    // A phrase in quotes is FTS5 syntax, taken as written: the open form only.
    expect(findMatches(text, patternsFor('"choke hold"')).map((m) => text.slice(m.start, m.end))).toEqual(['choke hold', 'choke-holds']);
    // "de-escalation" (two terms in the index) and "deescalation" (one) find each other.
    const both = 'De-escalation first; deescalation always.';
    expect(findMatches(both, patternsFor('de-escalation')).map((m) => both.slice(m.start, m.end))).toEqual(['De-escalation', 'deescalation']);
    expect(ftsHighlight(both, ftsQueryFor('deescalation'))).toBe('[De-escalation] first; [deescalation] always.');
    // With other words, every word must still be on the page (FTS5 would not AND a group by itself).
    expect(ftsQueryFor('chokeholds force')).toBe('("chokeholds" OR "choke hold") AND "force"');
    expect(ftsHighlight(text, ftsQueryFor('chokeholds force'))).toBe('[Chokeholds] are prohibited. A [chokehold], or [choke hold], is deadly [force]; [choke-holds] too.');
    expect(ftsHighlight(TEXTS[2]!, ftsQueryFor('chokeholds force'))).toBeNull();
  });

  it('reads FTS5 syntax as its words: phrases, prefixes, NEAR, and no words after NOT', () => {
    expect(parseQuery('"deadly force" OR chokehold*')).toEqual([
      { terms: ['deadli', 'forc'], prefix: false },
      { terms: ['chokehold'], prefix: true },
    ]);
    expect(parseQuery('NEAR(choke hold, 3)').map((p) => p.terms)).toEqual([['choke'], ['hold']]);
    expect(parseQuery('restraint NOT canine').map((p) => p.terms)).toEqual([['restraint']]);
  });

  it('keeps offsets into the original text when a folded letter changes length (ligatures, diacritics)', () => {
    const text = 'The ﬁrearm, the Café.';
    expect(tokenize(text).map((t) => [text.slice(t.start, t.end), t.term])).toEqual([
      ['The', 'the'],
      ['ﬁrearm', 'firearm'],
      ['the', 'the'],
      ['Café', 'cafe'],
    ]);
  });
});
