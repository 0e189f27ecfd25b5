// Tesseract's TSV, as GetTSVText writes it, read back into the layout the engine builds page text
// and word boxes from: words grouped by block, paragraph and line in the order given, boxes as
// corners, confidence kept to its decimals, and rows that are not words skipped.
import { describe, expect, it } from 'vitest';
import { layoutFromTsv } from '../../../electron/services/ocr/tsv-layout.ts';

const row = (level: number, block: number, par: number, line: number, word: number, left: number, top: number, width: number, height: number, conf: number, text = '') =>
  [level, 1, block, par, line, word, left, top, width, height, conf, text].join('\t');

const TSV = [
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  row(1, 0, 0, 0, 0, 0, 0, 2550, 3300, -1),
  row(2, 1, 0, 0, 0, 100, 100, 900, 200, -1),
  row(3, 1, 1, 0, 0, 100, 100, 900, 200, -1),
  row(4, 1, 1, 1, 0, 100, 100, 900, 40, -1),
  row(5, 1, 1, 1, 1, 100, 100, 200, 40, 96.5, 'Chokeholds'),
  row(5, 1, 1, 1, 2, 310, 100, 60, 40, 91.25, 'are'),
  row(4, 1, 1, 2, 0, 100, 150, 900, 40, -1),
  row(5, 1, 1, 2, 1, 100, 150, 240, 40, 88, 'prohibited.'),
  row(5, 1, 1, 2, 2, 350, 150, 10, 40, 95, ' '),
  row(3, 1, 2, 0, 0, 100, 250, 900, 40, -1),
  row(5, 1, 2, 1, 1, 100, 250, 120, 40, 120, 'Second'),
  row(5, 2, 1, 1, 1, 1500, 3100, 200, 40, -1, 'Page 2'),
  'not a row',
  '',
].join('\n');

describe('layoutFromTsv', () => {
  const blocks = layoutFromTsv(TSV);
  const texts = blocks.map((b) => b.paragraphs.map((p) => p.lines.map((l) => l.words.map((w) => w.text))));

  it('groups words by block, paragraph and line, in the order Tesseract read them', () => {
    expect(texts).toEqual([[[['Chokeholds', 'are'], ['prohibited.']], [['Second']]], [[['Page 2']]]]);
  });

  it('gives each word its box as corners in pixels and its confidence, clamped to 0..100', () => {
    const [first, second] = blocks[0]!.paragraphs[0]!.lines[0]!.words;
    expect(first).toEqual({ text: 'Chokeholds', bbox: { x0: 100, y0: 100, x1: 300, y1: 140 }, confidence: 96.5 });
    expect(second!.confidence).toBe(91.25);
    expect(blocks[0]!.paragraphs[1]!.lines[0]!.words[0]!.confidence).toBe(100);
    expect(blocks[1]!.paragraphs[0]!.lines[0]!.words[0]!.confidence).toBe(0);
  });

  it('reads nothing from an empty or foreign string', () => {
    expect(layoutFromTsv('')).toEqual([]);
    expect(layoutFromTsv('5\tx\ty')).toEqual([]);
    expect(layoutFromTsv(row(5, 1, 1, 1, 1, Number.NaN, 0, 10, 10, 90, 'word'))).toEqual([]);
  });
});
