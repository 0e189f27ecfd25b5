// Character and word error rates of OCR text against a reference text layer.
// Both sides are normalised the same way before comparing, so that what differs is what a
// reader (or search, or pre-review) would see differ, not how a PDF happens to encode it:
//   - Unicode NFKC (ligatures such as "ﬁ" become "fi", full-width forms become ASCII);
//   - typographic quotes become ' and ", every dash and minus becomes "-", soft hyphens go;
//   - list-bullet glyphs (• ▪ ● ◦ ■ □ ➢ ) go (a text layer has them as symbols, OCR as "e" or
//     "«" or nothing: neither is text a reviewer reads);
//   - every run of whitespace (spaces, line and paragraph breaks, tabs) becomes one space.
// Case, punctuation and digits are kept: "Shall" vs "shall" and "1.6.01" vs "1.6.0l" count.
export function normaliseText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/\u00AD/g, '')
    .replace(/[\u2022\u2023\u2043\u2219\u25AA\u25AB\u25CF\u25CB\u25E6\u25A0\u25A1\u27A2\u2713\u2714\uF0B7\uF0A7\uF0D8\uF076]/g, ' ')
    .replace(/\s+/g, ' ')
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

export function charErrors(reference: string, ocr: string): ErrorCount {
  const r = normaliseText(reference), o = normaliseText(ocr);
  const codes = (s: string) => Uint32Array.from(s, (ch) => ch.codePointAt(0)!);
  const rc = codes(r);
  return { edits: editDistance(rc, codes(o)), length: rc.length };
}

export function wordErrors(reference: string, ocr: string): ErrorCount {
  const ids = new Map<string, number>();
  const id = (w: string) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1);
  const r = words(normaliseText(reference)).map(id);
  const o = words(normaliseText(ocr)).map(id);
  return { edits: editDistance(r, o), length: r.length };
}

/** Summed edits over summed reference length: long pages weigh more, as they hold more text. */
export function rate(counts: ErrorCount[]): number {
  const len = counts.reduce((s, c) => s + c.length, 0);
  return len === 0 ? 0 : counts.reduce((s, c) => s + c.edits, 0) / len;
}
