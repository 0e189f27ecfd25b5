// A scanned policy replaced by a scanned revision: the revision's pages have no text until OCR
// reads them, so its highlights cannot be carried at once (every one would be orphaned). They
// wait on the old version, untouched, and follow their words onto the new one once OCR has read
// it — here a highlighted sentence that moved from the second line of page 1 to the third of page 2. If the reading
// is stopped instead, the carry runs on what there is, as any replacement does.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { TEST_PASSPHRASE, tempWorkspace } from '../../support/workspace.ts';

const CHOKE = 'Choke holds are prohibited unless';
const V1 = [
  ['GENERAL ORDER 9 USE OF FORCE', CHOKE, 'deadly force is authorized by law.'],
  ['Officers shall render medical aid', 'as soon as it is safe to do so.'],
];
const V2 = [
  ['GENERAL ORDER 9 USE OF FORCE', 'REVISED 2026', 'Officers shall intervene to stop', 'excessive force by another officer.'],
  ['Officers shall render medical aid', 'as soon as it is safe to do so.', CHOKE, 'deadly force is authorized by law.'],
];
const scan = (pages: string[][], stamp?: string) => scannedPdf(pages, { fontSize: 22, ...(stamp ? { stamp } : {}) });

let t: ReturnType<typeof tempWorkspace>;
let v1Path: string;
const read = async () => {
  t.ws.services.ocr.start();
  await t.ws.services.ocr.whenIdle();
};

beforeAll(async () => {
  t = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150 } } });
  v1Path = t.write('go9-2025.pdf', await scan(V1));
}, 120_000);
afterAll(() => t?.cleanup());

/** A case with the scanned first version read by OCR, the chokehold line highlighted and relied on. */
async function caseWithHighlight(ori: string) {
  const caseId = (await t.call('cases.create', { agencyName: 'Harlow Police Department', ori, state: 'IL' })).id;
  const [r] = await t.call('documents.import', { caseId, paths: [v1Path] });
  await read();
  const h = await t.call('annotations.create', { caseId, documentId: r.document.id, page: 1, quote: CHOKE, itemIds: ['mandatory.chokehold'] });
  await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'GO 9 bans choke holds unless deadly force is authorized.', evidenceIds: [h.id] });
  return { caseId, oldId: r.document.id as string, h };
}

async function highlightIn(w: ReturnType<typeof tempWorkspace>, caseId: string, id: string) {
  return ((await w.call('annotations.list', { caseId })) as Array<{ id: string; documentId: string; status: string; pageFrom: number; quote: string; rects: Array<{ page: number; x: number; y: number; w: number; h: number }> }>).find((a) => a.id === id)!;
}
const highlight = (caseId: string, id: string) => highlightIn(t, caseId, id);
const stale = async (caseId: string) => (await t.call('checklists.forCase', { caseId })).entries.find((e: { item: { id: string } }) => e.item.id === 'mandatory.chokehold').flags.stale as boolean;

describe('replacing a scanned policy with a scanned revision', () => {
  it('holds its highlights until OCR has read the revision, then puts them on the new words', async () => {
    const { caseId, oldId, h } = await caseWithHighlight('IL0990091');
    const r = await t.call('documents.replace', { caseId, documentId: oldId, path: t.write('go9-2026.pdf', await scan(V2)) });
    // Nothing carried or orphaned yet: the highlight waits on the old version, its determination not stale.
    expect(r).toMatchObject({ kept: 0, relocated: 0, edited: 0, orphaned: 0, waiting: 1 });
    expect(await highlight(caseId, h.id)).toMatchObject({ documentId: oldId, status: 'active', pageFrom: 1 });
    expect(await stale(caseId)).toBe(false);
    expect((await t.call('documents.list', { caseId })).map((d: { id: string }) => d.id)).toEqual([r.documentId]);

    await read();
    const moved = await highlight(caseId, h.id);
    expect(moved).toMatchObject({ documentId: r.documentId, status: 'active', pageFrom: 2, quote: CHOKE });
    // The same words, moved: the determination resting on them still stands.
    expect(await stale(caseId)).toBe(false);

    // Its boxes are the OCR boxes of those words on the new page (PDF units, y up from the bottom).
    const { w: pageW, h: pageH } = JSON.parse((t.ws.ctx.db.prepare('SELECT items FROM pages WHERE document_id = ? AND page_index = 1').get(r.documentId) as { items: string }).items) as { w: number; h: number };
    const words = (await t.call('ocr.pageWords', { caseId, documentId: r.documentId, page: 2 })).words as Array<{ text: string; box: [number, number, number, number] }>;
    const at = words.findIndex((w, i) => CHOKE.split(' ').every((x, k) => words[i + k]?.text === x));
    expect(at).toBeGreaterThanOrEqual(0);
    const boxes = words.slice(at, at + CHOKE.split(' ').length).map((w) => ({ x0: w.box[0] * pageW, x1: w.box[2] * pageW, y0: (1 - w.box[3]) * pageH, y1: (1 - w.box[1]) * pageH }));
    const line = { x0: Math.min(...boxes.map((b) => b.x0)), x1: Math.max(...boxes.map((b) => b.x1)), y0: Math.min(...boxes.map((b) => b.y0)), y1: Math.max(...boxes.map((b) => b.y1)) };
    expect(moved.rects.length).toBeGreaterThan(0);
    for (const rect of moved.rects) {
      expect(rect.page).toBe(2);
      expect(rect.x).toBeGreaterThanOrEqual(line.x0 - 1);
      expect(rect.x + rect.w).toBeLessThanOrEqual(line.x1 + 1);
      expect(rect.y).toBeGreaterThanOrEqual(line.y0 - 1);
      expect(rect.y + rect.h).toBeLessThanOrEqual(line.y1 + 1);
    }
    // And every word of the sentence lies under the highlight.
    for (const b of boxes) {
      const cx = (b.x0 + b.x1) / 2;
      const cy = (b.y0 + b.y1) / 2;
      expect(moved.rects.some((x) => cx >= x.x && cx <= x.x + x.w && cy >= x.y && cy <= x.y + x.h)).toBe(true);
    }

    const history = (await t.call('audit.history', { caseId })) as Array<{ action: string; sentence: string }>;
    expect(history.map((e) => e.action)).toEqual(expect.arrayContaining(['documents.replace', 'documents.replaceAfterOcr']));
    expect(history.find((e) => e.action === 'documents.replaceAfterOcr')!.sentence).toContain('read by OCR: its highlights followed their words onto it');
    expect(t.ws.ctx.db.prepare('SELECT count(*) AS n FROM carry_after_ocr').get()).toEqual({ n: 0 });
  }, 240_000);

  it('hands the wait on in a case bundle: the receiving copy reads the revision and moves the highlight there', async () => {
    const { caseId, oldId, h } = await caseWithHighlight('IL0990093');
    const r = await t.call('documents.replace', { caseId, documentId: oldId, path: t.write('go9-2026-bundled.pdf', await scan(V2, 'COPY 2')) });
    expect(r.waiting).toBe(1);
    const me = t.ws.services.session.current!;
    const bundle = path.join(t.dataDir, '..', 'harlow.credence-case');
    await t.call('bundle.export', { caseId, outPath: bundle, passphrase: TEST_PASSPHRASE });
    const b = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
    try {
      await b.call('roster.import', { path: t.write('me.pub.pem', me.publicKeyPem), name: 'Sender' });
      await b.call('bundle.import', { path: bundle });
      expect(await highlightIn(b, caseId, h.id)).toMatchObject({ documentId: oldId, status: 'active' });
      await b.ws.services.ocr.whenIdle();
      expect(await highlightIn(b, caseId, h.id)).toMatchObject({ documentId: r.documentId, status: 'active', pageFrom: 2, quote: CHOKE });
      expect(b.ws.ctx.db.prepare('SELECT count(*) AS n FROM carry_after_ocr').get()).toEqual({ n: 0 });
    } finally {
      b.cleanup();
      fs.rmSync(bundle, { force: true });
    }
    await t.call('ocr.cancel', { caseId, documentId: r.documentId });
  }, 240_000);

  it('carries on what there is when the revision’s reading is stopped: the highlight is orphaned and its determination stale', async () => {
    const { caseId, oldId, h } = await caseWithHighlight('IL0990092');
    const r = await t.call('documents.replace', { caseId, documentId: oldId, path: t.write('go9-2026-stamped.pdf', await scan(V2, 'BATES 000123')) });
    expect(r.waiting).toBe(1);
    expect(await t.call('ocr.cancel', { caseId, documentId: r.documentId })).toEqual({ cancelled: 2 });
    expect(await highlight(caseId, h.id)).toMatchObject({ documentId: oldId, status: 'orphaned' });
    expect(await stale(caseId)).toBe(true);
    expect(t.ws.ctx.db.prepare('SELECT count(*) AS n FROM carry_after_ocr').get()).toEqual({ n: 0 });
  }, 240_000);
});
