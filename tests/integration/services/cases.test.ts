import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  t = tempWorkspace();
});
afterEach(() => t.cleanup());

const lake = { agencyName: 'Lake County Sheriff’s Office', ori: 'IL0490000', state: 'IL', agencyType: 'county', jurisdiction: 'urban', dueDate: '2027-03-31' };

describe('cases', () => {
  it('creates a draft case on the default checklist pack and lists it', async () => {
    const c = await t.call('cases.create', lake);
    expect(c).toMatchObject({ ...lake, status: 'draft', archived: false, checklistPackId: 'eo13929-doj-2020', checklistPackVersion: '1.0.0', documentCount: 0 });
    expect((await t.call('cases.list', {})).map((x: { id: string }) => x.id)).toEqual([c.id]);
  });

  it('edits a case and keeps the fields the edit does not name', async () => {
    const c = await t.call('cases.create', lake);
    const e = await t.call('cases.update', { id: c.id, patch: { dueDate: '2027-06-30' } });
    expect(e).toMatchObject({ ...lake, dueDate: '2027-06-30' });
    expect(e.updatedAt >= c.updatedAt).toBe(true);
  });

  it('refuses an edit whose state no longer matches the ORI', async () => {
    const c = await t.call('cases.create', lake);
    const r = await t.ws.dispatch('cases.update', { id: c.id, patch: { state: 'VA' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid_input', fields: { ori: 'The ORI must start with VA.' } });
    expect((await t.call('cases.get', { id: c.id })).state).toBe('IL');
  });

  it('archives instead of deleting: hidden from the list, shown with includeArchived, restorable', async () => {
    const c = await t.call('cases.create', lake);
    await t.call('cases.archive', { id: c.id, archived: true });
    expect(await t.call('cases.list', {})).toEqual([]);
    expect((await t.call('cases.list', { includeArchived: true }))[0]).toMatchObject({ id: c.id, archived: true });
    expect((await t.call('cases.archive', { id: c.id, archived: false })).archived).toBe(false);
  });

  it('answers not_found for an unknown case', async () => {
    const r = await t.ws.dispatch('cases.get', { id: 'missing' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps cases across a restart of the workspace', async () => {
    const c = await t.call('cases.create', lake);
    t.ws.close();
    // The same data folder opened again; the first workspace's cleanup removes the folder.
    const again = tempWorkspace({ dataDir: t.dataDir });
    try {
      expect((await again.call('cases.get', { id: c.id })).agencyName).toBe(lake.agencyName);
    } finally {
      again.ws.close();
    }
  });
});
