// A case bundle is a zip, and a zip can lie: about how much its entries inflate to, how many
// there are, and which of two same-named entries is "the" one. The bundle reads it through the
// same reader as packets (trust/safe-zip.ts, whose own structure attacks are tested beside the
// packet); these tests show each attack refused through bundle import, with the workspace left
// as it was.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScene, expectRefusedUnchanged, type Entries } from './bundle-craft.ts';

let scene: Awaited<ReturnType<typeof bundleScene>>;
beforeAll(async () => {
  scene = await bundleScene();
});
afterAll(() => scene?.cleanup());

const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Rewrites what the zip's headers say about `name`: its inflated size, or its name (same length). */
function patch(zip: Uint8Array, name: string, change: { size?: number; rename?: string }): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  const want = strToU8(name);
  for (let p = 0; p + 46 < out.byteLength; p++) {
    const sig = view.getUint32(p, true);
    if (sig !== CENTRAL && sig !== LOCAL) continue;
    const nameAt = p + (sig === CENTRAL ? 46 : 30);
    const nameLength = view.getUint16(p + (sig === CENTRAL ? 28 : 26), true);
    if (nameLength !== want.byteLength || !out.subarray(nameAt, nameAt + nameLength).every((b, i) => b === want[i])) continue;
    if (change.size !== undefined) view.setUint32(p + (sig === CENTRAL ? 24 : 22), change.size, true);
    if (change.rename) out.set(strToU8(change.rename), nameAt);
  }
  return out;
}

const zip = (e: Entries, level: 0 | 6 = 0) => zipSync(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, [v, { level }]])) as never);
const genuineEntries = () => unzipSync(new Uint8Array(fs.readFileSync(scene.genuine))) as Entries;
const write = (bytes: Uint8Array) => {
  const f = path.join(scene.files, `zip-${Math.random().toString(36).slice(2)}.credence-case`);
  fs.writeFileSync(f, bytes);
  return f;
};
// 16 MB of zeros deflates to about 16 KB: the classic bomb, small enough to build once in a test.
const BOMB = 16 * 1024 * 1024;
let bombZip: Uint8Array | null = null;
/** The genuine bundle with bundle.json swapped for the bomb; built once, patched per test. */
function bomb(): Uint8Array {
  if (!bombZip) {
    const e = genuineEntries();
    e['bundle.json'] = new Uint8Array(BOMB);
    bombZip = zip(e, 6);
  }
  return bombZip;
}

describe('bundle zips', () => {
  it('refuse an entry that declares more than the cap, before inflating it', async () => {
    const bytes = patch(bomb(), 'bundle.json', { size: 0x7fff0000 });
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
    await expectRefusedUnchanged(scene.target, write(bytes), 'it holds "bundle.json", which expands to 2,047.9 MB, more than the 512 MB allowed.');
  });

  it('stop inflating an entry that grows past the size it declares', async () => {
    const bytes = patch(bomb(), 'bundle.json', { size: 1000 });
    await expectRefusedUnchanged(scene.target, write(bytes), 'it holds "bundle.json", which expands to more than the 1,000 bytes its header declares.');
  });

  it('refuse entries that together declare more than the total cap', async () => {
    const e = genuineEntries();
    const names = Array.from({ length: 3 }, (_, i) => `blobs/${String(i).repeat(64)}.pdf`);
    for (const n of names) e[n] = new Uint8Array(16);
    let bytes = zip(e, 6);
    for (const n of names) bytes = patch(bytes, n, { size: 1024 ** 3 });
    await expectRefusedUnchanged(scene.target, write(bytes), 'it expands to more than 2,048 MB in all, more than allowed.');
  });

  it('refuse more entries than a bundle can hold', async () => {
    const e: Entries = {};
    for (let i = 0; i < 10_001; i++) e[`blobs/${i.toString(16).padStart(64, '0')}.pdf`] = new Uint8Array(0);
    await expectRefusedUnchanged(scene.target, write(zip(e)), 'it lists 10,001 entries, more than the 10000 allowed.');
  });

  it('refuse two entries with the same name (a tampered one first, the genuine one last)', async () => {
    const e = genuineEntries();
    const tampered = strToU8(new TextDecoder().decode(e['bundle.json']).replace('"met"', '"not_met"'));
    const bytes = patch(zip({ 'bundle.jsoX': tampered, ...e }), 'bundle.jsoX', { rename: 'bundle.json' });
    await expectRefusedUnchanged(scene.target, write(bytes), 'it holds two entries named "bundle.json".');
  });

  it.each(['__proto__', 'blobs/__proto__', 'constructor'])('refuse an entry named %s', async (name) => {
    const e = genuineEntries();
    const stand = 'Z'.repeat(name.length);
    const bytes = patch(zip({ ...e, [stand]: strToU8('{"polluted":true}') }), stand, { rename: name });
    await expectRefusedUnchanged(scene.target, write(bytes), `it holds an entry with the reserved name "${name.split('/').pop()}" ("${name}").`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuse a bundle file too large to read, without reading it', async () => {
    // A sparse file: 2 GB long, no disk used, and never read.
    const f = path.join(scene.files, 'huge.credence-case');
    const fd = fs.openSync(f, 'w');
    fs.ftruncateSync(fd, 2 ** 31);
    fs.closeSync(fd);
    await expectRefusedUnchanged(scene.target, f, 'it is 2,147,483,648 bytes; bundles of at most 2,147,483,647 bytes are accepted.');
    fs.rmSync(f);
  });

  it('refuse a file that is not a zip', async () => {
    const r = await scene.target.ws.dispatch('bundle.import', { path: write(strToU8('not a bundle')) });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_file', message: expect.stringContaining('is not a readable case bundle') } });
  });

});
