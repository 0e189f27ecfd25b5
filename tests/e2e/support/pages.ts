// Page objects shared by the web and the Electron end-to-end projects.
import { expect, type Page } from '@playwright/test';

export interface NewCase {
  agencyName: string;
  ori: string;
  state: string;
  agencyType: string;
  jurisdiction: string;
  dueDate?: string;
}

export async function createCaseThroughForm(page: Page, c: NewCase): Promise<void> {
  await page.getByRole('button', { name: 'New case' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByLabel('Agency name').fill(c.agencyName);
  await dialog.getByLabel('ORI').fill(c.ori);
  await dialog.getByLabel('State').selectOption(c.state);
  await dialog.getByLabel('Agency type').selectOption(c.agencyType);
  await dialog.getByLabel('Jurisdiction').selectOption(c.jurisdiction);
  if (c.dueDate) await dialog.getByLabel('Review due').fill(c.dueDate);
  await dialog.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(c.agencyName) })).toBeVisible();
}

export async function expectSampleCaseOpen(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: /Riverside Police Department \(sample\)/ })).toBeVisible();
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
}

export async function searchCase(page: Page, query: string): Promise<void> {
  await page.getByLabel('Search this case').fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}
