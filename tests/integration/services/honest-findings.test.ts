// What the packet says about work nobody did: an unscored rubric is "Not assessed", a partly
// scored one says how far it got and shows no band, a fully scored one its total and band — in
// findings.json, in the DOCX's own text and in the chart. Signing over gaps needs each gap
// acknowledged; without that, nothing is signed and nothing changes.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { tempWorkspace } from '../../support/workspace.ts';
import { docxParagraphs } from '../../support/docx-text.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let lead: { id: string };
let packet: Record<string, Uint8Array>;

// A third rubric nobody will score, installed like any imported pack.
const unscoredRubric = {
  id: 'use-of-force-reporting',
  version: '1.0.0',
  title: 'Use-of-force reporting',
  publisher: 'Test body',
  bands: [
    { min: 0, label: 'Absent or minimal' },
    { min: 50, label: 'Established' },
  ],
  criteria: ['forms', 'review', 'publication'].map((k) => ({
    id: `uof.${k}`,
    title: `Reporting ${k}`,
    description: `How the agency handles ${k}.`,
    weight: 1,
    levels: [0, 1, 2, 3].map((level) => ({ level, descriptor: `Level ${level} evidence.` })),
    sources: ['Test source'],
  })),
};

beforeAll(async () => {
  t = tempWorkspace();
  const ana = await t.call('identity.create', { name: 'Ana Reviewer', email: 'ana@body.example', role: 'reviewer', passphrase: 'reviewer pass 1' });
  lead = await t.call('identity.create', { name: 'Lee Lead', email: 'lee@body.example', role: 'lead', passphrase: 'correct horse battery' });
  await t.call('rubrics.importPack', { path: t.write('uof.json', JSON.stringify(unscoredRubric)) });
  await t.call('identity.use', { identityId: ana.id, passphrase: 'reviewer pass 1' });
  caseId = (await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' })).id;
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('go300.pdf', await generateSamplePdf())] });
  const doc = r.document.id;
  const a = await t.call('annotations.create', { caseId, documentId: doc, page: 2, quote: '(e) Vascular neck restraints or carotid control holds; (f) Choke holds.', itemIds: ['mandatory.chokehold'] });
  const b = await t.call('annotations.create', { caseId, documentId: doc, page: 1, quote: 'Members shall use only the force that is objectively reasonable', itemIds: ['mandatory.adherence-to-law'] });
  const e = await t.call('annotations.create', { caseId, documentId: doc, page: 3, quote: 'The Department maintains a non-disciplinary early intervention system', itemIds: ['topic.early-warning'] });
  await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'Banned except where deadly force is justified.', evidenceIds: [a.id] });
  await t.call('determinations.set', { caseId, itemId: 'mandatory.adherence-to-law', status: 'met', rationale: 'Objective reasonableness.', evidenceIds: [b.id] });
  // Early intervention: 3 of 10 criteria scored. Community engagement: all 8 scored.
  for (const [criterionId, level] of [['eis.purpose', 3], ['eis.indicators', 2], ['eis.retention-privacy', 0]] as const) {
    await t.call('rubrics.score', { caseId, rubricId: 'early-intervention-system', criterionId, level, rationale: 'Read in GO 300.', evidenceIds: level ? [e.id] : [] });
  }
  const [ce] = await t.call('rubrics.forCase', { caseId });
  for (const c of ce.rubric.criteria as Array<{ id: string }>) {
    await t.call('rubrics.score', { caseId, rubricId: 'community-engagement', criterionId: c.id, level: c.id === 'ce.advisory-body' ? 3 : 1, rationale: 'Read in GO 300.', evidenceIds: [e.id] });
  }
  await t.call('review.submit', { caseId });
  await t.call('identity.use', { identityId: lead.id, passphrase: 'correct horse battery' });
  await t.call('review.approve', { caseId });
});
afterAll(() => t.cleanup());

describe('the sign-off summary', () => {
  it('names each gap with its count and what it concerns', async () => {
    const s = await t.call('review.signSummary', { caseId });
    expect(s).toMatchObject({ caseId, status: 'approved', decided: 2, total: 21 });
    expect(s.rubrics).toEqual([
      { id: 'community-engagement', title: 'Community engagement', assessed: 'complete', criteriaScored: 8, criteriaTotal: 8, scoredBy: 'Ana Reviewer <ana@body.example>' },
      { id: 'early-intervention-system', title: 'Early intervention system', assessed: 'partial', criteriaScored: 3, criteriaTotal: 10, scoredBy: 'Ana Reviewer <ana@body.example>' },
      { id: 'use-of-force-reporting', title: 'Use-of-force reporting', assessed: 'none', criteriaScored: 0, criteriaTotal: 3, scoredBy: null },
    ]);
    expect(s.gaps.map((g: { kind: string; count: number; statement: string }) => [g.kind, g.count, g.statement])).toEqual([
      ['undecided-items', 19, 'I sign with 19 items undecided'],
      ['unscored-criteria', 10, 'I sign with 10 rubric criteria unscored (shown as not assessed)'],
    ]);
    const unscored = s.gaps[1].entries;
    expect(unscored).toEqual([expect.stringMatching(/^Early intervention system: 3 of 10 criteria scored — unscored: Thresholds and time windows; /), 'Use-of-force reporting: not assessed — unscored: Reporting forms; Reporting review; Reporting publication']);
    expect(s.gaps[0].entries).toContain('Use-of-force policies and training');
  });

  it('refuses to sign while a gap is not acknowledged, naming it, and changes nothing', async () => {
    const db = t.ws.ctx.db;
    const count = (sql: string) => (db.prepare(sql).get(caseId) as { n: number }).n;
    const before = { audit: count('SELECT count(*) AS n FROM audit_log WHERE case_id = ?'), packets: count('SELECT count(*) AS n FROM packets WHERE case_id = ?'), events: count('SELECT count(*) AS n FROM review_events WHERE case_id = ?') };
    const none = await t.ws.dispatch('review.sign', { caseId, passphrase: 'correct horse battery' });
    expect(none).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('not yet acknowledged: 19 checklist items are undecided (undecided-items); 10 rubric criteria are unscored (unscored-criteria). Nothing was signed.') } });
    const one = await t.ws.dispatch('review.sign', { caseId, passphrase: 'correct horse battery', acknowledge: ['undecided-items'] });
    expect(one).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('not yet acknowledged: 10 rubric criteria are unscored (unscored-criteria)') } });
    if (!one.ok) expect(one.error.message).not.toContain('undecided-items');
    // An unknown gap name is refused by the contract, with the field named.
    expect(await t.ws.dispatch('review.sign', { caseId, passphrase: 'correct horse battery', acknowledge: ['everything'] })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'acknowledge.0': expect.any(String) } } });
    expect((await t.call('cases.get', { id: caseId })).status).toBe('approved');
    expect({ audit: count('SELECT count(*) AS n FROM audit_log WHERE case_id = ?'), packets: count('SELECT count(*) AS n FROM packets WHERE case_id = ?'), events: count('SELECT count(*) AS n FROM review_events WHERE case_id = ?') }).toEqual(before);
  });

  it('signs once every gap present is acknowledged, and the packet records them', async () => {
    expect((await t.call('review.sign', { caseId, passphrase: 'correct horse battery', acknowledge: ['unscored-criteria', 'undecided-items'] })).status).toBe('signed');
    const out = path.join(t.dataDir, '..', 'honest-packet.zip');
    await t.call('review.export', { caseId, outPath: out });
    packet = unzipSync(new Uint8Array(fs.readFileSync(out)));
    const f = JSON.parse(strFromU8(packet['findings.json']!));
    expect(f.acknowledgedGaps).toEqual([
      { kind: 'undecided-items', count: 19, statement: 'I sign with 19 items undecided' },
      { kind: 'unscored-criteria', count: 10, statement: 'I sign with 10 rubric criteria unscored (shown as not assessed)' },
    ]);
  });
});

describe('rubrics in the packet', () => {
  const findings = () => JSON.parse(strFromU8(packet['findings.json']!));
  const rubric = (id: string) => findings().rubrics.find((r: { id: string }) => r.id === id);
  const docText = () => docxParagraphs(packet['findings.docx']!).join('\n');

  it('findings.json: complete has a total and band; partial and none have neither, and say so', () => {
    expect(rubric('community-engagement')).toMatchObject({ assessed: 'complete', criteriaScored: 8, criteriaTotal: 8, percent: 45.1 /* (3×1.5 + 1×7) / (3×8.5) */, band: 'Developing', scoredBy: 'Ana Reviewer <ana@body.example>' });
    expect(rubric('early-intervention-system')).toMatchObject({ assessed: 'partial', criteriaScored: 3, criteriaTotal: 10, percent: null, band: null });
    expect(rubric('early-intervention-system').criteria.find((c: { id: string }) => c.id === 'eis.thresholds')).toMatchObject({ assessed: false, level: null });
    expect(rubric('early-intervention-system').criteria.find((c: { id: string }) => c.id === 'eis.retention-privacy')).toMatchObject({ assessed: true, level: 0 });
    expect(rubric('use-of-force-reporting')).toMatchObject({ assessed: 'none', criteriaScored: 0, criteriaTotal: 3, percent: null, band: null, scoredBy: null });
  });

  it('the DOCX: "Not assessed" for the unscored rubric, "3 of 10 criteria scored" and no band for the partial one', () => {
    const text = docText();
    expect(text).toContain('Community engagement (v1.0.0): 45.1% — Developing');
    expect(text).toContain('Early intervention system (v1.0.0): 3 of 10 criteria scored (no band)');
    expect(text).toContain('Use-of-force reporting (v1.0.0): Not assessed');
    expect(text).toContain('Nobody scored this rubric: none of its 3 criteria was assessed, so it gives no finding.');
    // The claims the old packet made about work nobody did.
    expect(text).not.toMatch(/Use-of-force reporting[^\n]*(0%|Absent or minimal)/);
    expect(text).not.toContain('Scored by consensus');
    const eis = text.slice(text.indexOf('Early intervention system (v1.0.0)'), text.indexOf('Use-of-force reporting (v1.0.0)'));
    expect(eis).not.toMatch(/\d%|Absent or minimal|Developing/);
    expect(eis.match(/\nNot assessed\n/g)).toHaveLength(7);
    // The chart under the table is described by the same words.
    const xml = strFromU8(unzipSync(packet['findings.docx']!)['word/document.xml']!);
    expect(xml).toContain('descr="Early intervention system: 3 of 10 criteria scored (no band)"');
  });

  it('the DOCX sign-off section lists the acknowledged gaps', () => {
    const text = docText();
    const signOff = text.slice(text.lastIndexOf('Sign-off'));
    expect(signOff).toContain('The lead signed knowing of these gaps, each confirmed separately:');
    expect(signOff).toContain('I sign with 19 items undecided.');
    expect(signOff).toContain('I sign with 10 rubric criteria unscored (shown as not assessed).');
  });
});
