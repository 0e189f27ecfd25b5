// What a scanner does to a page image, for the sample's scanned bulletin and the test fixtures'
// scans: a sheet fed crooked, or sideways. Drawn with @napi-rs/canvas (pdf.js's own canvas in Node), no fonts.
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface PageImage {
  png: Buffer;
  width: number;
  height: number;
}

/** The image turned this many degrees clockwise about its centre, on white, at its own size. */
export async function turnedBy(png: Buffer | Uint8Array, degrees: number): Promise<PageImage> {
  const img = await loadImage(Buffer.from(png));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.translate(img.width / 2, img.height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.drawImage(img, -img.width / 2, -img.height / 2);
  return { png: await canvas.encode('png'), width: img.width, height: img.height };
}

/** The image turned 90° clockwise, as a portrait page scanned on a landscape sheet. */
export async function turned90(png: Buffer | Uint8Array): Promise<PageImage> {
  const img = await loadImage(Buffer.from(png));
  const canvas = createCanvas(img.height, img.width);
  const ctx = canvas.getContext('2d');
  ctx.translate(img.height, 0);
  ctx.rotate(Math.PI / 2);
  ctx.drawImage(img, 0, 0);
  return { png: await canvas.encode('png'), width: img.height, height: img.width };
}
