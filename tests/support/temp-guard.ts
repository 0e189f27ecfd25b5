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
  // What is inside, too: which part of a workspace came back after its cleanup says who wrote it.
  const inside = left.length > 0 ? filesUnder(mine).slice(0, 12) : [];
  fs.rmSync(mine, { recursive: true, force: true });
  if (left.length > 0) throw new Error(`This test file left files in the temp folder: ${left.join(', ')} (${inside.join(', ')}). Remove them in an afterAll/afterEach.`);
});

/** Every path under `dir`, relative to it (folders with a trailing slash). */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).map((d) => {
    const rel = path.relative(dir, path.join(d.parentPath, d.name));
    return d.isDirectory() ? `${rel}/` : rel;
  });
}
