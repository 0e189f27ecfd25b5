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

const asciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** The term of a word no pattern can match: no term starts with this character. */
const UNMATCHABLE = '\u0000';

/**
 * Every word of `text` with its offsets and the term the index keeps for it.
 * `wanted`: only words whose folded form starts with one of these characters are stemmed, the
 * rest get a term that matches nothing. Stemming keeps a word's first character (it changes only
 * endings), so counting a query's matches needs no other stems: that work was most of the time.
 */
export function tokenize(text: string, wanted?: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  let start = -1;
  let folded = '';
  let end = 0;
  // A word no pattern can match is not folded past its first character.
  let skip = false;
  const add = (piece: string, at: number) => {
    if (start < 0) {
      start = at;
      skip = !!wanted && !wanted.has(piece[0]!);
    }
    if (!skip) folded += piece;
  };
  const close = () => {
    if (start >= 0) out.push({ start, end, term: skip ? UNMATCHABLE : stem(folded) });
    start = -1;
    folded = '';
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    // Plain ASCII, most of any policy: letters and digits without the Unicode machinery, a run
    // at a time (search counts the matches on 50 pages for every query).
    if (cp < 0x80) {
      if (asciiAlnum(cp)) {
        let j = i + 1;
        while (j < text.length && asciiAlnum(text.charCodeAt(j))) j++;
        add(skip && start >= 0 ? '' : text.slice(i, j).toLowerCase(), i);
        end = j;
        i = j;
      } else {
        close();
        i++;
      }
      continue;
    }
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    if (WORD_CHAR.test(ch) || (start >= 0 && MARK.test(ch))) {
      add(skip && start >= 0 ? '' : fold(ch), i);
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

/** How many times the patterns occur in `text`: findMatches(text, patterns).length, with fewer words stemmed. */
export function countMatches(text: string, patterns: Pattern[]): number {
  if (patterns.length === 0) return 0;
  const firsts = new Set(patterns.flatMap((p) => p.terms.map((t) => t[0]!)));
  return findMatches(text, patterns, tokenize(text, firsts)).length;
}
