// Playwright fixtures: a fresh workspace and bridge per test; the page opens the built renderer.
import { test as base, expect, type Page } from '@playwright/test';
import { attachBridge, ORIGIN, type Harness } from './bridge.ts';

export const test = base.extend<{ harness: Harness; app: Page; emptyApp: Page; emptyHarness: Harness; firstRunHarness: Harness; firstRunApp: Page }>({
  harness: async ({ page }, use) => {
    const h = await attachBridge(page);
    await use(h);
    h.close();
  },
  app: async ({ page, harness }, use) => {
    void harness;
    await page.goto(`${ORIGIN}/index.html`);
    await use(page);
  },
  emptyHarness: async ({ page }, use) => {
    const h = await attachBridge(page, { sample: false });
    await use(h);
    h.close();
  },
  emptyApp: async ({ page, emptyHarness }, use) => {
    void emptyHarness;
    await page.goto(`${ORIGIN}/index.html`);
    await use(page);
  },
  // A first run: the sample case, and no identity in the workspace yet.
  firstRunHarness: async ({ page }, use) => {
    const h = await attachBridge(page, { actingAs: null });
    await use(h);
    h.close();
  },
  firstRunApp: async ({ page, firstRunHarness }, use) => {
    void firstRunHarness;
    await page.goto(`${ORIGIN}/index.html`);
    await use(page);
  },
});
export { expect };
