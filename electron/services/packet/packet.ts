// The signed review packet: one zip an agency can check with OpenSSL and sha256sum alone.
// manifest.json lists the SHA-256 and size of every other file; manifest.sig is an Ed25519
// signature over manifest.json's exact bytes; signer.pub.pem is the key that made it.
import crypto from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { fingerprintOf, groupFingerprint } from '../identity/keys.ts';

export const MANIFEST_SCHEMA = 'credence.packet/1';
export const SIGNED_FILES = ['manifest.json', 'manifest.sig', 'signer.pub.pem'] as const;

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  caseId: string;
  agency: string;
  createdAt: string;
  checklistPack: { id: string; version: string };
  rubricPacks: Array<{ id: string; version: string }>;
  auditHead: string;
  singlePersonReview: boolean;
  signer: { name: string; email: string; fingerprint: string };
  files: Array<{ name: string; sha256: string; size: number }>;
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
// Fixed timestamps inside the zip: the same packet content gives the same bytes.
const ZIP_TIME = new Date('2020-01-01T00:00:00Z');

export function verifyText(m: Omit<Manifest, 'files'>): string {
  return `How to check this review packet without Credence
==============================================

This packet holds the findings of a certification review of ${m.agency}
(case ${m.caseId}), signed by ${m.signer.name} <${m.signer.email}>.
Signing key fingerprint (SHA-256 of the public key, DER form):
  ${groupFingerprint(m.signer.fingerprint)}
Confirm this fingerprint with the credentialing body by a channel you trust (phone, letter).

You need OpenSSL 3 (openssl version) and sha256sum (GNU coreutils; on macOS: shasum -a 256).

1. Unzip the packet into an empty folder and open a terminal there.

2. Check the signature over manifest.json:

     openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in manifest.json -sigfile manifest.sig

   It must print "Signature Verified Successfully". Anything else: the manifest was altered,
   or it was not signed by this key. Stop here.

3. Check that signer.pub.pem is the key you expect:

     openssl pkey -pubin -in signer.pub.pem -outform DER | sha256sum

   The hash must equal the fingerprint above (without the spaces, in lower case).

4. Check every file against the manifest. The manifest lists each file's SHA-256 and size:

     sha256sum findings.docx findings.json sources.json audit.jsonl VERIFY.txt

   Each hash must equal the "sha256" given for that file in manifest.json. The folder must hold
   exactly the files the manifest lists, plus manifest.json, manifest.sig and signer.pub.pem.

If every step passes, the packet is authentic and unaltered since ${m.signer.name} signed it.
Credence can do all of this in one step: credence verify <packet.zip>.
`;
}

/** Builds and signs a packet from its content files. VERIFY.txt is added and covered by the manifest. */
export function buildPacket(files: Record<string, Uint8Array>, meta: Omit<Manifest, 'files' | 'schema'>, privateKey: crypto.KeyObject, publicKey: crypto.KeyObject): Uint8Array {
  if (fingerprintOf(publicKey) !== meta.signer.fingerprint) throw new Error('The signing key does not match the signer fingerprint.');
  const all: Record<string, Uint8Array> = { ...files, 'VERIFY.txt': strToU8(verifyText({ schema: MANIFEST_SCHEMA, ...meta })) };
  const manifest: Manifest = {
    schema: MANIFEST_SCHEMA,
    ...meta,
    files: Object.keys(all)
      .sort()
      .map((name) => ({ name, sha256: sha256(all[name]!), size: all[name]!.byteLength })),
  };
  const manifestBytes = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  const sig = crypto.sign(null, manifestBytes, privateKey);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [name, bytes] of Object.entries({ ...all, 'manifest.json': manifestBytes, 'manifest.sig': new Uint8Array(sig), 'signer.pub.pem': strToU8(publicKey.export({ format: 'pem', type: 'spki' }).toString()) })) {
    entries[name] = [bytes, { mtime: ZIP_TIME }];
  }
  return zipSync(entries, { level: 6 });
}

export interface Verification {
  ok: boolean;
  reason: string | null;
  caseId: string | null;
  agency: string | null;
  signer: { name: string; email: string; fingerprint: string; fingerprintGrouped: string } | null;
  signerInRoster: boolean | null;
  createdAt: string | null;
  files: Array<{ name: string; ok: boolean; problem?: string }>;
  /** From findings.json, only when the packet verifies. */
  summary: { decided: number; total: number; items: Array<{ title: string; kind: string; determination: string }> } | null;
}

/** Verifies a packet's bytes. `inRoster` answers whether a fingerprint is a trusted lead's. */
export function verifyPacket(zip: Uint8Array, inRoster?: (fingerprint: string) => boolean): Verification {
  const fail = (reason: string, partial: Partial<Verification> = {}): Verification => ({ ok: false, reason, caseId: null, agency: null, signer: null, signerInRoster: null, createdAt: null, files: [], summary: null, ...partial });
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    return fail('This is not a readable zip file. It may be truncated or not a Credence packet.');
  }
  for (const n of SIGNED_FILES) if (!entries[n]) return fail(`The packet has no ${n}. It is incomplete or not a Credence packet.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Manifest;
  } catch {
    return fail('manifest.json is not valid JSON: the packet was altered.');
  }
  let pub: crypto.KeyObject;
  try {
    pub = crypto.createPublicKey(strFromU8(entries['signer.pub.pem']!));
  } catch {
    return fail('signer.pub.pem is not a public key: the packet was altered.');
  }
  const fp = fingerprintOf(pub);
  const base = { caseId: manifest.caseId ?? null, agency: manifest.agency ?? null, createdAt: manifest.createdAt ?? null, signer: manifest.signer ? { ...manifest.signer, fingerprint: fp, fingerprintGrouped: groupFingerprint(fp) } : null, signerInRoster: inRoster ? inRoster(fp) : null };
  let sigOk = false;
  try {
    sigOk = pub.asymmetricKeyType === 'ed25519' && crypto.verify(null, entries['manifest.json']!, pub, entries['manifest.sig']!);
  } catch {
    sigOk = false;
  }
  if (!sigOk) return fail('The signature does not match manifest.json: the manifest was altered, or it was signed with a different key.', base);
  if (manifest.signer?.fingerprint !== fp) return fail('The signing key is not the one the manifest names: signer.pub.pem was swapped.', base);
  const files = (manifest.files ?? []).map((f) => {
    const bytes = entries[f.name];
    if (!bytes) return { name: f.name, ok: false, problem: 'missing' };
    if (bytes.byteLength !== f.size) return { name: f.name, ok: false, problem: `size ${bytes.byteLength} ≠ ${f.size}` };
    if (sha256(bytes) !== f.sha256) return { name: f.name, ok: false, problem: 'SHA-256 does not match' };
    return { name: f.name, ok: true };
  });
  const listed = new Set([...(manifest.files ?? []).map((f) => f.name), ...SIGNED_FILES]);
  const extra = Object.keys(entries).filter((n) => !listed.has(n));
  const bad = files.filter((f) => !f.ok);
  if (bad.length) return fail(`${bad.map((b) => `${b.name} (${b.problem})`).join(', ')}: the packet was altered after signing.`, { ...base, files });
  if (extra.length) return fail(`The packet holds files the signed manifest does not list: ${extra.join(', ')}.`, { ...base, files });
  let summary: Verification['summary'] = null;
  try {
    const f = JSON.parse(strFromU8(entries['findings.json']!)) as { progress: { decided: number; total: number }; items: Array<{ title: string; kind: string; determination: string }> };
    summary = { decided: f.progress.decided, total: f.progress.total, items: f.items.map((i) => ({ title: i.title, kind: i.kind, determination: i.determination })) };
  } catch {
    summary = null;
  }
  return { ok: true, reason: null, ...base, files, summary };
}
