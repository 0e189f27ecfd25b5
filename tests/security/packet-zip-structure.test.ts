// Zips whose structure is built to make two readers see two different files, or to expand one
// stretch of bytes many times: entries that share bytes, headers that disagree on a name,
// encrypted or exotic entries, multi-part and Zip64 markers, sizes that do not add up. The packet
// reader (safe-zip, which the bundle import may reuse) refuses each with its reason.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { verifyPacket } from '../../electron/services/packet/verify.ts';
import { openZip, type ZipLimits } from '../../electron/services/trust/safe-zip.ts';
import { craftZip, deflated, localRecord, stored, type CraftedEntry } from '../support/crafted-zip.ts';

const LIMITS: ZipLimits = { maxEntries: 16, maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 };
const refusal = (zip: Uint8Array) => {
  try {
    const z = openZip(zip, LIMITS, 'This packet');
    for (const n of z.names) z.read(n);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
};

describe('entries that share bytes', () => {
  it('a directory entry pointing inside another entry’s data is refused', () => {
    const inner = deflated('b.txt', 'b'.repeat(1000));
    // a.txt stores b.txt's whole local record as its data; b.txt's directory entry points into it.
    const outer = stored('a.txt', localRecord(inner));
    const zip = craftZip([outer, { ...inner, pointsAt: 30 + 'a.txt'.length }]);
    expect(refusal(zip)).toBe('This packet holds entries that overlap ("a.txt" and "b.txt"): refused.');
  });

  it('two directory entries for one local record are refused (their names cannot both match it)', () => {
    const a = deflated('a.txt', 'a');
    expect(refusal(craftZip([a, { ...a, name: 'c.txt', pointsAt: 0 }]))).toBe('This packet holds an entry whose two headers disagree on its name ("c.txt"): refused.');
  });
});

describe('headers that disagree', () => {
  it('a local header naming another file than the directory is refused', () => {
    expect(refusal(craftZip([{ ...deflated('findings.json', '{}'), localName: 'findingz.json' }]))).toBe('This packet holds an entry whose two headers disagree on its name ("findings.json"): refused.');
  });

  it('a stored entry whose sizes differ is refused as unreadable', () => {
    expect(refusal(craftZip([{ ...stored('a.txt', new Uint8Array(10)), size: 5 }]))).toMatch(/^This packet is not a readable zip file/);
  });

  it('an entry that expands to less than it declares is refused', () => {
    const e = deflated('a.txt', 'short');
    expect(refusal(craftZip([{ ...e, size: 50 }]))).toBe('This packet holds "a.txt", which expands to 5 bytes, not the 50 bytes its header declares: refused.');
  });

  it('damaged compressed data is refused', () => {
    const e = deflated('a.txt', 'x'.repeat(5000));
    expect(refusal(craftZip([{ ...e, data: e.data.subarray(0, 4) }]))).toBe('This packet holds "a.txt", whose compressed data is damaged: refused.');
  });
});

describe('entries Credence does not read', () => {
  it('an encrypted entry is refused', () => {
    expect(refusal(craftZip([{ ...deflated('a.txt', 'a'), flags: 0x0801 }]))).toBe('This packet holds an encrypted entry ("a.txt"): refused.');
  });

  it('an entry compressed with another method is refused', () => {
    expect(refusal(craftZip([{ ...deflated('a.txt', 'a'), method: 12 as 8 }]))).toBe('This packet holds an entry compressed in a way Credence does not read ("a.txt", method 12): refused.');
  });

  it('a name that is not UTF-8 is refused', () => {
    expect(refusal(craftZip([{ ...deflated('x', 'a'), rawName: new Uint8Array([0x66, 0xff, 0xfe]) }]))).toBe('This packet holds an entry whose name is not valid UTF-8 text: refused.');
  });
});

describe('the end record', () => {
  it('a multi-part zip is refused', () => {
    expect(refusal(craftZip([deflated('a.txt', 'a')], { disk: 1 }))).toBe('This packet is a multi-part zip: refused.');
  });

  it('Zip64 markers are refused', () => {
    expect(refusal(craftZip([deflated('a.txt', 'a')], { count: 0xffff }))).toBe('This packet is a Zip64 archive, larger than anything Credence writes: refused.');
  });

  it('a directory that lists fewer entries than it holds is refused', () => {
    expect(refusal(craftZip([deflated('a.txt', 'a'), deflated('b.txt', 'b')], { count: 1 }))).toMatch(/^This packet is not a readable zip file/);
  });

  it('a truncated zip is refused', () => {
    const zip = craftZip([deflated('a.txt', 'a')]);
    expect(refusal(zip.subarray(0, zip.length - 5))).toMatch(/^This packet is not a readable zip file/);
  });
});

describe('through verify', () => {
  it('a packet-sized zip of overlapping entries gets a red verdict with the reason', () => {
    const inner: CraftedEntry = { name: 'manifest.json', data: new Uint8Array(zlib.deflateRawSync('{}')), method: 8, crc32: zlib.crc32('{}') >>> 0, size: 2 };
    const zip = craftZip([stored('signer.pub.pem', localRecord(inner)), { ...inner, pointsAt: 30 + 'signer.pub.pem'.length }]);
    expect(verifyPacket(zip)).toMatchObject({ verdict: 'invalid', ok: false, reason: 'This packet holds entries that overlap ("signer.pub.pem" and "manifest.json"): refused.' });
  });
});
