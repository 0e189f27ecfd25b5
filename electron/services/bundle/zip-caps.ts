// Reading a zip that may be hostile. Everything the central directory declares (how many
// entries, their names, their sizes, the total) is checked against caps before one byte is
// inflated, and inflating stops the moment an entry grows past the size it declared, so a
// small file cannot make us allocate or spend time on gigabytes. Duplicate names and names
// that would reach an object's prototype are refused rather than letting the last one win.
// (The packet reader has the same rules in trust/safe-zip.ts; the two should become one.)
import zlib from 'node:zlib';

export interface ZipCaps {
  maxEntries: number;
  /** Largest inflated size of any one entry. */
  maxEntryBytes: number;
  /** Largest inflated size of all entries together. */
  maxTotalBytes: number;
  /** A tighter cap for some names (a manifest must be small long before a PDF must). */
  maxBytesFor?: (name: string) => number | undefined;
  /** Names the caller expects; any other is refused before inflating. */
  allowName?: (name: string) => boolean;
}

/** A refusal, with a sentence a person can act on (the caller adds which file). */
export class ZipRefused extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const mib = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString('en-US')} MB`;

function centralDirectory(zip: Uint8Array, caps: ZipCaps): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = zip.byteLength - 22; i >= 0 && i >= zip.byteLength - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused('it is not a zip archive (or it was cut short).');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 8, true) !== count) throw new ZipRefused('it is a multi-part zip archive, which Credence does not read.');
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipRefused('it is a ZIP64 archive, larger than Credence accepts.');
  if (count > caps.maxEntries) throw new ZipRefused(`it holds ${count.toLocaleString('en-US')} entries; at most ${caps.maxEntries.toLocaleString('en-US')} are accepted.`);
  if (cdOffset + cdSize > eocd) throw new ZipRefused('its table of contents points outside the file (damaged or crafted).');

  const entries: Entry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) throw new ZipRefused('its table of contents is damaged.');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLength > eocd) throw new ZipRefused('its table of contents is damaged.');
    let name: string;
    try {
      name = utf8.decode(zip.subarray(p + 46, p + 46 + nameLength));
    } catch {
      throw new ZipRefused('an entry name is not valid text.');
    }
    p += 46 + nameLength + extraLength + commentLength;

    const shown = JSON.stringify(name.slice(0, 80));
    if (name.split('/').some((part) => FORBIDDEN_NAMES.has(part))) throw new ZipRefused(`it holds an entry named ${shown}, which is never a Credence file.`);
    if (seen.has(name)) throw new ZipRefused(`it holds two entries named ${shown} (only one could be checked; the other could be read instead).`);
    seen.add(name);
    if (caps.allowName && !caps.allowName(name)) throw new ZipRefused(`it holds an unexpected entry ${shown}.`);
    if (flags & 1) throw new ZipRefused(`${shown} is encrypted.`);
    if (method !== 0 && method !== 8) throw new ZipRefused(`${shown} is compressed in a way Credence does not read (method ${method}).`);
    if (method === 0 && compressedSize !== size) throw new ZipRefused(`${shown} declares two different sizes (damaged or crafted).`);
    const cap = Math.min(caps.maxEntryBytes, caps.maxBytesFor?.(name) ?? Infinity);
    if (size > cap) throw new ZipRefused(`${shown} expands to ${size.toLocaleString('en-US')} bytes; at most ${cap.toLocaleString('en-US')} are accepted for it. Nothing was unpacked.`);
    total += size;
    if (total > caps.maxTotalBytes) throw new ZipRefused(`its entries expand to more than ${mib(caps.maxTotalBytes)} in all. Nothing was unpacked.`);
    entries.push({ name, method, compressedSize, size, localOffset });
  }
  return entries;
}

function inflateCapped(data: Uint8Array, e: Entry): Uint8Array {
  const shown = JSON.stringify(e.name.slice(0, 80));
  let out: Buffer;
  try {
    // zlib inflates in small chunks and stops as soon as the output passes maxOutputLength.
    out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipRefused(`${shown} expands to more than the ${e.size.toLocaleString('en-US')} bytes it declares (a zip bomb, or damaged). Unpacking stopped.`);
    throw new ZipRefused(`${shown} is damaged (${(err as Error).message}).`);
  }
  if (out.byteLength > e.size) throw new ZipRefused(`${shown} expands to more than the ${e.size.toLocaleString('en-US')} bytes it declares (a zip bomb, or damaged). Unpacking stopped.`);
  if (out.byteLength !== e.size) throw new ZipRefused(`${shown} is shorter than it declares (damaged or crafted).`);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Every entry of `zip`, after the caps hold for all of them. A Map, so no name can reach an
 * object's prototype.
 */
export function unzipCapped(zip: Uint8Array, caps: ZipCaps): Map<string, Uint8Array> {
  if (zip.byteLength < 22) throw new ZipRefused('it is not a zip archive (or it was cut short).');
  const entries = centralDirectory(zip, caps);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    const p = e.localOffset;
    if (p + 30 > zip.byteLength || view.getUint32(p, true) !== LOCAL) throw new ZipRefused(`the entry ${JSON.stringify(e.name.slice(0, 80))} is damaged.`);
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    if (start + e.compressedSize > zip.byteLength) throw new ZipRefused(`the entry ${JSON.stringify(e.name.slice(0, 80))} runs past the end of the file.`);
    const data = zip.subarray(start, start + e.compressedSize);
    files.set(e.name, e.method === 0 ? data.slice() : inflateCapped(data, e));
  }
  return files;
}
