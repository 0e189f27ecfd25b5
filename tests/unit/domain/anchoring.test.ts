// Where a quote is anchored when the reviewer's selection is known: the occurrence under the
// selected boxes, not the first one in the text.
import { describe, expect, it } from 'vitest';
import { locateQuote, locateQuoteNear, reanchor, rectsFor, type PageItems } from '../../../shared/domain/anchoring.ts';

// One page, two lines, the same phrase on each: line 1 at y=700, line 2 at y=600.
const line1 = 'Deadly force judged on the totality of the circumstances.';
const line2 = 'Reasonable force based upon the totality of the circumstances.';
const pages = [`${line1}\n${line2}`];
const items: PageItems[] = [{ w: 612, h: 792, items: [[0, line1.length, 72, 700, 400, 10], [line1.length + 1, line2.length, 72, 600, 420, 10]] }];

describe('locateQuoteNear', () => {
  it('takes the occurrence whose boxes the selection covers', () => {
    const second = rectsFor(pages, items, pages[0]!.indexOf('totality', line1.length), pages[0]!.indexOf('totality', line1.length) + 20);
    const a = locateQuoteNear(pages, items, 0, 'totality of the circumstances', second)!;
    expect(a.start).toBe(pages[0]!.lastIndexOf('totality'));
    expect(a.prefix).toContain('based upon the');
  });

  it('keeps the first occurrence when no boxes are given, or they cover neither', () => {
    expect(locateQuoteNear(pages, items, 0, 'totality of the circumstances', [])!.start).toBe(pages[0]!.indexOf('totality'));
    expect(locateQuoteNear(pages, items, 0, 'totality of the circumstances', [{ page: 0, x: 500, y: 100, w: 10, h: 10 }])!.start).toBe(pages[0]!.indexOf('totality'));
    expect(locateQuote(pages, 0, 'totality of the circumstances')!.start).toBe(pages[0]!.indexOf('totality'));
  });

  it('finds nothing where the quote is not', () => {
    expect(locateQuoteNear(pages, items, 0, 'carotid restraint', [{ page: 0, x: 72, y: 600, w: 100, h: 10 }])).toBeNull();
  });
});

describe('reanchor, for a page read again in place', () => {
  // Page 1 read again by OCR: its misread surroundings are now right. Page 2, untouched, still
  // has the old surroundings of the same sentence, so they match the highlight's old context best.
  const quote = 'Officers shall intervene to stop';
  const oldPage1 = `deadly force is authorlzed by Iaw.\n${quote}\nexcessive force by another officer`;
  const newPage1 = `deadly force is authorized by law.\n${quote}\nexcessive force by another officer`;
  const pages = [newPage1, `Section 2\n${oldPage1}`];
  const start = oldPage1.indexOf(quote) + 3; // the old offsets no longer hold the quote
  const old = { start, end: start + quote.length, quote, prefix: 'authorlzed by Iaw.\n', suffix: '\nexcessive' };

  it('keeps the highlight on its own page when its words are there', () => {
    const a = reanchor(pages, old, { from: 0, to: 0 })!;
    expect(a.pageFrom).toBe(0);
    expect(a.start).toBe(newPage1.indexOf(quote));
  });

  it('without the pages named (a revised version), takes the best-surrounded occurrence, wherever it is', () => {
    expect(reanchor(pages, old)!.pageFrom).toBe(1);
  });

  it('goes elsewhere when its words are no longer on its page', () => {
    const moved = [newPage1.replace(quote, 'Officers may watch'), pages[1]!];
    expect(reanchor(moved, old, { from: 0, to: 0 })!.pageFrom).toBe(1);
  });
});
