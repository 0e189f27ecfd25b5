// The case history in plain words, from a real workspace: names looked up from the checklist,
// the documents and the rubrics; a state named only while it is still the one the entry recorded;
// a document rename audited in every case the document serves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseA: string;
let caseB: string;
let doc: string;

const sentences = async (caseId: string) => (await t.call('audit.history', { caseId })).map((e: { sentence: string }) => e.sentence);

beforeAll(async () => {
  t = tempWorkspace();
  const ana = await t.call('identity.create', { name: 'Ana Reviewer', email: 'ana@body.example', role: 'reviewer', passphrase: 'reviewer pass 1' });
  await t.call('identity.use', { identityId: ana.id, passphrase: 'reviewer pass 1' });
  caseA = (await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' })).id;
  caseB = (await t.call('cases.create', { agencyName: 'Riverside County Sheriff', ori: 'IL9990001', state: 'IL' })).id;
  const pdf = t.write('go300.pdf', await generateSamplePdf());
  doc = (await t.call('documents.import', { caseId: caseA, paths: [pdf] }))[0].document.id;
  // The same bytes are the same document: case B now shares it.
  expect((await t.call('documents.import', { caseId: caseB, paths: [pdf] }))[0].document.id).toBe(doc);
});
afterAll(() => t.cleanup());

describe('audit.history', () => {
  it('words highlights, determinations and scores with the names a person knows', async () => {
    await t.call('documents.update', { id: doc, agencyDocNumber: '300' });
    const a = await t.call('annotations.create', { caseId: caseA, documentId: doc, page: 3, quote: '(f) Choke holds.', itemIds: ['mandatory.chokehold'] });
    await t.call('determinations.set', { caseId: caseA, itemId: 'mandatory.chokehold', status: 'not_met', rationale: 'First reading.', evidenceIds: [a.id] });
    await t.call('determinations.set', { caseId: caseA, itemId: 'mandatory.chokehold', status: 'met', rationale: 'Banned except where deadly force is justified.', evidenceIds: [a.id] });
    await t.call('rubrics.score', { caseId: caseA, rubricId: 'early-intervention-system', criterionId: 'eis.indicators', level: 2, rationale: 'Six indicators.', evidenceIds: [a.id] });
    const s = await sentences(caseA);
    expect(s[0]).toBe('Ana Reviewer created the case');
    const title = (await t.call('documents.list', { caseId: caseA }))[0].title;
    expect(title).toMatch(/General Order 300/);
    expect(s[1]).toBe(`Ana Reviewer imported 300 “${title}”`);
    expect(s[2]).toBe(`Ana Reviewer renamed or renumbered a document: now 300 “${title}”`);
    expect(s).toContain('Ana Reviewer linked p. 3 of 300 to Chokeholds prohibited except where the use of deadly force is allowed by law');
    // The first determination was changed since: its status is not claimed; the latest one is.
    expect(s).toContain('Ana Reviewer changed the determination on Chokeholds prohibited except where the use of deadly force is allowed by law');
    expect(s).toContain('Ana Reviewer set Chokeholds prohibited except where the use of deadly force is allowed by law to Met');
    expect(s).toContain('Ana Reviewer scored Breadth of indicators (Early intervention system) at level 2');
  });

  it('audits a document rename in every case that uses the document, and words it', async () => {
    const before = { a: (await t.call('audit.list', { caseId: caseA })).length, b: (await t.call('audit.list', { caseId: caseB })).length };
    await t.call('documents.update', { id: doc, title: 'Use of Force (revised 2021)' });
    const after = { a: await t.call('audit.list', { caseId: caseA }), b: await t.call('audit.list', { caseId: caseB }) };
    expect(after.a).toHaveLength(before.a + 1);
    expect(after.b).toHaveLength(before.b + 1);
    for (const list of [after.a, after.b]) expect(list.at(-1)).toMatchObject({ action: 'documents.update', entity: 'document', entityId: doc, actor: 'Ana Reviewer <ana@body.example>' });
    for (const c of [caseA, caseB]) {
      expect((await sentences(c)).at(-1)).toBe('Ana Reviewer renamed or renumbered a document: now 300 “Use of Force (revised 2021)”');
      expect(await t.call('audit.verify', { caseId: c })).toMatchObject({ ok: true });
    }
    // The earlier edit (the number) is no longer the document's state: worded without a claim.
    expect(await sentences(caseB)).toContain('Ana Reviewer edited the title, number or date of 300 “Use of Force (revised 2021)” (since changed again)');
  });
});
