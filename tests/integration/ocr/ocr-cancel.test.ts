// Cancelling a document's OCR stops the page being read and every page still waiting; nothing of
// them is stored, the list says so, and ocr.run queues them again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
beforeAll(() => {
  t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
});
afterAll(() => t.cleanup());

it('cancels the page in progress and the waiting ones; ocr.run queues them again', async () => {
  const caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
  const phases: string[] = [];
  let cancelled: Promise<{ cancelled: number }> | null = null;
  let documentId = '';
  t.ws.subscribe((event, payload) => {
    const p = payload as { phase: string; documentId: string };
    if (event !== 'ocr.progress') return;
    phases.push(p.phase);
    if (p.phase === 'recognising' && !cancelled) cancelled = t.call('ocr.cancel', { caseId, documentId: p.documentId });
  });
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('scan.pdf', await scannedPdf([['One'], ['Two'], ['Three']]))] });
  documentId = r.document.id;
  await t.ws.services.ocr.whenIdle();
  expect(await cancelled).toEqual({ cancelled: 3 });
  expect(phases).toEqual(['recognising', 'cancelled']);
  // The list says they were stopped (the documents list offers Resume on this), not that nothing is left.
  const [doc] = await t.call('documents.list', { caseId });
  expect(doc.ocr).toMatchObject({ total: 3, pagesOcr: 0, pending: 0, failed: 0, stopped: 3, running: false });
  // The viewer's badge on a stopped page says so, and why.
  expect(await t.call('ocr.pageWords', { caseId, documentId, page: 2 })).toMatchObject({ source: 'none', status: 'cancelled', error: 'OCR was cancelled for this document.', words: [] });
  const rows = t.ws.ctx.db.prepare('SELECT o.status, o.error, p.text FROM page_ocr o JOIN pages p USING (document_id, page_index) WHERE document_id = ?').all(documentId);
  expect(rows).toEqual(Array(3).fill({ status: 'cancelled', error: 'OCR was cancelled for this document.', text: '' }));
  // Queued again (not read here: the test ends before; closing leaves them pending).
  expect(await t.call('ocr.run', { caseId, documentId })).toEqual({ queued: 3 });
  const [resumed] = await t.call('documents.list', { caseId });
  expect(resumed.ocr).toMatchObject({ pending: 3, stopped: 0 });
  await t.call('ocr.cancel', { caseId, documentId });
});
