// OCR resumes after a crash: a process importing a three-page scan is killed (SIGKILL) once its
// first page is read; the workspace, opened again, reads only the pages that were not finished,
// and the finished page is not touched.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openWorkspace } from '../../../electron/services/workspace.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempDir } from '../../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const CHILD = path.join(import.meta.dirname, 'support/ocr-crash-child.ts');

let root: string;
beforeEach(() => {
  root = tempDir('credence-ocr-resume-');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

it('after a crash mid-queue, the reopened workspace reads only the unfinished pages', async () => {
  const dataDir = path.join(root, 'data');
  const file = path.join(root, 'scan.pdf');
  fs.writeFileSync(file, await scannedPdf([['Page one of the order'], ['Chokeholds are prohibited'], ['Officers shall intervene']]));

  const child = spawn(NODE, [CHILD, dataDir, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  for await (const line of readline.createInterface({ input: child.stdout })) {
    const p = JSON.parse(line) as { phase: string; page: number };
    if (p.phase === 'done') {
      expect(p.page).toBe(1);
      child.kill('SIGKILL');
      break;
    }
  }
  expect(await exited, stderr).toBe('SIGKILL');

  const ws = openWorkspace({ dataDir, ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
  try {
    const status = () => ws.ctx.db.prepare('SELECT page_index, status, updated_at FROM page_ocr ORDER BY page_index').all() as Array<{ page_index: number; status: string; updated_at: string }>;
    const [first, ...rest] = status();
    expect(first).toMatchObject({ page_index: 0, status: 'done' });
    expect(rest.map((r) => r.status)).toEqual(['pending', 'pending']);

    const read: number[] = [];
    ws.subscribe((event, payload) => {
      const p = payload as { phase: string; page: number };
      if (event === 'ocr.progress' && p.phase === 'recognising') read.push(p.page);
    });
    // Opening the workspace resumes the queue by itself.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await ws.services.ocr.whenIdle();
    expect(read).toEqual([2, 3]);
    const after = status();
    expect(after.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(after[0]!.updated_at).toBe(first!.updated_at);
    expect(ws.ctx.db.prepare('SELECT text FROM pages ORDER BY page_index').all().map((r) => (r as { text: string }).text)).toEqual([
      'Page one of the order',
      'Chokeholds are prohibited',
      'Officers shall intervene',
    ]);
  } finally {
    ws.close();
  }
});
