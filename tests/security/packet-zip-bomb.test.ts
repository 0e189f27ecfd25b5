// Packets built to exhaust memory or to be parsed before they are checked: an entry that expands
// to 300 MB, entries that add up past the total cap, a central directory that lies about an
// entry's size, a huge manifest, and manifests that are signed but are not manifests (null, the
// wrong shape). Each is refused with a clear message; the bombs without the process growing.
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.ts';
import { fingerprintOf } from '../../electron/services/identity/keys.ts';
import { verifyPacket, type TrustedKeys } from '../../electron/services/packet/verify.ts';
import { craftZip, deflated, deflatedZeros, type CraftedEntry } from '../support/crafted-zip.ts';
import { buildPacket } from '../../electron/services/packet/packet.ts';
import { entriesOf, genuinePacket, newKeys, pemOf, withSignedManifest, zipOf, type KeyPair } from '../support/packets.ts';
import { tempDir } from '../support/workspace.ts';
import fs from 'node:fs';
import path from 'node:path';

const MB = 1024 * 1024;
let lee: KeyPair;
let genuine: Map<string, Uint8Array>;
let trust: TrustedKeys;
let zeros300: CraftedEntry;
let dir: string;

beforeAll(async () => {
  lee = newKeys();
  genuine = entriesOf(genuinePacket(lee));
  trust = { nameOf: (fp) => (fp === fingerprintOf(lee.publicKey) ? 'Lee Lead' : null), source: 'the test roster' };
  zeros300 = await deflatedZeros('findings.json', 300);
  dir = tempDir('credence-bomb-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const without = (name: string) => new Map([...genuine].filter(([n]) => n !== name));

/** Verifies and reports how much the process grew while doing it. */
function measured(zip: Uint8Array) {
  const before = process.memoryUsage().rss;
  const v = verifyPacket(zip, trust);
  return { v, grewMB: (process.memoryUsage().rss - before) / MB };
}

describe('zip bombs', () => {
  it('an entry that declares 300 MB is refused from the directory, before inflating', () => {
    expect(zeros300.data.byteLength).toBeLessThan(1 * MB);
    const { v, grewMB } = measured(zipOf(without('findings.json'), [zeros300]));
    expect(v.verdict).toBe('invalid');
    expect(v.reason).toBe('This packet holds "findings.json", which expands to 300 MB, more than the 64 MB allowed: refused.');
    expect(grewMB).toBeLessThan(200);
  });

  it('entries each under the cap that add up past the total are refused', async () => {
    const names = ['findings.docx', 'audit.jsonl', 'sources.json'];
    const parts = await Promise.all(names.map((n) => deflatedZeros(n, 60)));
    const v = verifyPacket(zipOf(new Map([...genuine].filter(([n]) => !names.includes(n))), parts), trust);
    expect(v.reason).toBe('This packet expands to more than 160 MB in all, more than allowed: refused.');
  });

  it('an entry whose directory entry lies about its size is refused when it inflates past it', () => {
    // The size, CRC and hash the signed manifest expects, on data that inflates to 300 MB.
    const real = genuine.get('findings.json')!;
    const liar = { ...zeros300, size: real.byteLength, crc32: deflated('x', real).crc32 };
    const { v, grewMB } = measured(zipOf(without('findings.json'), [liar]));
    expect(v.verdict).toBe('invalid');
    expect(v.reason).toBe(`This packet holds "findings.json", which expands to more than the ${real.byteLength.toLocaleString('en-US')} bytes its header declares: refused.`);
    expect(grewMB).toBeLessThan(200);
  });

  it('a manifest whose header lies is refused before its signature is checked or it is parsed', () => {
    const liar = { ...zeros300, name: 'manifest.json', size: 600 };
    const { v, grewMB } = measured(zipOf(without('manifest.json'), [liar]));
    expect(v.reason).toBe('This packet holds "manifest.json", which expands to more than the 600 bytes its header declares: refused.');
    expect(v.signer).toBeNull();
    expect(grewMB).toBeLessThan(200);
  });

  it('a damaged entry is refused by its checksum', () => {
    const real = genuine.get('sources.json')!;
    const bad = { ...deflated('sources.json', real), crc32: 12345 };
    expect(verifyPacket(zipOf(without('sources.json'), [bad]), trust).reason).toBe('This packet holds "sources.json", whose checksum does not match: the file is damaged: refused.');
  });
});

describe('the manifest', () => {
  it('a manifest over 1 MB is refused from the directory, before it is inflated or parsed', () => {
    const huge = strToU8(`${JSON.stringify({ schema: 'credence.packet/1' })}${' '.repeat(2 * MB)}`);
    const v = verifyPacket(zipOf(withSignedManifest(genuine, huge, lee)), trust);
    expect(v.reason).toBe('This packet holds "manifest.json", which expands to 2 MB, more than the 1 MB allowed: refused.');
    const { v: v300, grewMB } = measured(zipOf(without('manifest.json'), [{ ...zeros300, name: 'manifest.json' }]));
    expect(v300.reason).toBe('This packet holds "manifest.json", which expands to 300 MB, more than the 1 MB allowed: refused.');
    expect(grewMB).toBeLessThan(200);
  });

  it('a signed null manifest gets a clear message, not a stack trace, from the CLI too', async () => {
    const packet = path.join(dir, 'null-manifest.zip');
    fs.writeFileSync(packet, zipOf(withSignedManifest(genuine, strToU8('null'), lee)));
    const v = verifyPacket(fs.readFileSync(packet), trust);
    expect(v).toMatchObject({ verdict: 'invalid', caseId: null, summary: null });
    expect(v.reason).toBe('manifest.json is signed, but it is not a Credence packet manifest (Invalid input: expected object, received null).');
    const keyFile = path.join(dir, 'lee.pub.pem');
    fs.writeFileSync(keyFile, pemOf(lee));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['verify', packet, '--trust', keyFile], { out: (s) => out.push(s), err: (s) => err.push(s) }, {});
    expect(code).toBe(1);
    expect(out.join('\n')).toBe(`NOT VALID: ${v.reason}`);
    expect(err.join('\n')).not.toMatch(/TypeError|\n\s+at /);
  });

  it.each([
    ['the wrong schema', { schema: 'credence.packet/9' }, /^manifest\.json is signed, but it is not a Credence packet manifest \(schema: /],
    ['files that are not a list', { files: 'findings.json' }, /\(files: Invalid input: expected array, received string\)/],
    ['a listed file with a path for a name', { files: [{ name: '../x', sha256: 'a'.repeat(64), size: 1 }] }, /\(files\.0\.name: is not a plain file name\)/],
    ['a file listed twice', { files: [{ name: 'a', sha256: 'a'.repeat(64), size: 1 }, { name: 'a', sha256: 'a'.repeat(64), size: 1 }] }, /\(files: lists a file twice\)/],
  ])('a signed manifest with %s is refused with the field named', (_what, change, reason) => {
    const m = { ...JSON.parse(new TextDecoder().decode(genuine.get('manifest.json'))), ...change };
    const v = verifyPacket(zipOf(withSignedManifest(genuine, strToU8(JSON.stringify(m)), lee)), trust);
    expect(v.verdict).toBe('invalid');
    expect(v.reason).toMatch(reason);
  });

  it('a signed manifest that is not JSON is refused', () => {
    expect(verifyPacket(zipOf(withSignedManifest(genuine, strToU8('{"schema": '), lee)), trust).reason).toBe('manifest.json is signed, but it is not JSON text: this is not a Credence packet.');
  });

  it('an unsigned change to the manifest is refused before it is parsed', () => {
    const m = new Map(genuine);
    m.set('manifest.json', strToU8('null'));
    expect(verifyPacket(zipOf(m), trust).reason).toBe('The signature does not match manifest.json: the manifest was altered, or it was signed with a different key.');
  });
});

describe('the zip file', () => {
  it('a crafted zip with the genuine entries in their honest form still verifies green', () => {
    const v = verifyPacket(craftZip([...genuine].map(([n, b]) => deflated(n, b))), trust);
    expect(v).toMatchObject({ verdict: 'trusted', ok: true, signer: { name: 'Lee Lead' } });
  });
});

describe('the writer', () => {
  it('never writes a packet the reader would refuse', () => {
    const meta = JSON.parse(new TextDecoder().decode(genuine.get('manifest.json')));
    delete meta.files;
    delete meta.schema;
    expect(() => buildPacket({ 'audit.jsonl': new Uint8Array(65 * MB) }, meta, lee.privateKey, lee.publicKey)).toThrow("The packet's audit.jsonl would be 65 MB, more than a packet may hold (64 MB per file, 160 MB in all), so it could not be verified. Nothing was written.");
  });
});
