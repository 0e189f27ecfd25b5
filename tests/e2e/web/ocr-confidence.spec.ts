// A scanned page OCR read as garbage (here a page scanned at 24 dpi among pages at 150) hardly
// moves a document's mean confidence: the documents list names that page and asks for a look at
// its image, so the garbage is not taken for the policy's words.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/test.ts';
import { scannedPdf } from '../../fixtures/scans.ts';

const PAGES = [
  ['MARLOW TOWNSHIP POLICE', 'General Order 7.2 Use of Force', 'Officers shall render aid at once.'],
  ['7.2.5 Reporting', 'Every use of force is reported', 'to a supervisor at once.'],
  ['7.2.6 Review', 'The review board audits', 'each report every quarter.'],
];
// OCR of a page takes seconds, more on a loaded machine: wait for the work, never for a clock.
const OCR_WAIT = 180_000;

test('the documents list names a scanned page read with far less confidence than the rest', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 60_000);
  const file = path.join(path.dirname(harness.dataDir), 'marlow-faint.pdf');
  fs.writeFileSync(file, await scannedPdf(PAGES, { fontSize: 22, pageDpi: { 2: 24 } }));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const item = page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: 'marlow-faint.pdf' });
  await expect(item.getByText(/^OCR text: 3 pages, \d+ % confidence; page 2: \d+ %, check the image$/)).toBeVisible({ timeout: OCR_WAIT });
  await page.screenshot({ path: testInfo.outputPath('ocr-weakest-page.png') });
});
