// Zips written byte by byte, so a test can say what no honest zip writer would: two entries of
// one name, a size header that lies, a name like "../x". Also a deflate stream of many zeros
// made in chunks, so a zip bomb costs the test only its compressed size in memory.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface CraftedEntry {
  name: string;
  /** The bytes as stored in the zip (already deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  crc32: number;
  /** The inflated size the headers declare. */
  size: number;
  /** General-purpose flags (bit 0: encrypted); UTF-8 names (bit 11) otherwise. */
  flags?: number;
  /** The name in the local header, when it should differ from the directory's. */
  localName?: string;
  /** The name's raw bytes in both headers (say, bytes that are not UTF-8). */
  rawName?: Uint8Array;
  /** No local header or data of its own: the directory entry points at `localOffset` instead. */
  pointsAt?: number;
}

/** The local header and data of an entry, as they sit in a zip. */
export function localRecord(e: CraftedEntry): Buffer {
  const name = Buffer.from(e.rawName ?? Buffer.from(e.localName ?? e.name, 'utf8'));
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt16LE(e.flags ?? 0x0800, 6);
  head.writeUInt16LE(e.method, 8);
  head.writeUInt32LE(e.crc32, 14);
  head.writeUInt32LE(e.data.byteLength, 18);
  head.writeUInt32LE(e.size, 22);
  head.writeUInt16LE(name.length, 26);
  return Buffer.concat([head, name, Buffer.from(e.data)]);
}

/** An entry stored as is (method 0). */
export function stored(name: string, content: Uint8Array): CraftedEntry {
  return { name, data: content, method: 0, crc32: zlib.crc32(content) >>> 0, size: content.byteLength };
}

/** An honest entry: deflated, with its true CRC and size. */
export function deflated(name: string, content: Uint8Array | string): CraftedEntry {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, data: new Uint8Array(zlib.deflateRawSync(bytes)), method: 8, crc32: zlib.crc32(bytes) >>> 0, size: bytes.byteLength };
}

/** `mb` megabytes of zeros, deflated a megabyte at a time: about 1 KB of output per MB. */
export async function deflatedZeros(name: string, mb: number): Promise<CraftedEntry> {
  const chunk = Buffer.alloc(1024 * 1024);
  let crc = 0;
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < mb; i++) {
        crc = zlib.crc32(chunk, crc);
        yield chunk;
      }
    })(),
  );
  const parts: Buffer[] = [];
  for await (const part of source.pipe(zlib.createDeflateRaw({ level: 9 }))) parts.push(part as Buffer);
  return { name, data: new Uint8Array(Buffer.concat(parts)), method: 8, crc32: crc >>> 0, size: mb * 1024 * 1024 };
}

/** A zip of the entries in this order, names and sizes exactly as given (no checks at all). */
export function craftZip(entries: CraftedEntry[], end: { disk?: number; count?: number } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.rawName ?? Buffer.from(e.name, 'utf8'));
    let at = e.pointsAt;
    if (at === undefined) {
      const local = localRecord(e);
      locals.push(local);
      at = offset;
      offset += local.length;
    }
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.flags ?? 0x0800, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt32LE(e.crc32, 16);
    cd.writeUInt32LE(e.data.byteLength, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(at, 42);
    central.push(cd, name);
  }
  const cdBytes = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(end.disk ?? 0, 4);
  eocd.writeUInt16LE(end.count ?? entries.length, 8);
  eocd.writeUInt16LE(end.count ?? entries.length, 10);
  eocd.writeUInt32LE(cdBytes.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cdBytes, eocd]));
}
