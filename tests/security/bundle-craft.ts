// Crafting hostile case bundles from a genuine one, and proving an import changed nothing.
//
// A source workspace exports a real signed bundle of its case. A target workspace holds a
// victim case (a document, highlights, determinations), two identities with sealed keys, and
// trusts the source's signer through its roster — so a crafted bundle re-signed with that key
// tests the row checks themselves, the last defence when a trusted key signs something hostile.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { expect } from 'vitest';
import { generateSamplePdf } from '../../resources/sample/generate-sample.ts';
import { tempDir, tempWorkspace } from '../support/workspace.ts';

type Ws = ReturnType<typeof tempWorkspace>;
export type Entries = Record<string, Uint8Array>;
export type Body = { caseId: string; tables: Record<string, Array<Record<string, unknown>>>; [k: string]: unknown };

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export async function bundleScene() {
  const files = tempDir('credence-bundle-attack-');
  const source = tempWorkspace();
  const target = tempWorkspace();
  const cleanup = () => {
    source.cleanup();
    target.cleanup();
    fs.rmSync(files, { recursive: true, force: true });
  };
  try {
    return await build(files, source, target, cleanup);
  } catch (err) {
    cleanup();
    throw err;
  }
}

async function build(files: string, source: Ws, target: Ws, cleanup: () => void) {
  const pdf = await generateSamplePdf();

  const ana = await source.call('identity.create', { name: 'Ana Reviewer', email: 'ana@body.example', role: 'reviewer', passphrase: 'ana passphrase' });
  await source.call('identity.use', { identityId: ana.id, passphrase: 'ana passphrase' });
  const caseId = (await source.call('cases.create', { agencyName: 'Lakeside Police Department', ori: 'IL9990002', state: 'IL' })).id;
  const [doc] = await source.call('documents.import', { caseId, paths: [source.write('go300.pdf', pdf)] });
  const h = await source.call('annotations.create', { caseId, documentId: doc.document.id, page: 2, quote: '(e) Vascular neck restraints or carotid control holds; (f) Choke holds.', itemIds: ['mandatory.chokehold'], note: 'list' });
  await source.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'Banned except deadly force.', evidenceIds: [h.id] });
  const genuine = path.join(files, 'genuine.credence-case');
  await source.call('bundle.export', { caseId, outPath: genuine, passphrase: 'ana passphrase' });

  // The target: a victim case and identities whose sealed keys must never leak.
  const lee = await target.call('identity.create', { name: 'Lee Lead', email: 'lee@body.example', role: 'lead', passphrase: 'lee passphrase' });
  const tom = await target.call('identity.create', { name: 'Tom Reviewer', email: 'tom@body.example', role: 'reviewer', passphrase: 'tom passphrase' });
  await target.call('identity.use', { identityId: tom.id, passphrase: 'tom passphrase' });
  const victim = (await target.call('cases.create', { agencyName: 'Victim County Sheriff', ori: 'IL9990001', state: 'IL' })).id;
  const [vdoc] = await target.call('documents.import', { caseId: victim, paths: [target.write('go300.pdf', pdf)] });
  const vh = await target.call('annotations.create', { caseId: victim, documentId: vdoc.document.id, page: 2, quote: '(e) Vascular neck restraints or carotid control holds; (f) Choke holds.', itemIds: ['mandatory.chokehold'], note: 'victim note' });
  await target.call('determinations.set', { caseId: victim, itemId: 'mandatory.chokehold', status: 'met', rationale: 'Victim rationale.', evidenceIds: [vh.id] });
  await target.call('determinations.set', { caseId: victim, itemId: 'topic.use-of-force', status: 'needs_information', rationale: 'ask' });
  const anaPem = path.join(files, 'ana.pub.pem');
  fs.writeFileSync(anaPem, ana.publicKeyPem);
  await target.call('roster.import', { path: anaPem, name: 'Ana Reviewer' });

  const anaKey = source.ws.services.identities.privateKey(ana.id, 'ana passphrase');
  const anaPublic = crypto.createPublicKey(ana.publicKeyPem);
  let n = 0;

  /**
   * Writes a bundle made from the genuine one. Its manifest is recomputed and then `sign`:
   * 'trusted' re-signs with the roster's key, 'unknown' with a fresh key, 'stale' keeps the old
   * signature, 'none' drops it; 'keep' leaves the manifest as it was.
   */
  function craft(opts: { body?: (b: Body) => void; entries?: (e: Entries) => void; manifest?: (m: Record<string, unknown>) => unknown; sign?: 'trusted' | 'unknown' | 'keep' | 'stale' | 'none' }): string {
    const e: Entries = unzipSync(new Uint8Array(fs.readFileSync(genuine)));
    if (opts.body) {
      const b = JSON.parse(strFromU8(e['bundle.json']!)) as Body;
      opts.body(b);
      e['bundle.json'] = strToU8(JSON.stringify(b));
    }
    opts.entries?.(e);
    const sign = opts.sign ?? 'trusted';
    if (sign !== 'keep') {
      const m = JSON.parse(strFromU8(e['manifest.json']!)) as { entries: Record<string, { sha256: string; size: number }>; signerFingerprint: string; [k: string]: unknown };
      for (const name of Object.keys(m.entries)) if (e[name]) m.entries[name] = { sha256: sha256(e[name]!), size: e[name]!.byteLength };
      let key = anaKey;
      let pub = anaPublic;
      if (sign === 'unknown') {
        ({ privateKey: key, publicKey: pub } = crypto.generateKeyPairSync('ed25519'));
        m.signerFingerprint = sha256(pub.export({ format: 'der', type: 'spki' }));
      }
      const manifest = opts.manifest ? opts.manifest(m) : m;
      e['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
      if (sign === 'stale') {
        // The old signature and key stay: only the manifest was recomputed.
      } else if (sign === 'none') {
        delete e['manifest.sig'];
        delete e['signer.pub.pem'];
      } else {
        e['manifest.sig'] = new Uint8Array(crypto.sign(null, e['manifest.json'], key));
        e['signer.pub.pem'] = strToU8(pub.export({ format: 'pem', type: 'spki' }).toString());
      }
    }
    const out = path.join(files, `crafted-${++n}.credence-case`);
    fs.writeFileSync(out, zipSync(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, [v, { level: 0 }]])) as never));
    return out;
  }

  return {
    source,
    target,
    caseId,
    victim,
    identities: { ana, lee, tom },
    genuine,
    files,
    craft,
    cleanup,
  };
}

/** Every row of every table (in a stable order) and every file under the blob folder. */
export function snapshot(w: Ws) {
  const db = w.ws.ctx.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  const rows = Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]));
  const blobs = fs.existsSync(w.ws.paths.blobs) ? (fs.readdirSync(w.ws.paths.blobs, { recursive: true }) as string[]).sort() : [];
  return { rows, blobs };
}

/** Imports `file` into the target and expects a refusal with `message`, and not one change anywhere. */
export async function expectRefusedUnchanged(w: Ws, file: string, message: string | RegExp, input: Record<string, unknown> = {}) {
  const before = snapshot(w);
  expect(Object.keys(before.rows)).toEqual(expect.arrayContaining(['cases', 'identities', 'determinations', 'annotations', 'audit_log', 'trust_roster']));
  const r = await w.ws.dispatch('bundle.import', { path: file, ...input });
  expect(r.ok).toBe(false);
  const err = (r as { error: { message: string } }).error.message;
  expect(err).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
  expect(err).toContain('was refused and nothing was imported');
  expect(snapshot(w)).toEqual(before);
  return err;
}
