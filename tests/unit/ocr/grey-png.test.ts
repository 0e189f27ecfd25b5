// The page image for the engine: grey, as a PNG another decoder reads back pixel for pixel.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { encodeGreyPng, toGrey } from '../../../electron/services/ocr/grey-png.ts';

async function decode(png: Buffer): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, rgba: ctx.getImageData(0, 0, img.width, img.height).data };
}

describe('grey page images', () => {
  it('a grey PNG decodes elsewhere to the very pixels given, every row (the first unfiltered, the rest Up-filtered)', async () => {
    const width = 37;
    const height = 23;
    const grey = Uint8Array.from({ length: width * height }, (_, i) => (i * 97 + (i % width) * 13) & 0xff);
    const png = encodeGreyPng(grey, width, height);
    expect(png[25]).toBe(0); // IHDR colour type: greyscale
    expect(png[24]).toBe(8); // bit depth
    const back = await decode(png);
    expect([back.width, back.height]).toEqual([width, height]);
    const seen = Array.from({ length: width * height }, (_, i) => back.rgba[i * 4]!);
    expect(seen).toEqual(Array.from(grey));
    for (let i = 0; i < width * height; i++) expect([back.rgba[i * 4 + 1], back.rgba[i * 4 + 2], back.rgba[i * 4 + 3]]).toEqual([grey[i], grey[i], 255]);
  });

  it('turns RGBA into luma: white stays white, black black, colours by their brightness', () => {
    const rgba = Uint8Array.from([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]);
    expect(Array.from(toGrey(rgba, 5, 1))).toEqual([255, 0, 76, 149, 28]);
  });

  it('refuses a bitmap shorter than its size says, saying what was expected', () => {
    expect(() => toGrey(new Uint8Array(10), 2, 2)).toThrow(/16 of 2 × 2 RGBA pixels/);
    expect(() => encodeGreyPng(new Uint8Array(3), 2, 2)).toThrow(/needs 4 bytes; 3 were given/);
    expect(() => encodeGreyPng(new Uint8Array(4), 0, 2)).toThrow();
  });
});
