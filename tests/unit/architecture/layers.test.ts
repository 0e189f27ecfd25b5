import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, violations } from './layer-rules.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const sources = (dir: string): string[] =>
  fs.readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));

describe('layer rules', () => {
  it('hold across the code base', () => {
    const files = [...sources('electron'), ...sources('renderer/src'), ...sources('shared')];
    expect(files.length).toBeGreaterThan(30);
    expect(files.flatMap((f) => violations(f, fs.readFileSync(path.join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('catch what they are for', () => {
    expect(violations('electron/services/x.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(violations('renderer/src/x.tsx', "import fs from 'node:fs';\nimport path from 'path';")).toHaveLength(2);
    expect(violations('renderer/src/x.tsx', "import { openWorkspace } from '../../electron/services/workspace.ts';")).toHaveLength(1);
    expect(violations('shared/x.ts', "const c = require('crypto');")).toHaveLength(1);
    expect(violations('electron/preload/index.ts', "import { contract } from '../../shared/contract.ts';")).toHaveLength(1);
    expect(violations('electron/main/x.ts', "import { app } from 'electron';")).toEqual([]);
    expect(violations('shared/x.ts', "import type { Db } from 'better-sqlite3';")).toEqual([]);
    expect(importsOf("export { a } from './a.ts'; const m = await import('pdfjs-dist');")).toEqual(['./a.ts', 'pdfjs-dist']);
  });
});
