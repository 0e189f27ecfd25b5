// Who made a case bundle: its manifest is signed by the exporter's key, and the import believes
// nothing until that signature holds and the key is one this workspace trusts. Unsigned bundles,
// bundles re-signed by a stranger, manifests recomputed after an edit, and manifests that are not
// manifests are each refused, saying why, with every table of the workspace left as it was.
import crypto from 'node:crypto';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScene, expectRefusedUnchanged, type Body } from './bundle-craft.ts';

let scene: Awaited<ReturnType<typeof bundleScene>>;
beforeAll(async () => {
  scene = await bundleScene();
});
afterAll(() => scene?.cleanup());

/** The edit an attacker wants: the chokehold item turned to "not met". */
const notMet = (b: Body) => void (b.tables.determinations![0]!.status = 'not_met');

describe('bundle signatures', () => {
  it('refuse an unsigned bundle', async () => {
    await expectRefusedUnchanged(scene.target, scene.craft({ sign: 'none' }), 'it is not signed (no manifest.sig or signer.pub.pem)');
  });

  it('refuse a bundle whose manifest was recomputed after a row was edited', async () => {
    await expectRefusedUnchanged(scene.target, scene.craft({ body: notMet, sign: 'stale' }), 'its signature does not match its manifest: the bundle was altered after it was signed');
  });

  it('refuse a bundle whose row was edited under the signed manifest', async () => {
    await expectRefusedUnchanged(scene.target, scene.craft({ body: notMet, sign: 'keep' }), 'bundle.json does not match its SHA-256 in the signed manifest');
  });

  it('refuse a bundle re-signed by a key nobody here trusts, naming its fingerprint', async () => {
    const file = scene.craft({ body: notMet, sign: 'unknown' });
    const msg = await expectRefusedUnchanged(scene.target, file, /signed by a key this workspace does not trust \(fingerprint ([0-9A-F]{4} ){15}[0-9A-F]{4}\)/);
    expect(msg).toContain('--accept-untrusted ');
    // Accepting the roster signer's fingerprint does not accept the stranger's key.
    await expectRefusedUnchanged(scene.target, file, 'but it was signed by', { acceptUntrusted: scene.identities.ana.fingerprint });
  });

  it('refuse a signer.pub.pem swapped for another key', async () => {
    const other = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    await expectRefusedUnchanged(scene.target, scene.craft({ sign: 'keep', entries: (e) => void (e['signer.pub.pem'] = strToU8(other)) }), 'its signature does not match its manifest');
  });

  it('refuse a signed manifest that names another signer', async () => {
    const file = scene.craft({ manifest: (m) => ({ ...m, signerFingerprint: scene.identities.lee.fingerprint }) });
    await expectRefusedUnchanged(scene.target, file, 'its manifest names a different signer than the key that signed it');
  });

  it.each([
    ['null', () => null, 'its manifest is not a Credence bundle manifest (manifest:'],
    ['an unknown field', (m: Record<string, unknown>) => ({ ...m, trustMe: true }), 'its manifest is not a Credence bundle manifest'],
    ['an entry name that escapes', (m: Record<string, unknown>) => ({ ...m, entries: { ...(m.entries as object), '../x': { sha256: '0'.repeat(64), size: 1 } } }), 'its manifest is not a Credence bundle manifest (entries'],
  ])('refuse a signed manifest that is %s', async (_name, edit, message) => {
    await expectRefusedUnchanged(scene.target, scene.craft({ manifest: edit }), message);
  });

  it('refuse a manifest too large to be one before reading it', async () => {
    const file = scene.craft({ sign: 'keep', entries: (e) => void (e['manifest.json'] = new Uint8Array(5 * 1024 * 1024).fill(32)) });
    await expectRefusedUnchanged(scene.target, file, 'it holds "manifest.json", which expands to 5 MB, more than the 4 MB allowed.');
  });

  it('import the genuine bundle and say who signed it', async () => {
    const r = await scene.target.call('bundle.import', { path: scene.genuine });
    expect(r.signer).toEqual({ fingerprint: scene.identities.ana.fingerprint, fingerprintGrouped: scene.identities.ana.fingerprintGrouped, name: 'Ana Reviewer', trust: 'roster' });
    expect((await scene.target.call('audit.list', { caseId: scene.caseId })).at(-1)).toMatchObject({ action: 'bundle.import', entity: 'case' });
  });
});
