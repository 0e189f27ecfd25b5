import { test, expect } from '../support/test.ts';
import { attachBridge, ORIGIN } from '../support/bridge.ts';
import { wordsUnderFindHits } from '../support/find-hits.ts';

test('first run opens the sample case, its policy readable in the viewer; later runs start at the case list', async ({ app: page }) => {
  await expect(page.getByRole('heading', { name: /Riverside Police Department \(sample\)/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText('3 pages');
  // The chokehold lint has read it: its verdict is on the document.
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText('chokehold: only where deadly force is allowed');
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  await expect(page.getByTestId('page-count')).toHaveText('3');
  await page.reload();
  await expect(page.getByRole('table', { name: 'Cases' })).toContainText('Riverside Police Department (sample)');
  await expect(page.getByRole('row', { name: /Riverside/ })).toContainText('sample');
});

test('first run as the app makes it: the scanned bulletin is read by OCR, its chokehold rule linted and a phrase only it holds found on the image', async ({ page }, testInfo) => {
  // OCR of a page takes seconds, more on a loaded machine: wait for the work, never for a clock.
  test.setTimeout(240_000);
  const harness = await attachBridge(page, { sampleScan: true });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${ORIGIN}/index.html`);
    // The order opens first, as with the order alone (the Electron project's first-run test relies on it).
    await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
    const docs = page.getByRole('list', { name: 'Policy documents' });
    const bulletin = docs.getByRole('listitem').filter({ hasText: 'Training Bulletin 2026-04' });
    await expect(bulletin).toBeVisible();
    await expect(bulletin.getByText(/OCR text: 1 page, \d+ % confidence/)).toBeVisible({ timeout: 180_000 });
    // The chokehold lint reads the OCR text as it reads the order's.
    await expect(bulletin).toContainText('chokehold: only where deadly force is allowed', { timeout: 30_000 });
    // A phrase only the scan holds: found, said to be OCR text, opened on the image.
    await page.getByLabel('Search this case').fill('"ten consecutive days"');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = page.getByRole('button', { name: /p\. 1/ }).filter({ hasText: /consecutive/i });
    await expect(hit).toHaveCount(1);
    await expect(hit.getByText('OCR text')).toBeVisible();
    await hit.click();
    await expect(page.locator('.page[data-page-number="1"] .ocr-badge')).toHaveText(/^OCR text, \d+ % confidence/, { timeout: 30_000 });
    await expect(page.locator('.page[data-page-number="1"] .find-hit').first()).toBeVisible({ timeout: 30_000 });
    // The hit's box covers the three words.
    expect(await wordsUnderFindHits(page, 1)).toMatch(/^ten consecutive days\.?$/i);
    // One box over the phrase's line, not a box per word and per space.
    await expect(page.locator('.page[data-page-number="1"] .find-hit')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('sample-scan-search-hit.png') });
  } finally {
    harness.close();
  }
});
