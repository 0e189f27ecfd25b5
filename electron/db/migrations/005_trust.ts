import type { Migration } from '../migrate.ts';

// Identities and their encrypted keys, the trust roster, the review workflow's events, the
// tamper-evident audit log, and signed packets.
export const m005Trust: Migration = {
  version: 5,
  name: '005_trust',
  up(db) {
    db.exec(`
      CREATE TABLE identities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('reviewer','lead')),
        public_key_pem TEXT NOT NULL,
        fingerprint TEXT NOT NULL UNIQUE,
        encrypted_key TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE trust_roster (
        fingerprint TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        public_key_pem TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE review_events (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE TABLE audit_log (
        case_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        state_hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
      ) STRICT;
      CREATE TABLE packets (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        created_at TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        zip BLOB NOT NULL
      ) STRICT;
    `);
  },
};
