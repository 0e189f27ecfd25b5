// A scan that came with the copier's own OCR layer, which misread the agency's name: search for
// the name as printed finds nothing. "Read by OCR…" in the viewer's toolbar reads the page from its
// image; the name is then found, said to be OCR text, and shown highlighted on the image. The
// viewer marks such pages itself and reads one from its badge; the documents list names them after
// the import and reads the rest.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/test.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { wordsUnderFindHits } from '../support/find-hits.ts';

const PRINTED = [
  'WEXFORD COUNTY SHERIFF',
  'General Order 9 Use of Force',
  'Deputies shall not use a chokehold',
  'unless deadly force is authorized.',
  'Deputies shall intervene to stop',
  'excessive force by another deputy.',
  'All force is reported in writing.',
  'Reports go to the Sheriff in a week.',
];
// The copier's reading, laid invisibly over the image where the lines are. Over 200 letters: a page
// with fewer over a full-page image is taken for a stamped scan and read by OCR on import anyway.
const COPIER = [
  'WEXF0RD C0UNTY SHERlFF',
  'GeneraI Order 9 Use of Force',
  'Deputles shall not use a chokehoId',
  'unIess deadly force is authorlzed.',
  'Deputies shall intervene to stop',
  'excessive force by another deputy.',
  'AII force is reported in wrltlng.',
  'Reports go to the Sherlff in a week.',
];
const OCR_WAIT = 180_000;

test('a scan with a copier’s poor text layer, read by OCR from the viewer: the name as printed is then found on the image', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const name = 'wexford-go-9-copier.pdf';
  const file = path.join(path.dirname(harness.dataDir), name);
  fs.writeFileSync(file, await scannedPdf([PRINTED], { dpi: 150, fontSize: 22, scannerText: [COPIER] }));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const item = page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toBeVisible({ timeout: 60_000 });
  // Its text layer is text: nothing to read, and the name as printed is nowhere.
  await expect(item.locator('.ocr-status')).toHaveCount(0);
  const search = async (q: string) => {
    await page.getByLabel('Search this case').fill(q);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  };
  await search('Wexford');
  await expect(page.getByText(/No matches/)).toBeVisible();

  // From the viewer's toolbar, where the reader sees the poor text; the range starts as the page in view.
  await item.locator('.doc-title').click();
  // Offered once a page in view shows a scanner's text (a typed document's toolbar has no such button).
  await expect(page.locator('.page[data-page-number="1"] .ocr-badge')).toContainText("Scanner's OCR text", { timeout: 30_000 });
  await page.getByRole('toolbar', { name: 'Viewer controls' }).getByRole('button', { name: /Read pages of .* by OCR instead of their own text/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Read by OCR' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('From page')).toHaveValue('1');
  await expect(dialog.getByText('1 page: about a minute in the background.')).toBeVisible();
  // A range the document does not have is refused in the dialog, and nothing is asked.
  await dialog.getByLabel('To page (of 1)').fill('3');
  await dialog.getByRole('button', { name: 'Read by OCR' }).click();
  await expect(dialog.getByText('Choose pages from 1 to 1, the first not after the last.')).toBeVisible();
  await dialog.getByLabel('To page (of 1)').fill('1');
  await expect(dialog.getByText('Choose pages from 1 to 1')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('read-by-ocr-dialog.png') });
  await dialog.getByRole('button', { name: 'Read by OCR' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /Reading 1 page of .* \(page 1\) by OCR/ })).toBeVisible();
  await expect(item.getByText(/OCR text: 1 page, \d+ % confidence/)).toBeVisible({ timeout: OCR_WAIT });

  await search('Wexford');
  const hit = page.getByRole('button', { name: /p\. 1/ }).filter({ hasText: /Wexford/i });
  await expect(hit).toBeVisible();
  await expect(hit.getByText('OCR text')).toBeVisible();
  await hit.click();
  const badge = page.locator('.page[data-page-number="1"] .ocr-badge');
  await expect(badge).toHaveText(/^OCR text, \d+ % confidence Use file text$/, { timeout: 30_000 });
  await expect(page.locator('.page[data-page-number="1"] .find-hit').first()).toBeVisible({ timeout: 30_000 });
  expect(await wordsUnderFindHits(page, 1)).toMatch(/wexford/i);
  await page.screenshot({ path: testInfo.outputPath('read-by-ocr-found.png') });

  // The way back, from the page's badge: the copier's text again, and the name as printed gone.
  await badge.getByRole('button', { name: "Use the file's own text on page 1 instead of OCR's reading" }).click();
  await expect(page.getByRole('status').filter({ hasText: /1 page of .* \(page 1\) is back on the file's own text; highlights moved with the words\./ })).toBeVisible();
  await expect(badge).toContainText("Scanner's OCR text", { timeout: 30_000 });
  await expect(item.getByText(/OCR text: 1 page/)).toHaveCount(0);
  // No OCR words left to mark: the toggle for unsure words goes too.
  await expect(page.getByRole('button', { name: /^Unsure words/ })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('read-by-ocr-file-text-again.png') });
  await search('Wexford');
  await expect(page.getByText('No matches for “Wexford”.')).toBeVisible();
  await expect(item.locator('.scanner-text-chip')).toHaveText("Scanner's OCR text: page 1");
});

test('the viewer says which pages carry a scanner’s text, and reads one by OCR from its badge', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const name = 'wexford-go-9-two-pages.pdf';
  const file = path.join(path.dirname(harness.dataDir), name);
  fs.writeFileSync(file, await scannedPdf([PRINTED, PRINTED], { dpi: 150, fontSize: 22, scannerText: [COPIER, COPIER] }));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const item = page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toBeVisible({ timeout: 60_000 });
  // Looked for in the background after the import: the list names the pages before any is opened.
  await expect(item.locator('.scanner-text-chip')).toHaveText("Scanner's OCR text: pages 1–2", { timeout: 60_000 });
  // A search hit on such a page says whose reading its words are.
  await page.getByLabel('Search this case').fill('intervene');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const scannerHit = page.getByRole('button', { name: /p\. 2/ }).filter({ hasText: /intervene/i });
  await expect(scannerHit.locator('.scanner-passage-chip')).toHaveText("Scanner's OCR text");
  await item.locator('.doc-title').click();
  const badge1 = page.locator('.page[data-page-number="1"] .ocr-badge');
  await expect(badge1).toContainText("Scanner's OCR text", { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('scanner-text-badge.png') });
  await badge1.getByRole('button', { name: "Read page 1 by OCR instead of the scanner's text" }).click();
  await expect(item.getByText(/OCR text: 1 page, \d+ % confidence/)).toBeVisible({ timeout: OCR_WAIT });
  // Page 1 now reads as printed and says so; page 2 is still the scanner's.
  await expect(badge1).toHaveText(/^OCR text, \d+ % confidence Use file text$/, { timeout: 30_000 });
  await page.locator('.page[data-page-number="2"]').scrollIntoViewIfNeeded();
  await expect(page.locator('.page[data-page-number="2"] .ocr-badge')).toContainText("Scanner's OCR text", { timeout: 30_000 });
  await expect(item.locator('.scanner-text-chip')).toHaveText("Scanner's OCR text: page 2");
  await page.screenshot({ path: testInfo.outputPath('scanner-text-read.png') });
  // The rest, from the list: only the pages still carrying the scanner's text are read.
  await item.getByRole('button', { name: `Read the scanner-text pages of ${name.replace(/\.pdf$/, '')} by OCR` }).click();
  await expect(item.getByText(/OCR text: 2 pages, \d+ % confidence/)).toBeVisible({ timeout: OCR_WAIT });
  await expect(item.locator('.scanner-text-chip')).toHaveCount(0);

  // And back for both, from the toolbar: the range starts as the page in view.
  await page.getByRole('toolbar', { name: 'Viewer controls' }).getByRole('button', { name: /Put pages of .* read by OCR back on their own text/ }).click();
  const back = page.getByRole('dialog', { name: 'Use file text' });
  await expect(back.getByLabel('From page')).toHaveValue('2');
  await back.getByLabel('From page').fill('1');
  await page.screenshot({ path: testInfo.outputPath('use-file-text-dialog.png') });
  await back.getByRole('button', { name: 'Use file text' }).click();
  await expect(back).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /2 pages of .* \(pages 1–2\) are back on the file's own text/ })).toBeVisible();
  await expect(item.locator('.scanner-text-chip')).toHaveText("Scanner's OCR text: pages 1–2");
  await expect(page.locator('.page[data-page-number="2"] .ocr-badge')).toContainText("Scanner's OCR text", { timeout: 30_000 });
  // Nothing left to put back: the toolbar no longer offers it.
  await expect(page.getByRole('toolbar', { name: 'Viewer controls' }).getByRole('button', { name: /back on their own text/ })).toHaveCount(0);

  // A digital policy has no such badge: the sample order's pages are its own typed text.
  await page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: 'riverside-general-order-300.pdf' }).locator('.doc-title').click();
  await expect(page.locator('.page[data-page-number="1"] .textLayer')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.page[data-page-number="1"] .ocr-badge')).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Viewer controls' }).getByRole('button', { name: /by OCR instead of their own text/ })).toHaveCount(0);
});
