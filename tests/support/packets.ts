// Review packets for the security tests: a genuine one, signed by the real packet builder with
// a lead's key, and the tools a forger has (unzip, edit, re-sign with another key, re-zip).
import crypto from 'node:crypto';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { fingerprintOf } from '../../electron/services/identity/keys.ts';
import { buildPacket } from '../../electron/services/packet/packet.ts';
import { craftZip, deflated, type CraftedEntry } from './crafted-zip.ts';

export type KeyPair = crypto.KeyPairKeyObjectResult;
export const newKeys = (): KeyPair => crypto.generateKeyPairSync('ed25519');
export const pemOf = (k: KeyPair) => k.publicKey.export({ format: 'pem', type: 'spki' }).toString();
export const LEE = { name: 'Lee Lead', email: 'lee@body.example' };

export function findingsJson(chokehold: string): string {
  return `${JSON.stringify(
    {
      schema: 'credence.findings/1',
      progress: { decided: 2, total: 21 },
      items: [
        { id: 'mandatory.adherence-to-law', title: 'Adherence to applicable law', kind: 'mandatory', determination: 'Met' },
        { id: 'mandatory.chokehold', title: 'Chokeholds prohibited except where the use of deadly force is allowed by law', kind: 'mandatory', determination: chokehold },
      ],
    },
    null,
    2,
  )}\n`;
}

/** A packet as Credence writes it, signed by `keys` in the name of `signer`. */
export function genuinePacket(keys: KeyPair, signer = LEE, chokehold = 'Met'): Uint8Array {
  return buildPacket(
    {
      'findings.json': strToU8(findingsJson(chokehold)),
      'findings.docx': strToU8('PK docx stand-in: the verify path treats it as opaque bytes'),
      'sources.json': strToU8('[{"name":"GO 300.pdf","sha256":"00","pages":3}]\n'),
      'audit.jsonl': strToU8('{"seq":1,"action":"cases.create"}\n'),
    },
    {
      caseId: 'case-riverside',
      agency: 'Riverside Police Department',
      createdAt: '2026-11-20T10:00:00.000Z',
      checklistPack: { id: 'eo13929-doj-2020', version: '1.0.0' },
      rubricPacks: [],
      auditHead: 'a'.repeat(64),
      singlePersonReview: false,
      signer: { ...signer, fingerprint: fingerprintOf(keys.publicKey) },
    },
    keys.privateKey,
    keys.publicKey,
  );
}

/** The packet's entries, in a Map (never an object keyed by a hostile name). */
export const entriesOf = (zip: Uint8Array): Map<string, Uint8Array> => new Map(Object.entries(unzipSync(zip)));

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/**
 * What a forger does: change the content, rewrite the manifest's hashes, sign it with their own
 * key and ship that key, keeping every name the manifest had (so it still says "Lee Lead").
 * `claimFingerprintOf` writes another key's fingerprint into the manifest instead of the forger's.
 */
export function resign(zip: Uint8Array, forger: KeyPair, edit: (files: Map<string, Uint8Array>) => void, opts: { claimFingerprintOf?: KeyPair } = {}): Map<string, Uint8Array> {
  const entries = entriesOf(zip);
  edit(entries);
  const manifest = JSON.parse(strFromU8(entries.get('manifest.json')!));
  manifest.files = manifest.files.map((f: { name: string }) => ({ name: f.name, sha256: sha256(entries.get(f.name)!), size: entries.get(f.name)!.byteLength }));
  manifest.signer.fingerprint = fingerprintOf((opts.claimFingerprintOf ?? forger).publicKey);
  const bytes = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  entries.set('manifest.json', bytes);
  entries.set('manifest.sig', new Uint8Array(crypto.sign(null, bytes, forger.privateKey)));
  entries.set('signer.pub.pem', strToU8(pemOf(forger)));
  return entries;
}

/** Signs arbitrary manifest bytes with `keys`: the signature is valid, whatever the bytes say. */
export function withSignedManifest(entries: Map<string, Uint8Array>, manifestBytes: Uint8Array, keys: KeyPair): Map<string, Uint8Array> {
  const out = new Map(entries);
  out.set('manifest.json', manifestBytes);
  out.set('manifest.sig', new Uint8Array(crypto.sign(null, manifestBytes, keys.privateKey)));
  out.set('signer.pub.pem', strToU8(pemOf(keys)));
  return out;
}

/** Zips entries in order, honestly deflated; `extra` entries (crafted) go where the test puts them. */
export function zipOf(entries: Map<string, Uint8Array> | Array<[string, Uint8Array]>, extra: CraftedEntry[] = []): Uint8Array {
  return craftZip([...[...entries].map(([n, b]) => deflated(n, b)), ...extra]);
}
