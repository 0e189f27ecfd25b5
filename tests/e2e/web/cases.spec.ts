import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/test.ts';
import { createCaseThroughForm } from '../support/pages.ts';
import { numberedPdf } from '../../fixtures/pdfs.ts';

test.describe('case list', () => {
  test('create a case through the form, with field errors first', async ({ emptyApp: page }) => {
    await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
    await page.getByRole('button', { name: 'New case' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('Agency name').fill('Buffalo Grove Police Department');
    await dialog.getByLabel('ORI').fill('VA016030');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog.getByText('An ORI has exactly 9 characters, such as IL0160000.')).toBeVisible();
    await expect(dialog.getByLabel('ORI')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('ORI').fill('VA0160300');
    await dialog.getByLabel('State').selectOption('IL');
    await expect(dialog.getByText('The ORI starts with VA but the state is IL: correct one of them.')).toBeVisible();
    await dialog.getByLabel('ORI').fill('il0160300');
    await dialog.getByLabel('Agency type').selectOption('municipal');
    await dialog.getByLabel('Jurisdiction').selectOption('urban');
    await dialog.getByLabel('Review due').fill('2027-03-31');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    // Creating opens the new case's workspace.
    await expect(page.getByRole('heading', { name: /Buffalo Grove Police Department/ })).toBeVisible();
    await expect(page.getByText('No document open')).toBeVisible();
    await page.getByRole('button', { name: 'Back to cases' }).click();
    const row = page.getByRole('row', { name: /Buffalo Grove/ });
    await expect(row).toContainText('IL0160300');
    await expect(row).toContainText('Mar 31, 2027');
  });

  test('a new case made through the form shows in the list (shared page object)', async ({ app: page }) => {
    await page.getByRole('button', { name: 'Back to cases' }).click();
    await createCaseThroughForm(page, { agencyName: 'Mundelein Police Department', ori: 'IL0491700', state: 'IL', agencyType: 'municipal', jurisdiction: 'urban' });
    await page.getByRole('button', { name: 'Back to cases' }).click();
    await expect(page.getByRole('table', { name: 'Cases' }).locator('tbody tr')).toHaveCount(2);
  });

  test('edit a case from its workspace', async ({ app: page, harness }) => {
    await harness.ws.dispatch('cases.create', { agencyName: 'Lake County Sheriff', ori: 'IL0490000', state: 'IL' });
    await page.getByRole('button', { name: 'Back to cases' }).click();
    await page.getByRole('row', { name: /Lake County Sheriff/ }).click();
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Edit case' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit case' });
    await dialog.getByLabel('Agency name').fill('Lake County Sheriff’s Office');
    await dialog.getByLabel('Agency type').selectOption('county');
    await dialog.getByLabel('Jurisdiction').selectOption('rural');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { name: /Lake County Sheriff’s Office/ })).toBeVisible();
    await page.getByRole('tab', { name: 'Case' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('County');
    const stored = await harness.ws.dispatch('cases.list', {});
    expect(stored.ok && (stored.value as Array<{ agencyName: string; jurisdiction: string }>).find((c) => c.agencyName.startsWith('Lake'))).toMatchObject({ jurisdiction: 'rural' });
  });

  test('filter, sort by column and move with the keyboard', async ({ app: page, harness }) => {
    for (const [agencyName, ori, state, dueDate] of [
      ['Urbana Police Department', 'IL0100700', 'IL', '2027-05-01'],
      ['Harrisonburg Police Department', 'VA0820100', 'VA', '2027-01-15'],
      ['Arlington Heights Police Department', 'IL0160100', 'IL', null],
    ] as const) {
      await harness.ws.dispatch('cases.create', { agencyName, ori, state, dueDate });
    }
    await page.getByRole('button', { name: 'Back to cases' }).click();
    const rows = page.getByRole('table', { name: 'Cases' }).locator('tbody tr');
    await expect(rows).toHaveCount(4);
    await page.getByRole('button', { name: 'Agency' }).click();
    await expect(rows.first()).toContainText('Arlington Heights');
    await page.getByRole('button', { name: 'Agency' }).click();
    await expect(rows.first()).toContainText('Urbana');
    // The sort direction is said by aria-sort and drawn as an SVG icon, not a text triangle.
    const agency = page.getByRole('columnheader', { name: 'Agency' });
    await expect(agency).toHaveAttribute('aria-sort', 'descending');
    await expect(agency.locator('svg[aria-hidden="true"]')).toHaveCount(1);
    await expect(agency).toHaveText('Agency');
    await page.getByRole('button', { name: 'Due' }).click();
    await expect(rows.nth(0)).toContainText('Harrisonburg');
    await expect(rows.nth(1)).toContainText('Urbana');
    await page.getByLabel('Filter cases').fill('va');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Harrisonburg');
    await page.getByLabel('Filter cases').fill('nothing like this');
    await expect(page.getByText('No case matches “nothing like this”.')).toBeVisible();
    await page.getByLabel('Filter cases').fill('');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'More actions' })).toBeVisible();
  });

  test('archive hides a case, the toggle shows it, restore brings it back', async ({ app: page }) => {
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Archive case' }).click();
    await expect(page.getByText('Archived', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add PDFs' })).toBeDisabled();
    await page.getByRole('button', { name: 'Back to cases' }).click();
    await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
    await page.getByRole('button', { name: 'New case' }).first().waitFor();
    await page.getByLabel('Show archived').check();
    const row = page.getByRole('row', { name: /Riverside/ });
    await expect(row).toContainText('archived');
    await row.getByRole('button', { name: 'Restore' }).click();
    await page.getByLabel('Show archived').uncheck();
    await expect(page.getByRole('row', { name: /Riverside/ })).toBeVisible();
  });

  test('the list updates when an import started in a case finishes in the background, without a reload', async ({ app: page, harness }) => {
    const file = path.join(path.dirname(harness.dataDir), 'long-manual.pdf');
    fs.writeFileSync(file, await numberedPdf(600, 'Long Manual'));
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    // The import is started in the case, and held at the app's door until the reviewer is back at
    // the list: on a fast machine it would otherwise be done before the list is seen.
    const release = harness.holdImports();
    harness.choose([file]);
    await page.getByRole('button', { name: 'Add PDFs' }).click();
    await page.getByRole('button', { name: 'Back to cases' }).click();
    const documents = page.getByRole('row', { name: /Riverside/ }).getByRole('cell').nth(5);
    // The sample's one policy while the manual has not been read, then two once it is in.
    await expect(documents).toHaveText('1');
    release();
    await expect(documents).toHaveText('2', { timeout: 120_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    fs.rmSync(file);
  });
});
