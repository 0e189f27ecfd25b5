// Forms and controls behave: Esc on a half-filled form asks before throwing it away; actions
// that show on hover show on keyboard focus too; icons are drawn, not taken from a font.
import { test, expect } from '../support/test.ts';

test('Esc on a half-filled form asks first; Keep editing keeps it, Discard closes it; an empty form closes at once', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('button', { name: 'New case' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'New case' }).first().click();
  await dialog.getByLabel('Agency name').fill('Urbana Police Department');
  await page.keyboard.press('Escape');
  await expect(dialog.getByText('Discard what you entered?')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog.getByLabel('Agency name')).toHaveValue('Urbana Police Department');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Cases' }).locator('tbody tr')).toHaveCount(1);
});

test('a document’s hover actions appear when reached with Tab, and stance badges are SVG', async ({ app: page, harness }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
  await page.getByRole('list', { name: 'Policy documents' }).locator('li').first().focus();
  await page.keyboard.press('Tab');
  const focused = page.getByRole('list', { name: 'Policy documents' }).locator('button:focus');
  await expect(focused).toBeVisible();
  await expect(focused).toHaveCSS('opacity', '1');

  const info = (await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } };
  const docs = (await harness.ws.dispatch('documents.list', { caseId: info.value.sampleCaseId })) as { ok: true; value: Array<{ id: string }> };
  await harness.ws.dispatch('annotations.create', { caseId: info.value.sampleCaseId, documentId: docs.value[0]!.id, page: 1, quote: 'The sanctity of human life is the foundation of this policy.', itemIds: [] });
  await page.reload();
  await page.getByRole('row', { name: /Riverside/ }).click();
  const badge = page.locator('.page[data-page-number="1"] .hl-badge').first();
  await expect(badge.locator('svg')).toHaveCount(1);
  expect((await badge.textContent())?.trim()).toBe('');
});
