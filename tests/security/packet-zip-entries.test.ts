// Packets whose zip directory lies about what they hold: two entries of one name (a reader that
// keeps the last would check the genuine copy while another shows the tampered one), reserved
// names such as __proto__, path-like names, entries the signed manifest does not list, listed
// files missing, too many entries. Each is refused with its reason, before anything is trusted.
import { strToU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../electron/services/identity/keys.ts';
import { verifyPacket, type TrustedKeys } from '../../electron/services/packet/verify.ts';
import { openZip, ZipRefused } from '../../electron/services/trust/safe-zip.ts';
import { craftZip, deflated } from '../support/crafted-zip.ts';
import { entriesOf, findingsJson, genuinePacket, newKeys, zipOf, type KeyPair } from '../support/packets.ts';

let lee: KeyPair;
let genuine: Map<string, Uint8Array>;
let trust: TrustedKeys;

beforeAll(() => {
  lee = newKeys();
  genuine = entriesOf(genuinePacket(lee));
  trust = { nameOf: (fp) => (fp === fingerprintOf(lee.publicKey) ? 'Lee Lead' : null), source: 'the test roster' };
});

const without = (name: string) => new Map([...genuine].filter(([n]) => n !== name));
const tampered = () => deflated('findings.json', findingsJson('Not met'));

describe('a packet with two entries of one name', () => {
  it('is refused when the tampered findings.json comes first and the genuine one last', () => {
    const zip = zipOf(without('findings.json'), [tampered(), deflated('findings.json', genuine.get('findings.json')!)]);
    // Why it matters: an object-keyed unzip keeps only the last entry, the genuine one.
    expect(new TextDecoder().decode(unzipSync(zip)['findings.json'])).toContain('"determination": "Met"');
    const v = verifyPacket(zip, trust);
    expect(v).toMatchObject({ verdict: 'invalid', ok: false, summary: null });
    expect(v.reason).toBe('This packet holds two entries named "findings.json": refused.');
  });

  it('is refused when the names differ only in case (one file on a case-insensitive disk)', () => {
    const v = verifyPacket(zipOf(genuine, [deflated('FINDINGS.json', findingsJson('Not met'))]), trust);
    expect(v.reason).toBe('This packet holds two entries named "FINDINGS.json" and "findings.json": refused.');
  });
});

describe('entry names', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'docs/__proto__'])('an extra entry named %s is refused', (name) => {
    const v = verifyPacket(zipOf(genuine, [deflated(name, '{"ok":true}')]), trust);
    expect(v.verdict).toBe('invalid');
    expect(v.reason).toMatch(/^This packet holds an entry with the reserved name "(__proto__|constructor|prototype)" \(.+\): refused\.$/);
  });

  it.each([
    ['../findings.json', 'a path that climbs out of its folder'],
    ['/etc/passwd', 'an absolute path as its name'],
    ['C:/Windows/evil.txt', 'an absolute path as its name'],
    ['docs\\evil.txt', 'a backslash in its name'],
    ['nul\u0000.txt', 'a control or direction-changing character in its name'],
    ['gnp.\u202etxt', 'a control or direction-changing character in its name'],
    ['folder/', 'a path that climbs out of its folder or is a folder'],
  ])('an entry named %j is refused for %s', (name, why) => {
    const v = verifyPacket(zipOf(genuine, [deflated(name, 'x')]), trust);
    expect(v.verdict).toBe('invalid');
    expect(v.reason).toContain(`This packet holds an entry with ${why}`);
    // The name is quoted with its control characters escaped, never printed raw.
    expect(v.reason).not.toMatch(/[\u0000\u202e]/);
  });

  it('keeps entries in a Map: "__proto__" never reaches an object prototype', () => {
    const zip = craftZip([deflated('a.txt', 'a')]);
    const z = openZip(zip, { maxEntries: 4, maxEntryBytes: 100, maxTotalBytes: 100 });
    expect(z.entries).toBeInstanceOf(Map);
    expect(() => z.read('__proto__')).toThrow(ZipRefused);
    expect(() => z.read('constructor')).toThrow('The file has no entry "constructor".');
  });

  it('an entry named like an Object method still meets the general cap, whatever a per-name lookup finds', () => {
    const zip = craftZip([deflated('toString', 'x'.repeat(500))]);
    // A careless per-name lookup in an object literal finds Object.prototype.toString here.
    const lookup = (name: string) => ({ 'manifest.json': 10 } as Record<string, unknown>)[name] as number | undefined;
    expect(() => openZip(zip, { maxEntries: 4, maxEntryBytes: 100, maxTotalBytes: 10_000, maxBytesFor: lookup })).toThrow(/more than the .* allowed/);
  });
});

describe('entries against the signed manifest', () => {
  it('an entry the manifest does not list is refused, and never read', () => {
    const v = verifyPacket(zipOf(genuine, [deflated('notes.txt', 'chokehold: Not met')]), trust);
    expect(v.reason).toBe('The packet holds files the signed manifest does not list: notes.txt.');
    expect(v.summary).toBeNull();
  });

  it('a listed file that is missing is refused', () => {
    const v = verifyPacket(zipOf(without('sources.json')), trust);
    expect(v.verdict).toBe('invalid');
    expect(v.reason).toBe('sources.json (missing): the packet was altered after signing.');
  });

  it('a packet without its signature is refused', () => {
    expect(verifyPacket(zipOf(without('manifest.sig')), trust).reason).toBe('The packet has no manifest.sig. It is incomplete or not a Credence packet.');
  });

  it('more entries than any packet has are refused from the directory', () => {
    const many = Array.from({ length: 40 }, (_, i) => deflated(`extra-${i}.txt`, 'x'));
    expect(verifyPacket(zipOf(genuine, many), trust).reason).toBe('This packet lists 48 entries, more than the 32 allowed: refused.');
  });

  it('a file that is not a zip is refused plainly', () => {
    expect(verifyPacket(strToU8('not a zip'), trust)).toMatchObject({ verdict: 'invalid', reason: 'This packet is not a readable zip file (it may be truncated, or not the kind of file expected): refused.' });
  });
});
