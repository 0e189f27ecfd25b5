// After an import, Credence looks (in the background, in the extractor process) for pages whose
// text is a scanner's own OCR: invisible text over the page image, often misread. The documents
// list and the CLI name those pages and offer Credence's reading of just them; the signed
// packet's sources.json names them, so an agency sees which findings rest on a scanner's reading.
// A file that cannot be looked at says why and is not looked at again and again.
import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packetSources } from '../../../electron/services/packet/sources.ts';
import { surveyScannerText } from '../../../electron/services/extraction/survey-pool.ts';
import { SOURCE_WORKER_PATH } from '../../../electron/services/extraction/extract-pool.ts';
import { DEFAULT_LIMITS } from '../../../electron/services/extraction/limits.ts';
import { blobPath } from '../../../electron/services/documents/blob-store.ts';
import { PRINTED, SCANNER_READ } from '../../fixtures/scanner-lines.ts';
import { scannedPdf, typedPdf } from '../../fixtures/scans.ts';
import { manyLargeImagesScan } from '../../fixtures/hostile-scans.ts';
import { encrypt, hasQpdf } from '../../fixtures/pdfs.ts';
import { tempWorkspace } from '../../support/workspace.ts';
import { docxParagraphs } from '../../support/docx-text.ts';
import { buildFindings } from '../../../electron/services/packet/findings.ts';
import { findingsDocx } from '../../../electron/services/packet/docx.ts';

const TYPED = [
  'SECTION 3 DE-ESCALATION',
  'Officers shall use time, distance',
  'and shielding to slow a situation',
  'down whenever it is safe to do so,',
  'and shall give a warning before force',
  'is used where it is feasible to warn.',
  'Supervisors review every report.',
];

// Two more pages of the order, each its own text (lines on every page would be taken for a running header).
const REPORTING = [
  'SECTION 4 REPORTING OF FORCE',
  'Every use of force is reported',
  'in writing before the end of shift,',
  'with the names of all witnesses,',
  'and the supervisor reviews each',
  'report within seven calendar days',
  'and forwards it to the training unit.',
];
const REPORTlNG = REPORTING.map((l) => l.replace(/i/g, 'l'));
const AID = [
  'SECTION 5 MEDICAL AID AFTER FORCE',
  'Officers shall render first aid',
  'to any injured person as soon as',
  'it is safe, and shall summon',
  'emergency medical services to',
  'every person who complains of',
  'pain or shows signs of injury,',
  'and shall stay with that person',
  'until medical personnel arrive.',
];
const AlD = AID.map((l) => l.replace(/I/g, 'l'));

/**
 * Pages: 1 typed (a text layer drawn visibly), 2 a scan with the scanner's text, 3 a scan with
 * none (read by OCR), 4 and 5 scans with the scanner's text.
 */
async function mixedOrder(stamp: string): Promise<Uint8Array> {
  const scans = await PDFDocument.load(await scannedPdf([PRINTED, PRINTED, REPORTING, AID], { fontSize: 22, scannerText: [SCANNER_READ, [], REPORTlNG, AlD], stamp }));
  const typed = await PDFDocument.load(await typedPdf([TYPED]));
  const out = await PDFDocument.create();
  const [t1] = await out.copyPages(typed, [0]);
  out.addPage(t1!);
  for (const p of await out.copyPages(scans, [0, 1, 2, 3])) out.addPage(p);
  return out.save({ useObjectStreams: false });
}

let t: ReturnType<typeof tempWorkspace>;
beforeAll(() => {
  // OCR is not started here (no auto): the survey is asked for, as the CLI does.
  t = tempWorkspace();
});
afterAll(() => t?.cleanup());

async function importMixed(ori: string) {
  const caseId = (await t.call('cases.create', { agencyName: 'Harlow Police Department', ori, state: 'IL' })).id as string;
  const file = t.write(`go12-${ori}.pdf`, await mixedOrder(`HPD ${ori}`));
  const [r] = await t.call('documents.import', { caseId, paths: [file] });
  return { caseId, documentId: r.document.id as string, sha256: r.document.sha256 as string };
}
const listed = async (caseId: string, id: string) => ((await t.call('documents.list', { caseId })) as Array<{ id: string; scannerText: unknown }>).find((d) => d.id === id)!.scannerText;

describe("pages carrying a scanner's own OCR", () => {
  it('are found after the import, named in the list and in sources.json, and can be read by OCR alone', async () => {
    const { caseId, documentId } = await importMixed('IL0990301');
    // Not looked at yet: the list says nothing, and reading "the scanner's pages" cannot be asked.
    expect(await listed(caseId, documentId)).toBeNull();
    await expect(t.call('ocr.readTextLayer', { caseId, documentId, onlyScannerText: true })).rejects.toThrow(/conflict: Credence has not looked at this document for a scanner's text yet/);
    expect(packetSources(t.ws.ctx.db, caseId)[0]).toMatchObject({ scannerTextPages: null, scannerTextUnknown: expect.stringMatching(/not looked at/) });

    await t.ws.services.scannerSurvey.complete([documentId]);
    // The typed page and the image-only page (OCR's to read) are not the scanner's.
    expect(await listed(caseId, documentId)).toEqual({ count: 3, runs: [[2, 2], [4, 5]] });
    const [source] = packetSources(t.ws.ctx.db, caseId);
    expect(source!.scannerTextPages).toEqual([2, 4, 5]);
    expect(source).not.toHaveProperty('scannerTextUnknown');
    // Search hits and highlights on those pages say whose reading their words are.
    const hits = (await t.call('search.query', { caseId, query: 'force' })) as Array<{ page: number; ocr: boolean; scannerText: boolean }>;
    expect(hits.map((h) => [h.page, h.ocr, h.scannerText]).sort()).toEqual([
      [1, false, false],
      [2, false, true],
      [4, false, true],
      [5, false, true],
    ]);
    const typedHits = (await t.call('search.query', { caseId, query: 'shielding' })) as Array<{ page: number; scannerText: boolean }>;
    expect(typedHits.map((h) => [h.page, h.scannerText])).toEqual([[1, false]]);
    const onScan = await t.call('annotations.create', { caseId, documentId, page: 2, quote: 'Officers shall intervene to stop', itemIds: [] });
    const onTyped = await t.call('annotations.create', { caseId, documentId, page: 1, quote: 'Officers shall use time, distance', itemIds: [] });
    const marks = new Map(((await t.call('annotations.list', { caseId })) as Array<{ id: string; ocr: boolean; scannerText: boolean }>).map((a) => [a.id, [a.ocr, a.scannerText]]));
    expect(marks.get(onScan.id)).toEqual([false, true]);
    expect(marks.get(onTyped.id)).toEqual([false, false]);
    // So do the pre-review's passages: the duty to intervene rests on the scanner's page 2, the
    // de-escalation rule on the typed page 1.
    const pre = (await t.call('prereview.forCase', { caseId })) as { documents: Array<{ documentId: string; rules: Record<string, { evidence: Array<{ page: number; ocr: boolean; scannerText: boolean }> } | undefined> }> };
    const rules = pre.documents.find((d) => d.documentId === documentId)!.rules;
    expect(rules['duty-to-intervene']!.evidence.map((e) => [e.page, e.ocr, e.scannerText])).toEqual([[2, false, true]]);
    expect(rules['de-escalation']!.evidence.map((e) => [e.page, e.ocr, e.scannerText])).toEqual([[1, false, false]]);
    // The findings an agency reads say so beside the citation, in findings.json and the DOCX.
    await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'GO 12 bans chokeholds.', evidenceIds: [onScan.id, onTyped.id] });
    // The lead confirms it before signing, as a gap of its own.
    const gaps = (await t.call('review.signSummary', { caseId })).gaps as Array<{ kind: string; count: number; statement: string; entries: string[] }>;
    expect(gaps.find((g) => g.kind === 'scanner-text-evidence')).toMatchObject({
      count: 1,
      statement: "I sign with 1 determination resting on a scanner's OCR text",
      entries: [expect.stringMatching(/^Chokeholds? .*: go12-IL0990301, p\. 2$/i)],
    });
    const findings = buildFindings(t.ws.services.cases.get(caseId), t.ws.services.checklist.forCase(caseId), [], { generatedAt: '2026-11-29T00:00:00.000Z', lead: null, singlePersonReview: false, people: [], madeBy: {}, singlePersonReviewLog: [] });
    const cited = findings.items.find((i) => i.id === 'mandatory.chokehold')!.evidence;
    expect(cited.map((e) => [e.pages, e.ocr, e.scannerText]).sort()).toEqual([
      ['1', false, false],
      ['2', false, true],
    ]);
    const paragraphs = docxParagraphs(await findingsDocx(findings));
    expect(paragraphs.find((x) => x.includes('Officers shall intervene to stop'))).toMatch(/, p\. 2 \([a-z]+; scanner's OCR text\)$/);
    expect(paragraphs.find((x) => x.includes('Officers shall use time, distance'))).toMatch(/, p\. 1 \([a-z]+\)$/);

    // Only those pages are queued (the range asked for narrows them), and the request is audited.
    expect(await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 1, toPage: 4, onlyScannerText: true })).toEqual({ queued: 2, alreadyOcr: 0, fromPage: 1, toPage: 4 });
    const waiting = (await t.call('ocr.pageWords', { caseId, documentId, page: 2 })) as { source: string; status: string };
    expect(waiting).toMatchObject({ source: 'pdf', status: 'pending' });
    expect(await t.call('ocr.pageWords', { caseId, documentId, page: 1 })).toMatchObject({ source: 'pdf', status: null });
    // Asked again: nothing new, and the two waiting pages are counted as already asked for.
    expect(await t.call('ocr.readTextLayer', { caseId, documentId, onlyScannerText: true })).toEqual({ queued: 1, alreadyOcr: 2, fromPage: 1, toPage: 5 });
    const trail = (await t.call('audit.list', { caseId })) as Array<{ action: string }>;
    expect(trail.filter((e) => e.action === 'ocr.readTextLayer')).toHaveLength(2);
    // Waiting pages still carry the scanner's text, so the list and the packet still name them.
    expect(await listed(caseId, documentId)).toEqual({ count: 3, runs: [[2, 2], [4, 5]] });
  });

  it('counts a page asked to be read by OCR before the look, whose file text still stands', async () => {
    const { caseId, documentId } = await importMixed('IL0990307');
    expect(await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 2, toPage: 2 })).toMatchObject({ queued: 1 });
    await t.ws.services.scannerSurvey.complete([documentId]);
    expect(await listed(caseId, documentId)).toEqual({ count: 3, runs: [[2, 2], [4, 5]] });
  });

  it('is looked at once even when the file cannot be read, and says why instead of guessing', async () => {
    const { caseId, documentId, sha256 } = await importMixed('IL0990302');
    // The stored copy is altered after import (same size, other bytes): the extractor refuses it.
    const blob = blobPath(t.ws.ctx.paths.blobs, sha256);
    const bytes = fs.readFileSync(blob);
    bytes.fill(0x20, 200, 400);
    fs.chmodSync(blob, 0o600);
    fs.writeFileSync(blob, bytes);
    await t.ws.services.scannerSurvey.complete([documentId]);
    expect(await listed(caseId, documentId)).toBeNull();
    const [source] = packetSources(t.ws.ctx.db, caseId);
    expect(source).toMatchObject({ scannerTextPages: null, scannerTextUnknown: expect.stringMatching(/stored copy/i) });
    await expect(t.call('ocr.readTextLayer', { caseId, documentId, onlyScannerText: true })).rejects.toThrow(
      /conflict: Credence could not look at this document for a scanner's text: The workspace's stored copy .+ Choose the pages to read instead\./,
    );
    // Asked again, it is not looked at again: the failure stands until the document is imported anew.
    const before = t.ws.ctx.db.prepare('SELECT surveyed_at FROM scanner_text_survey WHERE document_id = ?').pluck().get(documentId);
    await t.ws.services.scannerSurvey.complete([documentId]);
    expect(t.ws.ctx.db.prepare('SELECT surveyed_at FROM scanner_text_survey WHERE document_id = ?').pluck().get(documentId)).toBe(before);
  });

  it.skipIf(!hasQpdf())('an encrypted file whose password was not kept is looked at once the password is entered (needs qpdf)', async () => {
    const caseId = (await t.call('cases.create', { agencyName: 'Harlow Police Department', ori: 'IL0990306', state: 'IL' })).id as string;
    const file = t.write('locked.pdf', encrypt(await mixedOrder('HPD IL0990306'), 'harlow-2020'));
    const [r] = await t.call('documents.import', { caseId, paths: [file], password: 'harlow-2020' });
    const documentId = r.document.id as string;
    // As if imported before passwords were kept: the look cannot open the file, and says so.
    t.ws.ctx.db.prepare('DELETE FROM document_passwords WHERE document_id = ?').run(documentId);
    await t.ws.services.scannerSurvey.complete([documentId]);
    expect(packetSources(t.ws.ctx.db, caseId)[0]).toMatchObject({ scannerTextPages: null, scannerTextUnknown: expect.stringMatching(/password/) });
    await t.call('documents.rememberPassword', { caseId, documentId, password: 'harlow-2020' });
    await t.ws.services.scannerSurvey.settled();
    expect(await listed(caseId, documentId)).toEqual({ count: 3, runs: [[2, 2], [4, 5]] });
  });

  it('is looked for by the app on its own after an import, and the window is told', async () => {
    const app = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
    try {
      const caseId = (await app.call('cases.create', { agencyName: 'Harlow Police Department', ori: 'IL0990304', state: 'IL' })).id as string;
      const told = new Promise<unknown>((resolve) => app.ws.subscribe((event, payload) => event === 'documents.surveyed' && resolve(payload)));
      const [r] = await app.call('documents.import', { caseId, paths: [app.write('go12.pdf', await mixedOrder('HPD IL0990304'))] });
      expect(await told).toEqual({ caseId, documentId: r.document.id, scannerPages: 3 });
      const docs = (await app.call('documents.list', { caseId })) as Array<{ scannerText: unknown }>;
      expect(docs[0]!.scannerText).toEqual({ count: 3, runs: [[2, 2], [4, 5]] });
    } finally {
      app.cleanup();
    }
  });

  it('stops a file that takes too long, as the import does', async () => {
    const { sha256 } = await importMixed('IL0990303');
    const blob = blobPath(t.ws.ctx.paths.blobs, sha256);
    const stored = { path: blob, byteLength: fs.statSync(blob).size, sha256 };
    await expect(surveyScannerText(stored, [0, 1, 2, 3, 4], { workerPath: SOURCE_WORKER_PATH, limits: { ...DEFAULT_LIMITS, fixedTimeMs: 1 } })).rejects.toMatchObject({ code: 'too_slow' });
    // Within its limits the same file is looked at, and the pages asked for are all that is answered.
    expect(await surveyScannerText(stored, [0, 1, 4], { workerPath: SOURCE_WORKER_PATH })).toEqual([1, 4]);
  });

  it('looks at a typed page that paints gigabytes of images without decoding them, within small caps', async () => {
    // Its text reads as any page's; its ten blank 35-megapixel images (350 MB decoded) are never
    // decoded to list the page's operators, so the look stays under a 16 MB buffer cap.
    const doc = await PDFDocument.load(await manyLargeImagesScan(TYPED, 10));
    const typed = await PDFDocument.load(await typedPdf([TYPED]));
    const [first] = await doc.copyPages(typed, [0]);
    doc.removePage(0);
    doc.insertPage(0, first!);
    // The second page (the images) gets typed text too, more than a stamp's, so it is a page the survey looks at.
    const page2 = doc.getPage(1);
    [...TYPED, ...PRINTED].forEach((line, i) => page2.drawText(line, { x: 60, y: 740 - i * 24, size: 16 }));
    const caseId = (await t.call('cases.create', { agencyName: 'Harlow Police Department', ori: 'IL0990305', state: 'IL' })).id as string;
    const [r] = await t.call('documents.import', { caseId, paths: [t.write('images.pdf', await doc.save({ useObjectStreams: false }))] });
    expect(r).toMatchObject({ ok: true, document: { pageCount: 2, pagesNeedingOcr: 0 } });
    const blob = blobPath(t.ws.ctx.paths.blobs, r.document.sha256);
    const stored = { path: blob, byteLength: fs.statSync(blob).size, sha256: r.document.sha256 as string };
    // Visible text over images is the page's own print, not a scanner's reading.
    expect(await surveyScannerText(stored, [0, 1], { workerPath: SOURCE_WORKER_PATH, limits: { ...DEFAULT_LIMITS, heapMb: 64, bufferMb: 16 } })).toEqual([]);
  });
});
