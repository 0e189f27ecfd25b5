// Puts a page's OCR lines in reading order. Tesseract's automatic page layout splits a typed policy
// into blocks and lists the blocks in an order of its own: a column of list markers ("1." "2."
// "(c)" or just the "(" of "(c)") becomes a block of its own, read before or after the text it
// numbers; a block that starts lower may be listed before a taller one it sits beside. A reviewer
// reads a single-column page row by row, top to bottom, each row left to right, and so does
// search, pre-review and a quoted passage: on such a page the lines of every block are gathered
// into rows and each row read left to right, a marker on the line it numbers. A page where
// tesseract found text side by side in columns keeps its block order (column after column), and
// so does a page whose lines do not run across it (read sideways).
// Pure: no tesseract.js import, so it is unit-tested on hand-made layouts.

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface RawWord {
  text: string;
  bbox: Box;
  confidence: number;
}
export interface RawBlock {
  bbox?: Box;
  paragraphs: Array<{ lines: Array<{ words: RawWord[] }> }>;
}

/** Lines of words in reading order, grouped into paragraphs. Words keep their own boxes. */
export type Assembled = RawWord[][][];

interface Piece {
  words: RawWord[];
  box: Box;
  block: number;
  para: number;
}

const union = (a: Box, b: Box): Box => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });
const height = (b: Box) => b.y1 - b.y0;
const width = (b: Box) => b.x1 - b.x0;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

function pieces(blocks: RawBlock[]): Piece[] {
  const out: Piece[] = [];
  let para = 0;
  blocks.forEach((b, block) => {
    for (const p of b.paragraphs) {
      for (const l of p.lines) {
        const words = l.words.filter((w) => w.text.trim()).map((w) => ({ ...w, text: w.text.trim() }));
        if (words.length) out.push({ words, box: words.map((w) => w.bbox).reduce(union), block, para });
      }
      para++;
    }
  });
  return out;
}

/** Tesseract's own order: block after block, each paragraph's lines in turn. */
function asGiven(ps: Piece[]): Assembled {
  const paras: RawWord[][][] = [];
  let last = -1;
  for (const p of ps) {
    if (p.para !== last) paras.push([]);
    last = p.para;
    paras[paras.length - 1]!.push(p.words);
  }
  return paras;
}

/**
 * Text side by side: two blocks, each several lines tall and a quarter of the text's width or
 * more, that share a stretch of the page's height without sharing any of its width.
 */
function hasColumns(blocks: Piece[][], lineHeight: number, textWidth: number): boolean {
  const boxes = blocks.filter((ps) => ps.length >= 3).map((ps) => ps.map((p) => p.box).reduce(union)).filter((b) => width(b) >= textWidth / 4);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!, b = boxes[j]!;
      const sharedHeight = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      const apart = a.x1 <= b.x0 || b.x1 <= a.x0;
      if (apart && sharedHeight >= 3 * lineHeight) return true;
    }
  }
  return false;
}

/**
 * Text side by side, told by the lines rather than the blocks: a gutter over three line heights
 * wide that no line crosses, with text over three tenths of the text's width on each side, and at
 * least three lines on each side beside a line on the other. Two facing pages scanned as one sheet
 * are cut by tesseract into many short blocks, staggered down each page, no two of which need
 * share three lines' height (hasColumns); their lines still never cross the fold. A table whose
 * first column is narrow (labels, levels, section numbers) is still read row by row.
 */
function hasGutter(ps: Piece[], lineHeight: number, textWidth: number): boolean {
  const byLeft = [...ps].sort((a, b) => a.box.x0 - b.box.x0);
  const side = (xs: Piece[]) => xs.length > 0 && Math.max(...xs.map((p) => p.box.x1)) - Math.min(...xs.map((p) => p.box.x0)) >= 0.3 * textWidth;
  const beside = (a: Piece, b: Piece) => Math.min(a.box.y1, b.box.y1) - Math.max(a.box.y0, b.box.y0) >= 0.5 * Math.min(height(a.box), height(b.box));
  let reach = byLeft[0]!.box.x1;
  for (const p of byLeft.slice(1)) {
    if (p.box.x0 - reach > 3 * lineHeight) {
      const fold = (reach + p.box.x0) / 2;
      const left = ps.filter((q) => q.box.x1 <= fold);
      const right = ps.filter((q) => q.box.x0 >= fold);
      if (side(left) && side(right) && left.filter((l) => right.some((r) => beside(l, r))).length >= 3 && right.filter((r) => left.some((l) => beside(l, r))).length >= 3) return true;
    }
    reach = Math.max(reach, p.box.x1);
  }
  return false;
}

export function readingOrder(blocks: RawBlock[]): Assembled {
  const ps = pieces(blocks);
  if (ps.length < 2) return asGiven(ps);
  // A page read sideways (lines taller than wide) is left as tesseract gave it.
  const across = ps.filter((p) => p.words.length > 1 || p.words[0]!.text.length > 2);
  if (across.filter((p) => width(p.box) > height(p.box)).length * 2 < across.length) return asGiven(ps);
  const lineHeight = median(ps.map((p) => height(p.box)));
  const textWidth = Math.max(...ps.map((p) => p.box.x1)) - Math.min(...ps.map((p) => p.box.x0));
  const byBlock = new Map<number, Piece[]>();
  for (const p of ps) byBlock.set(p.block, [...(byBlock.get(p.block) ?? []), p]);
  if (hasColumns([...byBlock.values()], lineHeight, textWidth) || hasGutter(ps, lineHeight, textWidth)) return asGiven(ps);

  // Rows, top to bottom: a line joins the row it overlaps for half the height of the shorter.
  // Tesseract's own lines are kept whole (an underlined line's words may stand taller than others).
  const sorted = ps.map((u, i) => ({ u, i })).sort((a, b) => a.u.box.y0 - b.u.box.y0 || a.i - b.i);
  const rows: Array<{ box: Box; items: Piece[] }> = [];
  for (const { u } of sorted) {
    const row = rows.findLast((r) => {
      const shared = Math.min(r.box.y1, u.box.y1) - Math.max(r.box.y0, u.box.y0);
      const clear = r.items.every((it) => it.box.x1 <= u.box.x0 || u.box.x1 <= it.box.x0);
      return clear && shared >= 0.5 * Math.min(height(r.box), height(u.box));
    });
    if (row) {
      row.items.push(u);
      row.box = union(row.box, u.box);
    } else rows.push({ box: u.box, items: [u] });
  }
  rows.sort((a, b) => (a.box.y0 + a.box.y1) / 2 - (b.box.y0 + b.box.y1) / 2);

  const paras: RawWord[][][] = [];
  let lastPara = -1;
  for (const r of rows) {
    r.items.sort((a, b) => a.box.x0 - b.box.x0);
    const line: RawWord[] = [];
    for (const it of r.items) {
      for (const [k, w] of it.words.entries()) {
        const prev = line[line.length - 1];
        // A word tesseract cut in two between blocks ("(" and "c)"): no gap between the halves.
        if (prev && k === 0 && w.bbox.x0 - prev.bbox.x1 < 0.2 * Math.min(height(prev.bbox), height(w.bbox)) && prev.bbox.x1 <= w.bbox.x0 + 1) {
          line[line.length - 1] = { text: prev.text + w.text, bbox: union(prev.bbox, w.bbox), confidence: Math.min(prev.confidence, w.confidence) };
        } else line.push(w);
      }
    }
    // The row's widest piece says which paragraph it belongs to; markers beside it do not.
    const main = r.items.reduce((a, b) => (width(b.box) > width(a.box) ? b : a));
    if (main.para !== lastPara || paras.length === 0) paras.push([]);
    lastPara = main.para;
    paras[paras.length - 1]!.push(line);
  }
  return paras;
}

/**
 * Whether a page read as one column (tesseract's "single column" layout) was in fact laid out in
 * columns: on at least five lines, and a third of the lines of several words, the words part
 * at one wide gutter (over three line heights), at about the same place across the page. Such a
 * page is read again with the automatic layout, which finds the columns.
 */
export function looksLikeColumns(blocks: RawBlock[]): boolean {
  const ps = pieces(blocks);
  const lineHeight = median(ps.map((p) => height(p.box)));
  if (!lineHeight) return false;
  const left = Math.min(...ps.map((p) => p.box.x0));
  const right = Math.max(...ps.map((p) => p.box.x1));
  const gutters: number[] = [];
  let long = 0;
  for (const p of ps) {
    if (p.words.length < 4) continue;
    long++;
    let best = 0;
    let at = 0;
    for (let i = 1; i < p.words.length; i++) {
      const gap = p.words[i]!.bbox.x0 - p.words[i - 1]!.bbox.x1;
      if (gap > best) (best = gap), (at = (p.words[i]!.bbox.x0 + p.words[i - 1]!.bbox.x1) / 2);
    }
    if (best > 3 * lineHeight) gutters.push(at);
  }
  if (gutters.length < 5 || gutters.length * 3 < long) return false;
  const mid = median(gutters);
  const near = gutters.filter((g) => Math.abs(g - mid) <= 0.05 * (right - left)).length;
  return near >= 5 && near * 3 >= long;
}
