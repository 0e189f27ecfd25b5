import { test, expect } from '../support/test.ts';

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
