import { test, expect } from '../support/test.ts';

test('first run opens the sample case with its policy in the viewer', async ({ app }) => {
  await expect(app.getByRole('heading', { name: /Riverside Police Department \(sample\)/ })).toBeVisible();
  await expect(app.locator('.pdfViewer .page').first()).toBeVisible();
  await expect(app.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  await app.screenshot({ path: 'test-results/shot-sample.png' });
});
