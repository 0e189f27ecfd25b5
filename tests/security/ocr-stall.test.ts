// A page that takes longer than OCR's time limit for a page is stopped (its render worker or OCR
// worker ended) and fails with a message; the next page is tried, nothing else changes, and once
// the limit allows it the failed pages are read on request. The limit is made tiny here so every
// page meets it: no page of real text is read in 50 ms.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { scannedPdf } from '../fixtures/scans.ts';
import { tempWorkspace } from '../support/workspace.ts';
import { openWorkspace } from '../../electron/services/workspace.ts';
import { actAs } from '../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeEach(async () => {
  t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150, pageTimeMs: 50 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => t.cleanup());

it('a page past its time limit fails saying so, the next page is tried, and a later run reads them', async () => {
  const failed: Array<{ page: number; error?: string }> = [];
  t.ws.subscribe((e, p) => {
    const x = p as { phase: string; page: number; error?: string };
    if (e === 'ocr.progress' && x.phase === 'failed') failed.push({ page: x.page, error: x.error });
  });
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('scan.pdf', await scannedPdf([['Officers shall intervene'], ['Deadly force is a last resort']]))] });
  const documentId = r.document.id;
  await t.ws.services.ocr.whenIdle();
  const message = (page: number) =>
    `Page ${page} took longer than OCR's limit of 0.05 s for one page and was stopped. Retry OCR when the computer is less busy; if it fails again, the page may be made to stall OCR: ask the agency for another copy.`;
  expect(failed).toEqual([
    { page: 1, error: message(1) },
    { page: 2, error: message(2) },
  ]);
  const texts = () => t.ws.ctx.db.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY page_index').all(documentId).map((x) => (x as { text: string }).text);
  expect(texts()).toEqual(['', '']);
  expect(await t.call('search.query', { caseId, query: 'intervene' })).toEqual([]);
  // Time on a busy machine may be had next time: Retry is offered.
  const [doc] = await t.call('documents.list', { caseId });
  expect(doc.ocr).toMatchObject({ retryable: true, failures: [{ page: 1, kind: 'retry' }, { page: 2, kind: 'retry' }] });

  // The same workspace opened with the ordinary limit: asked to, it reads the failed pages.
  t.ws.close();
  const again = openWorkspace({ dataDir: t.dataDir, ocr: { poolSize: 1, limits: { dpi: 150 } } });
  try {
    actAs(again);
    const run = await again.dispatch('ocr.run', { caseId, documentId });
    expect(run).toEqual({ ok: true, value: { queued: 2 } });
    await again.services.ocr.whenIdle();
    expect(again.ctx.db.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY page_index').all(documentId).map((x) => (x as { text: string }).text)).toEqual([
      'Officers shall intervene',
      'Deadly force is a last resort',
    ]);
  } finally {
    again.close();
  }
});
