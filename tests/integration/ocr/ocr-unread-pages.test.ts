// A scanned page OCR has not read is judged as a page without text, whatever its scanner stamped on
// it: pre-review says "needs OCR" (not "not addressed") while it waits and after it was stopped,
// and the pre-review screen's data says which of the two (and which pages OCR failed on), as the
// one reader of unread pages the sign-off also uses buckets it (waiting, stopped, failed);
// once read, its words decide. And a page read again with
// different letters of the same length is pre-reviewed again, not served the old result.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ocrUnreadPages } from '../../../electron/services/ocr/ocr-read-pages.ts';
import { NO_TEXT } from '../../../shared/domain/prereview/types.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempWorkspace } from '../../support/workspace.ts';

const LINES = ['Chokeholds are prohibited unless', 'deadly force is authorized by law.'];

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;
beforeAll(async () => {
  // OCR does not start by itself here: the page waits until the test starts it.
  t = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Stamp County Sheriff', ori: 'IL0000555', state: 'IL' })).id;
  // Every page carries a Bates stamp typed by the scanner: text, but not the policy's.
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('scan.pdf', await scannedPdf([LINES], { stamp: 'Bates 000123' }))] });
  documentId = r.document.id;
}, 120_000);
afterAll(() => t?.cleanup());

// The one reader of unread pages, which the pre-review and the sign-off both use.
const unreadNow = () => ocrUnreadPages(t.ws.ctx.db)(documentId);
const NONE = { waiting: [], failed: [], stopped: [], empty: [] };

const lintOf = async () => ((await t.call('lint.forCase', { caseId })) as Array<{ documentId: string; unreadPages: number[]; chokehold: { stance: string } }>).find((d) => d.documentId === documentId)!;

it('keeps the stamp searchable but pre-reviews the waiting page as needing OCR', async () => {
  expect((await t.call('search.query', { caseId, query: '000123' })).map((h: { page: number }) => h.page)).toEqual([1]);
  const r = await t.ws.services.prereview.resultAsync(documentId);
  expect(r.pagesWithoutText).toEqual([1]);
  expect(r.rules.chokehold.stance).toBe(NO_TEXT);
  expect(await t.call('ocr.pageWords', { caseId, documentId, page: 1 })).toMatchObject({ source: 'none', status: 'pending', words: [] });
  const doc = (await t.call('prereview.forCase', { caseId })).documents.find((d: { documentId: string }) => d.documentId === documentId);
  expect(doc).toMatchObject({ pagesWithoutText: [1], ocrFailedPages: [], ocrStoppedPages: [] });
  expect(unreadNow()).toEqual({ ...NONE, waiting: [1] });
  // The lint's verdict says which pages it could not read, so it is not taken for the whole document's.
  expect(await lintOf()).toMatchObject({ unreadPages: [1], chokehold: { stance: 'not_addressed' } });
});

it('still needs OCR after OCR was stopped', async () => {
  expect(await t.call('ocr.cancel', { caseId, documentId })).toEqual({ cancelled: 1 });
  expect((await t.ws.services.prereview.resultAsync(documentId)).rules.chokehold.stance).toBe(NO_TEXT);
  const stopped = (await t.call('prereview.forCase', { caseId })).documents.find((d: { documentId: string }) => d.documentId === documentId);
  expect(stopped).toMatchObject({ pagesWithoutText: [1], ocrFailedPages: [], ocrStoppedPages: [1] });
  expect(unreadNow()).toEqual({ ...NONE, stopped: [1] });
  // A page OCR failed on is named as failed (as ocr-service.ts stores a failure).
  t.ws.ctx.db.prepare(`UPDATE page_ocr SET status = 'failed', error = 'Page 1 could not be drawn for OCR (test).' WHERE document_id = ? AND page_index = 0`).run(documentId);
  const failed = (await t.call('prereview.forCase', { caseId })).documents.find((d: { documentId: string }) => d.documentId === documentId);
  expect(failed).toMatchObject({ ocrFailedPages: [1], ocrStoppedPages: [] });
  expect(unreadNow()).toEqual({ ...NONE, failed: [1] });
  expect((await lintOf()).unreadPages).toEqual([1]);
});

it('once read, the words decide; a reading again with other letters of the same length is pre-reviewed again', async () => {
  expect(await t.call('ocr.run', { caseId, documentId })).toEqual({ queued: 1 });
  await t.ws.services.ocr.whenIdle();
  expect(unreadNow()).toEqual(NONE);
  expect((await t.ws.services.prereview.resultAsync(documentId)).rules.chokehold.stance).toBe('prohibited_except_deadly_force');
  expect(await lintOf()).toMatchObject({ unreadPages: [], chokehold: { stance: 'prohibited_except_deadly_force' } });

  // What a reading again stores (ocr-service.ts writeDone): the page's text and its OCR row's
  // time. Here the new reading misreads "Chokeholds" with the same number of letters.
  const db = t.ws.ctx.db;
  const { text } = db.prepare('SELECT text FROM pages WHERE document_id = ? AND page_index = 0').get(documentId) as { text: string };
  expect(text).toContain('Chokeholds');
  db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND page_index = 0').run(text.replace('Chokeholds', 'Ch0kehc1ds'), documentId);
  db.prepare(`UPDATE page_ocr SET updated_at = '2099-01-01T00:00:00.000Z' WHERE document_id = ? AND page_index = 0`).run(documentId);
  expect((await t.ws.services.prereview.resultAsync(documentId)).rules.chokehold.stance).toBe('not_addressed');
}, 120_000);
