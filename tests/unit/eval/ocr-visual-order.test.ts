// The OCR eval's reference in visual reading order, on hand-made text layers: items given in the
// order a content stream might store them, with pdf.js positions (y the baseline, growing upward).
import { describe, expect, it } from 'vitest';
import { visualOrder, type TextItem } from '../../eval/ocr/visual-order.ts';

/** A page text and its items, built as the extractor joins items (one space between them). */
function layer(parts: Array<[string, number, number, number?]>, h = 10): { text: string; items: TextItem[] } {
  let text = '';
  const items: TextItem[] = [];
  for (const [s, x, y, w] of parts) {
    if (text) text += ' ';
    items.push([text.length, s.length, x, y, w ?? s.length * 5, h]);
    text += s;
  }
  return { text, items };
}

describe('reference text in visual reading order', () => {
  it('puts a running footer stored first at the bottom, and a heading stored last at the top', () => {
    const { text, items } = layer([
      ['Use of Force - Page 3 of 9', 72, 40],
      ['Officers shall use only the force', 72, 700],
      ['that is objectively reasonable.', 72, 686],
      ['POLICY', 72, 720],
    ]);
    expect(text.startsWith('Use of Force')).toBe(true);
    expect(visualOrder(text, items)).toBe('POLICY\nOfficers shall use only the force\nthat is objectively reasonable.\nUse of Force - Page 3 of 9');
  });

  it('joins a line stored as several items left to right, gluing a word split between two items that touch', () => {
    // "Poli" ends at x = 92 and "cy" starts there; "3.1" and the text are apart.
    const { text, items } = layer([
      ['cy statement', 92, 700, 60],
      ['3.1', 40, 700, 15],
      ['Poli', 72, 700, 20],
      ['second line', 72, 686],
    ]);
    expect(visualOrder(text, items)).toBe('3.1 Policy statement\nsecond line');
  });

  it('keeps a slightly raised item (a footnote mark) on its line, and two lines close together apart', () => {
    const { text, items } = layer([
      ['force', 72, 700, 25],
      ['1', 98, 703, 4],
      ['next line', 72, 689],
    ]);
    expect(visualOrder(text, items)).toBe('force 1\nnext line');
  });

  it('reads a page set in two columns column after column, below a heading that runs across both', () => {
    const parts: Array<[string, number, number, number?]> = [['USE OF FORCE POLICY AND PROCEDURE', 72, 740, 400]];
    // Stored row by row across the gutter, as some generators do.
    for (let i = 0; i < 6; i++) {
      parts.push([`left ${i} words of text`, 72, 700 - 14 * i, 180]);
      parts.push([`right ${i} words of text`, 320, 700 - 14 * i, 180]);
    }
    const { text, items } = layer(parts);
    const lines = visualOrder(text, items).split('\n');
    expect(lines[0]).toBe('USE OF FORCE POLICY AND PROCEDURE');
    expect(lines.slice(1, 7)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `left ${i} words of text`));
    expect(lines.slice(7)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `right ${i} words of text`));
  });

  it('reads a table with a few wide gaps row by row, as one column (too few rows to be columns)', () => {
    const { text, items } = layer([
      ['Level', 72, 700],
      ['Response', 300, 700],
      ['One', 72, 686],
      ['Verbal', 300, 686],
    ]);
    expect(visualOrder(text, items)).toBe('Level Response\nOne Verbal');
  });

  it('skips blank items and gives nothing for a page without text', () => {
    expect(visualOrder('', [])).toBe('');
    const { text, items } = layer([['  ', 72, 700], ['word', 72, 686]]);
    expect(visualOrder(text, items)).toBe('word');
  });
});
