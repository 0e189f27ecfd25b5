// Reading order of a page's OCR lines, on hand-made tesseract layouts (pixel boxes, y down).
import { describe, expect, it } from 'vitest';
import { looksLikeColumns, readingOrder, type RawBlock, type RawWord } from '../../../electron/services/ocr/assemble.ts';

/** A line of words laid left to right from x, 40 px tall at y, each character 20 px wide, 20 px between words. */
function line(x: number, y: number, text: string): { words: RawWord[] } {
  let at = x;
  return {
    words: text.split(' ').map((t) => {
      const w = { text: t, bbox: { x0: at, y0: y, x1: at + 20 * t.length, y1: y + 40 }, confidence: 90 };
      at = w.bbox.x1 + 20;
      return w;
    }),
  };
}
const block = (...paragraphs: Array<Array<{ words: RawWord[] }>>): RawBlock => ({ paragraphs: paragraphs.map((lines) => ({ lines })) });
const text = (blocks: RawBlock[]) => readingOrder(blocks).map((p) => p.map((l) => l.map((w) => w.text).join(' ')).join('\n')).join('\n\n');

describe('OCR reading order', () => {
  it('puts a column of list numbers, read as a block of its own, on the lines they number', () => {
    const page = [
      block([line(100, 100, 'Members MUST NOT use deadly force:')]),
      block([line(100, 200, '1.'), line(100, 260, '2.')]),
      block([line(160, 200, 'Based on mere suspicion.'), line(160, 260, 'Based on words alone.')]),
    ];
    expect(text(page)).toBe('Members MUST NOT use deadly force:\n\n1. Based on mere suspicion.\n2. Based on words alone.');
  });

  it('rejoins a list marker cut in two between blocks into one word, with one box over both halves', () => {
    const open = line(100, 300, '(');
    const rest = line(123, 300, 'c) The individual complained of pain.');
    const r = readingOrder([block([rest]), block([open])]);
    const words = r.flat(2);
    expect(words.map((w) => w.text).join(' ')).toBe('(c) The individual complained of pain.');
    expect(words[0]!.bbox).toEqual({ x0: 100, y0: 300, x1: 163, y1: 340 });
  });

  it('reads blocks top to bottom whatever order tesseract listed them in', () => {
    const page = [
      block([line(100, 100, 'A. Use of Force.')]),
      block([line(100, 400, '(g) The individual was rendered unconscious.')]),
      block([line(100, 300, '(f) Any restraint device.'), line(100, 500, '(h) An individual was struck.')]),
    ];
    expect(text(page)).toBe('A. Use of Force.\n\n(f) Any restraint device.\n\n(g) The individual was rendered unconscious.\n\n(h) An individual was struck.');
  });

  it('keeps words tesseract separated on one line apart, however close', () => {
    const l = line(100, 100, 'shall not');
    l.words[1]!.bbox = { ...l.words[1]!.bbox, x0: l.words[0]!.bbox.x1 + 2 };
    expect(text([block([l])])).toBe('shall not');
  });

  it('keeps a line whole when some of its words stand taller (underlined text, descenders on the rule)', () => {
    const l = line(100, 100, 'they shall promptly report the incident');
    for (const i of [0, 2, 3]) l.words[i]!.bbox = { ...l.words[i]!.bbox, y1: 190 };
    expect(text([block([line(100, 20, 'An officer has a duty to intervene.')], [l])])).toBe('An officer has a duty to intervene.\n\nthey shall promptly report the incident');
  });

  it('leaves a page in two columns column after column', () => {
    const left = block([line(100, 100, 'the left column first line'), line(100, 160, 'the left column second line'), line(100, 220, 'the left column third line')]);
    const right = block([line(800, 100, 'the right column first line'), line(800, 160, 'the right column second line'), line(800, 220, 'the right column third')]);
    expect(text([left, right])).toBe(
      'the left column first line\nthe left column second line\nthe left column third line\n\nthe right column first line\nthe right column second line\nthe right column third',
    );
  });

  it('leaves two facing pages scanned as one sheet page after page, though cut into many short blocks', () => {
    // Paragraphs of one or two lines, staggered down each page: no two blocks share three lines' height.
    const page = (x: number, name: string, from: number) =>
      Array.from({ length: 6 }, (_, i) => block([line(x, from + 150 * i, `${name} paragraph ${i} opens with words enough to fill`), ...(i % 2 ? [line(x, from + 150 * i + 50, `${name} paragraph ${i} ends here`)] : [])]));
    const spread = [...page(100, 'left', 100), ...page(1300, 'right', 115)];
    const read = text(spread);
    expect(read.indexOf('right paragraph 0 opens')).toBeGreaterThan(read.indexOf('left paragraph 5 opens'));
    expect(read).toContain('left paragraph 1 opens with words enough to fill\nleft paragraph 1 ends here');
    expect(read).not.toMatch(/left[^\n]*right|right[^\n]*left/);
  });

  it('still reads a column of labels beside wide text row by row: a narrow column is no page', () => {
    const labels = block([line(100, 100, 'Level III:'), line(100, 250, 'Level IV:'), line(100, 400, 'Level V:'), line(100, 550, 'Level VI:')]);
    const texts = [100, 250, 400, 550].map((y, i) => block([line(600, y, `control techniques of level ${i + 3} apply here`)]));
    expect(text([labels, ...texts]).split('\n\n')[0]).toBe('Level III: control techniques of level 3 apply here');
    // So is a table whose first column is wider, but under three tenths of the text's width.
    const levels = block(Array.from({ length: 6 }, (_, i) => line(100, 100 + 150 * i, `Level ${i + 1} force applies`)));
    const uses = Array.from({ length: 6 }, (_, i) => block([line(800, 100 + 150 * i, `only when the subject resists actively at level ${i + 1} or above`)]));
    expect(text([levels, ...uses]).split('\n\n')[0]).toBe('Level 1 force applies only when the subject resists actively at level 1 or above');
  });

  it('leaves a page read sideways (lines taller than wide) as tesseract gave it', () => {
    const tall = (x: number, y: number, t: string) => ({ words: [{ text: t, bbox: { x0: x, y0: y, x1: x + 40, y1: y + 20 * t.length }, confidence: 90 }] });
    const page = [block([tall(500, 100, 'Officers'), tall(440, 100, 'shall')]), block([tall(900, 50, 'intervene')])];
    expect(text(page)).toBe('Officers\nshall\n\nintervene');
  });

  it('keeps paragraphs apart and the lines of one together', () => {
    const page = [block([line(100, 100, 'First line of one'), line(100, 150, 'paragraph.')], [line(100, 260, 'Second paragraph.')])];
    expect(text(page)).toBe('First line of one\nparagraph.\n\nSecond paragraph.');
  });

  it('tells a page read as one column that was set in two (a gutter on every line) from one that was not', () => {
    // One column read across two: each line is the left column's line, a gutter, the right column's.
    const across = (y: number) => {
      const l = line(100, y, 'the left column words here');
      const r = line(900, y, 'and the right column words');
      return { words: [...l.words, ...r.words] };
    };
    const twoColumns = [block(Array.from({ length: 8 }, (_, i) => across(100 + 60 * i)))];
    expect(looksLikeColumns(twoColumns)).toBe(true);
    const oneColumn = [block(Array.from({ length: 8 }, (_, i) => line(100, 100 + 60 * i, 'a full line of policy text that runs across the page')))];
    expect(looksLikeColumns(oneColumn)).toBe(false);
    // A form's header row or two with wide gaps is not a page in columns.
    expect(looksLikeColumns([block([across(100), across(160)], Array.from({ length: 8 }, (_, i) => line(100, 300 + 60 * i, 'a full line of policy text that runs across the page')))])).toBe(false);
  });
});
