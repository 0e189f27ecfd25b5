// Which text layers are text: what OCR is asked to read again, and what it must leave alone.
import { describe, expect, it } from 'vitest';
import { imageShare, textIsGarbage } from '../../../electron/services/extraction/usable-text.ts';

describe('textIsGarbage', () => {
  it('keeps real text, short text, and tables of contents with dot leaders', () => {
    expect(textIsGarbage('Chokeholds are prohibited unless deadly force is authorized.')).toBe(false);
    expect(textIsGarbage('GENERAL ORDER 5')).toBe(false);
    expect(textIsGarbage('300.1 Purpose .......................................... 3\n300.2 Policy ........................................... 4')).toBe(false);
  });

  it('flags no text, unmapped glyphs and glyph ids read as letters', () => {
    expect(textIsGarbage('  \n ')).toBe(true);
    expect(textIsGarbage('\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD a')).toBe(true);
    expect(textIsGarbage('\uE001\uE002\uE003\uE004 \uE005\uE006')).toBe(true);
    const consonants = Array.from({ length: 30 }, (_, i) => 'BCDFGHJKLMNPQRSTVWXZ'.slice(i % 10, (i % 10) + 4)).join(' ');
    expect(textIsGarbage(consonants)).toBe(true);
    expect(textIsGarbage('!"#$%&\'()*+,-./:;<=>?@[]^_`{|}~!"#$%&')).toBe(true);
  });
});

describe('imageShare', () => {
  const ops = { save: 10, restore: 11, transform: 12, paintFormXObjectBegin: 74, paintFormXObjectEnd: 75, images: new Set([85]) };
  const letter = [0, 0, 612, 792];

  it('measures an image scaled to the whole page, and one in a corner', () => {
    expect(imageShare([10, 12, 85, 11], [null, [612, 0, 0, 792, 0, 0], null, null], ops, letter)).toBeCloseTo(1);
    expect(imageShare([10, 12, 85, 11], [null, [61.2, 0, 0, 79.2, 0, 0], null, null], ops, letter)).toBeCloseTo(0.01);
  });

  it('follows nested transforms, save/restore and form XObjects, and clips to the page', () => {
    // A form scaled by 2 around an image of half the page: the whole page.
    expect(imageShare([74, 12, 85, 75], [[[2, 0, 0, 2, 0, 0], null], [306, 0, 0, 396, 0, 0], null, null], ops, letter)).toBeCloseTo(1);
    // Restored before the image: the scale no longer applies (a 1 × 1 pt image).
    expect(imageShare([10, 12, 11, 85], [null, [612, 0, 0, 792, 0, 0], null, null], ops, letter)).toBeCloseTo(1 / (612 * 792), 8);
    // Hanging half off the page: half counts.
    expect(imageShare([12, 85], [[612, 0, 0, 792, 306, 0], null], ops, letter)).toBeCloseTo(0.5);
  });

  /** Images at [x, y, width, height] in points, each drawn in its own save/restore. */
  const drawn = (...rects: number[][]) => ({
    fn: rects.flatMap(() => [10, 12, 85, 11]),
    args: rects.flatMap(([x, y, w, h]) => [null, [w, 0, 0, h, x, y], null, null]),
  });

  it('counts the images together: a page stored as bands, a mask over its background, pieces with gaps', () => {
    // Eight bands, top to bottom: the whole page, though each is an eighth of it.
    const bands = drawn(...Array.from({ length: 8 }, (_, k) => [0, k * 99, 612, 99]));
    expect(imageShare(bands.fn, bands.args, ops, letter)).toBeCloseTo(1);
    // A mixed-raster scan: a text mask over a background of the same size counts once.
    const layered = drawn([0, 0, 612, 792], [0, 0, 612, 792]);
    expect(imageShare(layered.fn, layered.args, ops, letter)).toBeCloseTo(1);
    // Two quarters side by side, and a third overlapping both by half its area.
    const pieces = drawn([0, 0, 306, 396], [306, 0, 306, 396], [153, 198, 306, 396]);
    expect(imageShare(pieces.fn, pieces.args, ops, letter)).toBeCloseTo(0.5 + 0.25 - 0.125);
    // Four small logos in the corners are no scan.
    const logos = drawn([0, 0, 72, 72], [540, 0, 72, 72], [0, 720, 72, 72], [540, 720, 72, 72]);
    expect(imageShare(logos.fn, logos.args, ops, letter)).toBeCloseTo((4 * 72 * 72) / (612 * 792));
  });

  it('counts the first thousand images of a page and no more, however many it draws (the union costs their square)', () => {
    // A thousand one-point images, then 99,000 more that would cover the whole page.
    const many = drawn(...Array.from({ length: 1_000 }, (_, k) => [0, k % 792, 1, 1]), ...Array.from({ length: 99_000 }, () => [0, 0, 612, 792]));
    expect(imageShare(many.fn, many.args, ops, letter)).toBeCloseTo(792 / (612 * 792));
  });
});
