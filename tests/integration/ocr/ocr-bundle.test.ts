// A scanned policy handed to another machine in a case bundle keeps what OCR found: each page's
// provenance (engine, version, language data, confidence, rotation, skew) and its words with
// boxes travel with the case, so the receiving copy shows the same badge, unsure words and text
// layer without reading a page again. A bundle from before OCR rows travelled queues its scanned
// pages on import instead, so they are never left as text without provenance.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempDir, tempWorkspace } from '../../support/workspace.ts';
import { resignedBundle } from '../../support/bundles.ts';

const PAGES = [
  ['Riverbend Police Department', 'General Order 4 Use of Force'],
  ['Choke holds are prohibited unless', 'deadly force is authorized by law.'],
  ['Officers shall render medical aid', 'as soon as it is safe to do so.'],
];

let a: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;
let bundle: string;
let anaKey: string;
const files = tempDir('credence-ocr-bundle-');

beforeAll(async () => {
  a = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150 } } });
  const ana = await a.call('identity.create', { name: 'Ana Reviewer', email: 'ana@body.example', role: 'reviewer', passphrase: 'ana passphrase' });
  await a.call('identity.use', { identityId: ana.id, passphrase: 'ana passphrase' });
  anaKey = path.join(files, 'ana.pub.pem');
  fs.writeFileSync(anaKey, ana.publicKeyPem);
  caseId = (await a.call('cases.create', { agencyName: 'Riverbend Police Department', ori: 'IL9990044', state: 'IL' })).id;
  // Page 1 typed, pages 2 and 3 scanned, page 3 fed sideways: the bundle must carry its turn.
  const pdf = await scannedPdf(PAGES, { textPages: [1], rotate90Page: 3, fontSize: 22 });
  const [r] = await a.call('documents.import', { caseId, paths: [a.write('go-4-scan.pdf', pdf)] });
  documentId = r.document.id;
  a.ws.services.ocr.start();
  await a.ws.services.ocr.whenIdle();
  await a.call('annotations.create', { caseId, documentId, page: 2, quote: 'Choke holds are prohibited', itemIds: ['mandatory.chokehold'] });
  bundle = path.join(files, 'riverbend.credence-case');
  await a.call('bundle.export', { caseId, outPath: bundle, passphrase: 'ana passphrase' });
}, 240_000);
afterAll(() => {
  a?.cleanup();
  fs.rmSync(files, { recursive: true, force: true });
});

/** What a person sees of the document's OCR: the list's summary and each page's words and provenance. */
async function ocrView(t: ReturnType<typeof tempWorkspace>) {
  const doc = ((await t.call('documents.list', { caseId })) as Array<{ id: string; ocr: unknown }>).find((d) => d.id === documentId)!;
  const pages = [];
  for (const page of [1, 2, 3]) pages.push(await t.call('ocr.pageWords', { caseId, documentId, page }));
  const provenance = t.ws.ctx.db
    .prepare('SELECT page_index, source, status, engine, engine_version, lang_sha256, mean_confidence, rotation, skew_degrees, words, error, updated_at FROM page_ocr WHERE document_id = ? ORDER BY page_index')
    .all(documentId);
  const hits = await t.call('search.query', { caseId, query: 'prohibited' });
  const annotations = await t.call('annotations.list', { caseId });
  return { summary: doc.ocr, pages, provenance, hits, annotations };
}

describe('a case bundle with a scanned document', () => {
  it('carries every OCR page’s provenance and words, and the importer reads nothing again', async () => {
    const before = await ocrView(a);
    expect(before.summary).toMatchObject({ pagesOcr: 2, pending: 0, failed: 0 });
    expect(before.pages[2]!.rotation).toBe(270); // fed turned clockwise: read turned back 270°
    expect(before.hits[0]).toMatchObject({ page: 2, ocr: true });

    // OCR on: had any page arrived unread, it would be read at once; none is.
    const b = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
    try {
      const progress: unknown[] = [];
      b.ws.subscribe((event, payload) => event === 'ocr.progress' && progress.push(payload));
      await b.call('roster.import', { path: anaKey, name: 'Ana Reviewer' });
      await b.call('bundle.import', { path: bundle });
      await b.ws.services.ocr.whenIdle();
      const after = await ocrView(b);
      expect(after).toEqual(before);
      expect(after.pages[1]!).toMatchObject({ source: 'ocr', engine: 'tesseract.js' });
      expect(after.pages[1]!.words.map((w: { text: string }) => w.text).join(' ')).toContain('prohibited');
      expect(progress).toEqual([]);
    } finally {
      b.cleanup();
    }
  });

  it('from before OCR rows travelled: its scanned pages are queued on import and read there', async () => {
    const old = withoutOcrRows(bundle, anaPrivate());
    const b = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
    try {
      await b.call('roster.import', { path: anaKey, name: 'Ana Reviewer' });
      await b.call('bundle.import', { path: old });
      const listed = ((await b.call('documents.list', { caseId })) as Array<{ ocr: { pending: number } }>)[0]!;
      expect(listed.ocr).toMatchObject({ pagesOcr: 0 });
      await b.ws.services.ocr.whenIdle();
      const after = await ocrView(b);
      expect(after.summary).toMatchObject({ pagesOcr: 2, pending: 0, failed: 0 });
      expect(after.pages[1]).toMatchObject({ source: 'ocr', engine: 'tesseract.js' });
      expect(after.pages[2]!.rotation).toBe(270);
    } finally {
      b.cleanup();
      fs.rmSync(old, { force: true });
    }
  }, 240_000);

  it('holds pages arriving unread to this workspace’s OCR page limit, like any import', async () => {
    const pending = resigned(bundle, anaPrivate(), 'pending-pages', (body) => {
      for (const r of body.pageOcr as Array<Record<string, unknown>>) Object.assign(r, { source: 'none', status: 'pending', engine: null, engine_version: null, lang_sha256: null, mean_confidence: null, rotation: 0, skew_degrees: 0, words: '[]' });
    });
    const b = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150, documentPages: 1 } } });
    try {
      await b.call('roster.import', { path: anaKey, name: 'Ana Reviewer' });
      await b.call('bundle.import', { path: pending });
      expect(b.ws.services.ocr.summary(documentId)).toMatchObject({ pending: 1, failed: 1 });
      expect(b.ws.services.ocr.failures(documentId)).toEqual([{ page: 3, error: expect.stringContaining('OCR reads at most 1 page of one document'), kept: false, kind: 'page_limit' }]);
    } finally {
      b.cleanup();
      fs.rmSync(pending, { force: true });
    }
  });

  it("refuses a bundle whose kept file text is not a page read by OCR's, or comes without its positions", async () => {
    const crafted = [
      resigned(bundle, anaPrivate(), 'file-text-on-unread', (body) => {
        const [r] = body.pageOcr as Array<Record<string, unknown>>;
        Object.assign(r!, { source: 'none', status: 'pending', engine: null, engine_version: null, lang_sha256: null, mean_confidence: null, words: '[]', file_text: 'Chokeholds are permitted.', file_items: '{"w":612,"h":792,"items":[]}' });
      }),
      resigned(bundle, anaPrivate(), 'file-text-alone', (body) => {
        Object.assign((body.pageOcr as Array<Record<string, unknown>>)[0]!, { file_text: 'Chokeholds are permitted.' });
      }),
    ];
    const b = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150 } } });
    try {
      await b.call('roster.import', { path: anaKey, name: 'Ana Reviewer' });
      const said = [];
      for (const f of crafted) {
        const r = await b.ws.dispatch('bundle.import', { path: f });
        said.push(r.ok ? 'imported' : r.error.message);
      }
      expect(said[0]).toMatch(/only a page read by OCR keeps the text it replaced/);
      expect(said[1]).toMatch(/a page's kept file text comes with its item positions/);
      // Nothing of either came in.
      expect(await b.call('cases.list', {})).toEqual([]);
    } finally {
      b.cleanup();
      for (const f of crafted) fs.rmSync(f, { force: true });
    }
  });
});

const anaPrivate = () => a.ws.services.identities.privateKey(a.ws.services.identities.list().find((i) => i.email === 'ana@body.example')!.id, 'ana passphrase');

/** The same bundle as an exporter from before OCR rows travelled would have written it, signed by the same key. */
function withoutOcrRows(file: string, key: crypto.KeyObject): string {
  return resigned(file, key, 'before-ocr-rows', (body) => {
    expect((body.pageOcr as unknown[]).length).toBe(2);
    delete body.pageOcr;
  });
}

/** The bundle with its body changed, signed again by the same (trusted) key. */
function resigned(file: string, key: crypto.KeyObject, name: string, change: (body: Record<string, unknown>) => void): string {
  return resignedBundle(file, key, files, name, change);
}
