// The pre-review of a case through the API, on a real SQLite workspace and PDFs made by code:
// two orders whose chokehold rules conflict, read by the worker (pending, then done), results
// stored and read back, read again for a new rule version or new text, findings accepted and
// dismissed, suggested determinations adopted with their audit entries, and the refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RULES_VERSION } from '../../../shared/domain/prereview/rules/index.ts';
import { openWorkspace, type Workspace } from '../../../electron/services/workspace.ts';
import { textPdf } from '../../fixtures/pdfs.ts';
import { actAs, tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let useOfForce: string;
let tactics: string;
let events: Array<{ caseId: string; done: number; total: number }>;

const BAN = 'Chokeholds are prohibited unless the use of deadly force is justified.';
const ALLOW = 'Officers may use a chokehold when necessary to protect the officer.';
const INTERVENE = 'Officers shall intervene to prevent or stop the use of excessive force by another officer.';

async function setUp(transport: 'app' | 'cli') {
  t = tempWorkspace({ transport });
  events = [];
  t.ws.subscribe((event, payload) => {
    if (event === 'prereview.progress') events.push(payload as (typeof events)[number]);
  });
  caseId = (await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' })).id;
  const uof = await textPdf(
    [
      { lines: ['SUBJECT: Use of Force', 'DIRECTIVE: 300', BAN, INTERVENE] },
      { lines: ['Officers shall use de-escalation techniques whenever safe and feasible.', 'Warning shots are prohibited.'] },
    ],
    'Use of Force',
  );
  const dt = await textPdf([{ lines: ['SUBJECT: Defensive Tactics', 'DIRECTIVE: 410', ALLOW, 'Officers who observe excessive force shall report it to a supervisor.'] }], 'Defensive Tactics');
  const results = await t.call('documents.import', { caseId, paths: [t.write('uof.pdf', uof), t.write('dt.pdf', dt)] });
  [useOfForce, tactics] = results.map((r: { document: { id: string } }) => r.document.id);
}
afterEach(() => t.cleanup());

const forCase = (ws?: Workspace) => (ws ? ws.dispatch('prereview.forCase', { caseId }).then((r) => (r as { value: any }).value) : t.call('prereview.forCase', { caseId }));
/** The whole answer, once the worker has read every document. */
async function ready() {
  await t.ws.services.prereview.settle(caseId);
  return forCase();
}
const doc = (v: any, id: string) => v.documents.find((d: { documentId: string }) => d.documentId === id);
const suggestion = (v: any, itemId: string) => v.suggestions.find((s: { itemId: string }) => s.itemId === itemId);
const storedRows = () => t.ws.ctx.db.prepare('SELECT document_id, rules_version, computed_at FROM prereview_results ORDER BY document_id').all() as Array<{ document_id: string; rules_version: string; computed_at: string }>;

describe('reading a case', () => {
  beforeEach(() => setUp('cli'));

  it('answers at once with the documents pending, and the worker reads them, telling progress as each finishes', async () => {
    const first = await forCase();
    expect(first.progress).toEqual({ done: 0, total: 2 });
    expect(first.documents.map((d: { pending: boolean; rules: object }) => [d.pending, Object.keys(d.rules).length])).toEqual([
      [true, 0],
      [true, 0],
    ]);
    const v = await ready();
    expect(v.progress).toEqual({ done: 2, total: 2 });
    expect(events.at(-1)).toEqual({ caseId, done: 2, total: 2 });
    expect(events.map((e) => e.done)).toEqual([1, 2]);
    expect(v.documents.every((d: { pending: boolean }) => !d.pending)).toBe(true);
    expect(storedRows().map((r) => r.rules_version)).toEqual([RULES_VERSION, RULES_VERSION]);
  });

  it('reads every rule of both documents, flags the conflict and suggests a determination per item', async () => {
    const v = await ready();
    expect(v.rulesVersion).toBe(RULES_VERSION);
    expect(v.items.filter((i: { itemId: string }) => i.itemId === 'mandatory.chokehold').map((i: { ruleId: string }) => i.ruleId)).toEqual(['chokehold', 'vascular']);
    expect(v.items.map((i: { itemId: string }) => i.itemId).slice(0, 3)).toEqual(['mandatory.chokehold', 'mandatory.chokehold', 'topic.use-of-force']);
    expect(Object.keys(doc(v, useOfForce).rules).sort()).toEqual(Object.keys(v.case).sort());
    expect(doc(v, useOfForce).rules.chokehold).toMatchObject({ stance: 'prohibited_except_deadly_force', evidence: [{ page: 1, decision: null }] });
    expect(doc(v, tactics).rules.chokehold.stance).toBe('permitted');
    // The most permissive operative rule governs, and the other order is named as a conflict.
    expect(v.case.chokehold).toMatchObject({ stance: 'permitted', decidedBy: { documentId: tactics }, conflicts: [{ documentId: useOfForce, stance: 'prohibited_except_deadly_force' }] });
    // For a requirement the strongest general one counts: no conflict.
    expect(v.case['duty-to-intervene']).toMatchObject({ stance: 'required', decidedBy: { documentId: useOfForce }, conflicts: [] });
    const s = suggestion(v, 'mandatory.chokehold');
    expect(s).toMatchObject({ ruleId: 'chokehold', status: 'not_met', adopted: false, evidence: [{ documentId: tactics, page: 1 }] });
    expect(s.rationale).toContain('Directive 410 Defensive Tactics, p. 1');
    expect(s.rationale).toContain('Conflict between documents: Directive 410 Defensive Tactics reads as permitted, while Directive 300 Use of Force reads as prohibited except deadly force');
    expect(s.rationale).toContain('Vascular neck restraints');
    expect(suggestion(v, 'consider.warning-shots')).toMatchObject({ status: 'met', evidence: [{ documentId: useOfForce, page: 2, quote: 'Warning shots are prohibited.' }] });
    expect(suggestion(v, 'consider.no-knock-warrants')).toMatchObject({ status: 'not_met', evidence: [] });
    expect(suggestion(v, 'consider.no-knock-warrants').rationale).toBe('The case\'s policies (2 documents) set no rule on no-knock warrants.');
  });
});

describe('stored results', () => {
  beforeEach(() => setUp('app'));

  it('pre-reviews a case’s new documents in the background after an import', async () => {
    // Nobody asked: the import alone started the worker.
    await t.ws.services.prereview.settle(caseId);
    expect(events.at(-1)).toEqual({ caseId, done: 2, total: 2 });
    expect(storedRows()).toHaveLength(2);
  });

  it('reads stored results back, and reads a document again for a new rule version or new text', async () => {
    await ready();
    const before = storedRows();
    t.ws.close();
    // Another session: everything is read back, nothing pending, nothing recomputed.
    let ws = openWorkspace({ dataDir: t.dataDir, transport: 'cli' });
    try {
      const back = await forCase(ws);
      expect(back.progress).toEqual({ done: 2, total: 2 });
      expect(back.case.chokehold.stance).toBe('permitted');
      expect(ws.ctx.db.prepare('SELECT document_id, rules_version, computed_at FROM prereview_results ORDER BY document_id').all()).toEqual(before);
      // Results stored by an earlier rule set, and a page that gained text (OCR): read again.
      ws.ctx.db.prepare("UPDATE prereview_results SET rules_version = 'prereview-rules/2020-01-01.1' WHERE document_id = ?").run(useOfForce);
      ws.ctx.db.prepare("UPDATE pages SET text = text || ' Warning shots are prohibited.' WHERE document_id = ? AND page_index = 0").run(tactics);
    } finally {
      ws.close();
    }
    ws = openWorkspace({ dataDir: t.dataDir, transport: 'cli' });
    try {
      const again = await forCase(ws);
      expect(again.progress).toEqual({ done: 0, total: 2 });
      await ws.services.prereview.settle(caseId);
      const v = await forCase(ws);
      expect(doc(v, tactics).rules['warning-shots'].stance).toBe('prohibited');
      const rows = ws.ctx.db.prepare('SELECT document_id, rules_version FROM prereview_results ORDER BY document_id').all() as Array<{ rules_version: string }>;
      expect(rows.map((r) => r.rules_version)).toEqual([RULES_VERSION, RULES_VERSION]);
    } finally {
      ws.close();
    }
  });
});

describe('deciding findings and adopting suggestions', () => {
  beforeEach(async () => {
    await setUp('cli');
    await ready();
  });

  it('accepting a finding the reviewer already highlighted links that highlight instead of adding the passage again', async () => {
    const v = await forCase();
    const passage = doc(v, useOfForce).rules['duty-to-intervene'].evidence[0];
    // The reviewer's own highlight of the same words, on another item, with their own stance and note.
    const own = await t.call('annotations.create', { caseId, documentId: useOfForce, page: passage.page, quote: passage.quote.replace(/…$/, ''), itemIds: ['mandatory.adherence-to-law'], criteria: [], stance: 'context', note: 'Mine.' });
    const before = (await t.call('annotations.list', { caseId })).length;
    const { annotationId } = await t.call('prereview.decide', { caseId, documentId: useOfForce, rule: 'duty-to-intervene', page: passage.page, quote: passage.quote, decision: 'accepted' });
    expect(annotationId).toBe(own.id);
    const list = await t.call('annotations.list', { caseId });
    expect(list).toHaveLength(before);
    expect(list.find((x: { id: string }) => x.id === own.id)).toMatchObject({ itemIds: ['consider.duty-to-intervene', 'mandatory.adherence-to-law'], stance: 'context', note: 'Mine.' });
    // A deleted highlight of the same words is not reused: the finding gets its own.
    await t.call('annotations.delete', { id: own.id });
    const other = doc(v, useOfForce).rules['duty-to-intervene'].evidence[0];
    await t.call('prereview.decide', { caseId, documentId: useOfForce, rule: 'duty-to-intervene', page: other.page, quote: other.quote, decision: 'dismissed', reason: 'Reset.' });
    const again = await t.call('prereview.decide', { caseId, documentId: useOfForce, rule: 'duty-to-intervene', page: other.page, quote: other.quote, decision: 'accepted' });
    expect(again.annotationId).not.toBe(own.id);
  });

  it('accepts a finding as evidence on the item naming its rule, and dismisses one with a reason', async () => {
    const v = await forCase();
    const passage = doc(v, useOfForce).rules['duty-to-intervene'].evidence[0];
    const { annotationId } = await t.call('prereview.decide', { caseId, documentId: useOfForce, rule: 'duty-to-intervene', page: passage.page, quote: passage.quote, decision: 'accepted' });
    const a = (await t.call('annotations.list', { caseId })).find((x: { id: string }) => x.id === annotationId);
    expect(a).toMatchObject({ pageFrom: passage.page, stance: 'supports', itemIds: ['consider.duty-to-intervene'] });
    expect(a.note).toContain('Pre-review (duty-to-intervene): required');
    // A permission contradicts the chokehold item.
    const allow = doc(v, tactics).rules.chokehold.evidence[0];
    const permit = await t.call('prereview.decide', { caseId, documentId: tactics, rule: 'chokehold', page: allow.page, quote: allow.quote, decision: 'accepted' });
    expect((await t.call('annotations.list', { caseId })).find((x: { id: string }) => x.id === permit.annotationId)).toMatchObject({ stance: 'contradicts', itemIds: ['mandatory.chokehold'] });

    const shot = doc(v, useOfForce).rules['warning-shots'].evidence[0];
    const noReason = await t.ws.dispatch('prereview.decide', { caseId, documentId: useOfForce, rule: 'warning-shots', page: shot.page, quote: shot.quote, decision: 'dismissed' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { reason: 'A reason is required.' } } });
    await t.call('prereview.decide', { caseId, documentId: useOfForce, rule: 'warning-shots', page: shot.page, quote: shot.quote, decision: 'dismissed', reason: 'Only in the training appendix.' });

    const after = await forCase();
    expect(doc(after, useOfForce).rules['duty-to-intervene'].evidence[0]).toMatchObject({ decision: 'accepted', annotationId });
    expect(doc(after, useOfForce).rules['warning-shots'].evidence[0]).toMatchObject({ decision: 'dismissed', decisionReason: 'Only in the training appendix.', annotationId: null });
    const history = (await t.call('audit.history', { caseId })).map((h: { sentence: string }) => h.sentence);
    expect(history.at(-1)).toMatch(/^Rita Reviewer dismissed the warning-shots pre-review finding on p\. 2 of /);
    // The lint is the chokehold view of the same decisions.
    const lint = await t.call('lint.forCase', { caseId });
    expect(lint.find((d: { documentId: string }) => d.documentId === tactics).chokehold.evidence[0]).toMatchObject({ decision: 'accepted', annotationId: permit.annotationId });
  });

  it('adopts a suggestion as it stands: the determination, its passages accepted as evidence, an audit entry saying adopted', async () => {
    const det = await t.call('prereview.adopt', { caseId, itemId: 'mandatory.chokehold' });
    const v = await forCase();
    const s = suggestion(v, 'mandatory.chokehold');
    expect(det).toMatchObject({ status: 'not_met', rationale: s.rationale, noRuleFound: false });
    expect(det.evidenceIds).toHaveLength(1);
    const a = (await t.call('annotations.list', { caseId })).find((x: { id: string }) => x.id === det.evidenceIds[0]);
    expect(a).toMatchObject({ documentId: tactics, pageFrom: 1, stance: 'contradicts', quote: expect.stringContaining(ALLOW) });
    expect(doc(v, tactics).rules.chokehold.evidence[0]).toMatchObject({ decision: 'accepted', annotationId: det.evidenceIds[0] });
    expect(s.adopted).toBe(true);
    const history = (await t.call('audit.history', { caseId })).map((h: { sentence: string }) => h.sentence);
    expect(history.at(-1)).toBe('Rita Reviewer adopted the suggested determination on Chokeholds prohibited except where the use of deadly force is allowed by law: Not met');
    expect((await t.call('audit.verify', { caseId })).ok).toBe(true);
  });

  it('adopts with the reviewer’s edit, reuses a passage already accepted, and is no longer “adopted” once set by hand', async () => {
    const v = await forCase();
    const passage = doc(v, useOfForce).rules['duty-to-intervene'].evidence[0];
    const { annotationId } = await t.call('prereview.decide', { caseId, documentId: useOfForce, rule: 'duty-to-intervene', page: passage.page, quote: passage.quote, decision: 'accepted' });
    const det = await t.call('prereview.adopt', { caseId, itemId: 'consider.duty-to-intervene', rationale: 'Officers must intervene (GO 300, p. 1); DT 410 only asks for a report.' });
    expect(det).toMatchObject({ status: 'met', rationale: 'Officers must intervene (GO 300, p. 1); DT 410 only asks for a report.', evidenceIds: [annotationId] });
    expect((await t.call('annotations.list', { caseId })).filter((a: { itemIds: string[] }) => a.itemIds.includes('consider.duty-to-intervene'))).toHaveLength(1);
    const history = (await t.call('audit.history', { caseId })).map((h: { sentence: string }) => h.sentence);
    expect(history.at(-1)).toContain('adopted, edited, the suggested determination on');
    expect(suggestion(await forCase(), 'consider.duty-to-intervene').adopted).toBe(true);
    await t.call('determinations.set', { caseId, itemId: 'consider.duty-to-intervene', status: 'partially_met', rationale: 'Read again.', evidenceIds: [annotationId] });
    expect(suggestion(await forCase(), 'consider.duty-to-intervene').adopted).toBe(false);
  });

  it('adopts “not met, no rule found” for an item no document addresses', async () => {
    const det = await t.call('prereview.adopt', { caseId, itemId: 'consider.no-knock-warrants' });
    expect(det).toMatchObject({ status: 'not_met', noRuleFound: true, evidenceIds: [] });
  });
});

describe('refusals', () => {
  beforeEach(async () => {
    await setUp('cli');
  });

  it('refuses to adopt while documents are still being read, and an item with no rule', async () => {
    await forCase(); // starts the worker
    const early = await t.ws.dispatch('prereview.adopt', { caseId, itemId: 'mandatory.chokehold' });
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('still reading 2 documents') } });
    await t.ws.services.prereview.settle(caseId);
    const noRule = await t.ws.dispatch('prereview.adopt', { caseId, itemId: 'mandatory.adherence-to-law' });
    expect(noRule).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('names no pre-review rule') } });
    const unknown = await t.ws.dispatch('prereview.adopt', { caseId, itemId: 'no.such-item' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(t.ws.ctx.db.prepare('SELECT count(*) AS n FROM determinations').get()).toEqual({ n: 0 });
  });

  it('refuses a quote that is not among the current findings, naming where they are, and changes nothing', async () => {
    await ready();
    const r = await t.ws.dispatch('prereview.decide', { caseId, documentId: useOfForce, rule: 'chokehold', page: 1, quote: 'Chokeholds are allowed.', decision: 'accepted' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('not among the pre-review’s current findings for chokehold in this document (they are on page 1)') } });
    const bad = await t.ws.dispatch('prereview.decide', { caseId, documentId: useOfForce, rule: 'choke', page: 1, quote: BAN, decision: 'accepted' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const db = t.ws.ctx.db;
    expect(db.prepare('SELECT count(*) AS n FROM lint_decisions').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 });
  });

  it('refuses decisions and adoptions on an archived case, and from nobody', async () => {
    await ready();
    await t.call('cases.archive', { id: caseId, archived: true });
    const audit = (t.ws.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const decide = await t.ws.dispatch('prereview.decide', { caseId, documentId: useOfForce, rule: 'chokehold', page: 1, quote: doc(await forCase(), useOfForce).rules.chokehold.evidence[0].quote, decision: 'accepted' });
    expect(decide).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('archived') } });
    const adopt = await t.ws.dispatch('prereview.adopt', { caseId, itemId: 'mandatory.chokehold' });
    expect(adopt).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('archived') } });
    expect((t.ws.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(audit);
    await t.call('cases.archive', { id: caseId, archived: false });
    t.ws.services.session.lock();
    const nobody = await t.ws.dispatch('prereview.adopt', { caseId, itemId: 'mandatory.chokehold' });
    expect(nobody.ok).toBe(false);
    actAs(t.ws);
    expect(t.ws.ctx.db.prepare('SELECT count(*) AS n FROM determinations').get()).toEqual({ n: 0 });
  });

  it('refuses to accept a finding of a rule no item of the case’s checklist names', async () => {
    const exhaust = await textPdf([{ lines: ['SUBJECT: Deadly Force', 'Deadly force shall be used only after all other reasonable means have been exhausted.'] }]);
    const [r] = await t.call('documents.import', { caseId, paths: [t.write('deadly.pdf', exhaust)] });
    await ready();
    const f = doc(await forCase(), r.document.id).rules['exhaust-alternatives'];
    expect(f.stance).toBe('required');
    const refused = await t.ws.dispatch('prereview.decide', { caseId, documentId: r.document.id, rule: 'exhaust-alternatives', page: f.evidence[0].page, quote: f.evidence[0].quote, decision: 'accepted' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('no item naming the exhaust-alternatives rule') } });
    expect(t.ws.ctx.db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 });
  });
});
