// Identities in the app: the first run asks who you are (the sample case is still there to look
// at), switching identity asks for the passphrase, and a change made while locked asks for it.
import { test, expect } from '../support/test.ts';
import { E2E_REVIEWER } from '../support/bridge.ts';
import { TEST_PASSPHRASE } from '../../support/workspace.ts';

test('the first run asks who you are, over the sample case, and then acts as them', async ({ firstRunApp: page, firstRunHarness: harness }) => {
  const d = page.getByRole('dialog', { name: 'Who are you?' });
  await expect(d).toBeVisible();
  await expect(page.getByRole('heading', { name: /Riverside Police Department \(sample\)/ })).toBeVisible();
  await d.getByLabel('Full name').fill('Ana Reviewer');
  await d.getByLabel('Email').fill('ana@body.example');
  await d.getByLabel('Passphrase (protects your signing key)').fill('ana passphrase');
  await d.getByLabel('Passphrase again').fill('ana passphrase');
  await d.getByRole('button', { name: 'Create identity' }).click();
  await expect(d).toBeHidden();
  await expect(page.getByLabel('Acting as')).toHaveValue(/.+/);
  await expect(page.getByLabel('Acting as').locator('option:checked')).toHaveText('Ana Reviewer — reviewer');
  // The sample was made by the system, not by a person.
  const caseId = ((await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } }).value.sampleCaseId;
  const audit = (await harness.ws.dispatch('audit.list', { caseId })) as { ok: true; value: Array<{ actor: string }> };
  expect(audit.value.map((e) => e.actor)).toEqual(['Credence (sample)', 'Credence (sample)']);
});

test('switching identity asks for the passphrase and refuses a wrong one', async ({ app: page, harness }) => {
  await harness.ws.dispatch('identity.create', { name: 'Lee Lead', email: 'lee@body.example', role: 'lead', passphrase: 'lee passphrase' });
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByLabel('Acting as').selectOption({ label: 'Lee Lead — review lead' });
  const d = page.getByRole('dialog', { name: 'Act as Lee Lead' });
  await d.getByLabel('Passphrase').fill('not it');
  await d.getByRole('button', { name: 'Unlock' }).click();
  await expect(d.getByRole('alert')).toHaveText('The passphrase is wrong for Lee Lead.');
  await d.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('Acting as').locator('option:checked')).toHaveText(`${E2E_REVIEWER.name} — reviewer`);
  await page.getByLabel('Acting as').selectOption({ label: 'Lee Lead — review lead' });
  await d.getByLabel('Passphrase').fill('lee passphrase');
  await d.getByRole('button', { name: 'Unlock' }).click();
  await expect(d).toBeHidden();
  await expect(page.getByLabel('Acting as').locator('option:checked')).toHaveText('Lee Lead — review lead');
});

test('a change while locked asks for the passphrase: dismissed, nothing changes and the form says why', async ({ app: page, harness }) => {
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByLabel('Acting as').locator('option:checked')).toHaveText('(locked — choose who you are)');
  const form = await fillNewCase(page);
  await form.getByRole('button', { name: 'Create case' }).click();
  const unlock = page.getByRole('dialog', { name: `Act as ${E2E_REVIEWER.name}` });
  await expect(unlock).toBeVisible();
  await unlock.getByRole('button', { name: 'Cancel' }).click();
  await expect(form.getByRole('alert')).toContainText('Choose who you are (top right).');
  const cases = (await harness.ws.dispatch('cases.list', {})) as { ok: true; value: Array<{ agencyName: string }> };
  expect(cases.value.map((c) => c.agencyName)).toEqual(['Riverside Police Department (sample)']);
});

test('a change while locked asks for the passphrase, and is made once it is given (the Save is not lost)', async ({ app: page, harness }) => {
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('button', { name: 'Lock' }).click();
  const form = await fillNewCase(page);
  await form.getByRole('button', { name: 'Create case' }).click();
  const unlock = page.getByRole('dialog', { name: `Act as ${E2E_REVIEWER.name}` });
  await unlock.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlock).toBeHidden();
  await expect(form).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lake County Sheriff’s Office');
  const cases = (await harness.ws.dispatch('cases.list', {})) as { ok: true; value: Array<{ agencyName: string; createdBy?: string }> };
  expect(cases.value.map((c) => c.agencyName).sort()).toEqual(['Lake County Sheriff’s Office', 'Riverside Police Department (sample)']);
});

async function fillNewCase(page: import('@playwright/test').Page) {
  await page.getByRole('button', { name: 'New case' }).first().click();
  const form = page.getByRole('dialog', { name: 'New case' });
  await form.getByLabel('Agency name').fill('Lake County Sheriff’s Office');
  await form.getByLabel('ORI').fill('IL0490000');
  await form.getByLabel('State').selectOption('IL');
  await form.getByLabel('Agency type').selectOption('county');
  await form.getByLabel('Jurisdiction').selectOption('rural');
  return form;
}
