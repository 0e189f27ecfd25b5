// A folder given to `prereview` with a symbolic link pointing back up must not make the command
// walk forever: links are not followed, and the real PDF is read once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandInputs } from '../../electron/cli/commands/prereview.ts';
import { tempDir } from '../support/workspace.ts';

let dir: string;
beforeEach(() => {
  dir = tempDir('credence-linkloop-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('folder link loops', () => {
  it('does not follow a link back to its own folder', () => {
    fs.mkdirSync(path.join(dir, 'a'));
    fs.writeFileSync(path.join(dir, 'a', 'order.pdf'), '%PDF-1.4');
    fs.symlinkSync(dir, path.join(dir, 'a', 'loop'));
    fs.symlinkSync(path.join(dir, 'a', 'order.pdf'), path.join(dir, 'a', 'link.pdf'));
    const before = fs.readdirSync(path.join(dir, 'a')).sort();
    const r = expandInputs([dir]);
    expect(r.files).toEqual([path.join(dir, 'a', 'order.pdf')]);
    expect(r.errors).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'a')).sort()).toEqual(before);
  });

  it('names a path that does not exist, and goes on', () => {
    const r = expandInputs([path.join(dir, 'missing'), dir]);
    expect(r.errors).toEqual([{ file: path.join(dir, 'missing'), error: 'missing: cannot be read (ENOENT).' }]);
  });
});
