// Reading a zip that may have been crafted against us. Everything is decided from the central
// directory before a byte is inflated: entry count, names, duplicates, declared sizes against
// caps. Inflating then stops at the size the directory declared, so a header that lies about
// an entry's size cannot make us hold more than the cap. Entries live in a Map, never in an
// object keyed by entry name, so "__proto__" can be neither a key nor a trick.
import zlib from 'node:zlib';
import { ServiceError } from '../../../shared/result.ts';
import { shown } from './printable.ts';

export interface ZipLimits {
  /** Most entries the central directory may list. */
  maxEntries: number;
  /** Largest inflated size of one entry. */
  maxEntryBytes: number;
  /** Largest inflated size of all entries together. */
  maxTotalBytes: number;
  /** A tighter cap for particular names (a manifest, a signature). */
  maxBytesFor?: (name: string) => number | undefined;
}

export interface ZipEntry {
  name: string;
  /** Inflated size, as the central directory declares it (and as read() enforces). */
  size: number;
  compressedSize: number;
  method: 0 | 8;
  crc32: number;
  dataStart: number;
}

export interface SafeZip {
  /** Entry names in central-directory order. */
  readonly names: readonly string[];
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /** Inflates one entry, refusing it if it holds more or less than it declared, or its CRC is wrong. */
  read(name: string): Uint8Array;
}

/** A refusal with a message a person can act on; `bad_file` through the API. */
export class ZipRefused extends ServiceError {
  constructor(message: string) {
    super('bad_file', message);
    this.name = 'ZipRefused';
  }
}

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Why an entry name is refused, or null when it is a plain relative path. */
export function entryNameProblem(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  if (name.length > 255) return 'a name longer than 255 characters';
  if (UNSAFE_CHARS.test(name)) return 'a control or direction-changing character in its name';
  if (name.includes('\\')) return 'a backslash in its name (a Windows path)';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path as its name';
  const parts = name.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'a path that climbs out of its folder or is a folder';
  if (parts.some((p) => RESERVED.has(p))) return `the reserved name ${shown(parts.find((p) => RESERVED.has(p))!)}`;
  return null;
}

const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB` : `${n.toLocaleString('en-US')} bytes`);

/**
 * Opens a zip for reading under `limits`. `what` names the file in messages ("The packet").
 * Throws ZipRefused, with the reason, for anything it will not read.
 */
export function openZip(bytes: Uint8Array, limits: ZipLimits, what = 'The file'): SafeZip {
  const refuse = (why: string): never => {
    throw new ZipRefused(`${what} ${why}: refused.`);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const notZip = () => refuse('is not a readable zip file (it may be truncated, or not the kind of file expected)');

  // The end record sits in the last 22 bytes plus a comment of at most 65,535 bytes; the one we
  // take must end exactly at the end of the file, so a comment cannot smuggle in a second one.
  let eocd = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--) {
    if (u32(at) === EOCD && at + 22 + u16(at + 20) === bytes.byteLength) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) notZip();
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) refuse('is a multi-part zip');
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) refuse('is a Zip64 archive, larger than anything Credence writes');
  if (count > limits.maxEntries) refuse(`lists ${count.toLocaleString('en-US')} entries, more than the ${limits.maxEntries} allowed`);
  if (cdOffset + cdSize > eocd) notZip();

  const entries = new Map<string, ZipEntry>();
  const names: string[] = [];
  const folded = new Map<string, string>();
  const spans: Array<[number, number, string]> = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdOffset + cdSize || u32(at) !== CDH) notZip();
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLen = u16(at + 28);
    const next = at + 46 + nameLen + u16(at + 30) + u16(at + 32);
    const localAt = u32(at + 42);
    if (next > cdOffset + cdSize) notZip();
    const rawName = bytes.subarray(at + 46, at + 46 + nameLen);
    let name: string;
    try {
      name = utf8.decode(rawName);
    } catch {
      return refuse(`holds an entry whose name is not valid UTF-8 text`);
    }
    const problem = entryNameProblem(name);
    if (problem) refuse(`holds an entry with ${problem} (${shown(name)})`);
    // Two entries that a reader, or a case-insensitive disk, would take for one: either could be
    // the one that gets read, so neither is.
    const key = name.normalize('NFC').toLowerCase();
    if (folded.has(key)) refuse(`holds two entries named ${shown(name)}${folded.get(key) === name ? '' : ` and ${shown(folded.get(key)!)}`}`);
    folded.set(key, name);
    if (flags & 0x0001) refuse(`holds an encrypted entry (${shown(name)})`);
    if (method !== 0 && method !== 8) refuse(`holds an entry compressed in a way Credence does not read (${shown(name)}, method ${method})`);
    if (method === 0 && compressedSize !== size) notZip();
    // A per-name cap that is not a number (a lookup that found something else) falls back to the general cap.
    const named = limits.maxBytesFor?.(name);
    const cap = Math.min(typeof named === 'number' && Number.isFinite(named) ? named : limits.maxEntryBytes, limits.maxEntryBytes);
    if (size > cap) refuse(`holds ${shown(name)}, which expands to ${mb(size)}, more than the ${mb(cap)} allowed`);
    total += size;
    if (total > limits.maxTotalBytes) refuse(`expands to more than ${mb(limits.maxTotalBytes)} in all, more than allowed`);

    // The local header must name the same entry, and its data must lie before the directory.
    if (localAt + 30 > cdOffset || u32(localAt) !== LFH) notZip();
    const localNameLen = u16(localAt + 26);
    const dataStart = localAt + 30 + localNameLen + u16(localAt + 28);
    if (localNameLen !== nameLen || !bytes.subarray(localAt + 30, localAt + 30 + nameLen).every((b, j) => b === rawName[j])) refuse(`holds an entry whose two headers disagree on its name (${shown(name)})`);
    if (dataStart + compressedSize > cdOffset) notZip();
    spans.push([localAt, dataStart + compressedSize, name]);
    entries.set(name, { name, size, compressedSize, method: method as 0 | 8, crc32: crc, dataStart });
    names.push(name);
    at = next;
  }
  if (at !== cdOffset + cdSize) notZip();
  // Entries that share bytes are how small files expand to huge ones many times over.
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if (spans[i]![0] < spans[i - 1]![1]) refuse(`holds entries that overlap (${shown(spans[i - 1]![2])} and ${shown(spans[i]![2])})`);

  return {
    names,
    entries,
    read(name: string): Uint8Array {
      const e = entries.get(name);
      if (!e) throw new ZipRefused(`${what} has no entry ${shown(name)}.`);
      const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
      let out: Uint8Array;
      if (e.method === 0) out = new Uint8Array(data);
      else {
        try {
          // maxOutputLength stops zlib as soon as it passes the declared size, whatever the data says.
          out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return refuse(`holds ${shown(name)}, which expands to more than the ${mb(e.size)} its header declares`);
          return refuse(`holds ${shown(name)}, whose compressed data is damaged`);
        }
      }
      if (out.byteLength !== e.size) refuse(`holds ${shown(name)}, which expands to ${mb(out.byteLength)}, not the ${mb(e.size)} its header declares`);
      if (zlib.crc32(out) >>> 0 !== e.crc32) refuse(`holds ${shown(name)}, whose checksum does not match: the file is damaged`);
      return out;
    },
  };
}
