// What a finding rests on, when part of it was read by OCR: a mixed policy (a typed page, then a
// scanned one) is imported and OCRed for real; highlights on the scanned page survive its OCR
// being redone (as by a better engine), carried forward like a revised document's; and the signed
// packet's sources.json lists which pages are OCR text, with the engine and its confidence.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { verifyPacket } from '../../../electron/services/packet/verify.ts';
import { scannedPdf, typedPdf } from '../../fixtures/scans.ts';
import { GAP_KINDS } from '../../../shared/schemas/sign-summary.ts';
import { LEAD, TEST_PASSPHRASE, tempWorkspace } from '../../support/workspace.ts';

const TYPED = ['MARLOW TOWNSHIP POLICE', 'General Order 7.2 Use of Force'];
const SCANNED = ['Choke holds are prohibited unless', 'deadly force is authorized by law.', 'Officers shall render aid at once.'];

/** Page 1 typed (a text layer of its own), page 2 scanned (an image only): a normal mixed policy. */
async function mixedPolicy(): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const bytes of [await typedPdf([TYPED], 22), await scannedPdf([SCANNED], { dpi: 150, fontSize: 22 })]) {
    const src = await PDFDocument.load(bytes);
    for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
  }
  return out.save({ useObjectStreams: false });
}

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let mixedId: string;
let sampleId: string;

beforeAll(async () => {
  t = tempWorkspace({ ocr: { poolSize: 1 } });
  caseId = (await t.call('cases.create', { agencyName: 'Marlow Township Police Department', ori: 'IL0990000', state: 'IL' })).id;
  const [m, s] = await t.call('documents.import', { caseId, paths: [t.write('go-7-2-mixed.pdf', await mixedPolicy()), t.write('go300.pdf', await generateSamplePdf())] });
  mixedId = m.document.id;
  sampleId = s.document.id;
  t.ws.services.ocr.start();
  await t.ws.services.ocr.whenIdle();
}, 240_000);
afterAll(() => t?.cleanup());

const docOcr = async (id: string) => ((await t.call('documents.list', { caseId })) as Array<{ id: string; ocr: { pagesOcr: number; pending: number; failed: number; meanConfidence: number | null } | null }>).find((d) => d.id === id)!.ocr;

describe('a mixed policy', () => {
  it('reads only its scanned page by OCR, and says so per page', async () => {
    expect(await docOcr(mixedId)).toMatchObject({ pagesOcr: 1, pending: 0, failed: 0 });
    expect(await docOcr(sampleId)).toBeNull();
    const typed = await t.call('ocr.pageWords', { caseId, documentId: mixedId, page: 1 });
    expect(typed).toMatchObject({ source: 'pdf', words: [] });
    const scanned = await t.call('ocr.pageWords', { caseId, documentId: mixedId, page: 2 });
    expect(scanned.source).toBe('ocr');
    expect(scanned.words.map((w: { text: string }) => w.text).join(' ')).toContain('prohibited');
  });
});

describe('highlights on OCR text when the page is read again', () => {
  it('follow their words onto the new reading: exact words kept, misread words re-found and their determination marked stale', async () => {
    // What a weaker engine might have read: two letters wrong, same length, so the stored word
    // boxes still line up with the text.
    const row = t.ws.ctx.db.prepare('SELECT text FROM pages WHERE document_id = ? AND page_index = 1').get(mixedId) as { text: string };
    expect(row.text).toMatch(/prohibited/);
    const weaker = row.text.replace('holds', 'ho1ds').replace('prohibited', 'prohibitcd');
    t.ws.ctx.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND page_index = 1').run(weaker, mixedId);
    const misread = await t.call('annotations.create', { caseId, documentId: mixedId, page: 2, quote: 'Choke ho1ds are prohibitcd unless', itemIds: ['mandatory.chokehold'] });
    const intact = await t.call('annotations.create', { caseId, documentId: mixedId, page: 2, quote: 'Officers shall render aid at once.', itemIds: ['mandatory.adherence-to-law'] });
    const onTyped = await t.call('annotations.create', { caseId, documentId: mixedId, page: 1, quote: 'General Order 7.2 Use of Force', itemIds: ['mandatory.adherence-to-law'] });
    await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'GO 7.2.4 bans choke holds unless deadly force is authorized.', evidenceIds: [misread.id] });
    await t.call('determinations.set', { caseId, itemId: 'mandatory.adherence-to-law', status: 'met', rationale: 'Force as the law allows.', evidenceIds: [intact.id, onTyped.id] });
    const before = new Map(((await t.call('annotations.list', { caseId })) as Array<{ id: string; rects: unknown }>).map((a) => [a.id, a]));

    // A better reading replaces the page's text (here the same engine, reading the image again).
    expect((await t.call('ocr.run', { caseId, documentId: mixedId, redo: true })).queued).toBe(1);
    await t.ws.services.ocr.whenIdle();

    const after = new Map(((await t.call('annotations.list', { caseId })) as Array<{ id: string; quote: string; status: string; pageFrom: number; rects: Array<{ page: number; x: number; y: number; w: number; h: number }> }>).map((a) => [a.id, a]));
    const carried = after.get(misread.id)!;
    expect(carried.status).toBe('active');
    expect(carried.quote.replace(/\s+/g, ' ')).toBe('Choke holds are prohibited unless');
    expect(carried.pageFrom).toBe(2);
    // Its boxes are the new reading's word boxes, on the scanned page.
    expect(carried.rects.length).toBeGreaterThan(0);
    expect(carried.rects.every((r) => r.page === 2 && r.w > 0 && r.h > 0)).toBe(true);
    expect(after.get(intact.id)).toMatchObject({ status: 'active', quote: 'Officers shall render aid at once.' });
    // A highlight on a page that was not read again keeps the boxes it was drawn with.
    expect(after.get(onTyped.id)!.rects).toEqual(before.get(onTyped.id)!.rects);

    const stale = Object.fromEntries((await t.call('checklists.forCase', { caseId })).entries.map((e: { item: { id: string }; flags: { stale: boolean } }) => [e.item.id, e.flags.stale]));
    // The words under the chokehold determination changed (misread → read): look at it again.
    expect(stale['mandatory.chokehold']).toBe(true);
    expect(stale['mandatory.adherence-to-law']).toBe(false);

    const trail = (await t.call('audit.list', { caseId })) as Array<{ action: string }>;
    expect(trail.map((e) => e.action)).toContain('annotations.reread');
  }, 240_000);
});

describe('the signed packet', () => {
  it('lists in sources.json which pages of each document are OCR text, with engine and mean confidence', async () => {
    const lead = t.ws.services.identities.create({ ...LEAD, passphrase: TEST_PASSPHRASE });
    await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'Looked again: GO 7.2.4 bans choke holds unless deadly force is authorized.', evidenceIds: ((await t.call('annotations.list', { caseId })) as Array<{ id: string; itemIds: string[] }>).filter((a) => a.itemIds.includes('mandatory.chokehold')).map((a) => a.id) });
    await t.call('review.submit', { caseId });
    await t.call('identity.use', { identityId: lead.id, passphrase: TEST_PASSPHRASE });
    await t.call('review.approve', { caseId });
    await t.call('review.sign', { caseId, passphrase: TEST_PASSPHRASE, acknowledge: [...GAP_KINDS] });
    const out = path.join(t.dataDir, '..', 'packet.zip');
    await t.call('review.export', { caseId, outPath: out });
    const zip = new Uint8Array(fs.readFileSync(out));
    fs.rmSync(out);
    expect(verifyPacket(zip, { nameOf: (fp) => (fp === lead.fingerprint ? LEAD.name : null), source: 'the test roster' })).toMatchObject({ ok: true, verdict: 'trusted' });

    const sources = JSON.parse(strFromU8(unzipSync(zip)['sources.json']!));
    expect(sources.schema).toBe('credence.sources/1');
    const byName = new Map((sources.documents as Array<{ name: string }>).map((d) => [d.name, d]));
    const mixed = byName.get('go-7-2-mixed.pdf') as unknown as { pages: number; ocrPages: Array<{ page: number; engine: string; engineVersion: string; langDataSha256: string; meanConfidence: number }>; ocrMeanConfidence: number; pagesWithoutText: number[] };
    expect(mixed.pages).toBe(2);
    expect(mixed.ocrPages).toHaveLength(1);
    expect(mixed.ocrPages[0]).toMatchObject({ page: 2, engine: 'tesseract.js' });
    expect(mixed.ocrPages[0]!.engineVersion).toMatch(/^\d+\.\d+/);
    expect(mixed.ocrPages[0]!.langDataSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(mixed.ocrPages[0]!.meanConfidence).toBeGreaterThan(50);
    expect(mixed.ocrPages[0]!.meanConfidence).toBeLessThanOrEqual(100);
    expect(mixed.ocrMeanConfidence).toBe(mixed.ocrPages[0]!.meanConfidence);
    expect(mixed.pagesWithoutText).toEqual([]);
    // Signing looked at every document for a scanner's own OCR first (this workspace, like the
    // CLI, does not look in the background): none carries one, and that is known, not assumed.
    expect(mixed).toMatchObject({ scannerTextPages: [] });
    expect(mixed).not.toHaveProperty('scannerTextUnknown');
    // A digital policy rests on no OCR at all.
    expect(byName.get('go300.pdf')).toMatchObject({ pages: 3, ocrPages: [], ocrMeanConfidence: null, pagesWithoutText: [], scannerTextPages: [] });

    // The cited evidence says which passages are OCR text, in the workspace and in findings.json.
    const findings = JSON.parse(strFromU8(unzipSync(zip)['findings.json']!));
    const choke = (findings.items as Array<{ id: string; evidence: Array<{ document: string; pages: string; ocr: boolean }> }>).find((i) => i.id === 'mandatory.chokehold')!;
    expect(choke.evidence.length).toBeGreaterThan(0);
    for (const e of choke.evidence) expect(e.ocr).toBe(e.document === 'go-7-2-mixed' && e.pages === '2');
    expect(choke.evidence.some((e) => e.ocr)).toBe(true);
    const listed = (await t.call('annotations.list', { caseId })) as Array<{ documentId: string; pageFrom: number; ocr: boolean }>;
    for (const a of listed) expect(a.ocr).toBe(a.documentId === mixedId && a.pageFrom === 2);
  }, 120_000);
});
