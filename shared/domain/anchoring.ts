// Anchoring a highlight to a document's text: where a quote lies (document-level offsets, the
// pages it spans), the words around it, and the boxes to draw. Matching ignores white space,
// because the text a person selects in the viewer and the text the extractor kept differ in
// spaces and line breaks, never in the words.

/** Pages are joined with one "\n" for document-level offsets. */
export function pageStarts(pages: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const p of pages) {
    starts.push(at);
    at += p.length + 1;
  }
  return starts;
}

interface Squeezed {
  text: string;
  /** For each character of `text`, its index in the original. */
  map: number[];
}

export function squeeze(s: string): Squeezed {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (/\s/.test(c)) continue;
    // Typographic quotes and dashes match their plain forms.
    text += c === '’' || c === '‘' ? "'" : c === '“' || c === '”' ? '"' : c === '–' || c === '—' ? '-' : c;
    map.push(i);
  }
  return { text, map };
}

export interface Anchor {
  start: number;
  end: number;
  pageFrom: number; // 0-based
  pageTo: number;
  quote: string; // the text as extracted, not as typed
  prefix: string;
  suffix: string;
}

const CONTEXT = 32;

function anchorAt(pages: string[], start: number, end: number): Anchor {
  const full = pages.join('\n');
  const starts = pageStarts(pages);
  const pageOf = (off: number) => {
    let p = 0;
    while (p + 1 < starts.length && starts[p + 1]! <= off) p++;
    return p;
  };
  return {
    start,
    end,
    pageFrom: pageOf(start),
    pageTo: pageOf(Math.max(start, end - 1)),
    quote: full.slice(start, end),
    prefix: full.slice(Math.max(0, start - CONTEXT), start),
    suffix: full.slice(end, end + CONTEXT),
  };
}

/**
 * Finds `quote` starting on page `fromPage` (0-based), running on to later pages if it must
 * (a selection across a page break). Case-sensitive first, then not. Null when it is not there.
 */
export function locateQuote(pages: string[], fromPage: number, quote: string, toPage = Math.min(pages.length - 1, fromPage + 1)): Anchor | null {
  const q = squeeze(quote).text;
  if (!q || fromPage < 0 || fromPage >= pages.length) return null;
  const starts = pageStarts(pages);
  const lo = starts[fromPage]!;
  const hi = starts[toPage]! + pages[toPage]!.length;
  const region = squeeze(pages.join('\n').slice(lo, hi));
  let i = region.text.indexOf(q);
  if (i < 0) i = region.text.toLowerCase().indexOf(q.toLowerCase());
  if (i < 0) return toPage > fromPage ? acrossPageBreak(pages, fromPage, q) : null;
  // The match must start on fromPage: a quote found only on the next page is on the wrong page.
  const start = lo + region.map[i]!;
  if (start >= starts[fromPage]! + pages[fromPage]!.length + 1) return null;
  const end = lo + region.map[i + q.length - 1]! + 1;
  return anchorAt(pages, start, end);
}

/**
 * Like locateQuote, but when the quote occurs more than once (a definition repeated, a phrase in
 * both columns) picks the occurrence whose text boxes overlap the boxes the reviewer selected.
 * `drawn` are in PDF units with 0-based pages, as rectsFor gives them.
 */
export function locateQuoteNear(pages: string[], items: PageItems[], fromPage: number, quote: string, drawn: Rect[], toPage = Math.min(pages.length - 1, fromPage + 1)): Anchor | null {
  const first = locateQuote(pages, fromPage, quote, toPage);
  if (!first || drawn.length === 0) return first;
  const q = squeeze(quote).text;
  const starts = pageStarts(pages);
  const lo = starts[fromPage]!;
  const hi = starts[toPage]! + pages[toPage]!.length;
  const region = squeeze(pages.join('\n').slice(lo, hi));
  const limit = starts[fromPage]! + pages[fromPage]!.length + 1;
  let best = first;
  let bestScore = overlap(rectsFor(pages, items, first.start, first.end), drawn);
  for (const hay of [region.text, region.text.toLowerCase()]) {
    const needle = hay === region.text ? q : q.toLowerCase();
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
      const start = lo + region.map[i]!;
      if (start >= limit) break;
      const end = lo + region.map[i + needle.length - 1]! + 1;
      const score = overlap(rectsFor(pages, items, start, end), drawn);
      if (score > bestScore) {
        best = anchorAt(pages, start, end);
        bestScore = score;
      }
    }
    if (bestScore > 0) break;
  }
  return best;
}

/** Area shared by two sets of boxes (same page only). */
function overlap(a: Rect[], b: Rect[]): number {
  let total = 0;
  for (const r of a) {
    for (const s of b) {
      if (r.page !== s.page) continue;
      const w = Math.min(r.x + r.w, s.x + s.w) - Math.max(r.x, s.x);
      const h = Math.min(r.y + r.h, s.y + s.h) - Math.max(r.y, s.y);
      if (w > 0 && h > 0) total += w * h;
    }
  }
  return total;
}

/**
 * A quote that runs from the end of one page onto the next, with the page's footer and the
 * next page's running header between its halves (typed or copied without them).
 */
function acrossPageBreak(pages: string[], p: number, q: string): Anchor | null {
  const starts = pageStarts(pages);
  const a = squeeze(pages[p]!);
  const b = squeeze(pages[p + 1]!);
  const SLACK = 400; // room for a footer and a running header
  for (let k = q.length - 1; k >= 3; k--) {
    const head = q.slice(0, k);
    const tail = q.slice(k);
    const i = a.text.lastIndexOf(head);
    if (i < 0 || a.text.length - (i + head.length) > SLACK) continue;
    const j = b.text.indexOf(tail);
    if (j < 0 || j > SLACK) continue;
    return anchorAt(pages, starts[p]! + a.map[i]!, starts[p + 1]! + b.map[j + tail.length - 1]! + 1);
  }
  return null;
}

/**
 * Re-finds a quote in a revised text: the same offsets if the words there still match, else
 * the occurrence whose surroundings best match the old prefix and suffix, else null.
 * `onPages` (0-based, inclusive): pages read again in place, whose words did not move to another
 * page: an occurrence on them wins over a better-surrounded one elsewhere (the text around a
 * re-read quote changes with the reading, so the same sentence on an untouched page would
 * otherwise match its old surroundings better).
 */
export function reanchor(pages: string[], old: { start: number; end: number; quote: string; prefix: string; suffix: string }, onPages?: { from: number; to: number }): Anchor | null {
  const full = pages.join('\n');
  const q = squeeze(old.quote).text;
  if (squeeze(full.slice(old.start, old.end)).text === q) return anchorAt(pages, old.start, old.end);
  const s = squeeze(full);
  let hits: number[] = [];
  for (let i = s.text.indexOf(q); i >= 0; i = s.text.indexOf(q, i + 1)) hits.push(i);
  if (hits.length === 0) return null;
  if (onPages) {
    const starts = pageStarts(pages);
    const lo = starts[onPages.from] ?? Infinity;
    const hi = onPages.to + 1 < starts.length ? starts[onPages.to + 1]! : full.length + 1;
    const there = hits.filter((i) => s.map[i]! >= lo && s.map[i]! < hi);
    if (there.length > 0) hits = there;
  }
  const pre = squeeze(old.prefix).text;
  const suf = squeeze(old.suffix).text;
  const score = (i: number) => {
    let n = 0;
    for (let k = 1; k <= pre.length && s.text[i - k] === pre[pre.length - k]; k++) n++;
    for (let k = 0; k < suf.length && s.text[i + q.length + k] === suf[k]; k++) n++;
    return n;
  };
  const best = hits.reduce((a, b) => (score(b) > score(a) ? b : a));
  return anchorAt(pages, s.map[best]!, s.map[best + q.length - 1]! + 1);
}

const trigrams = (s: string): Map<string, number> => {
  const m = new Map<string, number>();
  for (let i = 0; i + 3 <= s.length; i++) m.set(s.slice(i, i + 3), (m.get(s.slice(i, i + 3)) ?? 0) + 1);
  return m;
};

/** Dice similarity of two strings' character trigrams: 1 for the same text, near 0 for unrelated. */
export function similarity(a: string, b: string): number {
  const ta = trigrams(a.toLowerCase());
  const tb = trigrams(b.toLowerCase());
  let shared = 0;
  let total = 0;
  for (const [g, n] of ta) {
    shared += Math.min(n, tb.get(g) ?? 0);
    total += n;
  }
  for (const n of tb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * Finds where an edited version of a quote now stands: candidate positions come from exact
 * matches of short pieces of the quote; the window there most like the quote wins if it is
 * at least `threshold` alike.
 */
export function fuzzyFind(pages: string[], quote: string, threshold = 0.75): (Anchor & { similarity: number }) | null {
  const q = squeeze(quote).text;
  if (q.length < 12) return null;
  const s = squeeze(pages.join('\n'));
  const K = 8;
  const candidates = new Set<number>();
  for (const at of [0, Math.floor(q.length / 3), Math.floor((2 * q.length) / 3), q.length - K]) {
    const piece = q.slice(at, at + K).toLowerCase();
    const lower = s.text.toLowerCase();
    for (let i = lower.indexOf(piece), n = 0; i >= 0 && n < 200; i = lower.indexOf(piece, i + 1), n++) candidates.add(Math.max(0, i - at));
  }
  let best: { start: number; len: number; score: number } | null = null;
  for (const start of candidates) {
    // Allow the passage to have grown or shrunk a little.
    for (let len = Math.round(q.length * 0.85); len <= Math.round(q.length * 1.15); len++) {
      const score = similarity(q, s.text.slice(start, start + len));
      if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && Math.abs(len - q.length) < Math.abs(best.len - q.length))) best = { start, len, score };
    }
  }
  if (!best || best.score < threshold) return null;
  // Snap to whole words in the original text: a window may cut a word in two.
  const full = pages.join('\n');
  let from = s.map[best.start]!;
  let to = s.map[Math.min(s.map.length - 1, best.start + best.len - 1)]! + 1;
  while (from > 0 && /\S/.test(full[from - 1]!)) from--;
  while (to < full.length && /\S/.test(full[to]!)) to++;
  return { ...anchorAt(pages, from, to), similarity: best.score };
}

export interface PageItems {
  w: number;
  h: number;
  /** [offset in page text, length, x, y, width, height] */
  items: Array<[number, number, number, number, number, number]>;
}

export interface Rect {
  page: number; // 0-based
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Boxes in PDF user space covering [start, end) (document offsets): one per text item touched. */
export function rectsFor(pages: string[], items: PageItems[], start: number, end: number): Rect[] {
  const starts = pageStarts(pages);
  const out: Rect[] = [];
  pages.forEach((_, p) => {
    const a = start - starts[p]!;
    const b = end - starts[p]!;
    for (const [off, len, x, y, w, h] of items[p]?.items ?? []) {
      const from = Math.max(a, off);
      const to = Math.min(b, off + len);
      if (to <= from) continue;
      const f0 = (from - off) / len;
      const f1 = (to - off) / len;
      out.push({ page: p, x: x + w * f0, y, w: w * (f1 - f0), h: h || 10 });
    }
  });
  return out;
}
