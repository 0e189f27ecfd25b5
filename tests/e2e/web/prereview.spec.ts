// The Pre-review screen end to end, on two generated policies that disagree about chokeholds:
// the matrix's stances in words, a passage opened highlighted in the viewer, a finding accepted
// (it becomes evidence on the item) and one dismissed with a reason, a suggested determination
// adopted, the grid walked by keyboard; then the screen at laptop sizes, with an axe scan and
// screenshots in the test's output folder.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/test.ts';
import type { Harness } from '../support/bridge.ts';
import { check } from '../support/fit.ts';
import { wordsUnderFindHits } from '../support/find-hits.ts';
import { strFromU8, unzipSync } from 'fflate';
import { textPdf } from '../../fixtures/pdfs.ts';
import { docxParagraphs, folded } from '../../support/docx-text.ts';
import { corpusFile, corpusPresent } from '../../support/workspace.ts';

const ORDER = 'Use of Force Order';
const TACTICS = 'Defensive Tactics';

/** Two policies of one agency: the order bans chokeholds except where deadly force is justified, the tactics guide permits them. */
async function importTwoPolicies(page: Page, harness: Harness) {
  const dir = path.join(harness.dataDir, '..');
  const order = path.join(dir, 'order.pdf');
  const tactics = path.join(dir, 'tactics.pdf');
  fs.writeFileSync(
    order,
    await textPdf(
      [
        { lines: ['This order guides the use of force by members of the department.', 'Deadly force: force likely to cause death or great bodily harm.'] },
        {
          lines: [
            'Officers shall not use chokeholds unless deadly force is justified.',
            'Officers shall use de-escalation techniques when it is safe and feasible to do so.',
            'An officer who observes another officer using force that is clearly beyond',
            'what is objectively reasonable shall intervene to prevent or stop it.',
          ],
        },
      ],
      ORDER,
    ),
  );
  fs.writeFileSync(
    tactics,
    await textPdf([{ lines: ['This guide covers empty-hand control.', 'Officers may use a chokehold to control a subject who is actively resisting arrest.', 'Officers should attempt to de-escalate a situation when practical.'] }], TACTICS),
  );
  harness.choose([order, tactics]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const list = page.getByRole('list', { name: 'Policy documents' });
  await expect(list).toContainText(ORDER, { timeout: 30_000 });
  await expect(list).toContainText(TACTICS, { timeout: 30_000 });
}

/** The grid cell of a row (by its label) and a column (by its header's words). */
async function cell(grid: Locator, rowLabel: string, column: string): Promise<Locator> {
  const headers = await grid.getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.includes(column));
  expect(index, `column ${column} among ${headers.join(' | ')}`).toBeGreaterThan(0);
  // The row header is the row's first cell; grid cells count from the second.
  return grid.getByRole('row').filter({ has: grid.page().getByRole('rowheader', { name: rowLabel, exact: true }) }).getByRole('gridcell').nth(index - 1);
}

async function openPrereview(page: Page) {
  await page.getByRole('button', { name: 'Pre-review', exact: true }).click();
  const grid = page.getByRole('grid', { name: /Pre-review/ });
  await expect(grid).toBeVisible();
  await expect(page.locator('.prereview-progress')).toHaveText(/(\d+) of \1 documents read/, { timeout: 30_000 });
  return grid;
}

test('pre-review: stances in words, a passage highlighted in the viewer, accept, dismiss, adopt, keyboard', async ({ app: page, harness }) => {
  test.setTimeout(120_000);
  await importTwoPolicies(page, harness);
  const grid = await openPrereview(page);

  // Each cell says its stance in words; the case cell flags the conflict between the two.
  await expect(await cell(grid, 'Chokeholds (airway)', ORDER)).toContainText('Bans except deadly force');
  await expect(await cell(grid, 'Chokeholds (airway)', TACTICS)).toContainText('Permitted');
  const caseCell = await cell(grid, 'Chokeholds (airway)', 'Case');
  await expect(caseCell).toContainText('Permitted');
  await expect(caseCell).toContainText('conflict');
  await expect(await cell(grid, 'De-escalation', TACTICS)).toContainText('Should (encouraged)');

  // The order's cell lists its passage; choosing it opens the viewer on page 2 with the words marked.
  await (await cell(grid, 'Chokeholds (airway)', ORDER)).click();
  const detail = page.getByRole('region', { name: 'Selected cell' });
  const quote = detail.getByRole('button', { name: /Officers shall not use chokeholds unless deadly force is justified/ });
  await expect(quote).toContainText('p. 2');
  await quote.click();
  await expect(page.locator('.viewer-container')).toHaveAttribute('data-current-page', '2');
  const marked = page.locator('.page[data-page-number="2"] .find-hit');
  await expect(marked.first()).toBeVisible();
  expect(await wordsUnderFindHits(page, 2)).toContain('chokeholds');
  // Accept it from the bar above the viewer: it becomes evidence on the chokehold item.
  const bar = page.getByRole('region', { name: 'Pre-review passage' });
  await bar.getByRole('button', { name: 'Accept' }).click();
  await expect(bar).toContainText('Accepted as evidence');
  const checklist = page.getByRole('tabpanel');
  await checklist.getByRole('button', { name: /Chokeholds prohibited except where/ }).click();
  await expect(checklist.locator('.evidence').filter({ hasText: 'Officers shall not use chokeholds unless deadly force is justified' })).toContainText('Supports');
  await checklist.getByRole('button', { name: 'All items', exact: true }).click();

  // Back in the matrix, the passage reads as accepted.
  await bar.getByRole('button', { name: 'Back to pre-review' }).click();
  await expect(detail).toContainText('Accepted as evidence');

  // Dismiss the tactics guide's passage: it asks why, and Esc on a half-typed reason asks first.
  await (await cell(grid, 'Chokeholds (airway)', TACTICS)).click();
  await detail.getByRole('button', { name: 'Dismiss' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Dismiss this finding' });
  await dialog.getByLabel('Why dismiss it?').fill('A training');
  await page.keyboard.press('Escape');
  await expect(dialog.getByText('Discard what you entered?')).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  // Keeping on editing keeps the words and records nothing.
  await expect(dialog.getByLabel('Why dismiss it?')).toHaveValue('A training');
  await expect(detail).not.toContainText('Dismissed');
  await dialog.getByLabel('Why dismiss it?').fill('A training guide; the order governs and bans chokeholds short of deadly force.');
  await dialog.getByRole('button', { name: 'Dismiss finding' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail).toContainText('Dismissed: A training guide; the order governs');

  // Adopt the suggested determination for de-escalation: the item's determination shows it.
  await (await cell(grid, 'De-escalation', 'Case')).click();
  const suggestion = detail.getByRole('region', { name: 'Suggested determination' });
  await expect(suggestion).toContainText('Met');
  // Both the sample order and ours require it; the rationale cites the deciding one's page.
  await expect(suggestion.locator('.rationale')).toContainText(/require de-escalation .*, p\. \d/);
  await suggestion.getByRole('button', { name: 'Adopt', exact: true }).click();
  await expect(suggestion).toContainText('Adopted');
  await expect(await cell(grid, 'De-escalation', 'Suggested')).toContainText('Adopted: Met');
  await page.getByRole('button', { name: 'Documents and checklist' }).click();
  await checklist.getByRole('button', { name: /De-escalation techniques/ }).click();
  await expect(checklist).toContainText('Recorded Met by Eve Reviewer <eve@body.example>');
  // Adopting is undone and redone like any determination.
  await page.locator('.viewer-container').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status').filter({ hasText: 'Undid: adopt suggested determination' })).toBeVisible();
  await expect(checklist).not.toContainText('Recorded Met');
  await page.keyboard.press('Control+Shift+z');
  await expect(checklist).toContainText('Recorded Met by Eve Reviewer');

  // The grid by keyboard: one tab stop, arrows move, Enter selects.
  await page.getByRole('button', { name: 'Pre-review', exact: true }).click();
  const first = grid.getByRole('gridcell').first();
  await first.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+Home');
  await expect(grid.getByRole('gridcell').first()).toBeFocused();
  await expect(grid.locator('[role="gridcell"][tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowDown'); // Vascular neck restraints, case
  await page.keyboard.press('ArrowRight'); // the first document
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('heading', { level: 3 })).toContainText('Vascular neck restraints');
  // A cell with no passage keeps the focus in the grid.
  await expect(grid.locator('[aria-selected="true"]')).toBeFocused();
  // One with passages hands the keyboard on to them: the first undecided one has the focus, and A
  // accepts it there and then (it did nothing while the focus stayed in the grid).
  await (await cell(grid, 'De-escalation', TACTICS)).focus();
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('heading', { level: 3 })).toContainText('De-escalation');
  const passage = detail.locator('li.passage').first();
  await expect(passage.locator('button.quote')).toBeFocused();
  await page.keyboard.press('a');
  await expect(passage.locator('.chip.decision-accepted')).toBeVisible();
});

/** A service answer's value, or the test fails with the service's own message. */
function unwrap<T>(r: unknown): T {
  const x = r as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!x.ok) throw new Error(x.error.message);
  return x.value;
}

test('an adopted suggestion goes into the signed packet, and its findings carry the 8 Can’t Wait scorecard', async ({ app: page, harness }) => {
  test.setTimeout(180_000);
  await importTwoPolicies(page, harness);
  const grid = await openPrereview(page);
  const detail = page.getByRole('region', { name: 'Selected cell' });
  // The reviewer adopts the suggested de-escalation determination on the screen.
  await (await cell(grid, 'De-escalation', 'Case')).click();
  const suggestion = detail.getByRole('region', { name: 'Suggested determination' });
  await suggestion.getByRole('button', { name: 'Adopt', exact: true }).click();
  await expect(suggestion).toContainText('Adopted');

  // The mandatory items, recorded as elsewhere, then the hand-off from the workflow bar.
  const caseId = unwrap<{ sampleCaseId: string }>(await harness.ws.dispatch('app.info', {})).sampleCaseId;
  const docs = unwrap<Array<{ id: string; title: string }>>(await harness.ws.dispatch('documents.list', { caseId }));
  const order = docs.find((d) => d.title === ORDER)!;
  const evidence = unwrap<{ id: string }>(
    await harness.ws.dispatch('annotations.create', { caseId, documentId: order.id, page: 2, quote: 'Officers shall not use chokeholds unless deadly force is justified.', itemIds: ['mandatory.chokehold', 'mandatory.adherence-to-law'] }),
  );
  for (const itemId of ['mandatory.chokehold', 'mandatory.adherence-to-law'])
    unwrap(await harness.ws.dispatch('determinations.set', { caseId, itemId, status: 'met', rationale: 'The order bans chokeholds short of deadly force.', evidenceIds: [evidence.id] }));
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.locator('.chip.status-submitted')).toHaveText('Submitted');

  // A lead approves and signs, confirming every gap the summary names.
  const lead = unwrap<{ id: string }>(await harness.ws.dispatch('identity.create', { name: 'Lee Lead', email: 'lee@body.example', role: 'lead', passphrase: 'lee passphrase' }));
  unwrap(await harness.ws.dispatch('identity.use', { identityId: lead.id, passphrase: 'lee passphrase' }));
  unwrap(await harness.ws.dispatch('review.approve', { caseId }));
  const gaps = unwrap<{ gaps: Array<{ kind: string }> }>(await harness.ws.dispatch('review.signSummary', { caseId })).gaps.map((g) => g.kind);
  unwrap(await harness.ws.dispatch('review.sign', { caseId, passphrase: 'lee passphrase', acknowledge: gaps }));
  await page.reload();
  await page.getByRole('row', { name: /Riverside/ }).click().catch(() => {});
  await expect(page.locator('.chip.status-signed')).toHaveText('Signed');

  const out = path.join(path.dirname(harness.dataDir), `${path.basename(harness.dataDir)}-prereview-packet.zip`);
  harness.chooseSave(out);
  await page.getByRole('button', { name: 'Export packet' }).click();
  await expect(page.locator('.chip.status-exported')).toHaveText('Exported');
  try {
    const entries = unzipSync(new Uint8Array(fs.readFileSync(out)));
    const findings = JSON.parse(strFromU8(entries['findings.json']!));
    const answer = (indicator: string) => findings.scorecard.find((r: { indicator: string }) => r.indicator === indicator)?.answer;
    expect(findings.scorecard).toHaveLength(8);
    // Both policies require de-escalation; the tactics guide permits chokeholds, so the ban is not there.
    expect(answer('requires-de-escalation')).toBe('yes');
    expect(answer('bans-chokeholds-and-strangleholds')).toBe('no');
    // The adopted suggestion is the item's determination in the packet.
    expect(findings.items.find((i: { id: string }) => i.id === 'topic.de-escalation')?.status).toBe('met');
    // The DOCX's scorecard table: each indicator's cell is followed by its answer's cell.
    const docx = docxParagraphs(entries['findings.docx']!).map(folded);
    expect(docx).toContain("8 Can't Wait scorecard");
    const at = docx.indexOf('Requires de-escalation', docx.indexOf("8 Can't Wait scorecard"));
    expect(docx.slice(at, at + 2)).toEqual(['Requires de-escalation', 'Yes']);
    const ban = docx.indexOf('Bans chokeholds and strangleholds', at);
    expect(docx[ban + 1]).toBe('No');
  } finally {
    fs.rmSync(out, { force: true });
  }
});

for (const size of [
  { name: '1280x800', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: '1024x700', viewport: { width: 1024, height: 700 }, deviceScaleFactor: 1 },
  { name: '1024x700@150', viewport: { width: 1024, height: 700 }, deviceScaleFactor: 1.5 },
] as const) {
  test.describe(size.name, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });
    test('the pre-review screen fits, passes axe, and is photographed', async ({ app: page, harness }, testInfo) => {
      test.setTimeout(120_000);
      await importTwoPolicies(page, harness);
      const grid = await openPrereview(page);
      await (await cell(grid, 'Chokeholds (airway)', 'Case')).click();
      await expect(page.getByRole('region', { name: 'Selected cell' })).toContainText('Conflict between documents');
      await check(page, testInfo, `prereview-${size.name}`, { sideways: '.matrix-scroll' });
      // The header row and the item column stay in view while the matrix scrolls.
      await page.locator('.matrix-scroll').evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
      const sticky = await page.evaluate(() => {
        const box = document.querySelector('.matrix-scroll')!.getBoundingClientRect();
        const corner = document.querySelector('.pr-matrix th.corner')!.getBoundingClientRect();
        return { top: Math.round(corner.top - box.top), left: Math.round(corner.left - box.left) };
      });
      expect(sticky).toEqual({ top: 0, left: 0 });
      await page.screenshot({ path: testInfo.outputPath(`prereview-${size.name}-scrolled.png`) });
    });
  });
}

test('pre-review of two real policies: the order’s chokehold rule on page 4, the FAQ described, not directed', async ({ app: page, harness }) => {
  test.skip(!corpusPresent(), 'The corpus (../shared/corpus or $CREDENCE_CORPUS) is not present on this machine.');
  test.setTimeout(240_000);
  harness.choose([corpusFile('IL_LakeCountySO_1.6.01_Use_of_Force_2020.pdf'), corpusFile('IL_RockfordPD_FAQ_Policies_Training_2020-06-04.pdf')]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const list = page.getByRole('list', { name: 'Policy documents' });
  await expect(list).toContainText('Policy 1.6.01 Use of Force', { timeout: 60_000 });
  await expect(list).toContainText('IL_RockfordPD_FAQ', { timeout: 60_000 });
  const grid = await openPrereview(page);
  const order = await cell(grid, 'Chokeholds (airway)', 'Policy 1.6.01 Use of Force');
  await expect(order).toContainText('Bans except deadly force');
  await expect(grid.getByRole('columnheader', { name: /IL_RockfordPD_FAQ/ })).toContainText('not a directive');
  await expect(await cell(grid, 'Chokeholds (airway)', 'IL_RockfordPD_FAQ')).toContainText('described, not directed');

  await order.click();
  const passage = page.getByRole('region', { name: 'Selected cell' }).getByRole('button', { name: /shall not use a chokehold/ });
  await expect(passage).toContainText('p. 4');
  await passage.click();
  await expect(page.locator('.viewer-container')).toHaveAttribute('data-current-page', '4');
  await expect(page.locator('.page[data-page-number="4"] .find-hit').first()).toBeVisible();
  const bar = page.getByRole('region', { name: 'Pre-review passage' });
  await bar.getByRole('button', { name: 'Accept' }).click();
  await expect(bar).toContainText('Accepted as evidence');
});

