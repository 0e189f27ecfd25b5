// Import a mixed document (a typed cover, two scanned pages): it is in the case at once, only the
// scanned pages are read, each lands in search and pre-review as it is read, and the documents
// list and `ocr.pageWords` say where every page's text came from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;
const events: Array<{ documentId: string; page: number; phase: string; done: number; total: number }> = [];
const listedWhileReading: unknown[] = [];

beforeAll(async () => {
  t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
  t.ws.subscribe((event, payload) => {
    if (event === 'ocr.progress') events.push(payload as (typeof events)[number]);
  });
  caseId = (await t.call('cases.create', { agencyName: 'Scanned Police Department', ori: 'IL0000009', state: 'IL' })).id;
  const pdf = await scannedPdf(
    [
      ['General Order 12', 'Use of Force'],
      ['Chokeholds are prohibited', 'unless deadly force is', 'authorized by law.'],
      ['Officers shall render', 'medical aid after force.'],
    ],
    { textPages: [1] },
  );
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('scan.pdf', pdf)] });
  documentId = r.document.id;
  // In the case at once, before any page is read.
  listedWhileReading.push(...(await t.call('documents.list', { caseId })));
  await t.ws.services.ocr.whenIdle();
});
afterAll(() => t.cleanup());

describe('OCR on import', () => {
  it('lists the document at once, with its scanned pages waiting', () => {
    expect(listedWhileReading).toHaveLength(1);
    expect(listedWhileReading[0]).toMatchObject({ pagesNeedingOcr: 2, ocr: { pagesOcr: 0, pending: 2, failed: 0 } });
  });

  it('reads only the scanned pages, reporting each one as it lands', async () => {
    expect(events.filter((e) => e.phase === 'done').map((e) => [e.page, e.done, e.total])).toEqual([
      [2, 1, 2],
      [3, 2, 2],
    ]);
    const [doc] = await t.call('documents.list', { caseId });
    expect(doc.ocr).toMatchObject({ pagesOcr: 2, pending: 0, failed: 0, running: false });
    expect(doc.ocr.meanConfidence).toBeGreaterThan(80);
  });

  it('makes the scanned words searchable, saying the hit is OCR text', async () => {
    const hits = await t.call('search.query', { caseId, query: 'chokeholds prohibited' });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ page: 2, ocr: true });
    expect(hits[0].snippet).toContain('[[Chokeholds]] are [[prohibited]]');
    const typed = await t.call('search.query', { caseId, query: '"General Order"' });
    expect(typed[0]).toMatchObject({ page: 1, ocr: false });
  });

  it('gives each page its source, engine, confidence and word boxes', async () => {
    const typed = await t.call('ocr.pageWords', { caseId, documentId, page: 1 });
    expect(typed).toEqual({ source: 'pdf', status: null, error: null, failureKind: null, engine: null, engineVersion: null, langDataSha256: null, meanConfidence: null, rotation: 0, fileText: false, words: [] });
    const scanned = await t.call('ocr.pageWords', { caseId, documentId, page: 2 });
    expect(scanned).toMatchObject({ source: 'ocr', engine: 'tesseract.js', rotation: 0 });
    expect(scanned.words.map((w: { text: string }) => w.text).join(' ')).toBe('Chokeholds are prohibited unless deadly force is authorized by law.');
    for (const w of scanned.words) for (const f of w.box) expect(f).toBeGreaterThanOrEqual(0), expect(f).toBeLessThanOrEqual(1);
    const row = t.ws.ctx.db.prepare('SELECT engine_version, lang_sha256 FROM page_ocr WHERE document_id = ? AND page_index = 1').get(documentId) as { engine_version: string; lang_sha256: string };
    // Read with the faster LSTM step (core-patch.ts), and said so.
    expect(row.engine_version).toBe('7.0.0+lstm-simd.1');
    expect(row.lang_sha256).toMatch(/^[0-9a-f]{64}$/);
    // The viewer's badge names the engine, its version and the language data the page was read with.
    expect(scanned).toMatchObject({ status: 'done', error: null, engineVersion: row.engine_version, langDataSha256: row.lang_sha256 });
  });

  it('pre-reviews the OCR text like any other (the result stored for the text before OCR is not reused)', async () => {
    const r = await t.ws.services.prereview.resultAsync(documentId);
    expect(r.rules.chokehold.stance).toBe('prohibited_except_deadly_force');
    expect(r.rules['medical-aid'].stance).toBe('required');
  });

  it('says on the Pre-review screen that a passage on a scanned page is OCR text', async () => {
    let view = await t.call('prereview.forCase', { caseId });
    for (let i = 0; i < 200 && view.progress.done < view.progress.total; i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = await t.call('prereview.forCase', { caseId });
    }
    const doc = view.documents.find((d: { documentId: string }) => d.documentId === documentId);
    const chokehold = doc.rules.chokehold.evidence;
    // The rule is on the scanned page 2 (the passage may begin with the typed heading above it).
    expect(chokehold.map((e: { page: number; endPage: number; ocr: boolean }) => [e.endPage, e.ocr])).toEqual([[2, true]]);
  });

  it('anchors a highlight on OCR text, with boxes from the word boxes', async () => {
    const a = await t.call('annotations.create', { caseId, documentId, page: 2, quote: 'Chokeholds are prohibited' });
    // The line was typed at x 60, baseline 720 (PDF units, from the bottom), in 20-point type.
    expect(a.rects.length).toBe(3);
    expect(a.rects[0].page).toBe(2);
    expect(a.rects[0].x).toBeGreaterThan(55);
    expect(a.rects[0].x).toBeLessThan(65);
    expect(a.rects[0].y).toBeGreaterThan(710);
    expect(a.rects[0].y).toBeLessThan(725);
    expect(a.rects[0].h).toBeGreaterThan(10);
  });
});
