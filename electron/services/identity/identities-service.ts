// Local identities (reviewers and review leads) and the trust roster of leads' public keys.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import { fingerprintOf, generateKeyPair, groupFingerprint, seal, unseal, WrongPassphrase, type SealedKey } from './keys.ts';

export interface Identity {
  id: string;
  name: string;
  email: string;
  role: 'reviewer' | 'lead';
  fingerprint: string;
  fingerprintGrouped: string;
  publicKeyPem: string;
  createdAt: string;
  /** Set when the identity may no longer act (a duplicate retired by the upgrade to unique names). */
  retired: string | null;
}

/** A name or e-mail as a person compares them: trimmed, inner spaces collapsed, case and width folded. */
export const personKey = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

interface Row {
  id: string;
  name: string;
  email: string;
  role: Identity['role'];
  public_key_pem: string;
  fingerprint: string;
  encrypted_key: string;
  created_at: string;
  retired_reason: string | null;
}

const toIdentity = (r: Row): Identity => ({ id: r.id, name: r.name, email: r.email, role: r.role, fingerprint: r.fingerprint, fingerprintGrouped: groupFingerprint(r.fingerprint), publicKeyPem: r.public_key_pem, createdAt: r.created_at, retired: r.retired_reason });

export function createIdentities(ctx: ServiceContext) {
  const { db } = ctx;
  const byId = db.prepare<[string], Row>('SELECT * FROM identities WHERE id = ?');

  function get(id: string): Identity {
    const r = byId.get(id);
    if (!r) throw new ServiceError('not_found', `No identity ${id} on this machine. List them with: npm run -s credence -- identity list`);
    return toIdentity(r);
  }

  return {
    get,
    list: (): Identity[] => db.prepare<[], Row>('SELECT * FROM identities ORDER BY name').all().map(toIdentity),
    /** Identities by key fingerprint, retired ones included: who did past work. */
    byFingerprint: (fp: string): Identity | null => {
      const r = db.prepare<[string], Row>('SELECT * FROM identities WHERE fingerprint = ?').get(fp);
      return r ? toIdentity(r) : null;
    },
    /** The identity whose "Name <email>" this is (work recorded before keys were), retired ones included. */
    byLabel: (label: string): Identity | null => {
      const m = /^(.*) <([^<>]*)>$/.exec(label);
      if (!m) return null;
      const r = db.prepare<[string, string], Row>('SELECT * FROM identities WHERE name_key = ? AND email_key = ? ORDER BY retired_reason IS NOT NULL, created_at LIMIT 1').get(personKey(m[1]!), personKey(m[2]!));
      return r ? toIdentity(r) : null;
    },
    create(input: { name: string; email: string; role: Identity['role']; passphrase: string }): Identity {
      const name = input.name.normalize('NFC').trim().replace(/\s+/g, ' ');
      const email = input.email.normalize('NFC').trim();
      // One person, one name and one e-mail per workspace: a second identity under either is
      // the same person wearing another hat, which the two-person rule exists to stop.
      const taken = db
        .prepare<[string, string], { name: string; email: string; name_key: string }>('SELECT name, email, name_key FROM identities WHERE retired_reason IS NULL AND (name_key = ? OR email_key = ?)')
        .get(personKey(name), personKey(email));
      if (taken) {
        const field = taken.name_key === personKey(name) ? 'name' : 'email';
        throw new ServiceError('conflict', `${taken.name} <${taken.email}> already uses this ${field === 'name' ? 'name' : 'e-mail'}: each person has one identity in a workspace, with a name and e-mail of their own. Nothing was created.`, {
          [field]: field === 'name' ? 'This name is taken.' : 'This e-mail is taken.',
        });
      }
      const { publicKey, privateKey } = generateKeyPair();
      const id = ctx.newId();
      const fp = fingerprintOf(publicKey);
      db.prepare('INSERT INTO identities (id, name, email, role, public_key_pem, fingerprint, encrypted_key, created_at, name_key, email_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        id, name, email, input.role, publicKey.export({ format: 'pem', type: 'spki' }).toString(), fp, JSON.stringify(seal(privateKey, input.passphrase)), ctx.now().toISOString(), personKey(name), personKey(email),
      );
      return get(id);
    },
    /** Refuses a retired identity: it may not act or sign any more. */
    assertActive(id: string) {
      const i = get(id);
      if (i.retired) throw new ServiceError('forbidden', `${i.name} <${i.email}> may no longer act. ${i.retired}`);
    },
    /** The private key, for signing; a wrong passphrase is a clear error. */
    privateKey(id: string, passphrase: string): crypto.KeyObject {
      const r = byId.get(id);
      if (!r) throw new ServiceError('not_found', `No identity ${id}.`);
      try {
        return unseal(JSON.parse(r.encrypted_key) as SealedKey, passphrase);
      } catch (err) {
        if (err instanceof WrongPassphrase) throw new ServiceError('forbidden', `The passphrase is wrong for ${r.name}.`, { passphrase: 'Wrong passphrase.' });
        throw err;
      }
    },
    /** Re-seals the private key under a new passphrase; the key, and so the fingerprint, stay the same. */
    changePassphrase(id: string, current: string, next: string): Identity {
      const key = this.privateKey(id, current);
      db.prepare('UPDATE identities SET encrypted_key = ? WHERE id = ?').run(JSON.stringify(seal(key, next)), id);
      return get(id);
    },
    roster: () => db.prepare<[], { fingerprint: string; name: string; imported_at: string }>('SELECT fingerprint, name, imported_at FROM trust_roster ORDER BY name').all().map((r) => ({ fingerprint: r.fingerprint, fingerprintGrouped: groupFingerprint(r.fingerprint), name: r.name, importedAt: r.imported_at })),
    importRosterKey(file: string, name?: string) {
      let key: crypto.KeyObject;
      try {
        key = crypto.createPublicKey(fs.readFileSync(file, 'utf8'));
      } catch {
        throw new ServiceError('invalid_input', `${path.basename(file)} is not a PEM public key. Ask the lead for the file Credence exports ("Export public key").`);
      }
      if (key.asymmetricKeyType !== 'ed25519') throw new ServiceError('invalid_input', `${path.basename(file)} holds a ${key.asymmetricKeyType} key; Credence signs with Ed25519.`);
      const fp = fingerprintOf(key);
      db.prepare('INSERT INTO trust_roster (fingerprint, name, public_key_pem, imported_at) VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name').run(
        fp, name ?? path.basename(file).replace(/\.(pub\.)?pem$/i, ''), key.export({ format: 'pem', type: 'spki' }).toString(), ctx.now().toISOString(),
      );
      return { fingerprint: fp, fingerprintGrouped: groupFingerprint(fp) };
    },
    inRoster: (fp: string) => !!db.prepare('SELECT 1 FROM trust_roster WHERE fingerprint = ?').get(fp),
  };
}
export type Identities = ReturnType<typeof createIdentities>;
