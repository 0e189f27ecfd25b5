// The viewer's find boxes: a match drawn as one box per line, whatever the spans under it.
import { describe, expect, it } from 'vitest';
import { lineBoxes } from '../../../renderer/src/pdf/find-in-document.ts';

describe('find boxes', () => {
  it('join a scanned line’s word and space spans, of their own heights and overlapping a little, into one box', () => {
    // "ten consecutive days." as an OCR text layer lays it out: a span per word and per space.
    const spans = [
      { x: 100, y: 202, w: 20, h: 14 }, // ten
      { x: 119, y: 200, w: 8, h: 18 }, // space, as tall as the line
      { x: 126, y: 201, w: 70, h: 15 }, // consecutive
      { x: 195, y: 200, w: 8, h: 18 },
      { x: 202, y: 200, w: 34, h: 19 }, // days.
    ];
    expect(lineBoxes(spans)).toEqual([{ x: 100, y: 200, w: 136, h: 19 }]);
  });

  it('keep a match that runs onto the next line as a box per line', () => {
    const boxes = lineBoxes([
      { x: 400, y: 100, w: 80, h: 14 },
      { x: 72, y: 118, w: 60, h: 14 },
    ]);
    expect(boxes).toHaveLength(2);
  });

  it('keep words of one row that are far apart (across a gutter) apart', () => {
    const boxes = lineBoxes([
      { x: 100, y: 100, w: 40, h: 14 },
      { x: 320, y: 100, w: 40, h: 14 },
    ]);
    expect(boxes).toHaveLength(2);
  });

  it('leave a single word’s box as it is', () => {
    expect(lineBoxes([{ x: 5, y: 6, w: 7, h: 8 }])).toEqual([{ x: 5, y: 6, w: 7, h: 8 }]);
  });
});
