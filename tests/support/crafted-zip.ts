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
export function craftZip(entries: CraftedEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(e.method, 8);
    head.writeUInt32LE(e.crc32, 14);
    head.writeUInt32LE(e.data.byteLength, 18);
    head.writeUInt32LE(e.size, 22);
    head.writeUInt16LE(name.length, 26);
    locals.push(head, name, Buffer.from(e.data));
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt32LE(e.crc32, 16);
    cd.writeUInt32LE(e.data.byteLength, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.data.byteLength;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cdBytes, end]));
}
