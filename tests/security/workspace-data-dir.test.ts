// An empty CREDENCE_DATA_DIR meant "the current folder": that is how a workspace database ended
// up committed at the repository's root. Empty (or blank) now means unset.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../electron/services/data-dir.ts';
import { openWorkspace } from '../../electron/services/workspace.ts';
import { tempDir } from '../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

let root: string;
beforeEach(() => {
  root = tempDir();
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('an empty CREDENCE_DATA_DIR', () => {
  it('is treated as unset, as is an empty --data-dir', () => {
    const env = { XDG_CONFIG_HOME: path.join(root, 'config') };
    const fallback = defaultDataDir('linux', env);
    expect(resolveDataDir(undefined, { ...env, CREDENCE_DATA_DIR: '' }, fallback)).toBe(fallback);
    expect(resolveDataDir(undefined, { ...env, CREDENCE_DATA_DIR: '   ' }, fallback)).toBe(fallback);
    expect(resolveDataDir('', { ...env, CREDENCE_DATA_DIR: path.join(root, 'w') }, fallback)).toBe(path.join(root, 'w'));
    expect(() => openWorkspace({ dataDir: ' ' })).toThrow('No workspace folder was given. Choose one with --data-dir or CREDENCE_DATA_DIR.');
  });

  it('makes the CLI use the app’s data folder, writing nothing in the current folder', () => {
    const cwd = path.join(root, 'checkout');
    fs.mkdirSync(cwd);
    const r = spawnSync(NODE, [path.join(ROOT, 'electron/cli/run.ts'), 'cases', 'list', '--json'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, CREDENCE_DATA_DIR: '', HOME: root, XDG_CONFIG_HOME: path.join(root, 'config') },
    });
    expect(r.status).toBe(0);
    expect(fs.readdirSync(cwd)).toEqual([]);
    expect(fs.existsSync(path.join(root, 'config', 'Credence', 'credence.sqlite'))).toBe(true);
  });
});
