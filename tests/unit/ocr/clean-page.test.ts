// Cleaning a page image before OCR, on made grey images (shapes drawn pixel by pixel, no fonts):
// the underline goes, the strokes of letters, a period, a dash and a thick bar stay.
import { describe, expect, it } from 'vitest';
import { cleanPage, removeRules, type GreyImage } from '../../../electron/services/ocr/clean-page.ts';

const W = 700, H = 200;
function sheet(): GreyImage {
  return { width: W, height: H, data: new Uint8Array(W * H).fill(255) };
}
function fill(img: GreyImage, x0: number, y0: number, w: number, h: number, v = 0) {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) img.data[y * img.width + x] = v;
}
const at = (img: GreyImage, x: number, y: number) => img.data[y * img.width + x]!;
const inkIn = (img: GreyImage, x0: number, y0: number, w: number, h: number) => {
  let n = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if (at(img, x, y) < 128) n++;
  return n;
};

/** Letter-like strokes: stems 5 px wide and 40 tall standing on y = 100, one with a descender to y = 112, and a period. */
function letters(img: GreyImage) {
  for (let i = 0; i < 8; i++) fill(img, 40 + i * 20, 60, 5, 40);
  fill(img, 200, 60, 5, 52); // a "p": its stem runs below the line, through an underline at 104–106
  fill(img, 215, 94, 6, 6); // a period
}

describe('page cleaning before OCR', () => {
  it('on a speckled page, removes the underline and leaves the letters, the period and the speckle as they were', () => {
    const img = sheet();
    letters(img);
    const specks: Array<[number, number]> = [[300, 30], [420, 150], [222, 90], [10, 10], [600, 120]];
    for (const [x, y] of specks) img.data[y * W + x] = 40;
    fill(img, 30, 104, 600, 3);
    const strokes = inkIn(img, 40, 60, 165, 40);
    cleanPage(img, { dpi: 300 });
    expect(inkIn(img, 30, 104, 600, 3) - inkIn(img, 200, 104, 5, 3)).toBe(0);
    expect(inkIn(img, 40, 60, 165, 40)).toBe(strokes);
    expect(inkIn(img, 215, 94, 6, 6)).toBe(36);
    // A speck is a few pixels: left to tesseract (a median filter cost list markers their periods).
    for (const [x, y] of specks) expect(at(img, x, y)).toBe(40);
  });

  it('removes a long underline under the words, except where a letter crosses it, and keeps the letters', () => {
    const img = sheet();
    letters(img);
    fill(img, 30, 104, 600, 3); // the underline, two inches at 300 dpi
    const before = inkIn(img, 40, 60, 165, 40);
    const cleared = removeRules(img, 300);
    expect(cleared).toBeGreaterThan(550);
    expect(inkIn(img, 30, 104, 170, 3)).toBe(0);
    expect(inkIn(img, 206, 104, 424, 3)).toBe(0);
    // The descender still runs through where the rule was; the letters above are untouched.
    expect(inkIn(img, 200, 100, 5, 12)).toBe(60);
    expect(inkIn(img, 40, 60, 165, 40)).toBe(before);
  });

  it('follows an underline on a page scanned 2° askew', () => {
    const img = sheet();
    letters(img);
    // 600 px long, dropping one row every 29 px (tan 2° ≈ 1/29), 3 px thick.
    for (let x = 30; x < 630; x++) fill(img, x, 110 + Math.floor((x - 30) / 29), 1, 3);
    removeRules(img, 300);
    expect(inkIn(img, 0, 108, W, 40) - inkIn(img, 200, 108, 5, 4)).toBe(0);
    expect(inkIn(img, 215, 94, 6, 6)).toBe(36);
  });

  it('keeps a short rule (a dash), a thick bar (a heading set white on black) and a table border that is not long', () => {
    const img = sheet();
    fill(img, 40, 80, 60, 3); // a dash or short rule: a fifth of an inch
    fill(img, 150, 20, 500, 40); // a black bar
    fill(img, 150, 150, 250, 2); // a border shorter than an inch
    const before = inkIn(img, 0, 0, W, H);
    removeRules(img, 300);
    expect(inkIn(img, 0, 0, W, H)).toBe(before);
  });

  it('scales what counts as long with the resolution', () => {
    const img = sheet();
    fill(img, 30, 104, 200, 2); // two thirds of an inch at 300 dpi, over an inch at 150
    removeRules(img, 300);
    expect(inkIn(img, 30, 104, 200, 2)).toBe(400);
    removeRules(img, 150);
    expect(inkIn(img, 30, 104, 200, 2)).toBe(0);
  });

  it('leaves a blank page and a tiny image alone', () => {
    const img = sheet();
    cleanPage(img, { dpi: 300 });
    expect(img.data.every((v) => v === 255)).toBe(true);
    const tiny: GreyImage = { width: 2, height: 2, data: new Uint8Array([0, 255, 255, 0]) };
    cleanPage(tiny, { dpi: 300 });
    expect([...tiny.data]).toEqual([0, 255, 255, 0]);
  });
});
