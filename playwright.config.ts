import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. Flags keep it from reaching for the network.
export const CHROMIUM = process.env.CREDENCE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  // Traces and screenshots of failures go to a temp folder of this run's own (set once here and
  // inherited by the workers): tests never write into the checkout, and two runs never share one.
  outputDir: (process.env.CREDENCE_PLAYWRIGHT_OUT ??= fs.mkdtempSync(path.join(os.tmpdir(), 'playwright-output-'))),
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  // Generous limits, not slow tests: on a loaded 2-core machine a page can take seconds to settle,
  // and a waiting expect passes the moment its condition holds.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e/web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: CHROMIUM,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        },
      },
    },
    { name: 'electron', testDir: 'tests/e2e/electron' },
  ],
});
