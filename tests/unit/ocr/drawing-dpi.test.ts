// The resolution a page is drawn at for OCR: the one asked for, lower for a page too large for the
// pixel cap at it (a scan whose file declares 72 or 96 dpi is 27 to 46 inches wide), and none for a
// page too large even at MIN_DRAW_DPI.
import { expect, it } from 'vitest';
import { drawingDpi, MIN_DRAW_DPI } from '../../../electron/services/ocr/render-page.ts';

const CAP = 40_000_000;
const pixels = (wPt: number, hPt: number, dpi: number) => Math.ceil((wPt * dpi) / 72) * Math.ceil((hPt * dpi) / 72);
/** A page whose image is `wPx` × `hPx` pixels, declared at `declared` dpi: its size in points. */
const declaredAt = (wPx: number, hPx: number, declared: number) => [(wPx * 72) / declared, (hPx * 72) / declared] as const;

it('draws a letter or tabloid page at the resolution asked for', () => {
  expect(drawingDpi(612, 792, 300, CAP)).toBe(300);
  expect(drawingDpi(792, 1224, 300, CAP)).toBe(300);
  expect(drawingDpi(612, 792, 150, CAP)).toBe(150);
});

it('draws a page too large at that resolution at the highest one under the cap, never below the scan’s own pixels', () => {
  for (const [wPx, hPx, declared] of [
    [2550, 3300, 96], // a letter page scanned at 300 dpi, declared 96: 26.6 × 34.4 inches
    [2550, 3300, 72],
    [5100, 6600, 72], // scanned at 600 dpi, declared 72: 70.8 × 91.7 inches
    [7000, 5000, 72], // landscape
  ] as const) {
    const [w, h] = declaredAt(wPx, hPx, declared);
    const d = drawingDpi(w, h, 300, CAP)!;
    expect(d).toBeLessThan(300);
    expect(pixels(w, h, d)).toBeLessThanOrEqual(CAP);
    expect(pixels(w, h, d + 1)).toBeGreaterThan(CAP);
    // An image the cap lets pdf.js decode is drawn with at least as many pixels as it has.
    expect(d).toBeGreaterThanOrEqual(declared);
  }
});

it('refuses a page too large even at the least resolution, and a page with no size', () => {
  expect(drawingDpi(14_400, 14_400, 300, CAP)).toBeNull(); // 200 inches square, PDF's largest
  expect(drawingDpi(1e10, 1e10, 300, CAP)).toBeNull(); // a crafted page box, far past PDF's limit
  expect(drawingDpi(Number.POSITIVE_INFINITY, 792, 300, CAP)).toBeNull();
  expect(drawingDpi(0, 792, 300, CAP)).toBeNull();
  expect(drawingDpi(Number.NaN, 792, 300, CAP)).toBeNull();
  // Just inside the least resolution is drawn at it.
  const side = Math.floor(Math.sqrt(CAP)) / MIN_DRAW_DPI * 72 - 1;
  expect(drawingDpi(side, side, 300, CAP)).toBe(MIN_DRAW_DPI);
});
