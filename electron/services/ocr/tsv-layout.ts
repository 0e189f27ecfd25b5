// Tesseract's TSV output read back into blocks → paragraphs → lines → words.
// Why TSV and not tesseract.js's `blocks`: `blocks` is Tesseract's JSON of every word, symbol
// and alternative choice (~560 KB of objects a page), copied into the main thread and dropped
// there; collecting it paused the app's event loop for 60–80 ms at a time during OCR. The TSV
// holds what Credence keeps — each word's text, box and confidence, and its place in the
// layout — in one ~40 KB string.

export interface LayoutWord {
  text: string;
  /** Pixels of the image as read. */
  bbox: { x0: number; y0: number; x1: number; y1: number };
  /** 0..100 */
  confidence: number;
}
export interface LayoutLine {
  words: LayoutWord[];
}
export interface LayoutParagraph {
  lines: LayoutLine[];
}
export interface LayoutBlock {
  paragraphs: LayoutParagraph[];
}

/** The word rows of Tesseract's TSV (level 5), grouped by their block, paragraph and line numbers in reading order. */
export function layoutFromTsv(tsv: string): LayoutBlock[] {
  const blocks: LayoutBlock[] = [];
  let block: LayoutBlock | null = null;
  let para: LayoutParagraph | null = null;
  let line: LayoutLine | null = null;
  let at = { block: -1, para: -1, line: -1 };
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    // level page block par line word left top width height conf text; a header row, if any, is not a number.
    if (cols.length < 12 || cols[0] !== '5') continue;
    const [b, p, l, left, top, width, height, conf] = [cols[2], cols[3], cols[4], cols[6], cols[7], cols[8], cols[9], cols[10]].map(Number) as [number, number, number, number, number, number, number, number];
    const text = cols.slice(11).join('\t').trim();
    if (!text || ![b, p, l, left, top, width, height, conf].every(Number.isFinite)) continue;
    if (!block || b !== at.block) {
      block = { paragraphs: [] };
      blocks.push(block);
      para = null;
    }
    if (!para || p !== at.para) {
      para = { lines: [] };
      block.paragraphs.push(para);
      line = null;
    }
    if (!line || l !== at.line) {
      line = { words: [] };
      para.lines.push(line);
    }
    at = { block: b, para: p, line: l };
    line.words.push({ text, bbox: { x0: left, y0: top, x1: left + width, y1: top + height }, confidence: Math.max(0, Math.min(100, conf)) });
  }
  return blocks;
}
