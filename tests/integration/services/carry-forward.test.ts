// A revised policy replaces the old version: highlights follow their words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textPdf } from '../../fixtures/pdfs.ts';
import { tempWorkspace } from '../../support/workspace.ts';
import { fuzzyFind, similarity } from '../../../shared/domain/anchoring.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => t.cleanup());

const v1 = () =>
  textPdf([
    { lines: ['GENERAL ORDER 5 USE OF FORCE', 'Officers shall use de-escalation techniques when feasible.', 'Officers shall not use a chokehold unless deadly force is justified.'] },
    { lines: ['Warning shots are prohibited.', 'Officers shall render medical aid after force is used.'] },
  ]);
const v2 = () =>
  textPdf([
    { lines: ['GENERAL ORDER 5 USE OF FORCE (REVISED 2026)', 'Officers shall use de-escalation techniques when feasible.', 'Members shall intervene to stop excessive force.'] },
    { lines: ['Officers shall not use a chokehold unless deadly force is authorized.', 'Officers shall render medical aid after force is used.'] },
  ]);

describe('replacing a document with a revised version', () => {
  it('keeps, relocates, fuzzily re-finds or orphans each highlight, and marks the affected determinations stale', async () => {
    const [r1] = await t.call('documents.import', { caseId, paths: [t.write('go5.pdf', await v1())] });
    const doc = r1.document.id;
    const mk = (page: number, quote: string, itemId: string) => t.call('annotations.create', { caseId, documentId: doc, page, quote, itemIds: [itemId] });
    const same = await mk(1, 'Officers shall use de-escalation techniques when feasible.', 'topic.de-escalation');
    const edited = await mk(1, 'Officers shall not use a chokehold unless deadly force is justified.', 'mandatory.chokehold');
    const gone = await mk(2, 'Warning shots are prohibited.', 'consider.warning-shots');
    const moved = await mk(2, 'Officers shall render medical aid after force is used.', 'consider.medical-aid');
    await t.call('determinations.set', { caseId, itemId: 'topic.de-escalation', status: 'met', rationale: 'r', evidenceIds: [same.id] });
    await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'r', evidenceIds: [edited.id] });
    await t.call('determinations.set', { caseId, itemId: 'consider.warning-shots', status: 'met', rationale: 'r', evidenceIds: [gone.id] });

    const result = await t.call('documents.replace', { caseId, documentId: doc, path: t.write('go5-revised.pdf', await v2()) });
    // The title grew, so even unchanged sentences moved: found by their words, not their offsets.
    expect(result).toMatchObject({ kept: 0, relocated: 2, edited: 1, orphaned: 1 });
    const list = await t.call('annotations.list', { caseId });
    const byId = new Map(list.map((a: { id: string }) => [a.id, a]));
    expect(byId.get(same.id)).toMatchObject({ documentId: result.documentId, pageFrom: 1, status: 'active' });
    expect(byId.get(edited.id)).toMatchObject({ documentId: result.documentId, pageFrom: 2, status: 'active', quote: 'Officers shall not use a chokehold unless deadly force is authorized.' });
    expect(byId.get(moved.id)).toMatchObject({ documentId: result.documentId, pageFrom: 2 });
    expect(byId.get(gone.id)).toMatchObject({ documentId: doc, status: 'orphaned' });

    const flags = Object.fromEntries((await t.call('checklists.forCase', { caseId })).entries.map((e: { item: { id: string }; flags: { stale: boolean } }) => [e.item.id, e.flags.stale]));
    expect(flags).toMatchObject({ 'topic.de-escalation': false, 'mandatory.chokehold': true, 'consider.warning-shots': true });
    // The revision takes the old version's place in the case.
    expect((await t.call('documents.list', { caseId })).map((d: { id: string }) => d.id)).toEqual([result.documentId]);
  });

  it('refuses the same bytes as a "revision"', async () => {
    const bytes = await v1();
    const [r1] = await t.call('documents.import', { caseId, paths: [t.write('a.pdf', bytes)] });
    const r = await t.ws.dispatch('documents.replace', { caseId, documentId: r1.document.id, path: t.write('b.pdf', bytes) });
    expect(r).toMatchObject({ ok: false, error: { message: 'That file is the same version (identical bytes). Choose the revised PDF.' } });
  });
});

describe('fuzzy search for a quote', () => {
  it('finds an edited sentence and rejects an unrelated one', () => {
    const pages = ['Intro text.\nMembers shall not use a chokehold unless deadly force is authorized by law.\nOther text.'];
    const f = fuzzyFind(pages, 'Officers shall not use a chokehold unless deadly force is justified.');
    expect(f?.quote).toContain('shall not use a chokehold unless deadly force is');
    expect(fuzzyFind(pages, 'Canine handlers shall keep the dog leashed in public areas.')).toBeNull();
    expect(similarity('abcdef', 'abcdef')).toBe(1);
  });
});
