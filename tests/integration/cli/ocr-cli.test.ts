// `credence import` reads scanned pages as part of the import (or leaves them waiting with
// --no-ocr) and says per document how many it read; `credence ocr` reads what is waiting, or
// everything again with --redo; ids by unique prefix, --json as elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { seedIdentity, tempDir } from '../../support/workspace.ts';

let root: string;
let dataDir: string;
let acting: Record<string, string>;
let caseId: string;
let scanA: string;
let scanB: string;
beforeAll(async () => {
  root = tempDir('credence-ocr-cli-');
  dataDir = path.join(root, 'data');
  acting = { ...seedIdentity(dataDir).env, CREDENCE_OCR_DPI: '150' };
  scanA = path.join(root, 'order-12.pdf');
  scanB = path.join(root, 'order-13.pdf');
  fs.writeFileSync(scanA, await scannedPdf([['Chokeholds are prohibited', 'unless deadly force is', 'authorized by law.']]));
  fs.writeFileSync(scanB, await scannedPdf([['Officers shall render', 'medical aid after force.']]));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function credence(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dataDir], { out: (s) => out.push(s), err: (s) => err.push(s) }, acting);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('credence import and ocr', () => {
  it('imports with --no-ocr leaving the scanned page waiting, then `ocr` reads it (ids by prefix)', async () => {
    const c = await credence(['cases', 'create', '--agency', 'Scan County Sheriff', '--ori', 'IL0000777', '--state', 'IL', '--json']);
    caseId = JSON.parse(c.out).id;
    const imported = await credence(['import', '--case', caseId.slice(0, 8), '--no-ocr', scanA]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('1 scanned page waiting for OCR');
    expect((await credence(['search', '--case', caseId, 'chokeholds'])).out).toContain('No matches');

    const docId = JSON.parse((await credence(['documents', '--case', caseId, '--json'])).out)[0].id as string;
    const read = await credence(['ocr', '--case', caseId.slice(0, 8), '--document', docId.slice(0, 8)]);
    expect(read.code, read.err).toBe(0);
    expect(read.out).toMatch(/1 of 1 scanned page read by OCR \(mean confidence \d+(\.\d)?\)/);
    expect(read.err).toContain('OCR 0/1: reading page 1');
    expect((await credence(['search', '--case', caseId, 'chokeholds'])).out).toContain('*Chokeholds* are prohibited');
  });

  it('reads scanned pages as part of an import, saying how many per document (--json too)', async () => {
    const r = await credence(['import', '--case', caseId, scanB, '--json']);
    expect(r.code, r.err).toBe(0);
    const [x] = JSON.parse(r.out);
    expect(x).toMatchObject({ ok: true, pages: 1, pagesNeedingOcr: 1, ocr: { pagesOcr: 1, pending: 0, failed: 0, failures: [] } });
    expect(r.err).toBe('');
  });

  it('reads everything again with --redo, and says when nothing is waiting', async () => {
    const again = await credence(['ocr', '--case', caseId, '--redo', '--json']);
    expect(again.code, again.err).toBe(0);
    const rows = JSON.parse(again.out);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ pagesOcr: 1, pending: 0, failed: 0 });
  });
});
