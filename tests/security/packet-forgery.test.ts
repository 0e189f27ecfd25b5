// A forged packet: the findings changed ("chokehold: Not met"), re-signed with the forger's own
// Ed25519 key, the signer's name left as "Lee Lead". The signature is valid; it must still not
// verify as the lead's, from the CLI (exit 5) or the API the Verify screen uses, with the
// workspace roster or with --trust. The genuine packet stays green.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.ts';
import { groupFingerprint } from '../../electron/services/identity/keys.ts';
import { fingerprintOf } from '../../electron/services/identity/keys.ts';
import { findingsJson, genuinePacket, newKeys, pemOf, resign, zipOf, type KeyPair } from '../support/packets.ts';
import { tempWorkspace } from '../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let lee: KeyPair;
let mallory: KeyPair;
let leePem: string;
let genuinePath: string;
let forgedPath: string;
let swappedPath: string;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, {});
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const snapshot = () => ({
  roster: t.ws.ctx.db.prepare('SELECT fingerprint, name FROM trust_roster ORDER BY fingerprint').all(),
  files: fs.readdirSync(path.dirname(genuinePath)).map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(path.dirname(genuinePath), f))).digest('hex')]),
});

beforeAll(async () => {
  t = tempWorkspace();
  lee = newKeys();
  mallory = newKeys();
  leePem = t.write('lee.pub.pem', pemOf(lee));
  await t.call('roster.import', { path: leePem, name: 'Lee Lead' });
  const genuine = genuinePacket(lee);
  genuinePath = t.write('genuine.zip', genuine);
  forgedPath = t.write('forged.zip', zipOf(resign(genuine, mallory, (f) => f.set('findings.json', strToU8(findingsJson('Not met'))))));
  swappedPath = t.write('swapped.zip', zipOf(resign(genuine, mallory, (f) => f.set('findings.json', strToU8(findingsJson('Not met'))), { claimFingerprintOf: lee })));
});
afterAll(() => t.cleanup());

describe('a packet re-signed with another key in the lead’s name', () => {
  it('is not green against the workspace roster: exit 5, and the lead’s name is not shown as the signer', async () => {
    const before = snapshot();
    const r = await cli(['verify', forgedPath, '--data-dir', t.dataDir]);
    expect(r.code).toBe(5);
    expect(r.out.split('\n')[0]).toBe("NOT TRUSTED: valid signature from an unknown key: not the lead's signature");
    expect(r.out).not.toContain('AUTHENTIC');
    expect(r.out).not.toMatch(/Signed by/);
    // The manifest's "Lee Lead" appears only as an unverified claim, beside the forger's key.
    expect(r.out).toContain('The manifest claims the signer is Lee Lead <lee@body.example>: unverified');
    expect(r.out).toContain(`by the key ${groupFingerprint(fingerprintOf(mallory.publicKey))}, which is not in your trust roster`);
    expect(r.out).toContain('check its fingerprint with them by phone');
    expect(r.err).toContain("valid signature from an unknown key: not the lead's signature (exit 5)");
    expect(snapshot()).toEqual(before);
  });

  it('gives the Verify screen an amber verdict with no signer name and no findings', async () => {
    const v = await t.call('packet.verify', { path: forgedPath });
    expect(v).toMatchObject({ verdict: 'untrusted', ok: false, signerInRoster: false, summary: null, signer: { name: null, claimed: { name: 'Lee Lead', email: 'lee@body.example' } } });
    expect(v.reason).toMatch(/^Valid signature from an unknown key: not the lead's signature\./);
    const json = JSON.parse((await cli(['verify', forgedPath, '--json', '--data-dir', t.dataDir])).out);
    expect(json).toMatchObject({ verdict: 'untrusted', signer: { name: null } });
  });

  it('is refused as not that key with --trust lee.pub.pem (the real lead’s key): exit 5', async () => {
    const r = await cli(['verify', forgedPath, '--trust', leePem]);
    expect(r.code).toBe(5);
    expect(r.out).toContain('which is not in the keys given with --trust (lee.pub.pem)');
    expect(r.out).not.toMatch(/Signed by/);
  });

  it('is invalid (exit 1) when the forger writes the lead’s fingerprint into the manifest', async () => {
    const r = await cli(['verify', swappedPath, '--trust', leePem]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('NOT VALID: The signing key is not the one the manifest names: signer.pub.pem was swapped.');
  });
});

describe('the genuine packet', () => {
  it('verifies green with exit 0 against the roster, named by the roster', async () => {
    const r = await cli(['verify', genuinePath, '--data-dir', t.dataDir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('AUTHENTIC AND UNALTERED, SIGNED BY A TRUSTED KEY');
    expect(r.out).toContain('Signed by: Lee Lead (the name your trusted keys give this key)');
    expect(r.err).toBe('');
    const v = await t.call('packet.verify', { path: genuinePath });
    expect(v).toMatchObject({ verdict: 'trusted', ok: true, signer: { name: 'Lee Lead' }, summary: { decided: 2, total: 21 } });
  });

  it('verifies green with exit 0 with --trust, a file or a folder of keys', async () => {
    const one = await cli(['verify', genuinePath, '--trust', leePem]);
    expect(one.code).toBe(0);
    expect(one.out).toContain('Signed by: lee (the name your trusted keys give this key)');
    const folder = path.join(path.dirname(leePem), 'keys');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'other.pem'), pemOf(mallory));
    fs.copyFileSync(leePem, path.join(folder, 'lee.pem'));
    expect((await cli(['verify', genuinePath, '--trust', folder])).code).toBe(0);
    fs.rmSync(folder, { recursive: true });
  });

  it('is not green where nobody vouched for the key: an empty roster gives exit 5', async () => {
    const empty = tempWorkspace();
    try {
      const r = await cli(['verify', genuinePath, '--data-dir', empty.dataDir]);
      expect(r.code).toBe(5);
      expect(r.out).toContain('which is not in your trust roster');
    } finally {
      empty.cleanup();
    }
  });
});
