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

/** Selects the text layer from the span starting with `from` (page a) to the end of the span starting with `to` (page b), as a mouse drag would. */
export async function selectAcross(page: Page, a: number, from: string, b: number, to: string): Promise<void> {
  await page.evaluate(
    ([a, from, b, to]) => {
      const span = (p: number, t: string) => [...document.querySelectorAll(`.page[data-page-number="${p}"] .textLayer span`)].find((s) => s.textContent?.startsWith(t as string))!;
      const start = span(a as number, from as string);
      const end = span(b as number, to as string);
      const range = document.createRange();
      range.setStart(start.firstChild!, 0);
      range.setEnd(end.firstChild!, end.firstChild!.textContent!.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      document.querySelector('.viewer-container')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    [a, from, b, to] as const,
  );
}

/** The first run's "Who are you?" dialog: creates the identity, which then acts. */
export async function answerFirstRun(page: Page, who = { name: 'Ana Reviewer', email: 'ana@body.example', passphrase: 'ana passphrase' }): Promise<void> {
  const d = page.getByRole('dialog', { name: 'Who are you?' });
  await d.getByLabel('Full name').fill(who.name);
  await d.getByLabel('Email').fill(who.email);
  await d.getByLabel('Passphrase (protects your signing key)').fill(who.passphrase);
  await d.getByLabel('Passphrase again').fill(who.passphrase);
  await d.getByRole('button', { name: 'Create identity' }).click();
  await expect(d).toBeHidden();
}

/** Creates an identity from the header's New identity… dialog; it acts at once. */
export async function newIdentity(page: Page, name: string, email: string, role: 'reviewer' | 'lead', passphrase: string) {
  await page.getByRole('button', { name: 'New identity…' }).click();
  const d = page.getByRole('dialog', { name: 'New identity' });
  await d.getByLabel('Full name').fill(name);
  await d.getByLabel('Email').fill(email);
  await d.getByLabel('Role').selectOption(role);
  await d.getByLabel('Passphrase (protects your signing key)').fill(passphrase);
  await d.getByLabel('Passphrase again').fill(passphrase);
  await d.getByRole('button', { name: 'Create identity' }).click();
  await expect(d).toBeHidden();
  await expect(page.getByLabel('Acting as')).toHaveValue(/.+/);
}
