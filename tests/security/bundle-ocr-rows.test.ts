// Crafted OCR rows in a case bundle signed by a trusted key. page_ocr says where a page's text
// came from and where each word lies on the image; a crafted row could flood memory with words,
// draw boxes off the page, claim a page the document does not have, pass a digital page's own
// text off as OCR (or the reverse), or put an unknown status in the queue. Each is refused
// whole, saying why, and nothing in the workspace changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScene, expectRefusedUnchanged, type Body } from './bundle-craft.ts';
import { MAX_OCR_WORDS } from '../../electron/services/bundle/rows.ts';

let scene: Awaited<ReturnType<typeof bundleScene>>;
beforeAll(async () => {
  scene = await bundleScene();
});
afterAll(() => scene?.cleanup());

type Row = Record<string, unknown>;

/** A well-formed OCR row for page 2 of the bundle's document, with page 2 marked as scanned. */
function withOcrRow(b: Body, change: (row: Row, b: Body) => void = () => {}) {
  const pages = b.pages as Row[];
  const doc = (b.documents as Row[])[0]!;
  pages.find((p) => p.page_index === 1)!.needs_ocr = 1;
  const row: Row = {
    document_id: doc.id,
    page_index: 1,
    source: 'ocr',
    status: 'done',
    engine: 'tesseract.js',
    engine_version: '7.0.0',
    lang_sha256: 'a'.repeat(64),
    mean_confidence: 91.5,
    rotation: 0,
    skew_degrees: 0.4,
    words: JSON.stringify([
      ['Choke', 0.1, 0.2, 0.18, 0.23, 95],
      ['holds.', 0.19, 0.2, 0.27, 0.23, 62],
    ]),
    error: null,
    updated_at: '2026-01-01T00:00:00.000Z',
  };
  b.pageOcr = [row];
  change(row, b);
}

const word = (x0: number, y0: number, x1: number, y1: number) => JSON.stringify([['word', x0, y0, x1, y1, 90]]);

describe('OCR rows in a bundle', () => {
  it.each([
    ['a words array larger than any page holds', (r: Row) => void (r.words = JSON.stringify(Array.from({ length: MAX_OCR_WORDS + 1 }, () => ['w', 0.1, 0.1, 0.2, 0.2, 90]))), 'pageOcr.0.words: more than 20,000 OCR words on one page'],
    ['a word box past the page’s right edge', (r: Row) => void (r.words = word(0.5, 0.5, 1.5, 0.6)), 'pageOcr.0.words: a word box lies outside the page (above 1)'],
    ['a word box above the page', (r: Row) => void (r.words = word(0.1, -0.2, 0.2, 0.1)), 'pageOcr.0.words: a word box lies outside the page (below 0)'],
    ['a word box that ends before it starts', (r: Row) => void (r.words = word(0.6, 0.1, 0.2, 0.2)), 'pageOcr.0.words: a word box ends before it starts'],
    ['a confidence over 100 %', (r: Row) => void (r.mean_confidence = 250), 'pageOcr.0.mean_confidence'],
    ['a rotation that is not a quarter turn', (r: Row) => void (r.rotation = 45), 'pageOcr.0.rotation'],
    ['a status not in the queue’s states', (r: Row) => void (r.status = "done'); DROP TABLE pages; --"), 'pageOcr.0.status'],
    ['OCR text that names no engine', (r: Row) => void (r.engine = null), 'pageOcr.0: an OCR page must name its engine, version, language data and confidence'],
    ['words on a page OCR has not read', (r: Row) => Object.assign(r, { source: 'none', status: 'pending' }), 'pageOcr.0: a page not read by OCR cannot carry OCR words'],
    ['words on a page waiting to be read over its own text layer', (r: Row) => Object.assign(r, { source: 'pdf', status: 'pending' }), 'pageOcr.0: a page not read by OCR cannot carry OCR words'],
    ['a page marked read whose text is still its own text layer', (r: Row) => Object.assign(r, { source: 'pdf', words: '[]' }), 'pageOcr.0: a page marked read by OCR has no OCR source'],
    ['an extra key naming another column', (r: Row) => void (r['document_id) SELECT id'] = 'x'), 'pageOcr.0: "document_id) SELECT id" is not part of a case bundle'],
  ])('refuse %s', async (_name, change, message) => {
    await expectRefusedUnchanged(scene.target, scene.craft({ body: (b) => withOcrRow(b, change) }), `bundle.json is not a valid case bundle (${message}`);
  });

  it('refuse a page number past the end of the document', async () => {
    const file = scene.craft({ body: (b) => withOcrRow(b, (r) => void (r.page_index = 3)) });
    await expectRefusedUnchanged(scene.target, file, /it has OCR provenance for page 4 of ".*", which has 3 pages\./);
  });

  it('refuse OCR provenance for a page with a text layer of its own', async () => {
    const file = scene.craft({ body: (b) => withOcrRow(b, (r) => void (r.page_index = 0)) });
    await expectRefusedUnchanged(scene.target, file, /it has OCR provenance for page 1 of ".*", a page with a text layer of its own \(its text would be shown as read by OCR\)\./);
  });

  it('refuse two readings of one page', async () => {
    const file = scene.craft({ body: (b) => withOcrRow(b, (r, body) => void (body.pageOcr as Row[]).push({ ...r, mean_confidence: 99 })) });
    await expectRefusedUnchanged(scene.target, file, /it has OCR provenance twice for page 2 of ".*"\./);
  });

  it('refuse OCR rows for a document the bundle does not hold', async () => {
    const file = scene.craft({ body: (b) => withOcrRow(b, (r) => void (r.document_id = 'not-in-this-bundle')) });
    await expectRefusedUnchanged(scene.target, file, 'a row of page_ocr points at document not-in-this-bundle, which the bundle does not hold.');
  });

  it('refuse highlights waiting to be carried onto a document the bundle does not hold', async () => {
    const file = scene.craft({
      body: (b) => void (b.tables.carry_after_ocr = [{ case_id: b.caseId, from_document_id: (b.documents as Row[])[0]!.id, to_document_id: 'elsewhere', requested_at: '2026-01-01T00:00:00.000Z' }]),
    });
    await expectRefusedUnchanged(scene.target, file, 'a row of carry_after_ocr points at document elsewhere, which the bundle does not hold.');
  });

  it('refuse a page said to wait for OCR over its own text layer that is not marked to be read by OCR', async () => {
    const waiting = (r: Row) => Object.assign(r, { page_index: 0, source: 'pdf', status: 'pending', words: '[]', engine: null, engine_version: null, lang_sha256: null, mean_confidence: null });
    await expectRefusedUnchanged(scene.target, scene.craft({ body: (b) => withOcrRow(b, waiting) }), /it has OCR provenance for page 1 of ".*", a page with a text layer of its own/);
  });

  it('accept the same row well formed (the refusals above are the crafted values, not the row)', async () => {
    const r = await scene.target.ws.dispatch('bundle.import', { path: scene.craft({ body: (b) => withOcrRow(b) }) });
    expect(r.ok).toBe(true);
  });

  it('accept a page waiting to be read by OCR over its own text layer, which keeps its text', async () => {
    const waiting = (r: Row) => Object.assign(r, { source: 'pdf', status: 'pending', words: '[]', engine: null, engine_version: null, lang_sha256: null, mean_confidence: null });
    // A scene of its own: the one above already holds this state of the case. (The target holds
    // the document already, so its own rows stand; ocr-over-text-layer.test.ts carries such rows
    // to a workspace without it.)
    const fresh = await bundleScene();
    try {
      const r = await fresh.target.ws.dispatch('bundle.import', { path: fresh.craft({ body: (b) => withOcrRow(b, waiting) }) });
      expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    } finally {
      fresh.cleanup();
    }
  });
});
