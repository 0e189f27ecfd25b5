// A policy partly typed, partly scanned, while OCR has not read its scanned pages yet: what the
// documents list and the case search say must not let a reviewer take a verdict or a search of the
// typed page for the whole policy's. The chokehold lint's badge counts the pages it could not read,
// and the search names them, with Resume where OCR was stopped, until they are read.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/test.ts';
import { scannedPdf } from '../../fixtures/scans.ts';

// Page 1 keeps its text layer; pages 2 and 3 are images only.
const PAGES = [
  ['MARLOW TOWNSHIP POLICE', 'General Order 7.2 Use of Force', 'Choke holds are prohibited unless', 'deadly force is authorized by law.'],
  ['7.2.5 Reporting', 'Every use of force is reported', 'to a supervisor at once.'],
  ['7.2.6 Review', 'The Quillfeather board audits', 'each report every quarter.'],
];
// OCR of a page takes seconds, more on a loaded machine: wait for the work, never for a clock.
const OCR_WAIT = 180_000;

test('the lint badge and the case search say which scanned pages have no text yet, with Resume, until OCR has read them', async ({ app: page, harness }) => {
  test.setTimeout(OCR_WAIT + 60_000);
  // Held at the engine's door: the scanned pages stay unread while the list is looked at.
  const release = harness.holdOcr();
  const file = path.join(path.dirname(harness.dataDir), 'marlow-mixed.pdf');
  fs.writeFileSync(file, await scannedPdf(PAGES, { textPages: [1], fontSize: 22 }));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const item = page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: 'marlow-mixed.pdf' });
  await expect(item.getByText('chokehold: only where deadly force is allowed (2 pages unread)')).toBeVisible({ timeout: 60_000 });

  // The search finds the typed page and names the scanned pages it could not see, and why.
  await page.getByLabel('Search this case').fill('Quillfeather');
  await page.getByLabel('Search this case').press('Enter');
  await expect(page.getByText('No matches for “Quillfeather”.')).toBeVisible();
  const unsearched = page.getByRole('note').filter({ hasText: 'not searched' });
  await expect(unsearched).toHaveText('2 scanned pages have no text yet and were not searched:marlow-mixed: pages 2–3 not read yet (waiting for OCR)');
  // No OCR text yet, so nothing to warn about misreading.
  await expect(page.getByText(/OCR can misread words/)).toHaveCount(0);
  // Stopped: the note says so and resumes it.
  await item.getByRole('button', { name: 'Stop OCR of marlow-mixed' }).click();
  await expect(unsearched.getByText('marlow-mixed: pages 2–3 not read yet (OCR stopped)')).toBeVisible({ timeout: 30_000 });
  await unsearched.getByRole('button', { name: 'Resume OCR of marlow-mixed' }).click();
  await expect(item.getByRole('status')).toHaveText('OCR 0/2', { timeout: 30_000 });

  release();
  await expect(item.getByText(/^OCR text: 2 pages/)).toBeVisible({ timeout: OCR_WAIT });
  await expect(item.getByText('chokehold: only where deadly force is allowed', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(item.getByText(/unread/)).toHaveCount(0);
  // The search ran again by itself: the scan's word found, nothing left unsearched, and said once
  // that OCR text may hold misread words.
  await expect(page.getByText('1 match on 1 page for “Quillfeather”')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('note').filter({ hasText: 'not searched' })).toHaveCount(0);
  await expect(page.getByRole('note').filter({ hasText: 'misread' })).toHaveText('OCR text was searched too; OCR can misread words, so a match on a scan may be missed.');
});
