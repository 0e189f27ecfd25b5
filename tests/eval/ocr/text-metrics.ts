// Character and word error rates of OCR text against a reference text layer.
// Both sides are normalised the same way before comparing, so that what differs is what a
// reader (or search, or pre-review) would see differ, not how a PDF happens to encode it:
//   - Unicode NFKC (ligatures such as "ﬁ" become "fi", full-width forms become ASCII);
//   - typographic quotes become ' and ", every dash and minus becomes "-", soft hyphens go;
//   - list-bullet glyphs (• ▪ ● ◦ ■ □ ➢ ) go (a text layer has them as symbols, OCR as "e" or
//     "«" or nothing: neither is text a reviewer reads);
//   - drawn rules and leaders go: a run of three or more underscores, dots, dashes, equals signs
//     or tildes (a text layer may store a rule as 84 underscores or a table of contents' dot
//     leader as dots; OCR sees a line, not characters);
//   - a "word" made only of such filler or of bars ("." for a bullet, "-" between a running
//     footer's parts, "|" for a table border) goes: it holds no letter, digit or sign a reader reads;
//   - white space before closing punctuation (, . ; : ! ? ) ]) and after opening brackets goes:
//     a text layer often stores a label and its colon as two items joined by a space
//     ("Injury :"), which the printed page does not show; no word changes;
//   - every run of whitespace (spaces, line and paragraph breaks, tabs) becomes one space.
// Case, punctuation and digits are kept: "Shall" vs "shall" and "1.6.01" vs "1.6.0l" count.
//
// Two families of measures:
//   - ordered (charErrors, wordErrors): edit distance of the texts as read, so a header that
//     OCR places after the body, or columns read in another order, count as errors although
//     every word is right. This is what a quoted passage or a phrase search sees.
//   - order-free (bagOfWordsErrors, orderFreeCharErrors): words matched as multisets first, so
//     only words misread, missed or invented count, wherever they sit on the page. Bag-of-words
//     WER is the measure of Rice's ISRI OCR evaluations ("non-stopword / word accuracy" is
//     order-independent there); the order-free CER counts the character edits among the words
//     left unmatched (kept in reading order), which is where misread letters are.
export function normaliseText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/\u00AD/g, '')
    .replace(/[\u2022\u2023\u2043\u2219\u25AA\u25AB\u25CF\u25CB\u25E6\u25A0\u25A1\u27A2\u2713\u2714\uF0B7\uF0A7\uF0D8\uF076]/g, ' ')
    .replace(/(?:_{3,}|\.{3,}|(?:\. ){2,}\.|-{3,}|={3,}|~{3,})/g, ' ')
    .replace(/[ \t]+(?=[,.;:!?)\]](?:\s|$))/g, '')
    .replace(/(?<=[([])\s+/g, '')
    .split(/\s+/)
    .filter((w) => !/^[._\-=~*|·]+$/.test(w))
    .join(' ')
    .trim();
}

export const words = (normalised: string): string[] => (normalised ? normalised.split(' ') : []);

/** Levenshtein distance between two sequences of small integers (two rows, O(n·m) time). */
function editDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

export interface ErrorCount {
  /** edits needed to turn the OCR text into the reference */
  edits: number;
  /** length of the reference (characters or words): the rate's denominator */
  length: number;
}

const codes = (s: string) => Uint32Array.from(s, (ch) => ch.codePointAt(0)!);

export function charErrors(reference: string, ocr: string): ErrorCount {
  const rc = codes(normaliseText(reference));
  return { edits: editDistance(rc, codes(normaliseText(ocr))), length: rc.length };
}

export function wordErrors(reference: string, ocr: string): ErrorCount {
  const ids = new Map<string, number>();
  const id = (w: string) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1);
  const r = words(normaliseText(reference)).map(id);
  const o = words(normaliseText(ocr)).map(id);
  return { edits: editDistance(r, o), length: r.length };
}

/**
 * The words of each side that the other side lacks, as multisets, each in its own reading order.
 * A word matches the same word anywhere on the page, once per occurrence.
 */
function unmatchedWords(r: string[], o: string[]): { r: string[]; o: string[] } {
  const left = new Map<string, number>();
  for (const w of o) left.set(w, (left.get(w) ?? 0) + 1);
  const restR: string[] = [];
  for (const w of r) {
    const n = left.get(w) ?? 0;
    if (n > 0) left.set(w, n - 1);
    else restR.push(w);
  }
  const restO: string[] = [];
  for (let i = o.length - 1; i >= 0; i--) {
    const w = o[i]!;
    const n = left.get(w) ?? 0;
    if (n > 0) {
      restO.push(w);
      left.set(w, n - 1);
    }
  }
  return { r: restR, o: restO.reverse() };
}

/**
 * Bag-of-words errors: the reference's and the OCR's words matched as multisets; each word left
 * over on the longer side is one error (a left-over pair is one substitution, the surplus are
 * insertions or deletions). Reading order does not count. Never more than wordErrors.
 */
export function bagOfWordsErrors(reference: string, ocr: string): ErrorCount {
  const r = words(normaliseText(reference));
  const o = words(normaliseText(ocr));
  const u = unmatchedWords(r, o);
  return { edits: Math.max(u.r.length, u.o.length), length: r.length };
}

/**
 * Order-free character errors: the words matched as multisets cost nothing wherever they are; the
 * character edit distance between the words left over on each side (each side's leftovers joined
 * by spaces, in reading order) is the count. A misread "wam" for "warn" costs 2 as in charErrors;
 * a header placed after the body costs 0; "onthe" for "on the" costs 1.
 */
export function orderFreeCharErrors(reference: string, ocr: string): ErrorCount {
  const rn = normaliseText(reference);
  const u = unmatchedWords(words(rn), words(normaliseText(ocr)));
  return { edits: editDistance(codes(u.r.join(' ')), codes(u.o.join(' '))), length: codes(rn).length };
}

/** Summed edits over summed reference length: long pages weigh more, as they hold more text. */
export function rate(counts: ErrorCount[]): number {
  const len = counts.reduce((s, c) => s + c.length, 0);
  return len === 0 ? 0 : counts.reduce((s, c) => s + c.edits, 0) / len;
}
