// Scoring the sample case's early-intervention and community-engagement practices in the app,
// with evidence; totals, the chart, the CLI's figures, and two scorers' agreement.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/test.ts';
import { selectAcross } from '../support/pages.ts';
import { E2E_REVIEWER, ORIGIN } from '../support/bridge.ts';
import { TEST_PASSPHRASE } from '../../support/workspace.ts';

const EVE = `${E2E_REVIEWER.name} <${E2E_REVIEWER.email}>`;
const BEN = { name: 'Ben Scorer', email: 'ben@body.example', role: 'reviewer' as const };

async function highlight(page: Page, pageNo: number, startsWith: string, item: string) {
  await page.getByLabel('Page number').fill(String(pageNo));
  await page.keyboard.press('Enter');
  await expect(page.locator(`.page[data-page-number="${pageNo}"] .textLayer`)).toContainText(startsWith);
  await selectAcross(page, pageNo, startsWith, pageNo, startsWith);
  const pop = page.getByRole('dialog', { name: 'Add highlight' });
  await pop.locator(`input[type="checkbox"][value="${item}"]`).check();
  await pop.getByRole('button', { name: 'Add highlight' }).click();
  await expect(pop).toBeHidden();
}

async function scoreCriterion(panel: ReturnType<Page['getByRole']>, title: string, level: number, rationale: string, evidence: string | null) {
  const c = panel.getByRole('region', { name: title });
  await c.getByRole('radio').nth(level).check();
  if (evidence) {
    const box = c.getByRole('checkbox', { name: new RegExp(evidence) });
    if (!(await box.isVisible())) await c.getByText(/^Evidence \(/).click(); // the list opens by itself above level 0
    await box.check();
  }
  await c.getByLabel('Rationale').fill(rationale);
  await c.getByRole('button', { name: `Save score for ${title}` }).click();
  await expect(c.getByText('Saved.')).toBeVisible();
}

test('score early intervention and community engagement with evidence; totals, chart, CLI and agreement', async ({ page, harness }) => {
  // A second scorer, who will unlock their own identity to score: a score is its maker's.
  harness.ws.services.identities.create({ ...BEN, passphrase: TEST_PASSPHRASE });
  await page.goto(`${ORIGIN}/index.html`);
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await highlight(page, 3, 'The Department maintains a non-disciplinary', 'topic.early-warning');
  await highlight(page, 3, 'A Community Police Advisory Board', 'topic.community-engagement');

  await page.getByRole('tab', { name: 'Rubrics' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel).toContainText(`Scoring as ${EVE}`);
  // One rubric at a time, chosen in the picker.
  const rubric = panel.getByLabel('Rubric', { exact: true });
  await rubric.selectOption('early-intervention-system');
  const eis = panel.getByRole('region', { name: 'Early intervention system', exact: true });
  // Nobody has scored it: "Not assessed", never "0%" and a band.
  await expect(eis.getByTestId('total-early-intervention-system')).toHaveText('Not assessed');
  await expect(eis.locator('.chart svg')).toHaveAttribute('aria-label', 'Early intervention system — Not assessed (0 of 10 criteria scored)');

  // A level above 0 without evidence is refused beside the criterion.
  const purpose = eis.getByRole('region', { name: 'Written, non-disciplinary purpose' });
  await purpose.getByRole('radio').nth(3).check();
  await purpose.getByLabel('Rationale').fill('Stated as non-disciplinary.');
  await purpose.getByRole('button', { name: /Save score/ }).click();
  await expect(purpose.getByRole('alert')).toContainText('needs at least one highlighted passage');

  await scoreCriterion(eis, 'Written, non-disciplinary purpose', 3, 'GO 300.7 states the system is non-disciplinary.', 'non-disciplinary')
  await scoreCriterion(eis, 'Breadth of indicators', 2, 'Six indicators named.', 'non-disciplinary');
  await scoreCriterion(eis, 'Thresholds and time windows', 2, 'Three indicators in six months.', 'non-disciplinary');
  await scoreCriterion(eis, 'Retention and privacy rules', 0, 'Nothing on retention or access.', null);
  // 4 of 10 scored: how far it got, and no total or band for the six nobody scored.
  await expect(eis.getByTestId('total-early-intervention-system')).toHaveText('4 of 10 criteria scored');
  await expect(eis.locator('.rubric-total')).toHaveText(`4 of 10 criteria scored by ${EVE} · no total or band until every criterion is scored`);
  const chart = eis.locator('.chart svg');
  await expect(chart).toHaveAttribute('aria-label', 'Early intervention system — Partly assessed: 4 of 10 criteria scored');
  await expect(chart.locator('rect[fill="#1f5fbf"]')).toHaveCount(3); // three bars above level 0
  await expect(chart).toContainText('3 of 3');
  await expect(chart.locator('text', { hasText: 'not assessed' })).toHaveCount(6);
  await expect(eis.getByRole('region', { name: 'Supervisor training and accountability' })).toContainText('not assessed');

  await rubric.selectOption('community-engagement');
  await expect(eis).toBeHidden();
  const ce = panel.getByRole('region', { name: 'Community engagement', exact: true });
  await scoreCriterion(ce, 'Advisory or oversight body', 3, 'Advisory board meets monthly and reviews policy changes.', 'Community Police Advisory');
  await scoreCriterion(ce, 'Community input on policy', 3, 'The board reviews changes to this order before adoption.', 'Community Police Advisory');
  await expect(ce.getByTestId('total-community-engagement')).toHaveText('2 of 8 criteria scored');
  // The other six at level 0 (through the API the panel uses); switching away and back reloads the panel.
  const info = (await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } };
  for (const criterionId of ['ce.published-data', 'ce.surveys', 'ce.listening', 'ce.partnerships', 'ce.recruitment', 'ce.complaints']) {
    expect(await harness.ws.dispatch('rubrics.score', { caseId: info.value.sampleCaseId, rubricId: 'community-engagement', criterionId, level: 0, rationale: 'Nothing in GO 300.' })).toMatchObject({ ok: true });
  }
  await page.getByRole('tab', { name: 'Checklist' }).click();
  await page.getByRole('tab', { name: 'Rubrics' }).click();
  // Every criterion scored: (3×1.5 + 3×1.5) / (3 × 8.5) = 9/25.5 = 35.3% → "Developing"
  await expect(ce.getByTestId('total-community-engagement')).toHaveText('35.3%');
  await expect(ce.locator('.rubric-total')).toHaveText(`35.3% — Developing · all 8 criteria scored by ${EVE}`);

  // The CLI prints the same totals from the same workspace, to Eve unlocked there (scores are their scorer's).
  const eve = harness.ws.services.identities.list().find((i) => i.email === E2E_REVIEWER.email)!;
  const cli = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../../../electron/cli/run.ts'), 'scores', '--case', info.value.sampleCaseId, '--scorer', EVE, '--json', '--data-dir', harness.dataDir], { encoding: 'utf8', env: { ...process.env, CREDENCE_IDENTITY: eve.id, CREDENCE_PASSPHRASE: TEST_PASSPHRASE } });
  const printed = JSON.parse(cli.stdout) as Array<{ rubric: { id: string }; totals: { assessed: string; percent: number | null; band: string | null } }>;
  expect(Object.fromEntries(printed.map((r) => [r.rubric.id, [r.totals.assessed, r.totals.percent, r.totals.band]]))).toEqual({
    'early-intervention-system': ['partial', null, null],
    'community-engagement': ['complete', 35.3, 'Developing'],
  });

  // A second reviewer scores blind, then the lead compares and records a consensus.
  await page.getByLabel('Acting as').selectOption({ label: 'Ben Scorer — reviewer' });
  const unlock = page.getByRole('dialog', { name: 'Act as Ben Scorer' });
  await unlock.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(panel).toContainText('Scoring as Ben Scorer <ben@body.example>');
  await rubric.selectOption('early-intervention-system');
  await expect(eis.getByTestId('total-early-intervention-system')).toHaveText('Not assessed');
  await scoreCriterion(eis, 'Written, non-disciplinary purpose', 3, 'Non-disciplinary purpose stated.', 'non-disciplinary');
  await scoreCriterion(eis, 'Breadth of indicators', 3, 'Broad set of indicators.', 'non-disciplinary');
  await scoreCriterion(eis, 'Thresholds and time windows', 1, 'Threshold is vague.', 'non-disciplinary');
  await scoreCriterion(eis, 'Retention and privacy rules', 0, 'Nothing stated.', null);
  await eis.getByRole('button', { name: 'Compare scorers' }).click();
  const ag = eis.getByRole('region', { name: 'Agreement on Early intervention system' });
  // Eve 3 2 2 0, Ben 3 3 1 0: squared differences 0,1,1,0 → mean 0.5.
  // Eve: mean 1.75, E[X²] 4.25, Var 1.1875; Ben: mean 1.75, E[Y²] 4.75, Var 1.6875; E[(X−Y)²] = 2.875.
  // κ = 1 − 0.5/2.875 = 0.826 → "0.83"
  await expect(ag).toContainText(`Ben Scorer <ben@body.example> and ${EVE}: quadratic-weighted κ = 0.83 over 4 criteria both scored.`);
  await expect(ag).toContainText(`Breadth of indicators: Ben Scorer <ben@body.example> 3, ${EVE} 2`);
  await ag.getByLabel('Consensus level for Breadth of indicators').selectOption('2');
  await ag.getByLabel('Why').first().fill('Six of the eight indicators the guide lists.');
  await ag.getByRole('button', { name: 'Record consensus' }).first().click();
  await expect(ag).toContainText('consensus 2');
});
