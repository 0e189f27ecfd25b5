// Rows as an older Credence wrote them, for tests of what an upgrade does with them.
import type Database from 'better-sqlite3';
import { fingerprintOf, generateKeyPair, seal } from '../../electron/services/identity/keys.ts';

/** An identity as schema 5 stored it: no uniqueness, no retirement. */
export function v5Identity(db: Database.Database, id: string, name: string, email: string, role: 'reviewer' | 'lead', createdAt: string, passphrase: string) {
  const { publicKey, privateKey } = generateKeyPair();
  db.prepare('INSERT INTO identities (id, name, email, role, public_key_pem, fingerprint, encrypted_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id, name, email, role, publicKey.export({ format: 'pem', type: 'spki' }).toString(), fingerprintOf(publicKey), JSON.stringify(seal(privateKey, passphrase)), createdAt,
  );
}
