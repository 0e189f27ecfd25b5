// A checklist pack is a file from outside: an item naming a pre-review rule Credence does not
// have (a typo, a newer pack, a hostile string) is refused on import with a message naming the
// id and the rules there are — and nothing is installed.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SOURCE_PACKS_DIR } from '../../electron/services/checklists/packs.ts';
import { RULE_IDS } from '../../shared/domain/prereview/types.ts';
import { snapshot } from '../support/snapshot.ts';
import { tempWorkspace } from '../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  t = tempWorkspace();
});
afterEach(() => t.cleanup());

const base = () => {
  const p = JSON.parse(fs.readFileSync(path.join(SOURCE_PACKS_DIR, 'eo13929-doj-2020.v1.0.0.json'), 'utf8'));
  p.id = 'il-state-standards';
  p.title = 'Illinois standards';
  return p;
};

describe('a pack naming an unknown pre-review rule', () => {
  it.each([
    ['a typo', 'duty-to-intervine'],
    ['a rule of a newer Credence', ['chokehold', 'taser-cycles']],
    ['control characters and markup', '<img src=x onerror=alert(1)>\u001b[31m'],
  ])('is refused, naming the id and the known rules, and nothing is installed: %s', async (_what, prereview) => {
    const pack = base();
    pack.items[3].prereview = prereview;
    const file = t.write('state-pack.json', JSON.stringify(pack));
    const before = snapshot(t.ws.ctx.db);
    const r = await t.ws.dispatch('checklists.importPack', { path: file });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    const bad = (Array.isArray(prereview) ? prereview.at(-1)! : prereview);
    expect(r.error.message).toContain(`Unknown pre-review rule ${JSON.stringify(bad)}`);
    expect(r.error.message).toContain(`Known rules: ${RULE_IDS.join(', ')}.`);
    expect(r.error.message).toMatch(/^state-pack\.json is not a valid checklist pack\./);
    // Escaped, never passed on raw: no control character reaches a terminal or a window.
    expect(r.error.message).not.toMatch(/\u001b/);
    expect(snapshot(t.ws.ctx.db)).toEqual(before);
    expect((await t.call('checklists.packs', {})).map((p: { id: string }) => p.id)).toEqual(['eo13929-doj-2020']);
  });

  it('refuses a rule named twice on one item', async () => {
    const pack = base();
    pack.items[3].prereview = ['de-escalation', 'de-escalation'];
    const r = await t.ws.dispatch('checklists.importPack', { path: t.write('twice.json', JSON.stringify(pack)) });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('A pre-review rule is named twice.') } });
  });

  it('installs a state pack that reuses rules by id, and its cases pre-review those items', async () => {
    const pack = base();
    pack.items = [{ ...pack.items[3], id: 'il.de-escalation', prereview: 'de-escalation' }, { ...pack.items[7], id: 'il.intervene', prereview: 'duty-to-intervene' }];
    await t.call('checklists.importPack', { path: t.write('il.json', JSON.stringify(pack)) });
    const c = await t.call('cases.create', { agencyName: 'Springfield Police Department', ori: 'IL0840200', state: 'IL' });
    // Cases start on the bundled pack; a state programme's case is put on its own pack here.
    t.ws.ctx.db.prepare('UPDATE cases SET checklist_pack_id = ?, checklist_pack_version = ? WHERE id = ?').run(pack.id, pack.version, c.id);
    const v = await t.call('prereview.forCase', { caseId: c.id });
    expect(v.items.map((i: { itemId: string; ruleId: string }) => [i.itemId, i.ruleId])).toEqual([
      ['il.de-escalation', 'de-escalation'],
      ['il.intervene', 'duty-to-intervene'],
    ]);
  });
});
