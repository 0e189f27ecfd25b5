// The signed review packet: one zip an agency can check with OpenSSL and sha256sum alone.
// manifest.json lists the SHA-256 and size of every other file; manifest.sig is an Ed25519
// signature over manifest.json's exact bytes; signer.pub.pem is the key that made it.
import crypto from 'node:crypto';
// Checking a packet is verify.ts.
import { strToU8, zipSync } from 'fflate';
import { fingerprintOf, groupFingerprint } from '../identity/keys.ts';
import { ServiceError } from '../../../shared/result.ts';
import { MANIFEST_SCHEMA, PACKET_LIMITS, type Manifest } from './manifest.ts';

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
Confirm this fingerprint with the credentialing body by a channel you trust (phone, letter):
the name above is what the signer wrote; only the fingerprint says whose key signed.

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

If every step passes, the packet is unaltered since the holder of that key signed it. It is
${m.signer.name}'s signature only if the fingerprint is the one the credentialing body confirmed.
Credence can do all of this in one step: credence verify <packet.zip> --trust lead.pub.pem.
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
  let total = 0;
  for (const [name, bytes] of Object.entries({ ...all, 'manifest.json': manifestBytes, 'manifest.sig': new Uint8Array(sig), 'signer.pub.pem': strToU8(publicKey.export({ format: 'pem', type: 'spki' }).toString()) })) {
    // A packet that verify would refuse is never written: the same caps, checked here first.
    const cap = Math.min(PACKET_LIMITS.maxBytesFor?.(name) ?? PACKET_LIMITS.maxEntryBytes, PACKET_LIMITS.maxEntryBytes);
    total += bytes.byteLength;
    if (bytes.byteLength > cap || total > PACKET_LIMITS.maxTotalBytes) throw new ServiceError('conflict', `The packet's ${name} would be ${Math.ceil(bytes.byteLength / 1024 / 1024)} MB, more than a packet may hold (${cap / 1024 / 1024} MB per file, ${PACKET_LIMITS.maxTotalBytes / 1024 / 1024} MB in all), so it could not be verified. Nothing was written.`);
    entries[name] = [bytes, { mtime: ZIP_TIME }];
  }
  if (Object.keys(entries).length > PACKET_LIMITS.maxEntries) throw new ServiceError('conflict', `A packet may hold at most ${PACKET_LIMITS.maxEntries} files. Nothing was written.`);
  return zipSync(entries, { level: 6 });
}
