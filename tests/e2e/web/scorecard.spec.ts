// The 8 Can't Wait scorecard in the checklist pane, on a laptop screen: eight answers in words,
// a scanned policy named as needing OCR (never counted as a yes), and a deciding page opened in
// the viewer from the keyboard.
import fs from 'node:fs';
import path from 'node:path';
import { scannedPdf } from '../../fixtures/pdfs.ts';
import { ORIGIN } from '../support/bridge.ts';
import { test, expect } from '../support/test.ts';

test('the case’s 8 Can’t Wait scorecard: answers in words, needs-OCR named, pages open the viewer, fits 1024×700', async ({ page, harness }, testInfo) => {
  // The sample order (generated) and a generated scan beside it in the sample case.
  const cases = await harness.ws.dispatch('cases.list', {});
  if (!cases.ok) throw new Error(cases.error.message);
  const sample = (cases.value as Array<{ id: string }>)[0];
  const scan = path.join(harness.dataDir, '..', 'scan.pdf');
  fs.writeFileSync(scan, await scannedPdf());
  const imported = await harness.ws.dispatch('documents.import', { caseId: sample!.id, paths: [scan] });
  expect(imported.ok).toBe(true);

  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(`${ORIGIN}/index.html`);
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
  const pane = page.getByRole('tabpanel');

  // Reached and opened from the keyboard: the summary is a native disclosure.
  const summary = pane.locator('summary', { hasText: '8 Can’t Wait' });
  await summary.focus();
  await expect(summary).toBeFocused();
  await page.keyboard.press('Enter');
  const rows = pane.getByRole('list', { name: '8 Can’t Wait scorecard' }).getByRole('listitem');
  await expect(rows).toHaveCount(8);
  const row = (label: string) => rows.filter({ hasText: label });
  // Each answer is a word (and an icon), not a colour alone.
  await expect(row('Bans chokeholds and strangleholds').locator('.answer')).toHaveText('Yes');
  await expect(row('Requires de-escalation').locator('.answer')).toHaveText('Yes');
  await expect(row('Requires warning before shooting').locator('.answer')).toHaveText('No');
  await expect(row('Has a use-of-force continuum').locator('.answer')).toHaveText('No');
  // The scan could not be read: the rows say so rather than reading as the policy's silence.
  await expect(row('Requires warning before shooting')).toContainText('Needs OCR: scan');
  await expect(summary).toContainText(/\d yes · \d partial · \d no/);

  // The layout holds at 1024×700: nothing wider than the pane.
  const overflow = await pane.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('scorecard-1024x700.png') });

  // A deciding page, from the keyboard: the viewer opens there. Page 1 first, so the move is seen.
  await page.getByLabel('Page number').fill('1');
  await page.keyboard.press('Enter');
  await expect(page.locator('.viewer-container')).toHaveAttribute('data-current-page', '1');
  const neckPage3 = row('Bans chokeholds and strangleholds').getByRole('button', { name: /at page 3/ });
  await neckPage3.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.viewer-container')).toHaveAttribute('data-current-page', '3');
  await expect(page.locator('.page[data-page-number="3"] .textLayer')).toContainText('(f) Choke holds.');
});
