// The same scenarios in the real Electron app. Runs wherever the Electron binary exists; on a
// machine without it (no internet to download it), every test says plainly that it skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../../electron/launch/electron-binary.ts';
import { answerFirstRun, createCaseThroughForm, expectSampleCaseOpen, searchCase } from '../support/pages.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const binary = findElectronBinary();

test.skip(!binary, 'SKIPPED: the Electron binary is not installed on this machine (it is downloaded on first launch, which needs internet access).');

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-electron-'));
  app = await _electron.launch({ executablePath: binary!, args: [ROOT], env: { ...process.env, CREDENCE_DATA_DIR: dataDir } });
  page = await app.firstWindow();
});
test.afterEach(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the page has no Node and sees only invoke and on', async () => {
  expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  expect(await page.evaluate(() => Object.keys(window.credence!).sort())).toEqual(['invoke', 'on']);
  expect(page.url()).toBe('app://credence/index.html');
});

test('first run opens the sample case and asks who you are', async () => {
  await expectSampleCaseOpen(page);
  await expect(page.getByRole('dialog', { name: 'Who are you?' })).toBeVisible();
});

test('create a case, find it in the list, search the sample', async () => {
  await expectSampleCaseOpen(page);
  await answerFirstRun(page);
  await searchCase(page, 'chokehold');
  await expect(page.getByRole('button', { name: /p\. 3/ })).toBeVisible();
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await createCaseThroughForm(page, { agencyName: 'Buffalo Grove Police Department', ori: 'IL0160300', state: 'IL', agencyType: 'municipal', jurisdiction: 'urban' });
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await expect(page.getByRole('row', { name: /Buffalo Grove/ })).toContainText('IL0160300');
});

test('navigation away from the app is refused', async () => {
  await expectSampleCaseOpen(page);
  await answerFirstRun(page);
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(300);
  expect(page.url()).toMatch(/^app:\/\/credence\//);
});
