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
}

interface Row {
  id: string;
  name: string;
  email: string;
  role: Identity['role'];
  public_key_pem: string;
  fingerprint: string;
  encrypted_key: string;
  created_at: string;
}

const toIdentity = (r: Row): Identity => ({ id: r.id, name: r.name, email: r.email, role: r.role, fingerprint: r.fingerprint, fingerprintGrouped: groupFingerprint(r.fingerprint), publicKeyPem: r.public_key_pem, createdAt: r.created_at });

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
    create(input: { name: string; email: string; role: Identity['role']; passphrase: string }): Identity {
      const { publicKey, privateKey } = generateKeyPair();
      const id = ctx.newId();
      const fp = fingerprintOf(publicKey);
      db.prepare('INSERT INTO identities (id, name, email, role, public_key_pem, fingerprint, encrypted_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        id, input.name, input.email, input.role, publicKey.export({ format: 'pem', type: 'spki' }).toString(), fp, JSON.stringify(seal(privateKey, input.passphrase)), ctx.now().toISOString(),
      );
      return get(id);
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
