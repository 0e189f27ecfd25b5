// A big manual is navigable: its bookmarks as a tree a keyboard can walk, page thumbnails, "go
// to section" by number, and the page a reader left a document on comes back when it reopens.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/test.ts';
import { outlinedPdf } from '../../fixtures/outline-pdf.ts';

test('outline tree, thumbnails, go to section, and the last page remembered per document', async ({ app: page, harness }, testInfo) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
  const file = path.join(harness.dataDir, '..', `${path.basename(harness.dataDir)}-manual.pdf`);
  fs.writeFileSync(file, await outlinedPdf());
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const docList = page.getByRole('list', { name: 'Policy documents' });
  await expect(docList).toContainText('Lexipol-style manual');
  await expect(page.getByTestId('page-count')).toHaveText('8');
  await expect(page.locator('.page[data-page-number="1"] .textLayer')).toContainText('300 USE OF FORCE');
  const pageNo = page.getByLabel('Page number');

  // The bookmarks, shut at first; walked with the keyboard alone.
  await page.getByRole('button', { name: 'Contents and pages' }).click();
  const tree = page.getByRole('tree', { name: 'Outline' });
  const top = tree.getByRole('treeitem', { name: '300 Use of Force' });
  await expect(top).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.getByRole('treeitem')).toHaveCount(1);
  await top.focus();
  await page.keyboard.press('ArrowRight');
  await expect(top).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(tree.getByRole('treeitem', { name: '300.1 Purpose and Scope' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const useOfForce = tree.getByRole('treeitem', { name: '300.3 Use of Force', exact: true });
  await expect(useOfForce).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(tree.getByRole('treeitem', { name: '300.3.4 Carotid Control Hold' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(pageNo).toHaveValue('5');
  await page.screenshot({ path: testInfo.outputPath('outline.png') });
  await page.keyboard.press('ArrowLeft');
  await expect(useOfForce).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(useOfForce).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(pageNo).toHaveValue('4');

  // Go to section: a bookmark first, else the first page whose text has the heading.
  const sectionBox = page.getByLabel('Go to section');
  await sectionBox.fill('300.4.1');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(pageNo).toHaveValue('7');
  await expect(page.getByRole('status').filter({ hasText: 'Section 300.4.1' })).toHaveText('Section 300.4.1: page 7');
  await sectionBox.fill('300.3.4');
  await page.keyboard.press('Enter');
  await expect(pageNo).toHaveValue('5');
  await sectionBox.fill('300.9');
  await page.keyboard.press('Enter');
  await expect(page.getByText('No heading starts with 300.9 in this document.')).toBeVisible();
  await sectionBox.fill('use of force');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Type a section number such as 300.3.4.')).toBeVisible();

  // Thumbnails: one per page, drawn as they come into view; each goes to its page.
  await page.getByRole('button', { name: 'Pages', exact: true }).click();
  const thumbs = page.getByRole('list', { name: 'Pages' });
  await expect(thumbs.getByRole('button')).toHaveCount(8);
  await expect(thumbs.getByRole('button', { name: 'Page 5' })).toHaveAttribute('aria-current', 'page');
  await expect.poll(() => thumbs.locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
  await thumbs.getByRole('button', { name: 'Page 6' }).click();
  await expect(pageNo).toHaveValue('6');

  // Away to another document and back: page 6 again, at the zoom chosen for it; the other
  // document keeps fitting the width. After a restart too.
  const zoomBox = page.getByLabel('Zoom percent');
  await zoomBox.fill('150');
  await zoomBox.press('Enter');
  await expect(zoomBox).toHaveValue('150');
  await docList.getByText(/Riverside PD General Order 300/).click();
  await expect(page.getByTestId('page-count')).toHaveText('3');
  await expect(zoomBox).toBeEnabled();
  await expect(zoomBox).not.toHaveValue('150');
  await docList.getByText('Lexipol-style manual').click();
  await expect(page.getByTestId('page-count')).toHaveText('8');
  await expect(pageNo).toHaveValue('6');
  await expect(zoomBox).toHaveValue('150');
  await page.reload();
  await page.getByRole('row', { name: /Riverside/ }).click();
  await docList.getByText('Lexipol-style manual').click();
  await expect(pageNo).toHaveValue('6');
  await expect(zoomBox).toHaveValue('150');
  fs.rmSync(file);
});

test('a zoom or page number being typed is not overwritten when the pane refits or the page scrolls', async ({ app: page }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
  const zoomBox = page.getByLabel('Zoom percent');
  const pageNo = page.getByLabel('Page number');
  await expect(zoomBox).toBeEnabled();
  const width = () => page.locator('.page[data-page-number="1"]').evaluate((e) => e.getBoundingClientRect().width);
  const before = await width();
  const fitted = await zoomBox.inputValue();

  // Typed, not yet entered; meanwhile the window narrows and the page refits its width (which
  // announces the new scale). The reader's draft stays, and Enter applies it.
  await zoomBox.fill('130');
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width - 200, height: size.height });
  await expect.poll(width).toBeLessThan(before - 50);
  await expect(zoomBox).toHaveValue('130');
  await zoomBox.press('Enter');
  await expect(zoomBox).toHaveValue('130');
  await expect.poll(width).toBeGreaterThan(before);

  // A draft left without Enter goes back to the zoom in force when the box loses focus.
  await zoomBox.fill('70');
  await pageNo.focus();
  await expect(zoomBox).toHaveValue('130');
  expect(fitted).not.toBe('130');

  // The same for the page number: typed "3", the page scrolled to 2 under it, Enter goes to 3.
  await pageNo.fill('3');
  await page.locator('.viewer-container').evaluate((c) => {
    const p2 = c.querySelector<HTMLElement>('.page[data-page-number="2"]')!;
    c.scrollTop = p2.offsetTop + 10;
  });
  await expect.poll(() => page.locator('.page[data-page-number="2"]').evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(200);
  await expect(pageNo).toHaveValue('3');
  await pageNo.press('Enter');
  await expect(pageNo).toHaveValue('3');
  await expect.poll(() => page.locator('.page[data-page-number="3"]').evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(250);
  await page.setViewportSize(size);
});
