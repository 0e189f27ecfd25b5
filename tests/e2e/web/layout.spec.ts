// A 13-inch laptop: every screen at 1024×700, 1280×800 and 1024×700 at 150 % (device scale 1.5)
// shows all of its controls whole — nothing cut off at the window's edge, no label or heading
// clipped inside its box — and passes an axe scan. A screenshot of each goes to the test's
// output folder (never the checkout) for a person to look at.
import { test, expect } from '../support/test.ts';
import { check } from '../support/fit.ts';

const SIZES = [
  { name: '1024x700', viewport: { width: 1024, height: 700 }, deviceScaleFactor: 1 },
  { name: '1280x800', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: '1024x700@150', viewport: { width: 1024, height: 700 }, deviceScaleFactor: 1.5 },
] as const;

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });

    test('workspace, checklist item, rubrics and history fit', async ({ app: page }, testInfo) => {
      await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
      // The header keeps the agency's name whole; the rest of its actions wait in a menu.
      await expect(page.getByRole('heading', { name: /Riverside Police Department \(sample\)/ })).toBeVisible();
      await check(page, testInfo, 'workspace');

      // The PDF opens at fit-width: the page fills the viewer's width and no more.
      const fit = await page.evaluate(() => {
        const c = document.querySelector('.viewer-container')!;
        const p = document.querySelector('.pdfViewer .page')!;
        return { pane: c.clientWidth, page: p.getBoundingClientRect().width };
      });
      expect(fit.page).toBeLessThanOrEqual(fit.pane);
      expect(fit.page).toBeGreaterThan(fit.pane * 0.8);

      const more = page.getByRole('button', { name: 'More actions' });
      await more.click();
      await expect(page.getByRole('menu', { name: 'More actions' })).toBeVisible();
      await check(page, testInfo, 'workspace-menu');
      await page.keyboard.press('Escape');

      await page.getByRole('tabpanel').getByRole('button', { name: /Chokeholds prohibited except where/ }).click();
      await expect(page.getByRole('region', { name: 'Chokehold lint findings' })).toBeVisible();
      await check(page, testInfo, 'checklist-item');

      await page.getByRole('tab', { name: 'Rubrics' }).click();
      await expect(page.getByRole('tabpanel').locator('.chart svg').first()).toBeVisible();
      await check(page, testInfo, 'rubrics');

      await page.getByRole('tab', { name: 'History' }).click();
      await expect(page.getByRole('tabpanel').getByLabel('Person')).toBeVisible();
      await check(page, testInfo, 'history');
    });

    test('case list, new-case dialog, settings and verify fit', async ({ app: page }, testInfo) => {
      await page.getByRole('button', { name: 'Back to cases' }).click();
      await expect(page.getByRole('table', { name: 'Cases' })).toBeVisible();
      await check(page, testInfo, 'case-list');

      await page.getByRole('button', { name: 'New case' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'New case' });
      await dialog.getByRole('button', { name: 'Create case' }).click();
      await expect(dialog.getByText('Give the agency its full name.')).toBeVisible();
      await check(page, testInfo, 'new-case');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();

      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { name: 'Checklist and rubric packs' })).toBeVisible();
      await check(page, testInfo, 'settings');
      await page.getByRole('button', { name: /Cases/ }).first().click();

      await page.getByRole('button', { name: 'Verify a packet' }).click();
      await expect(page.getByRole('heading', { name: 'Verify a review packet' })).toBeVisible();
      await check(page, testInfo, 'verify');
    });
  });
}

test('the workspace panes collapse and come back, and the header menu works from the keyboard', async ({ app: page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
  const left = page.getByRole('region', { name: 'Documents and search' });
  await page.getByRole('button', { name: 'Collapse documents pane' }).click();
  await expect(left).toBeHidden();
  await page.getByRole('button', { name: 'Expand documents pane' }).click();
  await expect(left).toBeVisible();
  const right = page.getByRole('region', { name: 'Checklist and case details' });
  await page.getByRole('button', { name: 'Collapse checklist pane' }).click();
  await expect(right).toBeHidden();
  await page.getByRole('button', { name: 'Expand checklist pane' }).click();
  await expect(right).toBeVisible();

  const more = page.getByRole('button', { name: 'More actions' });
  await more.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'More actions' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem').last()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();
  await more.click();
  await menu.getByRole('menuitem', { name: 'Edit case' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit case' })).toBeVisible();
});
