// A policy partly typed, partly scanned, while OCR has not read its scanned pages yet: what the
// documents list says about them must not let a reviewer take a verdict on the typed page for the
// whole policy's. The chokehold lint's badge counts the pages it could not read, until they are read.
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

test('the chokehold lint badge says how many scanned pages it could not read, until OCR has read them', async ({ app: page, harness }) => {
  test.setTimeout(OCR_WAIT + 60_000);
  // Held at the engine's door: the scanned pages stay unread while the list is looked at.
  const release = harness.holdOcr();
  const file = path.join(path.dirname(harness.dataDir), 'marlow-mixed.pdf');
  fs.writeFileSync(file, await scannedPdf(PAGES, { textPages: [1], fontSize: 22 }));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const item = page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: 'marlow-mixed.pdf' });
  await expect(item.getByText('chokehold: only where deadly force is allowed (2 pages unread)')).toBeVisible({ timeout: 60_000 });

  release();
  await expect(item.getByText(/^OCR text: 2 pages/)).toBeVisible({ timeout: OCR_WAIT });
  await expect(item.getByText('chokehold: only where deadly force is allowed', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(item.getByText(/unread/)).toHaveCount(0);
});
