import type { Migration } from '../migrate.ts';

// Identities that mean a person. Names and e-mails become unique per workspace, compared as a
// person would (trimmed, case and width folded), through key columns with unique indexes.
// Existing duplicates cannot simply be deleted — their keys may have signed packets, and past
// work names them — so the oldest identity keeps the name and each later duplicate is retired:
// it still verifies what it did, but can no longer be unlocked to act. Every determination,
// score, lint decision and review event also records the key fingerprint of the identity that
// acted, so the two-person rule compares keys rather than editable labels.

// Kept here rather than imported: a shipped migration must not change when the service does.
const personKey = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export const m006People: Migration = {
  version: 6,
  name: '006_people',
  up(db) {
    db.exec(`
      ALTER TABLE identities ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE identities ADD COLUMN email_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE identities ADD COLUMN retired_reason TEXT;
      ALTER TABLE determinations ADD COLUMN decided_by_fingerprint TEXT;
      ALTER TABLE lint_decisions ADD COLUMN decided_by_fingerprint TEXT;
      ALTER TABLE scores ADD COLUMN scorer_fingerprint TEXT;
      ALTER TABLE review_events ADD COLUMN actor_fingerprint TEXT;
    `);
    const rows = db.prepare<[], { id: string; name: string; email: string }>('SELECT id, name, email FROM identities ORDER BY created_at, rowid').all();
    const names = new Map<string, string>();
    const emails = new Map<string, string>();
    const update = db.prepare('UPDATE identities SET name_key = ?, email_key = ?, retired_reason = ? WHERE id = ?');
    for (const r of rows) {
      const nk = personKey(r.name);
      const ek = personKey(r.email);
      const clash = names.get(nk) ?? emails.get(ek);
      const reason = clash ? `Retired when names and e-mails became unique: it shares the name or e-mail of ${clash}. Create a new identity with your own name and e-mail.` : null;
      if (!clash) {
        names.set(nk, `${r.name} <${r.email}>`);
        emails.set(ek, `${r.name} <${r.email}>`);
      }
      update.run(nk, ek, reason, r.id);
    }
    db.exec(`
      CREATE UNIQUE INDEX identities_unique_name ON identities (name_key) WHERE retired_reason IS NULL;
      CREATE UNIQUE INDEX identities_unique_email ON identities (email_key) WHERE retired_reason IS NULL;
    `);
  },
};
