// The pre-review of a case through the API, on a real SQLite workspace and PDFs made by code:
// two orders whose chokehold rules conflict, findings accepted and dismissed, a suggested
// determination adopted with its audit entry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textPdf } from '../../fixtures/pdfs.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let useOfForce: string;
let tactics: string;

const BAN = 'Chokeholds are prohibited unless the use of deadly force is justified.';
const ALLOW = 'Officers may use a chokehold when necessary to protect the officer.';

beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' })).id;
  const uof = await textPdf(
    [
      { lines: ['SUBJECT: Use of Force', 'DIRECTIVE: 300', BAN, 'Officers shall intervene to prevent or stop the use of excessive force by another officer.'] },
      { lines: ['Officers shall use de-escalation techniques whenever safe and feasible.', 'Warning shots are prohibited.'] },
    ],
    'Use of Force',
  );
  const dt = await textPdf([{ lines: ['SUBJECT: Defensive Tactics', 'DIRECTIVE: 410', ALLOW, 'Officers who observe excessive force shall report it to a supervisor.'] }], 'Defensive Tactics');
  const results = await t.call('documents.import', { caseId, paths: [t.write('uof.pdf', uof), t.write('dt.pdf', dt)] });
  [useOfForce, tactics] = results.map((r: { document: { id: string } }) => r.document.id);
});
afterEach(() => t.cleanup());

const forCase = () => t.call('prereview.forCase', { caseId });

describe('prereview.forCase', () => {
  it('reads every rule of both documents, flags the conflict and suggests a determination per item', async () => {
    const v = await forCase();
    expect(v.items.filter((i: { itemId: string }) => i.itemId === 'mandatory.chokehold').map((i: { ruleId: string }) => i.ruleId)).toEqual(['chokehold', 'vascular']);
    const docs = Object.fromEntries(v.documents.map((d: { documentId: string }) => [d.documentId, d]));
    expect(docs[useOfForce].rules.chokehold).toMatchObject({ stance: 'prohibited_except_deadly_force', evidence: [{ page: 1, decision: null }] });
    expect(docs[tactics].rules.chokehold.stance).toBe('permitted');
    // The most permissive operative rule governs, and the other order is named as a conflict.
    expect(v.case.chokehold).toMatchObject({ stance: 'permitted', decidedBy: { documentId: tactics }, conflicts: [{ documentId: useOfForce, stance: 'prohibited_except_deadly_force' }] });
    const s = v.suggestions.find((x: { itemId: string }) => x.itemId === 'mandatory.chokehold');
    expect(s).toMatchObject({ ruleId: 'chokehold', status: 'not_met', adopted: false });
    expect(s.rationale).toContain('410 Defensive Tactics, p. 1');
    expect(s.rationale).toContain('Conflict between documents');
  });
});

describe('prereview.decide and prereview.adopt', () => {
  it('accepts a finding as evidence on the item naming its rule, and adopts a suggestion with its audit entry', async () => {
    const v = await forCase();
    const passage = v.documents.find((d: { documentId: string }) => d.documentId === useOfForce).rules['duty-to-intervene'].evidence[0];
    const { annotationId } = await t.call('prereview.decide', { caseId, documentId: useOfForce, rule: 'duty-to-intervene', page: passage.page, quote: passage.quote, decision: 'accepted' });
    const a = (await t.call('annotations.list', { caseId })).find((x: { id: string }) => x.id === annotationId);
    expect(a).toMatchObject({ pageFrom: passage.page, stance: 'supports', itemIds: ['consider.duty-to-intervene'] });

    const det = await t.call('prereview.adopt', { caseId, itemId: 'consider.duty-to-intervene' });
    expect(det).toMatchObject({ status: 'met', evidenceIds: [annotationId] });
    const after = await forCase();
    expect(after.suggestions.find((x: { itemId: string }) => x.itemId === 'consider.duty-to-intervene').adopted).toBe(true);
    const history = await t.call('audit.history', { caseId });
    expect(history.at(-1).sentence).toContain('adopted the suggested determination');
  });
});
