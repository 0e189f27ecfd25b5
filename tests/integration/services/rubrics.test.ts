import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let ev: string;
beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' })).id;
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('go300.pdf', await generateSamplePdf())] });
  ev = (await t.call('annotations.create', { caseId, documentId: r.document.id, page: 3, quote: 'The Department maintains a non-disciplinary early intervention system', itemIds: ['topic.early-warning'] })).id;
});
afterEach(() => t.cleanup());

const score = (x: Record<string, unknown>) => t.ws.dispatch('rubrics.score', { caseId, rubricId: 'early-intervention-system', ...x });

describe('rubric packs', () => {
  it('ship the early-intervention (10 criteria) and community-engagement (8) rubrics, levels 0–3 with descriptors and sources', async () => {
    const list = await t.call('rubrics.list', {});
    expect(list.map((r: { id: string; criteria: unknown[] }) => [r.id, r.criteria.length])).toEqual([
      ['community-engagement', 8],
      ['early-intervention-system', 10],
    ]);
    const [ce, eis] = await t.call('rubrics.forCase', { caseId });
    for (const r of [ce, eis]) for (const c of r.rubric.criteria) expect(c.levels.map((l: { level: number }) => l.level)).toEqual([0, 1, 2, 3]);
    // Nobody scored it: not assessed, with no percentage and no band (not "0 % — Absent or minimal").
    expect(eis.totals).toEqual({ assessed: 'none', scored: 0, criteria: 10, percent: null, band: null, points: 0, maxPoints: 36 });
    expect(eis.chartSvg).toContain('Early intervention system — Not assessed (0 of 10 criteria scored)');
    expect(eis.chartSvg).not.toMatch(/>[^<]*(\d%|Absent or minimal)/);
  });

  it('refuses an invalid rubric with field errors', async () => {
    const r = await t.ws.dispatch('rubrics.importPack', { path: t.write('r.json', JSON.stringify({ id: 'x-rubric', version: '1.0', title: 'X rubric', publisher: 'p', bands: [{ min: 10, label: 'a' }], criteria: [{ id: 'a', title: 'abc', description: 'abc', weight: 0, levels: [], sources: [] }] })) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.error.fields!)).toEqual(expect.arrayContaining(['version', 'criteria.0.id', 'criteria.0.weight', 'criteria.0.levels', 'criteria.0.sources', 'bands']));
  });
});

describe('scoring', () => {
  it('needs a rationale, and evidence above level 0; a partly scored rubric has no total or band', async () => {
    expect(await score({ criterionId: 'eis.purpose', level: 3, rationale: '' })).toMatchObject({ ok: false, error: { fields: { rationale: 'Write why this level.' } } });
    expect(await score({ criterionId: 'eis.purpose', level: 3, rationale: 'Written non-disciplinary purpose.' })).toMatchObject({ ok: false, error: { fields: { evidenceIds: 'Link at least one highlight.' } } });
    expect(await score({ criterionId: 'eis.purpose', level: 3, rationale: 'Written non-disciplinary purpose.', evidenceIds: [ev] })).toMatchObject({ ok: true });
    expect(await score({ criterionId: 'eis.indicators', level: 2, rationale: 'Six indicators.', evidenceIds: [ev] })).toMatchObject({ ok: true });
    expect(await score({ criterionId: 'eis.retention-privacy', level: 0, rationale: 'Nothing on retention.' })).toMatchObject({ ok: true });
    const eis = (await t.call('rubrics.forCase', { caseId })).find((r: { rubric: { id: string } }) => r.rubric.id === 'early-intervention-system');
    // 3 of 10 scored: a band over the other 7 would claim what nobody found.
    expect(eis.totals).toEqual({ assessed: 'partial', scored: 3, criteria: 10, percent: null, band: null, points: 7, maxPoints: 36 });
    expect(eis.chartSvg).toContain('Early intervention system — Partly assessed: 3 of 10 criteria scored');
    expect(eis.chartSvg).not.toMatch(/>[^<]*(\d%|Absent or minimal)/);
    expect(eis.chartSvg.match(/<rect x="300" y="\d+" width="240"/g)).toHaveLength(10); // one bar outline per criterion
    expect(eis.chartSvg).toContain('2 of 3');
    expect(eis.chartSvg).toContain('0 of 3'); // a scored 0 is a level, drawn as such
    // The 7 unscored criteria are hatched and labelled, never drawn as an empty (level 0) bar.
    expect(eis.chartSvg.match(/>not assessed</g)).toHaveLength(7);
    expect(eis.chartSvg.match(/fill="url\(#not-assessed\)"/g)).toHaveLength(7);
  });

  it('gives the weighted total and band once every criterion is scored', async () => {
    const [, before] = await t.call('rubrics.forCase', { caseId });
    for (const c of before.rubric.criteria as Array<{ id: string }>) {
      const level = c.id === 'eis.purpose' ? 3 : c.id === 'eis.indicators' ? 2 : 0;
      await t.call('rubrics.score', { caseId, rubricId: 'early-intervention-system', criterionId: c.id, level, rationale: 'r', evidenceIds: level ? [ev] : [] });
    }
    const eis = (await t.call('rubrics.forCase', { caseId })).find((r: { rubric: { id: string } }) => r.rubric.id === 'early-intervention-system');
    // (3×1 + 2×2) / (3 × 12 total weight) = 7/36 = 19.4%
    expect(eis.totals).toEqual({ assessed: 'complete', scored: 10, criteria: 10, percent: 19.4, band: 'Absent or minimal', points: 7, maxPoints: 36 });
    expect(eis.chartSvg).toContain('Early intervention system — 19.4% — Absent or minimal');
    expect(eis.chartSvg).not.toContain('not assessed');
  });

  it('keeps two scorers blind to each other, measures agreement and records a consensus', async () => {
    const levelsA = { 'eis.purpose': 3, 'eis.indicators': 1, 'eis.thresholds': 2, 'eis.peer-comparison': 0, 'eis.supervisory-review': 3 };
    const levelsB = { 'eis.purpose': 3, 'eis.indicators': 2, 'eis.thresholds': 2, 'eis.peer-comparison': 0, 'eis.supervisory-review': 1 };
    // Each scorer is an identity of their own, acting for themselves: a score is its maker's.
    const ana = { name: 'Ana Scorer', email: 'ana@body.example', role: 'reviewer' as const };
    const ben = { name: 'Ben Scorer', email: 'ben@body.example', role: 'reviewer' as const };
    for (const [who, levels] of [[ana, levelsA], [ben, levelsB]] as const) {
      t.actAs(who);
      for (const [criterionId, level] of Object.entries(levels)) await t.call('rubrics.score', { caseId, rubricId: 'early-intervention-system', criterionId, level, rationale: 'r', evidenceIds: level ? [ev] : [] });
    }
    const anaLabel = 'Ana Scorer <ana@body.example>';
    // Ben sees only his own; Ana, unlocked, only hers.
    expect(Object.fromEntries((await t.call('rubrics.forCase', { caseId }))[1].scores.map((s: { criterionId: string; level: number }) => [s.criterionId, s.level]))).toEqual(levelsB);
    t.actAs(ana);
    const anaView = (await t.call('rubrics.forCase', { caseId, scorer: anaLabel }))[1];
    expect(anaView.scores.map((s: { scorer: string }) => s.scorer)).toEqual(Array(5).fill(anaLabel));
    const ag = await t.call('rubrics.agreement', { caseId, rubricId: 'early-intervention-system' });
    expect(ag.scorers).toEqual([anaLabel, 'Ben Scorer <ben@body.example>']);
    expect(ag.compared).toBe(5);
    // A: 3 1 2 0 3; B: 3 2 2 0 1. Squared differences 0,1,0,0,4 → mean 1.
    // Means 1.8 and 1.6; E[X²] 4.6 and 3.6 → Var 1.36 and 1.04; (0.2)² = .04 → E[(X−Y)²] = 2.44.
    // κ = 1 − 1/2.44 = 0.590164… (the same pairs as the unit test's worked example, reordered)
    expect(ag.kappa).toBeCloseTo(0.590164, 5);
    expect(ag.differences.map((d: { criterionId: string }) => d.criterionId)).toEqual(['eis.indicators', 'eis.supervisory-review']);
    await t.call('rubrics.consensus', { caseId, rubricId: 'early-intervention-system', criterionId: 'eis.indicators', level: 2, rationale: 'Six of the eight indicators are named.', evidenceIds: [ev] });
    expect((await t.call('rubrics.agreement', { caseId, rubricId: 'early-intervention-system' })).consensus).toEqual([expect.objectContaining({ criterionId: 'eis.indicators', level: 2, scorer: 'consensus' })]);
    expect(await t.ws.dispatch('rubrics.score', { caseId, rubricId: 'early-intervention-system', criterionId: 'eis.purpose', level: 0, rationale: 'r', scorer: 'consensus' })).toMatchObject({ ok: false });
  });
});
