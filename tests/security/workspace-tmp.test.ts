// Temporary files: every start of the CLI used to delete <workspace>/tmp, under a running app's
// half-written files. Each process now has tmp/<pid>-<random>/ and removes only its own, plus
// those of processes that no longer exist.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

let t: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  t = tempWorkspace();
});
afterEach(() => t.cleanup());

const cli = (...args: string[]) => spawnSync(NODE, [path.join(ROOT, 'electron/cli/run.ts'), ...args, '--data-dir', t.dataDir], { cwd: ROOT, encoding: 'utf8' });

describe('per-process temporary folders', () => {
  it('a CLI call beside a running workspace leaves its temporary files alone and clears only dead processes’ folders', () => {
    const tmpRoot = path.join(t.dataDir, 'tmp');
    const own = t.ws.paths.tmp;
    expect(path.dirname(own)).toBe(tmpRoot);
    expect(path.basename(own)).toMatch(new RegExp(`^${process.pid}-[0-9a-f]{8}$`));
    // A half-written file of this (running) process, and a crashed process's leftover.
    fs.writeFileSync(path.join(own, '.blob.partial'), 'half written');
    const dead = spawnSync(NODE, ['-e', '']).pid!;
    const leftover = path.join(tmpRoot, `${dead}-0badf00d`);
    fs.mkdirSync(leftover);
    fs.writeFileSync(path.join(leftover, '.x.partial'), 'crashed');
    // Something that is not a process folder is not ours to judge.
    fs.writeFileSync(path.join(tmpRoot, 'README'), 'left alone');

    const r = cli('cases', 'list', '--json');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(own, '.blob.partial'), 'utf8')).toBe('half written');
    expect(fs.existsSync(leftover)).toBe(false);
    // The CLI removed its own folder when it finished.
    expect(fs.readdirSync(tmpRoot).sort()).toEqual([path.basename(own), 'README'].sort());
  });

  it('closing a workspace removes its own temporary folder only', async () => {
    const other = tempWorkspace({ dataDir: t.dataDir });
    expect(other.ws.paths.tmp).not.toBe(t.ws.paths.tmp);
    fs.writeFileSync(path.join(t.ws.paths.tmp, 'mine'), 'x');
    other.ws.close();
    expect(fs.existsSync(other.ws.paths.tmp)).toBe(false);
    expect(fs.readFileSync(path.join(t.ws.paths.tmp, 'mine'), 'utf8')).toBe('x');
  });
});
