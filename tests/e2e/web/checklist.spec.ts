// The reviewer's core work in the app: from the sample case to a complete checklist with
// evidence-backed determinations, including a highlight made across a page break.
import { test, expect } from '../support/test.ts';
import { newIdentity, selectAcross } from '../support/pages.ts';

test('from the sample case to a complete checklist with evidence-backed determinations', async ({ app: page }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  const checklist = page.getByRole('tabpanel');
  await expect(checklist).toContainText('0 of 21 items decided · mandatory 0 of 2');

  // Open the chokehold item: the order's definition sits in a callout, the lint's findings beneath.
  await checklist.getByRole('button', { name: /Chokeholds prohibited except where/ }).click();
  await expect(checklist.getByLabel('The order’s definition')).toContainText("a physical maneuver that restricts an individual's ability to breathe for the purposes of incapacitation");
  const lint = checklist.getByRole('region', { name: 'Chokehold lint findings' });
  await expect(lint).toContainText('Chokeholds (airway): Prohibited except where deadly force is allowed');
  await expect(lint).toContainText('Vascular neck restraints (blood flow): Prohibited except where deadly force is allowed');

  // Highlight the list running from page 2 onto page 3, and link it to the chokehold item.
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByLabel('Page number').fill('3');
  await page.keyboard.press('Enter');
  await expect(page.locator('.page[data-page-number="3"] .textLayer')).toContainText('(f) Choke holds.');
  await expect(page.locator('.page[data-page-number="2"] .textLayer')).toContainText('(e) Vascular neck restraints');
  await selectAcross(page, 2, '(e) Vascular', 3, '(f) Choke holds.');
  const popover = page.getByRole('dialog', { name: 'Add highlight' });
  await expect(popover).toContainText('p. 2–3');
  // Came from the chokehold item: that item, and only it, is ticked.
  await expect(popover.getByRole('checkbox', { name: /Chokeholds prohibited/ })).toBeChecked();
  await expect(popover.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await popover.getByLabel('Note').fill('List under 300.5 carries the deadly-force exception');
  await popover.getByLabel('Note').press('Enter');
  await expect(popover).toBeHidden();
  const evidence = checklist.locator('.evidence');
  await expect(evidence).toHaveCount(1);
  await expect(evidence.first()).toContainText('Supports');
  await expect(evidence.first()).toContainText('p. 2–3');
  await expect(page.locator('.page[data-page-number="3"] .hl.stance-supports').first()).toBeVisible();

  // Accept the lint's chokehold finding too: its words are inside the list just highlighted, so
  // that highlight is the evidence; the passage is not added a second time.
  await lint.getByRole('button', { name: 'Accept' }).first().click();
  await expect(lint).toContainText('accepted as evidence');
  await expect(evidence).toHaveCount(1);
  await expect(evidence.first()).toContainText('p. 2–3');
  // Dismiss the vascular finding, with a reason.
  await lint.getByRole('button', { name: 'Dismiss' }).first().click();
  await lint.getByLabel('Why dismiss it?').fill('Vascular restraints are outside the order’s airway definition; noted in the rationale.');
  await lint.getByRole('button', { name: 'Dismiss finding' }).click();
  await expect(lint).toContainText('dismissed: Vascular restraints are outside');

  // Met without a rationale is refused next to the form; with one it is recorded.
  await checklist.getByLabel('Met', { exact: true }).check();
  await checklist.getByRole('button', { name: 'Save determination' }).click();
  await expect(checklist.getByRole('alert')).toContainText('Write the rationale for this determination.');
  await checklist.getByLabel('Rationale').fill('GO 300.5 bans choke holds except where deadly force is justified; vascular restraints are held to the same standard.');
  await checklist.getByRole('button', { name: 'Save determination' }).click();
  await expect(checklist).toContainText('Recorded Met by Eve Reviewer <eve@body.example>');

  // Choosing a passage jumps to it in the viewer.
  await page.getByLabel('Page number').fill('1');
  await page.keyboard.press('Enter');
  await evidence.first().getByRole('button').first().click();
  await expect(page.locator('.viewer-container')).toHaveAttribute('data-current-page', '2');

  // Adherence to law: highlight on page 1 and record Met.
  await checklist.getByRole('button', { name: 'All items', exact: true }).click();
  await checklist.getByRole('button', { name: /adhere to all applicable/ }).click();
  await page.getByLabel('Page number').fill('1');
  await page.keyboard.press('Enter');
  await selectAcross(page, 1, 'This order guides', 1, 'This order guides');
  await expect(popover.getByRole('checkbox', { name: /adhere to all applicable/ })).toBeChecked();
  await popover.getByRole('button', { name: 'Add highlight' }).click();
  await checklist.getByLabel('Met', { exact: true }).check();
  await checklist.getByLabel('Rationale').fill('The order adopts the objective-reasonableness standard of Illinois law.');
  await checklist.getByRole('button', { name: 'Save determination' }).click();
  await expect(checklist).toContainText('Recorded Met');
  await checklist.getByRole('button', { name: 'All items', exact: true }).click();
  await expect(checklist).toContainText('mandatory 2 of 2');

  // The rest: each item decided with a rationale (Needs information needs no passage).
  for (;;) {
    await checklist.getByRole('button', { name: /^Undecided \(\d+\)$/ }).click();
    const next = checklist.locator('button.item-row').first();
    if ((await next.count()) === 0) break;
    await next.click();
    await checklist.getByLabel('Needs information').check();
    await checklist.getByLabel('Rationale').fill('The policy set received does not cover this; requested from the agency.');
    await checklist.getByRole('button', { name: 'Save determination' }).click();
    await expect(checklist).toContainText('Recorded Needs information');
    await checklist.getByRole('button', { name: 'All items', exact: true }).click();
  }
  await checklist.getByRole('button', { name: 'All', exact: true }).click();
  await expect(checklist).toContainText('21 of 21 items decided · mandatory 2 of 2');
});

test('undo and redo a highlight and a determination with the keyboard', async ({ app: page, harness }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  const checklist = page.getByRole('tabpanel');
  await checklist.getByRole('button', { name: /Chokeholds prohibited except where/ }).click();
  await selectAcross(page, 1, 'Chokehold: Applying', 1, 'Chokehold: Applying');
  await page.getByRole('dialog', { name: 'Add highlight' }).getByRole('button', { name: 'Add highlight' }).click();
  await expect(checklist.locator('.evidence')).toHaveCount(1);
  await checklist.getByLabel('Needs information').check();
  await checklist.getByLabel('Rationale').fill('Definition only so far.');
  await checklist.getByRole('button', { name: 'Save determination' }).click();
  await expect(checklist).toContainText('Recorded Needs information');

  await page.locator('.viewer-container').focus();
  await page.keyboard.press('Control+z'); // the determination
  await expect(page.getByRole('status').filter({ hasText: 'Undid: determination' })).toBeVisible();
  await page.keyboard.press('Control+z'); // the highlight
  await expect(checklist.locator('.evidence')).toHaveCount(0);
  const stored = await harness.ws.dispatch('checklists.forCase', { caseId: (await harness.ws.dispatch('app.info', {}) as { ok: true; value: { sampleCaseId: string } }).value.sampleCaseId });
  expect(stored.ok && (stored.value as { progress: { decided: number } }).progress.decided).toBe(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(checklist.locator('.evidence')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('status').filter({ hasText: 'Redid: determination' })).toBeVisible();
  await checklist.getByRole('button', { name: 'All items', exact: true }).click();
  await expect(checklist).toContainText('1 of 21 items decided');
});

test("undo keeps to the person who edited: another identity acting finds nothing to undo, so it cannot reverse the reviewer's work under its own name", async ({ app: page }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  const checklist = page.getByRole('tabpanel');
  await checklist.getByRole('button', { name: /Chokeholds prohibited except where/ }).click();
  await checklist.getByLabel('Needs information').check();
  await checklist.getByLabel('Rationale').fill('Definition only so far.');
  await checklist.getByRole('button', { name: 'Save determination' }).click();
  await expect(checklist).toContainText('Recorded Needs information');
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();

  // A lead takes the chair on this machine.
  await newIdentity(page, 'Lee Lead', 'lee@body.example', 'lead', 'lee passphrase');
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
  await page.locator('.viewer-container').focus();
  await page.keyboard.press('Control+z');
  await checklist.getByRole('button', { name: 'All items', exact: true }).click();
  await expect(checklist).toContainText('1 of 21 items decided');
});
