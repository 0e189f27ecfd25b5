import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { test, expect } from '../support/test.ts';

test('settings: identities with their public keys, trust roster import, single-person review', async ({ app: page, harness }) => {
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByText('No keys yet.')).toBeVisible();
  const key = crypto.generateKeyPairSync('ed25519').publicKey;
  const pem = path.join(path.dirname(harness.dataDir), `${path.basename(harness.dataDir)}-lee.pem`);
  fs.writeFileSync(pem, key.export({ format: 'pem', type: 'spki' }));
  harness.choose([pem]);
  await page.getByRole('button', { name: 'Import a public key (.pem)…' }).click();
  const fp = crypto.createHash('sha256').update(key.export({ format: 'der', type: 'spki' })).digest('hex').toUpperCase().match(/.{4}/g)!.join(' ');
  await expect(page.getByRole('status')).toHaveText(`Trusted key ${fp}.`);
  await expect(page.getByRole('region', { name: /Trust roster/ }).or(page.locator('section[aria-labelledby="s-roster"]'))).toContainText(fp);
  await page.getByLabel(/Allow single-person review/).check();
  await expect(page.getByRole('status')).toHaveText('Single-person review is allowed; packets will say so.');
  expect((await harness.ws.dispatch('review.settings', {})) as unknown).toEqual({ ok: true, value: { singlePersonReview: true } });
  fs.rmSync(pem);
});

test('change an identity’s passphrase in settings', async ({ app: page, harness }) => {
  await harness.ws.dispatch('identity.create', { name: 'Lee Lead', email: 'lee@body.example', role: 'lead', passphrase: 'old passphrase' });
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Change passphrase' });
  await form.getByLabel('Change the passphrase of').selectOption({ label: 'Lee Lead' });
  await form.getByLabel('Current passphrase').fill('not it');
  await form.getByLabel('New passphrase').fill('new passphrase');
  await form.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(form.getByRole('alert')).toHaveText('The passphrase is wrong for Lee Lead.');
  await form.getByLabel('Current passphrase').fill('old passphrase');
  await form.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.getByRole('status')).toHaveText('The passphrase of Lee Lead was changed; the key and its fingerprint stay the same.');
});
