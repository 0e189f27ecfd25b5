// The linear page-text builder gives exactly the text and offsets of the loop it replaced, which
// asked /\s$/ of the whole growing string before each item (kept here as the reference).
import { describe, expect, it } from 'vitest';
import { PageTextBuilder, round, type TextPiece } from '../../../electron/services/extraction/page-text.ts';

function reference(pieces: TextPiece[]) {
  let text = '';
  const items: number[][] = [];
  let pendingSpace = false;
  for (const it of pieces) {
    if (it.str.length > 0) {
      if (pendingSpace && !/\s$/.test(text)) text += ' ';
      items.push([text.length, it.str.length, round(it.transform[4]!), round(it.transform[5]!), round(it.width), round(it.height)]);
      text += it.str;
      pendingSpace = true;
    }
    if (it.hasEOL) {
      text += '\n';
      pendingSpace = false;
    }
  }
  return { text, items };
}

// A seeded generator, so a failure repeats.
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const STRINGS = ['', ' ', 'Use', 'of force ', ' shall', '\u00a0', 'Ω\u2003', 'chokehold.', '\t', '😀', 'x\n', '\ufeff'];

describe('page text', () => {
  it('matches the former assembly on random runs of items, spaces, line ends and odd white space', () => {
    const rnd = random(9);
    for (let run = 0; run < 500; run++) {
      const pieces: TextPiece[] = Array.from({ length: Math.floor(rnd() * 40) }, () => ({
        str: STRINGS[Math.floor(rnd() * STRINGS.length)]!,
        hasEOL: rnd() < 0.2,
        transform: [1, 0, 0, 1, rnd() * 600, rnd() * 800],
        width: rnd() * 100,
        height: 11.004,
      }));
      const built = new PageTextBuilder();
      for (const p of pieces) built.add(p);
      const want = reference(pieces);
      expect(built.text()).toBe(want.text);
      expect(built.length).toBe(want.text.length);
      expect(built.items).toEqual(want.items);
    }
  });

  it('builds a 3 MB page of 200,000 items (the former loop took minutes over one like it)', () => {
    const built = new PageTextBuilder();
    const piece = { str: 'officers shall', transform: [1, 0, 0, 1, 72, 700], width: 60, height: 10 };
    for (let i = 0; i < 200_000; i++) built.add(i % 7 === 0 ? { ...piece, hasEOL: true } : piece);
    expect(built.text().length).toBe(built.length);
    expect(built.length).toBeGreaterThan(2_900_000);
  });
});
