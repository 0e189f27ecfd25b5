import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/test.ts';
import { encrypt, hasQpdf, numberedPdf } from '../../fixtures/pdfs.ts';
import { corpusFile, corpusPresent } from '../../support/workspace.ts';

test('import a multi-page PDF, search it, and land on the hit’s page with the words highlighted', async ({ app: page, harness }) => {
  const file = path.join(harness.dataDir, '..', `${path.basename(harness.dataDir)}-policy.pdf`);
  fs.writeFileSync(file, await numberedPdf(12, 'Use of Force General Order'));
  const notPdf = `${file}.txt.pdf`;
  fs.writeFileSync(notPdf, 'plain text');
  harness.choose([file, notPdf]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  // Reading 12 pages in worker threads takes a while on a busy machine: wait for it, not for a clock.
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText('Use of Force General Order', { timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: '1 file was not imported' })).toContainText('The file is not a PDF');
  await expect(page.getByTestId('page-count')).toHaveText('12');

  await page.keyboard.press('Control+Shift+F');
  await expect(page.getByLabel('Search this case')).toBeFocused();
  await page.keyboard.type('"Section 9"');
  await page.keyboard.press('Enter');
  const hit = page.getByRole('button', { name: /p\. 9/ });
  await expect(hit).toContainText('Section 9');
  await hit.click();
  const viewer = page.locator('.viewer-container');
  await expect(viewer).toHaveAttribute('data-current-page', '9');
  await expect(page.getByLabel('Page number')).toHaveValue('9');
  // The viewer finds the phrase with the case search's tokenisation: one match, drawn on page 9.
  await expect(page.getByLabel('Find in document')).toHaveValue('"Section 9"');
  await expect(page.locator('.find-status')).toHaveText('1 of 1');
  await expect(page.locator('.page[data-page-number="9"] .find-hit.selected')).toBeVisible();
  fs.rmSync(file);
  fs.rmSync(notPdf);
});

test('viewer: page navigation, zoom, fit width and find in document', async ({ app: page }) => {
  await expect(page.getByTestId('page-count')).toHaveText('3');
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByLabel('Page number')).toHaveValue('2');
  await page.getByLabel('Page number').fill('3');
  await page.keyboard.press('Enter');
  await expect(page.locator('.viewer-container')).toHaveAttribute('data-current-page', '3');
  const scale = page.getByLabel('Zoom percent');
  const before = await scale.inputValue();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(scale).not.toHaveValue(before);
  await page.getByRole('button', { name: 'Fit width' }).click();
  await expect(scale).toHaveValue(before);
  // A zoom typed as a percentage.
  await scale.fill('55');
  await scale.press('Enter');
  await expect(scale).toHaveValue('55');
  await page.keyboard.press('Control+F');
  await expect(page.getByLabel('Find in document')).toBeFocused();
  await page.keyboard.type('chokehold');
  await expect(page.locator('.find-status')).toHaveText(/of [1-9]/);
});

test('a search with an unmatched quote gets a friendly message', async ({ app: page }) => {
  await page.getByLabel('Search this case').fill('"deadly force');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(/opening quote \(\"\) without a closing one/);
});

test('the policies list shows a scan’s OCR: pages read of the pages to read, then what its text rests on', async ({ app: page, harness }) => {
  const { scannedPdf } = await import('../../fixtures/pdfs.ts');
  const file = path.join(harness.dataDir, '..', `${path.basename(harness.dataDir)}-scan.pdf`);
  fs.writeFileSync(file, await scannedPdf());
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  // Both image pages are queued at import; the list says how far the reading is, or how it ended.
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText(/OCR [0-2]\/2|OCR text: 2 pages|OCR failed on/, { timeout: 30_000 });
  fs.rmSync(file);
});

test('a real agency policy from the corpus imports and its chokehold rule is found on page 4', async ({ app: page, harness }) => {
  test.skip(!corpusPresent(), 'The corpus (../shared/corpus or $CREDENCE_CORPUS) is not present on this machine.');
  harness.choose([corpusFile('IL_LakeCountySO_1.6.01_Use_of_Force_2020.pdf')]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  // The policy names itself from its header; its file name stays visible beneath.
  const list = page.getByRole('list', { name: 'Policy documents' });
  await expect(list).toContainText('Policy 1.6.01 Use of Force', { timeout: 30_000 });
  await expect(list).toContainText('IL_LakeCountySO_1.6.01_Use_of_Force_2020');
  await page.getByLabel('Search this case').fill('chokehold deadly');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('region', { name: /Matches in Policy 1\.6\.01 Use of Force/ }).getByRole('button', { name: /p\. 4/ }).click();
  await expect(page.locator('.viewer-container')).toHaveAttribute('data-current-page', '4');
  await expect(page.locator('.page[data-page-number="4"] .find-hit').first()).toBeVisible();
});

test('drop PDFs on the policies pane to import them; a bad one is listed with its reason', async ({ app: page }) => {
  const pdf = Buffer.from(await numberedPdf(4, 'Dropped Directive')).toString('base64');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    dt.items.add(new File([bytes], 'dropped directive.pdf', { type: 'application/pdf' }));
    dt.items.add(new File(['not a pdf at all'], 'memo.pdf', { type: 'application/pdf' }));
    return dt;
  }, pdf);
  const pane = page.locator('.documents');
  await pane.dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByText('Drop PDFs to add them to this case')).toBeVisible();
  await pane.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText('Dropped Directive');
  await expect(page.getByRole('alert').filter({ hasText: '1 file was not imported' })).toContainText('memo.pdf: The file is not a PDF');
  await expect(page.getByTestId('page-count')).toHaveText('4');
});

test('a password-protected PDF asks for its password under its line, says when it is wrong, and opens with the right one', async ({ app: page, harness }) => {
  test.skip(!hasQpdf(), 'qpdf is not installed (apt-get install -y qpdf); it makes the encrypted PDF');
  const file = path.join(harness.dataDir, '..', `${path.basename(harness.dataDir)}-locked policy.pdf`);
  fs.writeFileSync(file, encrypt(await numberedPdf(3, 'Locked Directive'), 'agency 2020'));
  const plain = `${file}.other.pdf`;
  fs.writeFileSync(plain, 'not a pdf');
  harness.choose([file, plain]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const failures = page.getByRole('alert').filter({ hasText: '2 files were not imported' });
  await expect(failures).toContainText('The PDF is password-protected.');
  const password = failures.getByLabel(`Password for ${path.basename(file)}`);
  await password.fill('not it');
  await failures.getByRole('button', { name: 'Open with password' }).click();
  // Wrong: said, and asked again; the other file's failure stays listed.
  await expect(failures).toContainText('The password is wrong for this PDF.');
  await expect(failures).toContainText('The file is not a PDF');
  await failures.getByLabel(`Password for ${path.basename(file)}`).fill('agency 2020');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText('Locked Directive', { timeout: 30_000 });
  await expect(page.getByTestId('page-count')).toHaveText('3');
  await expect(page.getByRole('alert').filter({ hasText: '1 file was not imported' })).toContainText('The file is not a PDF');
  fs.rmSync(file);
  fs.rmSync(plain);
});

test('a dropped password-protected PDF opens with its password', async ({ app: page }) => {
  test.skip(!hasQpdf(), 'qpdf is not installed (apt-get install -y qpdf); it makes the encrypted PDF');
  const pdf = Buffer.from(encrypt(await numberedPdf(2, 'Dropped Locked Order'), 'secret')).toString('base64');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'locked.pdf', { type: 'application/pdf' }));
    return dt;
  }, pdf);
  await page.locator('.documents').dispatchEvent('drop', { dataTransfer });
  const failures = page.getByRole('alert').filter({ hasText: '1 file was not imported' });
  await failures.getByLabel('Password for locked.pdf').fill('secret');
  await failures.getByRole('button', { name: 'Open with password' }).click();
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText('Dropped Locked Order', { timeout: 30_000 });
  await expect(page.locator('.import-failures')).toHaveCount(0);
  // The viewer opens the stored file with the password kept at import (before, "No password given").
  await page.getByRole('list', { name: 'Policy documents' }).getByText('Dropped Locked Order').click();
  await expect(page.locator('.textLayer').first()).toContainText('Section 1: officers shall use reasonable force.');
  await expect(page.getByRole('group', { name: 'Password needed' })).toHaveCount(0);
});

test('replace a policy with its revised version: highlights are carried forward and the reviewer is told', async ({ app: page, harness }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300'); // first run done
  const info = await harness.ws.dispatch('app.info', {});
  const caseId = (info as { ok: true; value: { sampleCaseId: string } }).value.sampleCaseId;
  const docs = (await harness.ws.dispatch('documents.list', { caseId })) as { ok: true; value: Array<{ id: string }> };
  await harness.ws.dispatch('annotations.create', { caseId, documentId: docs.value[0]!.id, page: 3, quote: '(f) Choke holds.', itemIds: ['mandatory.chokehold'] });
  await harness.ws.dispatch('annotations.create', { caseId, documentId: docs.value[0]!.id, page: 1, quote: 'The sanctity of human life is the foundation of this policy.', itemIds: ['topic.use-of-force'] });
  const revised = path.join(harness.dataDir, '..', `${path.basename(harness.dataDir)}-revised.pdf`);
  const { textPdf } = await import('../../fixtures/pdfs.ts');
  fs.writeFileSync(revised, await textPdf([{ lines: ['GENERAL ORDER 300 (REVISED)', 'Except where deadly force is justified, these will not be used:', '(f) Choke holds.'] }], 'GO 300 revised'));
  await page.reload(); // later runs start at the case list
  await page.getByRole('row', { name: /Riverside/ }).click();
  harness.choose([revised]);
  await page.getByRole('button', { name: /Replace Riverside PD General Order 300/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Replaced' })).toContainText('1 carried forward unchanged, 0 re-found in edited text, 1 orphaned');
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText('GO 300 revised');
  await expect(page.locator('.page[data-page-number="1"] .hl.stance-supports').first()).toBeVisible();
  fs.rmSync(revised);
});

test('edit a document’s title, agency number and effective date', async ({ app: page, harness }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  await page.getByRole('button', { name: /Edit details of Riverside PD General Order 300/ }).click();
  const d = page.getByRole('dialog', { name: 'Document details' });
  await d.getByLabel('Title').fill('GO 300 Response to Resistance');
  await d.getByLabel('Agency document number').fill('GO 300');
  await d.getByLabel('Effective date').fill('2026-03-01');
  await d.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText('GO 300 Response to Resistance');
  await expect(page.getByRole('list', { name: 'Policy documents' })).toContainText('GO 300 · 3 pages');
  const info = (await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } };
  const docs = (await harness.ws.dispatch('documents.list', { caseId: info.value.sampleCaseId })) as { ok: true; value: Array<{ effectiveDate: string }> };
  expect(docs.value[0]!.effectiveDate).toBe('2026-03-01');
});
