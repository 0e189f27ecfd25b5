// A highlight can be evidence for rubric criteria when it is made, before anyone scores them: a
// score needs a level and a rationale, gathering evidence does not. The link is audited with the
// highlight, shown in the rubric as evidence not yet scored, and carried by a hand-off bundle.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { stateHashOf } from '../../../electron/services/audit/audit-service.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;
beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' })).id;
  documentId = (await t.call('documents.import', { caseId, paths: [t.write('go300.pdf', await generateSamplePdf())] }))[0].document.id;
});
afterEach(() => t.cleanup());

const QUOTE = 'The Department maintains a non-disciplinary early intervention system';
const EIS = 'early-intervention-system';
const count = (sql: string, ...args: unknown[]) => (t.ws.ctx.db.prepare(sql).get(...args) as { n: number }).n;

describe('evidence for rubric criteria, without a score', () => {
  it('links a highlight to several criteria and a checklist item at once; the rubric shows it as evidence, not yet scored', async () => {
    const a = await t.call('annotations.create', {
      caseId,
      documentId,
      page: 3,
      quote: QUOTE,
      itemIds: ['topic.early-warning'],
      criteria: [
        { rubricId: EIS, criterionId: 'eis.purpose' },
        { rubricId: EIS, criterionId: 'eis.indicators' },
      ],
    });
    expect(a.criteria).toEqual([
      { rubricId: EIS, criterionId: 'eis.indicators' },
      { rubricId: EIS, criterionId: 'eis.purpose' },
    ]);
    expect(a.itemIds).toEqual(['topic.early-warning']);
    const eis = (await t.call('rubrics.forCase', { caseId })).find((r: { rubric: { id: string } }) => r.rubric.id === EIS);
    expect(eis.evidence).toEqual({ 'eis.indicators': [a.id], 'eis.purpose': [a.id] });
    // Nothing is scored: no level, no total, no band.
    expect(eis.scores).toEqual([]);
    expect(eis.totals).toMatchObject({ assessed: 'none', scored: 0, percent: null, band: null });
  });

  it('is in the audit trail, in the highlight’s own entry (its state hash covers the criteria)', async () => {
    const a = await t.call('annotations.create', { caseId, documentId, page: 3, quote: QUOTE, criteria: [{ rubricId: EIS, criterionId: 'eis.purpose' }] });
    const entry = t.ws.ctx.db.prepare("SELECT action, entity_id, state_hash FROM audit_log WHERE case_id = ? AND entity = 'annotation'").get(caseId) as { action: string; entity_id: string; state_hash: string };
    expect(entry).toMatchObject({ action: 'annotations.create', entity_id: a.id });
    expect(entry.state_hash).toBe(stateHashOf(a));
    expect((await t.call('audit.verify', { caseId })).ok).toBe(true);
    // The History tab names the criterion the passage was linked to.
    expect((await t.call('audit.history', { caseId })).at(-1).sentence).toMatch(/ linked p\. 3 of .+ to Written, non-disciplinary purpose$/);
  });

  it('scoring later rests on the linked passage, and the link stays when the score is saved', async () => {
    const a = await t.call('annotations.create', { caseId, documentId, page: 3, quote: QUOTE, criteria: [{ rubricId: EIS, criterionId: 'eis.purpose' }] });
    await t.call('rubrics.score', { caseId, rubricId: EIS, criterionId: 'eis.purpose', level: 3, rationale: 'Written non-disciplinary purpose.', evidenceIds: [a.id] });
    const eis = (await t.call('rubrics.forCase', { caseId })).find((r: { rubric: { id: string } }) => r.rubric.id === EIS);
    expect(eis.scores.map((s: { criterionId: string; level: number }) => [s.criterionId, s.level])).toEqual([['eis.purpose', 3]]);
    expect(eis.evidence).toEqual({ 'eis.purpose': [a.id] });
  });

  it('a deleted highlight is no longer evidence; restoring it brings the link back', async () => {
    const a = await t.call('annotations.create', { caseId, documentId, page: 3, quote: QUOTE, criteria: [{ rubricId: EIS, criterionId: 'eis.purpose' }] });
    await t.call('annotations.delete', { id: a.id });
    const evidence = async () => (await t.call('rubrics.forCase', { caseId })).find((r: { rubric: { id: string } }) => r.rubric.id === EIS).evidence;
    expect(await evidence()).toEqual({});
    await t.call('annotations.restore', { id: a.id });
    expect(await evidence()).toEqual({ 'eis.purpose': [a.id] });
  });

  it('refuses a criterion no rubric has, naming it, with nothing stored', async () => {
    const before = count('SELECT count(*) AS n FROM annotations');
    const trail = count('SELECT count(*) AS n FROM audit_log WHERE case_id = ?', caseId);
    const r = await t.ws.dispatch('annotations.create', { caseId, documentId, page: 3, quote: QUOTE, criteria: [{ rubricId: EIS, criterionId: 'eis.no-such-thing' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Not a criterion of an installed rubric: early-intervention-system/eis.no-such-thing.', fields: { criteria: 'Choose criteria from the rubrics.' } } });
    expect(count('SELECT count(*) AS n FROM annotations')).toBe(before);
    expect(count('SELECT count(*) AS n FROM criterion_evidence')).toBe(0);
    expect(count('SELECT count(*) AS n FROM audit_log WHERE case_id = ?', caseId)).toBe(trail);
  });

  it('a draft case whose only decisions are evidence links can still be deleted', async () => {
    await t.call('annotations.create', { caseId, documentId, page: 3, quote: QUOTE, criteria: [{ rubricId: EIS, criterionId: 'eis.purpose' }] });
    await t.call('cases.delete', { id: caseId, confirmAgencyName: 'Riverside Police Department' });
    expect(count('SELECT count(*) AS n FROM criterion_evidence')).toBe(0);
  });
});
