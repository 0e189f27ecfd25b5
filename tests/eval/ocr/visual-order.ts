// The reference text of a page in its visual reading order, for the OCR eval's third measure.
// A PDF's text layer stores its items in content-stream order: a running footer or header is
// often stored first, a heading after the paragraph under it. Nobody reading the image can know
// that order, so "as read" CER/WER charges OCR for it. Here the same items are put in the order
// the page shows them, by the rule assemble.ts applies to OCR lines:
//   - rows top to bottom: an item joins the row it overlaps for half the height of the shorter,
//     if it overlaps no item already there side by side (the same test as assemble.ts's rows);
//   - within a row, items left to right, joined by a space, or by nothing where one run of
//     letters was stored as two items that touch ("Poli" "cy");
//   - a page set in columns (looksLikeColumns' test: at least five rows, and a third of the rows of
//     four words or more, split by a gap of over three line heights at about the same place) is
//     read column after column between rows that cross the gutter, as tesseract's automatic
//     layout reads such a page.
// Item positions are pdf.js's, as the extractor stores them: [offset, length, x, y, width,
// height] in PDF user space, y the baseline, growing upward.

export type TextItem = readonly [number, number, number, number, number, number];

interface Piece {
  text: string;
  x0: number;
  x1: number;
  /** top-down: top < bottom */
  top: number;
  bottom: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

function piecesOf(text: string, items: readonly TextItem[]): Piece[] {
  const out: Piece[] = [];
  for (const [off, len, x, y, w, h] of items) {
    const s = text.slice(off, off + len);
    if (!s.trim()) continue;
    // pdf.js gives some items no height (a font without a bounding box): a line's worth of it.
    const height = h > 0 ? h : Math.max(1, Math.abs(w) / Math.max(1, s.length)) * 2;
    out.push({ text: s, x0: Math.min(x, x + w), x1: Math.max(x, x + w), top: -(y + height), bottom: -y });
  }
  return out;
}

const rowHeight = (p: { top: number; bottom: number }) => p.bottom - p.top;

interface Row {
  top: number;
  bottom: number;
  items: Piece[];
}

function rowsOf(ps: Piece[]): Row[] {
  const sorted = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p.top - b.p.top || a.i - b.i);
  const rows: Row[] = [];
  for (const { p } of sorted) {
    const row = rows.findLast((r) => {
      const shared = Math.min(r.bottom, p.bottom) - Math.max(r.top, p.top);
      const clear = r.items.every((it) => it.x1 <= p.x0 || p.x1 <= it.x0);
      return clear && shared >= 0.5 * Math.min(rowHeight(r), rowHeight(p));
    });
    if (row) {
      row.items.push(p);
      row.top = Math.min(row.top, p.top);
      row.bottom = Math.max(row.bottom, p.bottom);
    } else rows.push({ top: p.top, bottom: p.bottom, items: [p] });
  }
  rows.sort((a, b) => (a.top + a.bottom) / 2 - (b.top + b.bottom) / 2);
  for (const r of rows) r.items.sort((a, b) => a.x0 - b.x0);
  return rows;
}

function lineText(items: Piece[]): string {
  let s = '';
  let prev: Piece | null = null;
  for (const it of items) {
    if (prev) {
      const gap = it.x0 - prev.x1;
      const touching = gap < 0.1 * Math.min(rowHeight(prev), rowHeight(it)) && /[\p{L}\p{N}]$/u.test(prev.text) && /^[\p{L}\p{N}]/u.test(it.text);
      if (!touching) s += ' ';
    }
    s += it.text;
    prev = it;
  }
  return s;
}

const wordCount = (r: Row) => r.items.reduce((n, it) => n + it.text.trim().split(/\s+/).length, 0);

/** The x of a column gutter, if the page is set in columns (see the top), else null. */
function gutterOf(rows: Row[], lineHeight: number): number | null {
  if (!rows.length || !lineHeight) return null;
  const left = Math.min(...rows.map((r) => r.items[0]!.x0));
  const right = Math.max(...rows.map((r) => Math.max(...r.items.map((it) => it.x1))));
  const gutters: number[] = [];
  let long = 0;
  for (const r of rows) {
    if (wordCount(r) < 4) continue;
    long++;
    let best = 0;
    let at = 0;
    for (let i = 1; i < r.items.length; i++) {
      const gap = r.items[i]!.x0 - r.items[i - 1]!.x1;
      if (gap > best) (best = gap), (at = (r.items[i]!.x0 + r.items[i - 1]!.x1) / 2);
    }
    if (best > 3 * lineHeight) gutters.push(at);
  }
  if (gutters.length < 5 || gutters.length * 3 < long) return null;
  const mid = median(gutters);
  const near = gutters.filter((g) => Math.abs(g - mid) <= 0.05 * (right - left)).length;
  return near >= 5 && near * 3 >= long ? mid : null;
}

/** The page's text, its items in visual reading order, one line of text per row. */
export function visualOrder(text: string, items: readonly TextItem[]): string {
  const ps = piecesOf(text, items);
  if (!ps.length) return '';
  const rows = rowsOf(ps);
  const lineHeight = median(ps.map(rowHeight));
  const gutter = gutterOf(rows, lineHeight);
  if (gutter === null) return rows.map((r) => lineText(r.items)).join('\n');
  // Column after column, in each stretch between rows that run across the gutter; each side's
  // rows are formed again on their own, as the two columns' lines need not sit at the same heights.
  const out: string[] = [];
  let stretch: Piece[] = [];
  const flush = () => {
    const l = stretch.filter((p) => p.x1 <= gutter);
    const r = stretch.filter((p) => p.x1 > gutter);
    for (const side of [l, r]) for (const row of rowsOf(side)) out.push(lineText(row.items));
    stretch = [];
  };
  for (const r of rows) {
    if (r.items.some((it) => it.x0 < gutter && it.x1 > gutter)) {
      flush();
      out.push(lineText(r.items));
    } else stretch.push(...r.items);
  }
  flush();
  return out.join('\n');
}
