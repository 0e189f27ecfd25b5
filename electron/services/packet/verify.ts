// Checking a packet, in an order that lets a hostile file do as little as possible:
//   1. the zip's directory, against caps, before anything is inflated (safe-zip);
//   2. the Ed25519 signature over manifest.json's raw bytes, before they are parsed;
//   3. the manifest's shape (zod), then every listed file's size and SHA-256;
//   4. whether the signing key is one the reader trusts.
// A valid signature proves only that the holder of that key signed these bytes. Whose key it
// is comes from the reader's trust roster (or --trust), never from the name the manifest gives.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { ServiceError } from '../../../shared/result.ts';
import { fingerprintOf, groupFingerprint } from '../identity/keys.ts';
import { openZip, type SafeZip, ZipRefused } from '../trust/safe-zip.ts';
import { printable, shown } from '../trust/printable.ts';
import { findingsSummarySchema, manifestSchema, MAX_PACKET_BYTES, PACKET_LIMITS, SIGNED_FILES, type Manifest } from './manifest.ts';

/** trusted: valid and signed by a trusted key; untrusted: valid, by a key nobody vouched for; invalid: anything else. */
export type Verdict = 'trusted' | 'untrusted' | 'invalid';

export const UNTRUSTED_HEADLINE = "Valid signature from an unknown key: not the lead's signature";

/** The keys the reader trusts, and how to name where they came from in a message. */
export interface TrustedKeys {
  /** The name the reader's list gives this key, or null when the key is not on it. */
  nameOf(fingerprint: string): string | null;
  /** "your trust roster", "the keys given with --trust (lee.pub.pem)". */
  source: string;
}

export interface Verification {
  verdict: Verdict;
  /** True only for the `trusted` verdict. */
  ok: boolean;
  /** Why the packet is invalid, or why it is not trusted; null when trusted. */
  reason: string | null;
  caseId: string | null;
  agency: string | null;
  signer: {
    /** The trusted list's name for the key; null when the key is unknown. Never the manifest's. */
    name: string | null;
    fingerprint: string;
    fingerprintGrouped: string;
    /** Who the manifest says signed: the signer's own claim, proven by nothing. */
    claimed: { name: string; email: string } | null;
  } | null;
  signerInRoster: boolean;
  /** The signer's own clock, as claimed in the manifest. */
  createdAt: string | null;
  files: Array<{ name: string; ok: boolean; problem?: string }>;
  /** From findings.json, only when the verdict is trusted. */
  summary: { decided: number; total: number; items: Array<{ title: string; kind: string; determination: string }> } | null;
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const utf8 = new TextDecoder('utf-8', { fatal: true });

function issues(err: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  return err.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Verifies a packet's bytes; `trust` is the reader's list of trusted keys (none: nothing is trusted). */
export function verifyPacket(zipBytes: Uint8Array, trust?: TrustedKeys): Verification {
  let result: Verification = { verdict: 'invalid', ok: false, reason: null, caseId: null, agency: null, signer: null, signerInRoster: false, createdAt: null, files: [], summary: null };
  const invalid = (reason: string, more: Partial<Verification> = {}): Verification => ({ ...result, ...more, verdict: 'invalid', ok: false, reason, summary: null });

  if (zipBytes.byteLength > MAX_PACKET_BYTES) return invalid(`The file is ${Math.round(zipBytes.byteLength / 1024 / 1024)} MB, larger than any review packet (at most ${MAX_PACKET_BYTES / 1024 / 1024} MB): refused.`);
  let zip: SafeZip;
  try {
    zip = openZip(zipBytes, PACKET_LIMITS, 'This packet');
  } catch (err) {
    if (err instanceof ZipRefused) return invalid(err.message);
    throw err;
  }
  for (const n of SIGNED_FILES) if (!zip.entries.has(n)) return invalid(`The packet has no ${n}. It is incomplete or not a Credence packet.`);

  try {
    const pem = zip.read('signer.pub.pem');
    const sig = zip.read('manifest.sig');
    const manifestBytes = zip.read('manifest.json');

    let pub: crypto.KeyObject;
    try {
      pub = crypto.createPublicKey(utf8.decode(pem));
    } catch {
      return invalid('signer.pub.pem is not a public key: the packet was altered.');
    }
    if (pub.asymmetricKeyType !== 'ed25519') return invalid(`signer.pub.pem holds a ${pub.asymmetricKeyType} key; Credence packets are signed with Ed25519: the packet was altered.`);
    const fp = fingerprintOf(pub);
    const trustedName = trust?.nameOf(fp) ?? null;
    result = { ...result, signer: { name: trustedName === null ? null : printable(trustedName), fingerprint: fp, fingerprintGrouped: groupFingerprint(fp), claimed: null }, signerInRoster: trustedName !== null };

    // The signature first: until it verifies, manifest.json is bytes from anyone, not to be parsed.
    let sigOk = false;
    try {
      sigOk = sig.byteLength === 64 && crypto.verify(null, manifestBytes, pub, sig);
    } catch {
      sigOk = false;
    }
    // No signer is reported: a signature that does not verify says nothing about any key.
    if (!sigOk) return invalid('The signature does not match manifest.json: the manifest was altered, or it was signed with a different key.', { signer: null, signerInRoster: false });

    let raw: unknown;
    try {
      raw = JSON.parse(utf8.decode(manifestBytes));
    } catch {
      return invalid('manifest.json is signed, but it is not JSON text: this is not a Credence packet.');
    }
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) return invalid(`manifest.json is signed, but it is not a Credence packet manifest (${printable(issues(parsed.error))}).`);
    const m: Manifest = parsed.data;
    result = {
      ...result,
      caseId: printable(m.caseId),
      agency: printable(m.agency),
      createdAt: printable(m.createdAt),
      signer: { ...result.signer!, claimed: { name: printable(m.signer.name), email: printable(m.signer.email) } },
    };
    if (m.signer.fingerprint !== fp) return invalid('The signing key is not the one the manifest names: signer.pub.pem was swapped.');

    // The set of entries before any content is inflated: an entry the signature does not cover is
    // never read, and a missing one is reported as such.
    const listed = new Set<string>([...m.files.map((f) => f.name), ...SIGNED_FILES]);
    const extra = zip.names.filter((n) => !listed.has(n));
    if (extra.length) return invalid(`The packet holds files the signed manifest does not list: ${extra.map((n) => (/^[\w.-]+$/.test(n) ? n : shown(n))).join(', ')}.`);
    const files: Verification['files'] = [];
    const contents = new Map<string, Uint8Array>();
    for (const f of m.files) {
      const e = zip.entries.get(f.name);
      if (!e) files.push({ name: f.name, ok: false, problem: 'missing' });
      else if (e.size !== f.size) files.push({ name: f.name, ok: false, problem: `size ${e.size} ≠ ${f.size}` });
      else {
        const bytes = zip.read(f.name);
        if (sha256(bytes) !== f.sha256) files.push({ name: f.name, ok: false, problem: 'SHA-256 does not match' });
        else {
          files.push({ name: f.name, ok: true });
          contents.set(f.name, bytes);
        }
      }
    }
    result = { ...result, files };
    const bad = files.filter((f) => !f.ok);
    if (bad.length) return invalid(`${bad.map((b) => `${b.name} (${b.problem})`).join(', ')}: the packet was altered after signing.`);

    if (trustedName === null) {
      const where = trust ? trust.source : 'any list of trusted keys (none was given)';
      return { ...result, verdict: 'untrusted', ok: false, reason: `${UNTRUSTED_HEADLINE}. The packet is unaltered since it was signed, but by the key ${groupFingerprint(fp)}, which is not in ${where}: nothing says whose key that is.`, summary: null };
    }
    return { ...result, verdict: 'trusted', ok: true, reason: null, summary: summaryOf(contents.get('findings.json')) };
  } catch (err) {
    if (err instanceof ZipRefused) return invalid(err.message);
    throw err;
  }
}

function summaryOf(bytes: Uint8Array | undefined): Verification['summary'] {
  if (!bytes) return null;
  try {
    const f = findingsSummarySchema.safeParse(JSON.parse(utf8.decode(bytes)));
    if (!f.success) return null;
    return { decided: f.data.progress.decided, total: f.data.progress.total, items: f.data.items.map((i) => ({ title: printable(i.title), kind: printable(i.kind), determination: printable(i.determination) })) };
  } catch {
    return null;
  }
}

/** A packet file's bytes, refusing one too large to be a packet before reading it. */
export function readPacketFile(file: string): Uint8Array {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new ServiceError('not_found', `Cannot read ${printable(file)}: there is no such file.`);
  }
  if (size > MAX_PACKET_BYTES) throw new ServiceError('bad_file', `${printable(file)} is ${Math.round(size / 1024 / 1024)} MB, larger than any review packet (at most ${MAX_PACKET_BYTES / 1024 / 1024} MB): refused.`);
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch {
    throw new ServiceError('not_found', `Cannot read ${printable(file)}.`);
  }
}
