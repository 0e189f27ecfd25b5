// One person, one identity: a second identity under a name or e-mail already in the workspace —
// however it is spaced or capitalised — is refused, naming who holds it, and nothing is created.
import { afterAll, describe, expect, it } from 'vitest';
import { REVIEWER, tempWorkspace } from '../support/workspace.ts';
import { snapshot } from '../support/snapshot.ts';

const t = tempWorkspace();
afterAll(() => t.cleanup());

describe('a duplicate identity', () => {
  it.each([
    ['the same name, spaced and capitalised differently', { name: '  rita   REVIEWER ', email: 'other@body.example' }, 'name', 'This name is taken.'],
    ['the same e-mail in capitals', { name: 'Lee Lead', email: 'RITA@Body.Example' }, 'email', 'This e-mail is taken.'],
    ['the same name in full-width letters', { name: 'Ｒｉｔａ Reviewer', email: 'lee@body.example' }, 'name', 'This name is taken.'],
  ])('with %s is refused and nothing is created', async (_what, who, field, fieldMessage) => {
    const before = snapshot(t.ws.ctx.db);
    const r = await t.ws.dispatch('identity.create', { ...who, role: 'lead', passphrase: 'lead passphrase' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`${REVIEWER.name} <${REVIEWER.email}> already uses this`), fields: { [field]: fieldMessage } } });
    expect(snapshot(t.ws.ctx.db)).toEqual(before);
  });

  it('is refused by the database too, should a writer skip the service', () => {
    const insert = t.ws.ctx.db.prepare(`INSERT INTO identities (id, name, email, role, public_key_pem, fingerprint, encrypted_key, created_at, name_key, email_key) VALUES ('x', 'Rita Reviewer', 'r2@body.example', 'lead', 'pem', 'f', '{}', 't', 'rita reviewer', 'r2@body.example')`);
    expect(() => insert.run()).toThrow(/UNIQUE constraint failed: identities.name_key/);
  });
});
