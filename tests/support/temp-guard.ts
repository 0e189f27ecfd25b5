// Every test file runs with a temp folder of its own (TMPDIR, which os.tmpdir() and child
// processes read), and fails if it leaves anything in it: every test removes what it creates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const outer = os.tmpdir();
const mine = fs.mkdtempSync(path.join(outer, 'credence-vitest-'));
process.env.TMPDIR = mine;
// A file whose tests are all skipped runs no afterAll: its folder still goes when it ends.
process.on('exit', () => fs.rmSync(mine, { recursive: true, force: true }));

afterAll(() => {
  process.env.TMPDIR = outer;
  const left = fs.readdirSync(mine);
  fs.rmSync(mine, { recursive: true, force: true });
  if (left.length > 0) throw new Error(`This test file left files in the temp folder: ${left.join(', ')}. Remove them in an afterAll/afterEach.`);
});
