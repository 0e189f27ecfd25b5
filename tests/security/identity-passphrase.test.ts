// Acting as someone needs their passphrase: switching identity without it, or with a wrong one,
// is refused and leaves the session and the workspace as they were; an identity idle for 30
// minutes, or locked, must enter the passphrase again before its next change.
import { afterAll, describe, expect, it } from 'vitest';
import { IDLE_MS } from '../../electron/services/identity/session.ts';
import { LEAD, REVIEWER, TEST_PASSPHRASE, tempWorkspace } from '../support/workspace.ts';
import { snapshot } from '../support/snapshot.ts';

let clock = new Date('2026-03-02T09:00:00Z').getTime();
const t = tempWorkspace({ now: () => new Date(clock) });
afterAll(() => t.cleanup());
const caseInput = { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' };

describe('switching identity', () => {
  it('without the passphrase is refused, and the reviewer stays who acts', async () => {
    const lead = t.ws.services.identities.create({ ...LEAD, passphrase: 'lead passphrase' });
    const before = snapshot(t.ws.ctx.db);
    const r = await t.ws.dispatch('identity.use', { identityId: lead.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: "Enter Leo Lead's passphrase to act as them. Nothing changed.", fields: { passphrase: 'Enter the passphrase.' } } });
    expect((await t.call('identity.current', {})).name).toBe(REVIEWER.name);
    expect(snapshot(t.ws.ctx.db)).toEqual(before);
  });

  it('with a wrong passphrase is refused, and the reviewer stays who acts', async () => {
    const lead = t.ws.services.identities.list().find((i) => i.email === LEAD.email)!;
    const before = snapshot(t.ws.ctx.db);
    const r = await t.ws.dispatch('identity.use', { identityId: lead.id, passphrase: 'not the passphrase' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'The passphrase is wrong for Leo Lead.' } });
    expect((await t.call('identity.current', {})).name).toBe(REVIEWER.name);
    // The lead's powers were not gained: approving is still a reviewer's forbidden act.
    const c = await t.call('cases.create', caseInput);
    const after = snapshot(t.ws.ctx.db);
    expect(await t.ws.dispatch('review.approve', { caseId: c.id })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Only a review lead') } });
    expect(snapshot(t.ws.ctx.db)).toEqual(after);
    expect(before.cases).toHaveLength(0);
  });
});

describe('idle and locked identities', () => {
  it('locks after 30 idle minutes: the next change is refused until the passphrase is entered again', async () => {
    const c = (await t.call('cases.list', {}))[0];
    clock += IDLE_MS + 60_000;
    expect(await t.call('identity.current', {})).toBeNull();
    const before = snapshot(t.ws.ctx.db);
    const r = await t.ws.dispatch('cases.update', { id: c.id, patch: { agencyName: 'Renamed Police Department' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Rita Reviewer is locked: enter your passphrase'), fields: { identity: 'locked' } } });
    expect(snapshot(t.ws.ctx.db)).toEqual(before);
    const rita = t.ws.services.identities.list().find((i) => i.email === REVIEWER.email)!;
    await t.call('identity.use', { identityId: rita.id, passphrase: TEST_PASSPHRASE });
    expect((await t.call('cases.update', { id: c.id, patch: { agencyName: 'Renamed Police Department' } })).agencyName).toBe('Renamed Police Department');
  });

  it('stays unlocked while it keeps working: each change restarts the idle clock', async () => {
    const c = (await t.call('cases.list', {}))[0];
    for (const name of ['Riverside Police Department', 'Riverside City Police Department', 'Riverside Police Department']) {
      clock += IDLE_MS - 60_000;
      await t.call('cases.update', { id: c.id, patch: { agencyName: name } });
    }
  });

  it('identity.lock locks at once: the next change is refused, nothing changed', async () => {
    const c = (await t.call('cases.list', {}))[0];
    expect(await t.call('identity.lock', {})).toBeNull();
    const before = snapshot(t.ws.ctx.db);
    expect(await t.ws.dispatch('cases.archive', { id: c.id, archived: true })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Choose who you are (top right).') } });
    expect(snapshot(t.ws.ctx.db)).toEqual(before);
  });
});
