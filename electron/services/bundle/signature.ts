// A bundle's manifest lists every other entry's SHA-256 and size and is signed with the
// exporter's Ed25519 key (manifest.sig over manifest.json's exact bytes; signer.pub.pem is the
// key). The signature is checked before the manifest is parsed, and the manifest's shape is
// checked before it is believed.
import crypto from 'node:crypto';
import { z } from 'zod';
import { fingerprintOf } from '../identity/keys.ts';
import { ENTRY_NAME } from './limits.ts';

export const BUNDLE_SCHEMA = 'credence.bundle/2';

const manifestSchema = z
  .object({
    schema: z.literal(BUNDLE_SCHEMA),
    caseId: z.string().uuid(),
    exportedAt: z.string().max(40),
    signerFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    entries: z.record(z.string().regex(ENTRY_NAME), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0) }).strict()),
  })
  .strict();
export type BundleManifest = z.infer<typeof manifestSchema>;

export const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export function signManifest(manifest: BundleManifest, privateKey: crypto.KeyObject, publicKey: crypto.KeyObject): Record<'manifest.json' | 'manifest.sig' | 'signer.pub.pem', Uint8Array> {
  const bytes = new TextEncoder().encode(JSON.stringify(manifest, null, 2));
  return {
    'manifest.json': bytes,
    'manifest.sig': new Uint8Array(crypto.sign(null, bytes, privateKey)),
    'signer.pub.pem': new TextEncoder().encode(publicKey.export({ format: 'pem', type: 'spki' }).toString()),
  };
}

export class SignatureRefused extends Error {}

/** The manifest and its signer's fingerprint, once the signature holds; else a refusal saying why. */
export function verifyManifest(entries: Map<string, Uint8Array>): { manifest: BundleManifest; fingerprint: string } {
  const json = entries.get('manifest.json');
  const sig = entries.get('manifest.sig');
  const pem = entries.get('signer.pub.pem');
  if (!json) throw new SignatureRefused('it has no manifest.json.');
  if (!sig || !pem) throw new SignatureRefused('it is not signed (no manifest.sig or signer.pub.pem). Ask the sender to export it again with a current Credence, which signs every bundle.');
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(new TextDecoder().decode(pem));
  } catch {
    throw new SignatureRefused('signer.pub.pem is not a public key: the bundle was altered.');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SignatureRefused(`it is signed with a ${key.asymmetricKeyType} key; Credence signs with Ed25519.`);
  let ok = false;
  try {
    ok = crypto.verify(null, json, key, sig);
  } catch {
    ok = false;
  }
  if (!ok) throw new SignatureRefused('its signature does not match its manifest: the bundle was altered after it was signed.');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(json));
  } catch {
    throw new SignatureRefused('its manifest is not valid JSON.');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new SignatureRefused(`its manifest is not a Credence bundle manifest (${parsed.error.issues[0]?.path.join('.') || 'manifest'}: ${parsed.error.issues[0]?.message}).`);
  const fingerprint = fingerprintOf(key);
  if (parsed.data.signerFingerprint !== fingerprint) throw new SignatureRefused('its manifest names a different signer than the key that signed it.');
  return { manifest: parsed.data, fingerprint };
}
