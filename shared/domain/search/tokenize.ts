// One tokenisation for the case search and the viewer's find, so both count the same matches.
// It reproduces the search index's tokenizer (SQLite FTS5 `porter unicode61 remove_diacritics 2`,
// migration 002): a word is a run of letters, digits and private-use characters (plus combining
// marks inside it), folded to lower case without diacritics, then Porter-stemmed when it is 3 to
// 64 UTF-8 bytes long. tests/unit/domain/search-tokenize.test.ts checks it against FTS5 itself.
import { stemmer } from 'stemmer';

export interface Token {
  /** Offsets into the text, in UTF-16 code units (what String#slice and DOM offsets count). */
  start: number;
  end: number;
  /** The folded, stemmed form the index stores. */
  term: string;
}

const WORD_CHAR = /[\p{L}\p{N}\p{Co}]/u;
const MARK = /\p{Mn}/u;
const MARKS = /\p{M}/gu;
// Ligatures (ﬁ, ﬂ, ﬀ …): the extractor's pdf.js normalises them and the viewer's text layer does
// not, so both are folded to their letters here.
const LIGATURE = /[\uFB00-\uFB06]/u;

/** One character as the index stores it: lower case, no diacritics ("É" → "e"). */
function fold(ch: string): string {
  const base = LIGATURE.test(ch) ? ch.normalize('NFKC') : ch;
  return base.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** UTF-8 length, as FTS5 measures a token (it stems only tokens of 3 to 64 bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) (n += 4), i++;
    else n += 3;
  }
  return n;
}

// A policy uses a few thousand distinct words many times over: each is stemmed once. Bounded,
// so a hostile page of unique nonsense words cannot grow it without end.
const STEMS = new Map<string, string>();
const MAX_STEMS = 100_000;

/** The index's term for one folded word. */
export function stem(folded: string): string {
  const n = utf8Length(folded);
  if (n < 3 || n > 64) return folded;
  let s = STEMS.get(folded);
  if (s === undefined) {
    if (STEMS.size >= MAX_STEMS) STEMS.clear();
    s = stemmer(folded);
    STEMS.set(folded, s);
  }
  return s;
}

/** Every word of `text` with its offsets and the term the index keeps for it. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let start = -1;
  let folded = '';
  let end = 0;
  const close = () => {
    if (start >= 0) out.push({ start, end, term: stem(folded) });
    start = -1;
    folded = '';
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    // Plain ASCII, most of any policy: letters and digits without the Unicode machinery.
    if (cp < 0x80) {
      const alnum = (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
      if (alnum) {
        if (start < 0) start = i;
        folded += cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : text[i];
        end = i + 1;
      } else close();
      i++;
      continue;
    }
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    if (WORD_CHAR.test(ch) || (start >= 0 && MARK.test(ch))) {
      if (start < 0) start = i;
      folded += fold(ch);
      end = next;
    } else close();
    i = next;
  }
  close();
  return out;
}

/** What to look for: a run of consecutive terms (one for a word, several for a phrase). */
export interface Pattern {
  terms: string[];
  /** `polic*`: the last term only has to start with the given one. */
  prefix: boolean;
}

const OPERATOR = /^(AND|OR|NOT|NEAR)$/;

/**
 * The words and phrases of a search as a person typed it, FTS5 syntax included: quoted phrases,
 * `prefix*`, `NEAR(a b, 5)`, and words after NOT (which are not looked for).
 */
export function parseQuery(query: string): Pattern[] {
  const out: Pattern[] = [];
  const add = (text: string, prefix: boolean) => {
    const terms = tokenize(text).map((t) => t.term);
    if (terms.length) out.push({ terms, prefix: prefix && terms.length > 0 });
  };
  // NEAR's distance is a number of words, not something to find.
  const q = query.replace(/,\s*\d+\s*\)/g, ')');
  let skipNext = false;
  for (const m of q.matchAll(/"([^"]*)"(\*)?|([^\s"()]+)/g)) {
    if (m[1] !== undefined) {
      if (!skipNext) add(m[1], m[2] === '*');
      skipNext = false;
      continue;
    }
    let word = m[3]!;
    if (OPERATOR.test(word)) {
      skipNext = word === 'NOT';
      continue;
    }
    if (skipNext) {
      skipNext = false;
      continue;
    }
    word = word.replace(/^[\w-]*:/u, '').replace(/^\^/, '');
    const prefix = word.endsWith('*');
    add(word.replace(/\*+$/, ''), prefix);
  }
  return out;
}

export interface Match {
  start: number;
  end: number;
}

/** Where the patterns occur in `text`: whole words, earliest and longest first, never overlapping. */
export function findMatches(text: string, patterns: Pattern[], tokens: Token[] = tokenize(text)): Match[] {
  const out: Match[] = [];
  if (patterns.length === 0) return out;
  const byLength = [...patterns].sort((a, b) => b.terms.length - a.terms.length);
  for (let i = 0; i < tokens.length; ) {
    const hit = byLength.find((p) =>
      p.terms.every((term, k) => {
        const t = tokens[i + k];
        if (!t) return false;
        return p.prefix && k === p.terms.length - 1 ? t.term.startsWith(term) : t.term === term;
      }),
    );
    if (!hit) {
      i++;
      continue;
    }
    out.push({ start: tokens[i]!.start, end: tokens[i + hit.terms.length - 1]!.end });
    i += hit.terms.length;
  }
  return out;
}

/** How many times the query's words and phrases occur in `text`. */
export const countMatches = (text: string, query: string): number => findMatches(text, parseQuery(query)).length;
