// The page image handed to the OCR engine: 8-bit grey, as a PNG. The renderer draws in RGBA;
// Tesseract reads in grey anyway, and a grey PNG is a quarter of the pixels for Leptonica to
// inflate and convert inside the WebAssembly engine (~12 % of a page's CPU there, measured on the
// scanned corpus pages: 5.3 s → 4.7 s a page, the same text). Plain Node (zlib): the render
// process runs it.
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks carry it. */
export function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC of type and data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** Luma of each pixel of an RGBA bitmap (integer BT.601 weights; alpha ignored: the sheet is white). */
export function toGrey(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const n = width * height;
  if (rgba.length < n * 4) throw new Error(`The page bitmap holds ${rgba.length} bytes, not the ${n * 4} of ${width} × ${height} RGBA pixels.`);
  const grey = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) grey[i] = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
  return grey;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * An 8-bit greyscale PNG of `grey` (row after row). Rows use the Up filter, which suits a scanned
 * page's long runs of paper; zlib level 3 is fast, and the file only travels between processes.
 */
export function encodeGreyPng(grey: Uint8Array, width: number, height: number): Buffer {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0) || grey.length < width * height) {
    throw new Error(`A ${width} × ${height} grey image needs ${width * height} bytes; ${grey.length} were given.`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: greyscale
  // compression, filter method, interlace: 0, 0, none
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    const out = y * (width + 1);
    const row = y * width;
    if (y === 0) {
      raw[out] = 0; // None
      raw.set(grey.subarray(0, width), out + 1);
      continue;
    }
    raw[out] = 2; // Up: each byte less the one above it
    for (let x = 0; x < width; x++) raw[out + 1 + x] = (grey[row + x]! - grey[row - width + x]!) & 0xff;
  }
  return Buffer.concat([SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(raw, { level: 3 })), pngChunk('IEND', new Uint8Array(0))]);
}
