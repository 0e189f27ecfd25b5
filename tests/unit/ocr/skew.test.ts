// The skew measured on a drawn page: lines of word-like marks laid at a known angle, drawn in code
// (no fonts), as the renderer hands them over (grey or RGBA).
import { describe, expect, it } from 'vitest';
import { estimateSkewRadians, MAX_SKEW_DEGREES } from '../../../electron/services/ocr/skew.ts';

const W = 2550; // a letter page at 300 dpi
const H = 3300;

/** Lines of "words" (dark bars 18 px tall) every 60 px, turned by `degrees` about the page's centre. */
function page(degrees: number, opts: { lines?: number; channels?: 1 | 4 } = {}): Uint8Array {
  const channels = opts.channels ?? 1;
  const px = new Uint8Array(W * H * channels).fill(255);
  const t = Math.tan((degrees * Math.PI) / 180);
  const lines = opts.lines ?? 40;
  for (let l = 0; l < lines; l++) {
    const y0 = 300 + l * 60;
    for (let x = 250; x < W - 250; x++) {
      // Words of 120 px with 30 px gaps, a ragged right edge on every third line.
      if (x % 150 >= 120 || (l % 3 === 2 && x > W - 900)) continue;
      const yc = Math.round(y0 + (x - W / 2) * t);
      for (let y = yc; y < yc + 18; y++) {
        if (y < 0 || y >= H) continue;
        const i = (y * W + x) * channels;
        px.fill(0, i, i + Math.min(channels, 3));
      }
    }
  }
  return px;
}
const deg = (r: number) => (r * 180) / Math.PI;
const within = (measured: number | null, degrees: number) => expect(Math.abs(deg(measured ?? NaN) - degrees)).toBeLessThanOrEqual(0.1);

describe('skew of a drawn page', () => {
  it.each([2, -2, 0.7, -3.5, 4.5])('a page whose lines fall %s° to the right measures within 0.1° of minus that (tesseract.js’s sense)', (d) => {
    within(estimateSkewRadians(page(d), W, H, 1), -d);
  });

  it('reads an RGBA bitmap as the renderer draws it the same as grey', () => {
    within(estimateSkewRadians(page(1.5, { channels: 4 }), W, H, 4), -1.5);
  });

  it('leaves a square page, a blank page and a page of a few marks at 0', () => {
    expect(estimateSkewRadians(page(0), W, H, 1)).toBe(0);
    expect(estimateSkewRadians(page(0.1), W, H, 1)).toBe(0);
    expect(estimateSkewRadians(new Uint8Array(W * H).fill(255), W, H, 1)).toBe(0);
    expect(estimateSkewRadians(page(3, { lines: 0 }), W, H, 1)).toBe(0);
  });

  it('answers null for a page set sideways (its lines run down the page): the engine finds that turn itself', () => {
    const px = new Uint8Array(W * H).fill(255);
    for (let l = 0; l < 30; l++) {
      const x0 = 250 + l * 65;
      for (let y = 250; y < H - 250; y++) {
        if (y % 150 >= 120) continue;
        px.fill(0, y * W + x0, y * W + x0 + 18);
      }
    }
    expect(estimateSkewRadians(px, W, H, 1)).toBeNull();
  });

  it('does not look past its range, nor read a dark page, nor a buffer shorter than it says', () => {
    expect(Math.abs(deg(estimateSkewRadians(page(12), W, H, 1) ?? 0))).toBeLessThanOrEqual(MAX_SKEW_DEGREES + 1e-9);
    expect(estimateSkewRadians(new Uint8Array(W * H).fill(0), W, H, 1)).toBe(0);
    expect(estimateSkewRadians(new Uint8Array(10), W, H, 1)).toBe(0);
  });
});
