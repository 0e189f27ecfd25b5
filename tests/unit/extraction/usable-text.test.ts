// Which text layers are text: what OCR is asked to read again, and what it must leave alone.
import { describe, expect, it } from 'vitest';
import { largestImageShare, textIsGarbage } from '../../../electron/services/extraction/usable-text.ts';

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

describe('largestImageShare', () => {
  const ops = { save: 10, restore: 11, transform: 12, paintFormXObjectBegin: 74, paintFormXObjectEnd: 75, images: new Set([85]) };
  const letter = [0, 0, 612, 792];

  it('measures an image scaled to the whole page, and one in a corner', () => {
    expect(largestImageShare([10, 12, 85, 11], [null, [612, 0, 0, 792, 0, 0], null, null], ops, letter)).toBeCloseTo(1);
    expect(largestImageShare([10, 12, 85, 11], [null, [61.2, 0, 0, 79.2, 0, 0], null, null], ops, letter)).toBeCloseTo(0.01);
  });

  it('follows nested transforms, save/restore and form XObjects, and clips to the page', () => {
    // A form scaled by 2 around an image of half the page: the whole page.
    expect(largestImageShare([74, 12, 85, 75], [[[2, 0, 0, 2, 0, 0], null], [306, 0, 0, 396, 0, 0], null, null], ops, letter)).toBeCloseTo(1);
    // Restored before the image: the scale no longer applies (a 1 × 1 pt image).
    expect(largestImageShare([10, 12, 11, 85], [null, [612, 0, 0, 792, 0, 0], null, null], ops, letter)).toBeCloseTo(1 / (612 * 792), 8);
    // Hanging half off the page: half counts.
    expect(largestImageShare([12, 85], [[612, 0, 0, 792, 306, 0], null], ops, letter)).toBeCloseTo(0.5);
  });
});
