// Managing a case: documents that name themselves, taking a document out of one case (and
// putting it back), deleting a case nobody decided anything in, and one case per ORI.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textPdf } from '../../fixtures/pdfs.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseA: string;
let caseB: string;
beforeEach(async () => {
  t = tempWorkspace();
  caseA = (await t.call('cases.create', { agencyName: 'Oakton Police Department', ori: 'IL0000001', state: 'IL' })).id;
  caseB = (await t.call('cases.create', { agencyName: 'Oakton Regional Task Force', ori: 'IL0000002', state: 'IL' })).id;
});
afterEach(() => t.cleanup());

const directive = () =>
  textPdf(
    [
      { lines: ['POLICE DEPARTMENT', 'VILLAGE OF OAKTON, ILLINOIS', 'DIRECTIVE: 412-B', 'SUBJECT: Vehicle Pursuits', 'PURPOSE: To set the rules for pursuits.'] },
      { lines: ['Officers shall not pursue for a traffic offence alone.', 'Officers shall terminate a pursuit when the risk outweighs the need.'] },
    ],
    'POLICE DEPARTMENT',
  );
const count = (sql: string, ...args: unknown[]) => (t.ws.ctx.db.prepare(sql).get(...args) as { n: number }).n;
const actions = async (caseId: string) => (await t.call('audit.list', { caseId })).map((e: { action: string; entityId: string }) => `${e.action} ${e.entityId}`);

describe('documents name themselves', () => {
  it('titles a directive whose metadata title is the letterhead by its number and subject, keeps the file name, and records a rename in every case using it', async () => {
    const [r] = await t.call('documents.import', { caseId: caseA, paths: [t.write('scan_0042.pdf', await directive())] });
    expect(r.document).toMatchObject({ title: '412-B Vehicle Pursuits', originalName: 'scan_0042.pdf' });
    await t.call('documents.import', { caseId: caseB, paths: [t.write('copy.pdf', await directive())] });
    const renamed = await t.call('documents.update', { id: r.document.id, title: '412-B Vehicle Pursuits (2021)' });
    expect(renamed).toMatchObject({ title: '412-B Vehicle Pursuits (2021)', originalName: 'scan_0042.pdf' });
    expect(await actions(caseA)).toContain(`documents.update ${r.document.id}`);
    expect(await actions(caseB)).toContain(`documents.update ${r.document.id}`);
    const history = await t.call('audit.history', { caseId: caseA });
    expect(history.map((h: { sentence: string }) => h.sentence)).toContain('Rita Reviewer renamed or renumbered a document: now “412-B Vehicle Pursuits (2021)”');
  });
});

describe('removing a document from a case', () => {
  it('unlinks it from this case only, marks the evidence on it and the determination resting on it, and undo brings both back', async () => {
    const file = t.write('pursuits.pdf', await directive());
    const [r] = await t.call('documents.import', { caseId: caseA, paths: [file] });
    await t.call('documents.import', { caseId: caseB, paths: [file] });
    const doc = r.document.id;
    const a = await t.call('annotations.create', { caseId: caseA, documentId: doc, page: 2, quote: 'Officers shall not pursue for a traffic offence alone.', itemIds: ['mandatory.chokehold'] });
    await t.call('determinations.set', { caseId: caseA, itemId: 'mandatory.chokehold', status: 'met', rationale: 'r', evidenceIds: [a.id] });

    const removed = await t.call('documents.removeFromCase', { caseId: caseA, documentId: doc });
    expect(removed).toEqual({ caseId: caseA, documentId: doc, title: '412-B Vehicle Pursuits', highlights: 1, determinations: 1 });
    expect(await t.call('documents.list', { caseId: caseA })).toEqual([]);
    expect((await t.call('documents.list', { caseId: caseB })).map((d: { id: string }) => d.id)).toEqual([doc]);
    expect((await t.call('cases.get', { id: caseA })).documentCount).toBe(0);
    // Kept, not dropped: the highlight is listed, marked; the determination is stale and signing would name it.
    expect(await t.call('annotations.list', { caseId: caseA })).toMatchObject([{ id: a.id, status: 'document-removed' }]);
    const entry = (await t.call('checklists.forCase', { caseId: caseA })).entries.find((e: { item: { id: string } }) => e.item.id === 'mandatory.chokehold');
    expect(entry.determination).toMatchObject({ status: 'met', stale: true });
    expect(entry.flags.stale).toBe(true);
    const gaps = await t.call('review.signSummary', { caseId: caseA });
    expect(JSON.stringify(gaps)).toContain('a linked passage is in a document removed from the case');
    // The search no longer finds it in this case; the blob and the pages stay for the other case.
    expect(await t.call('search.query', { caseId: caseA, query: 'pursue' })).toEqual([]);
    expect(await t.call('search.query', { caseId: caseB, query: 'pursue' })).toHaveLength(1);
    expect(await actions(caseA)).toContain(`documents.removeFromCase ${doc}`);
    expect(await actions(caseB)).not.toContain(`documents.removeFromCase ${doc}`);
    expect((await t.call('audit.history', { caseId: caseA })).at(-1).sentence).toBe('Rita Reviewer removed “412-B Vehicle Pursuits” from the case (its highlights kept, marked)');

    const back = await t.call('documents.restoreToCase', { caseId: caseA, documentId: doc });
    expect(back).toMatchObject({ id: doc, title: '412-B Vehicle Pursuits' });
    expect(await t.call('annotations.list', { caseId: caseA })).toMatchObject([{ id: a.id, status: 'active' }]);
    const again = (await t.call('checklists.forCase', { caseId: caseA })).entries.find((e: { item: { id: string } }) => e.item.id === 'mandatory.chokehold');
    expect(again.determination.stale).toBe(false);
    expect(await actions(caseA)).toContain(`documents.restoreToCase ${doc}`);
    expect((await t.call('audit.verify', { caseId: caseA })).ok).toBe(true);
  });

  it('refuses to remove what is not in the case, and to "restore" a document the case never held, changing nothing', async () => {
    const [r] = await t.call('documents.import', { caseId: caseB, paths: [t.write('p.pdf', await directive())] });
    const before = count('SELECT count(*) AS n FROM case_documents');
    const rm = await t.ws.dispatch('documents.removeFromCase', { caseId: caseA, documentId: r.document.id });
    expect(rm).toMatchObject({ ok: false, error: { code: 'not_found', message: '“412-B Vehicle Pursuits” is not in this case (already removed?).' } });
    const rs = await t.ws.dispatch('documents.restoreToCase', { caseId: caseA, documentId: r.document.id });
    expect(rs).toMatchObject({ ok: false, error: { code: 'not_found', message: '“412-B Vehicle Pursuits” was never in this case. Import it to add it.' } });
    expect(count('SELECT count(*) AS n FROM case_documents')).toBe(before);
    expect(await actions(caseA)).toEqual([`cases.create ${caseA}`]);
  });
});

describe('deleting a case', () => {
  it('deletes a draft case with nothing decided once its name is typed back, leaving a line in the workspace and the shared document in place', async () => {
    const [r] = await t.call('documents.import', { caseId: caseA, paths: [t.write('p.pdf', await directive())] });
    await t.call('annotations.create', { caseId: caseA, documentId: r.document.id, page: 2, quote: 'Officers shall not pursue for a traffic offence alone.' });
    const wrong = await t.ws.dispatch('cases.delete', { id: caseA, confirmAgencyName: 'Oakton' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { confirmAgencyName: 'Type “Oakton Police Department”.' } } });
    expect(count('SELECT count(*) AS n FROM cases WHERE id = ?', caseA)).toBe(1);

    expect(await t.call('cases.delete', { id: caseA, confirmAgencyName: ' oakton police department ' })).toEqual({ id: caseA, agencyName: 'Oakton Police Department', deleted: true });
    expect((await t.call('cases.list', { includeArchived: true })).map((c: { id: string }) => c.id)).toEqual([caseB]);
    for (const table of ['case_documents', 'annotations', 'audit_log']) expect(count(`SELECT count(*) AS n FROM ${table} WHERE case_id = ?`, caseA), table).toBe(0);
    expect(t.ws.ctx.db.prepare('SELECT agency_name, ori, documents, audit_entries, deleted_by FROM deleted_cases WHERE id = ?').get(caseA)).toEqual({ agency_name: 'Oakton Police Department', ori: 'IL0000001', documents: 1, audit_entries: 3, deleted_by: 'Rita Reviewer <rita@body.example>' });
    expect(count('SELECT count(*) AS n FROM documents WHERE id = ?', r.document.id)).toBe(1);
    expect(await t.ws.dispatch('cases.get', { id: caseA })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses to delete a case with a determination or a score, saying to archive it, and changes nothing', async () => {
    await t.call('determinations.set', { caseId: caseA, itemId: 'mandatory.chokehold', status: 'not_met', rationale: 'No rule.', noRuleFound: true });
    const trail = count('SELECT count(*) AS n FROM audit_log WHERE case_id = ?', caseA);
    const r = await t.ws.dispatch('cases.delete', { id: caseA, confirmAgencyName: 'Oakton Police Department' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This case holds 1 determination: deleting it would erase its audit trail. Archive it instead (it can be restored).' } });
    expect(count('SELECT count(*) AS n FROM audit_log WHERE case_id = ?', caseA)).toBe(trail);
    expect(count('SELECT count(*) AS n FROM deleted_cases')).toBe(0);
  });
});

describe('one case per ORI', () => {
  it('answers a conflict naming the existing case, and creates a second only when asked to', async () => {
    const r = await t.ws.dispatch('cases.create', { agencyName: 'Oakton PD', ori: 'il0000001', state: 'IL' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `A case for IL0000001 exists: Oakton Police Department (${caseA}). Open it, or create another case anyway.`, fields: { existingCaseId: caseA } },
    });
    expect(count('SELECT count(*) AS n FROM cases')).toBe(2);
    const made = await t.call('cases.create', { agencyName: 'Oakton PD', ori: 'IL0000001', state: 'IL', allowDuplicateOri: true });
    expect(made).toMatchObject({ ori: 'IL0000001', agencyName: 'Oakton PD' });
    expect(count('SELECT count(*) AS n FROM cases')).toBe(3);
  });
});
