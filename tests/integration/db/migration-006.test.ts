// Migration 006 on a workspace written before names were unique: the oldest identity keeps a
// shared name or e-mail, later duplicates are retired (they still name past work but can no
// longer act), and new key-fingerprint columns appear empty on old rows.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../../electron/db/migrate.ts';
import { MIGRATIONS } from '../../../electron/db/migrations/index.ts';
import { v5Identity } from '../../support/legacy.ts';
import { openWorkspace } from '../../../electron/services/workspace.ts';
import { tempDir } from '../../support/workspace.ts';

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('migration 006', () => {
  it('retires later duplicates by name or e-mail, keeps the oldest, and enforces uniqueness from then on', async () => {
    const dataDir = path.join(root, 'w');
    fs.mkdirSync(dataDir);
    const db = new Database(path.join(dataDir, 'credence.sqlite'));
    migrate(db, MIGRATIONS, { target: 5 });
    v5Identity(db, 'a', 'Ana Reviewer', 'ana@body.example', 'reviewer', '2026-01-01T00:00:00Z', 'ana passphrase');
    v5Identity(db, 'b', 'Ana Lead', 'ANA@body.example ', 'lead', '2026-01-02T00:00:00Z', 'ana passphrase');
    v5Identity(db, 'c', ' ana reviewer', 'other@body.example', 'lead', '2026-01-03T00:00:00Z', 'ana passphrase');
    v5Identity(db, 'd', 'Lee Lead', 'lee@body.example', 'lead', '2026-01-04T00:00:00Z', 'lee passphrase');
    db.close();

    const ws = openWorkspace({ dataDir });
    try {
      // Opened by the app, the workspace goes on to the newest version (006 and after).
      expect(currentVersion(ws.ctx.db)).toBe(MIGRATIONS.length);
      const byId = Object.fromEntries(ws.services.identities.list().map((i) => [i.id, i.retired]));
      expect(byId).toEqual({ a: null, b: expect.stringContaining('shares the name or e-mail of Ana Reviewer <ana@body.example>'), c: expect.stringContaining('Ana Reviewer <ana@body.example>'), d: null });
      // A retired identity can no longer be unlocked, even with its right passphrase.
      expect(await ws.dispatch('identity.use', { identityId: 'b', passphrase: 'ana passphrase' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('may no longer act') } });
      expect(await ws.dispatch('identity.use', { identityId: 'a', passphrase: 'ana passphrase' })).toMatchObject({ ok: true });
      expect(await ws.dispatch('identity.create', { name: 'Ana Lead', email: 'ana@BODY.example', role: 'lead', passphrase: 'another passphrase' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const cols = (t: string) => (ws.ctx.db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name);
      expect(cols('determinations')).toContain('decided_by_fingerprint');
      expect(cols('scores')).toContain('scorer_fingerprint');
      expect(cols('review_events')).toContain('actor_fingerprint');
      expect(cols('lint_decisions')).toContain('decided_by_fingerprint');
    } finally {
      ws.close();
    }
  });
});
