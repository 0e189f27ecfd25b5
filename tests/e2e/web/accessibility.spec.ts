// axe-core scan of every screen: no serious or critical violations.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/test.ts';

async function scan(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('case workspace with a document open', async ({ app: page }) => {
      await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
      await scan(page, 'workspace');
    });

    test('case list, and the new-case form with errors showing', async ({ app: page }) => {
      await page.getByRole('button', { name: 'Back to cases' }).click();
      await expect(page.getByRole('table', { name: 'Cases' })).toBeVisible();
      await scan(page, 'case list');
      await page.getByRole('button', { name: 'New case' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Create case' }).click();
      await expect(page.getByRole('dialog').getByText('Give the agency its full name.')).toBeVisible();
      await scan(page, 'new case form');
    });

    test('empty workspace and search results', async ({ emptyApp: page, emptyHarness }) => {
      await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
      await scan(page, 'empty case list');
      const r = await emptyHarness.ws.dispatch('cases.create', { agencyName: 'Urbana Police Department', ori: 'IL0100700', state: 'IL' });
      expect(r.ok).toBe(true);
      await page.reload();
      await page.getByRole('row', { name: /Urbana/ }).click();
      await expect(page.getByText('No document open')).toBeVisible();
      await page.getByLabel('Search this case').fill('force');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page.getByText('No matches for “force”.')).toBeVisible();
      await scan(page, 'empty workspace');
    });
  });
}

test('checklist item with the order’s definition, lint findings and the determination form', async ({ app: page }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  await page.getByRole('tabpanel').getByRole('button', { name: /Chokeholds prohibited except where/ }).click();
  await expect(page.getByRole('region', { name: 'Chokehold lint findings' })).toContainText('Chokeholds (airway)');
  await scan(page, 'checklist item');
});

test('rubrics tab with its chart and level controls', async ({ app: page }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  await page.getByRole('tab', { name: 'Rubrics' }).click();
  await expect(page.getByRole('tabpanel').locator('.chart svg').first()).toBeVisible();
  await scan(page, 'rubrics');
});

test('verify screen and the new-identity dialog', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('button', { name: 'Verify a packet' }).click();
  await expect(page.getByRole('heading', { name: 'Verify a review packet' })).toBeVisible();
  await scan(page, 'verify');
  await page.getByRole('button', { name: 'Cases', exact: true }).click();
  await page.getByRole('button', { name: 'New identity…' }).click();
  await expect(page.getByRole('dialog', { name: 'New identity' })).toBeVisible();
  await scan(page, 'new identity');
});

test('settings screen', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Checklist and rubric packs' })).toBeVisible();
  await scan(page, 'settings');
});
