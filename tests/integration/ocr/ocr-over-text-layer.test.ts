// A scanned policy that came with the scanner's own OCR: an invisible text layer over the page
// image, misread ("chokehoId", "carotld"). Credence takes it as text (it is text), so search and
// pre-review see only the scanner's reading. The reviewer asks for the pages to be read by OCR:
// the file's text stands until Credence's reading lands, then is replaced by it, highlights
// move to the new words, the page says OCR, the case's audit trail records the request, and a
// reading that fails leaves the file's text in place.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrPool } from '../../../electron/services/ocr/engine.ts';
import { realPoolWithStep } from '../../support/ocr-pool.ts';
import { packetSources } from '../../../electron/services/packet/sources.ts';
import { PRINTED, SCANNER_READ } from '../../fixtures/scanner-lines.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempDir, tempWorkspace } from '../../support/workspace.ts';

const INTERVENE = 'Officers shall intervene to stop';
const PRINTED_2 = [
  'SECTION 2 REPORTING OF FORCE',
  'A chokehold used where deadly force',
  'is justified shall be reported',
  'to the Chief of Police at once.',
  'Supervisors shall review every',
  'use of force report in writing',
  'within seven days of the incident.',
  'and forward it to the training unit.',
];
const SCANNER_READ_2 = [
  'SECTION 2 REPORTlNG OF FORCE',
  'A chokehoId used where deadIy force',
  'is justified shall be reported',
  'to the Chief of Pollce at once.',
  'Supervisors shall review every',
  'use of force report in writlng',
  'within seven days of the incldent.',
  'and forward it to the tralning unit.',
];

/**
 * The real engine, or one that fails every page (an engine fault) while `failing` is set; `hold()`
 * keeps the next page at the engine's door until released, and says when it got there.
 */
function switchablePool() {
  let failing = false;
  let held: { reached: () => void; gate: Promise<void> } | null = null;
  const createPool = (cacheDir: string): OcrPool =>
    realPoolWithStep({ cacheDir, size: 1 }, async () => {
      if (failing) throw new Error('The OCR engine stopped unexpectedly.');
      const h = held;
      held = null;
      if (h) {
        h.reached();
        await h.gate;
      }
    });
  const hold = () => {
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const there = new Promise<void>((r) => (reached = r));
    held = { reached, gate };
    return { there, release };
  };
  return { createPool, fail: (on: boolean) => (failing = on), hold };
}

let t: ReturnType<typeof tempWorkspace>;
const engine = switchablePool();
beforeAll(() => {
  t = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150 }, createPool: engine.createPool } });
});
afterAll(() => t?.cleanup());

/** A case with its own copy of the two-page order (its Bates stamp makes it a file of its own). */
async function importScan(ori: string, second: [string[], string[]] = [PRINTED_2, SCANNER_READ_2]) {
  const caseId = (await t.call('cases.create', { agencyName: 'Harlow Police Department', ori, state: 'IL' })).id as string;
  const file = t.write(`go12-${ori}.pdf`, await scannedPdf([PRINTED, second[0]], { fontSize: 22, scannerText: [SCANNER_READ, second[1]], stamp: `HPD ${ori}` }));
  const [r] = await t.call('documents.import', { caseId, paths: [file] });
  return { caseId, documentId: r.document.id as string, pagesNeedingOcr: r.document.pagesNeedingOcr as number };
}
const pagesOf = async (caseId: string, query: string) => ((await t.call('search.query', { caseId, query })) as Array<{ page: number; ocr: boolean }>).map((h) => `${h.page}${h.ocr ? ' ocr' : ''}`).sort();
const docOcr = async (caseId: string, id: string) => ((await t.call('documents.list', { caseId })) as Array<{ id: string; ocr: Record<string, unknown> | null }>).find((d) => d.id === id)!.ocr;
const read = async () => {
  t.ws.services.ocr.start();
  await t.ws.services.ocr.whenIdle();
};

describe("reading pages by OCR over a scanner's text layer", () => {
  it('keeps the file text until the reading lands, then searches, highlights and cites the words as printed', async () => {
    const { caseId, documentId, pagesNeedingOcr } = await importScan('IL0990121');
    // The scanner's layer is text: nothing is queued, and only its misreadings are found.
    expect(pagesNeedingOcr).toBe(0);
    expect(await docOcr(caseId, documentId)).toBeNull();
    expect(await pagesOf(caseId, 'chokehold')).toEqual([]);
    expect(await pagesOf(caseId, 'chokehoId')).toEqual(['1', '2']);
    const h = await t.call('annotations.create', { caseId, documentId, page: 1, quote: INTERVENE, itemIds: [] });

    const asked = await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 1, toPage: 1 });
    expect(asked).toEqual({ queued: 1, alreadyOcr: 0, fromPage: 1, toPage: 1 });
    // Waiting: the page's own text still stands for search (nothing read yet has been lost).
    expect(await docOcr(caseId, documentId)).toMatchObject({ total: 1, pagesOcr: 0, pending: 1, unreadRuns: [] });
    expect(await pagesOf(caseId, 'chokehoId')).toEqual(['1', '2']);
    expect(await t.call('ocr.pageWords', { caseId, documentId, page: 1 })).toMatchObject({ source: 'pdf', status: 'pending', words: [] });

    await read();
    expect(await docOcr(caseId, documentId)).toMatchObject({ total: 1, pagesOcr: 1, pending: 0, failed: 0 });
    // Page 1 now reads as printed, and says it is OCR text; page 2 was not asked for.
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr']);
    expect(await pagesOf(caseId, '"carotid restraint"')).toEqual(['1 ocr']);
    expect(await pagesOf(caseId, 'chokehoId')).toEqual(['2']);
    // Looked at for a scanner's text: page 2 still carries it, page 1 (read by Credence) no longer.
    await t.ws.services.scannerSurvey.complete([documentId]);
    const marks = async (q: string) => ((await t.call('search.query', { caseId, query: q })) as Array<{ page: number; ocr: boolean; scannerText: boolean }>).map((h) => [h.page, h.ocr, h.scannerText]);
    expect(await marks('chokehold')).toEqual([[1, true, false]]);
    expect(await marks('chokehoId')).toEqual([[2, false, true]]);
    expect(packetSources(t.ws.ctx.db, caseId)[0]!.scannerTextPages).toEqual([2]);
    const words = await t.call('ocr.pageWords', { caseId, documentId, page: 1 });
    expect(words.source).toBe('ocr');
    expect(words.words.map((w: { text: string }) => w.text).join(' ')).toContain('supervisor.');
    // The highlight moved onto the OCR words of the same sentence.
    const moved = ((await t.call('annotations.list', { caseId })) as Array<{ id: string; status: string; pageFrom: number; quote: string; rects: unknown[] }>).find((a) => a.id === h.id)!;
    expect(moved).toMatchObject({ status: 'active', pageFrom: 1, quote: INTERVENE });
    expect(moved.rects.length).toBeGreaterThan(0);
    // The request is in the case's trail, and the packet's sources name page 1 as OCR text.
    const trail = (await t.call('audit.list', { caseId })) as Array<{ action: string; entityId: string }>;
    expect(trail.filter((e) => e.action === 'ocr.readTextLayer').map((e) => e.entityId)).toEqual([documentId]);
    const history = (await t.call('audit.history', { caseId })) as Array<{ action: string; sentence: string }>;
    expect(history.find((e) => e.action === 'ocr.readTextLayer')!.sentence).toMatch(/^.+ had pages of “go12-IL0990121” read by OCR instead of the file's own text \(a scanner's reading\)$/);
    // The chain still verifies with the new kind of entry in it.
    expect(await t.call('audit.verify', { caseId })).toMatchObject({ ok: true });
    const [source] = packetSources(t.ws.ctx.db, caseId);
    expect(source!.ocrPages.map((p) => p.page)).toEqual([1]);
    expect(source!.pagesWithoutText).toEqual([]);
  });

  it('keeps a highlight on its page though the same sentence, as the scanner read it, stands on a page not read again', async () => {
    const { caseId, documentId } = await importScan('IL0990126', [PRINTED, SCANNER_READ]);
    const h = await t.call('annotations.create', { caseId, documentId, page: 1, quote: INTERVENE, itemIds: [] });
    await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 1, toPage: 1 });
    await read();
    const moved = ((await t.call('annotations.list', { caseId })) as Array<{ id: string; status: string; pageFrom: number }>).find((a) => a.id === h.id)!;
    expect(moved).toMatchObject({ status: 'active', pageFrom: 1 });
  });

  it('asked again, leaves pages already read by OCR as they are; the rest of the document is read', async () => {
    const { caseId, documentId } = await importScan('IL0990122');
    await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 2, toPage: 2 });
    await read();
    expect(await t.call('ocr.readTextLayer', { caseId, documentId })).toEqual({ queued: 1, alreadyOcr: 1, fromPage: 1, toPage: 2 });
    await read();
    expect(await docOcr(caseId, documentId)).toMatchObject({ total: 2, pagesOcr: 2 });
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr', '2 ocr']);
    expect(await pagesOf(caseId, 'chokehoId')).toEqual([]);
    // Nothing left to read: no new entry in the trail for a request that changed nothing.
    expect(await t.call('ocr.readTextLayer', { caseId, documentId })).toMatchObject({ queued: 0, alreadyOcr: 2 });
    const trail = (await t.call('audit.list', { caseId })) as Array<{ action: string }>;
    expect(trail.filter((e) => e.action === 'ocr.readTextLayer')).toHaveLength(2);
  });

  it('when the reading fails, keeps the file text and says the re-reading failed', async () => {
    const { caseId, documentId } = await importScan('IL0990123');
    engine.fail(true);
    try {
      await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 1, toPage: 1 });
      await read();
    } finally {
      engine.fail(false);
    }
    expect(await docOcr(caseId, documentId)).toMatchObject({ total: 1, pagesOcr: 0, failed: 1, failedKept: 1, failures: [{ page: 1, kept: true }] });
    expect(await pagesOf(caseId, 'chokehoId')).toEqual(['1', '2']);
    const [source] = packetSources(t.ws.ctx.db, caseId);
    expect(source).toMatchObject({ ocrPages: [], pagesWithoutText: [] });
    // Retry reads it, as any failed page.
    await t.call('ocr.run', { caseId, documentId });
    await read();
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr']);
  });

  it('travels in a case bundle: a page read over its text layer stays OCR text there, and one whose reading failed keeps its own', async () => {
    const { caseId, documentId } = await importScan('IL0990127');
    await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 1, toPage: 1 });
    await read();
    engine.fail(true);
    try {
      await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 2, toPage: 2 });
      await read();
    } finally {
      engine.fail(false);
    }
    const files = tempDir('credence-over-text-bundle-');
    const b = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
    try {
      const ana = await t.call('identity.create', { name: 'Ana Reviewer', email: 'ana@body.example', role: 'reviewer', passphrase: 'ana passphrase' });
      await t.call('identity.use', { identityId: ana.id, passphrase: 'ana passphrase' });
      const bundle = path.join(files, 'harlow.credence-case');
      await t.call('bundle.export', { caseId, outPath: bundle, passphrase: 'ana passphrase' });
      fs.writeFileSync(path.join(files, 'ana.pub.pem'), ana.publicKeyPem);
      await b.call('roster.import', { path: path.join(files, 'ana.pub.pem'), name: 'Ana Reviewer' });
      await b.call('bundle.import', { path: bundle });
      await b.ws.services.ocr.whenIdle();
      const hits = async (query: string) => ((await b.call('search.query', { caseId, query })) as Array<{ page: number; ocr: boolean }>).map((h) => `${h.page}${h.ocr ? ' ocr' : ''}`).sort();
      expect(await hits('chokehold')).toEqual(['1 ocr']);
      expect(await hits('chokehoId')).toEqual(['2']);
      expect(await b.call('ocr.pageWords', { caseId, documentId, page: 1 })).toMatchObject({ source: 'ocr', engine: 'tesseract.js' });
      expect(await b.call('ocr.pageWords', { caseId, documentId, page: 2 })).toMatchObject({ source: 'pdf', status: 'failed', words: [] });
      // The file's text that page 1's reading replaced travels with it: the lead can go back to it.
      expect(await b.call('ocr.pageWords', { caseId, documentId, page: 1 })).toMatchObject({ fileText: true });
      expect(await b.call('ocr.useFileText', { caseId, documentId })).toMatchObject({ restored: 2 });
      expect(await hits('chokehoId')).toEqual(['1', '2']);
    } finally {
      b.cleanup();
      fs.rmSync(files, { recursive: true, force: true });
    }
  });

  it('refuses pages the document does not have, a range backwards, and a document of another case', async () => {
    const { caseId, documentId } = await importScan('IL0990124');
    const other = (await t.call('cases.create', { agencyName: 'Other Police Department', ori: 'IL0990125', state: 'IL' })).id;
    const refused = async (input: unknown) => {
      const r = await t.ws.dispatch('ocr.readTextLayer', input);
      return r.ok ? 'accepted' : `${r.error.code}: ${r.error.message}`;
    };
    expect(await refused({ caseId, documentId, fromPage: 2, toPage: 3 })).toBe('invalid_input: The document has 2 pages; choose pages from 1 to 2.');
    expect(await refused({ caseId, documentId, fromPage: 2, toPage: 1 })).toMatch(/^invalid_input: .*first page must not come after the last/);
    expect(await refused({ caseId, documentId, fromPage: 0 })).toMatch(/^invalid_input/);
    expect(await refused({ caseId: other, documentId })).toMatch(/^not_found: No document/);
    expect(await refused({ caseId, documentId, pages: '1; DROP TABLE pages' })).toMatch(/^invalid_input/);
    await t.call('cases.archive', { id: caseId, archived: true });
    expect(await refused({ caseId, documentId })).toBe('conflict: This case is archived. Restore it to read its pages by OCR.');
    // Nothing was queued by any of them.
    expect(await docOcr(caseId, documentId)).toBeNull();
  });
});

describe("going back to the file's own text", () => {
  const words = async (caseId: string, documentId: string, page: number) => t.call('ocr.pageWords', { caseId, documentId, page });
  const audited = async (caseId: string) => ((await t.call('audit.list', { caseId })) as Array<{ action: string }>).filter((e) => e.action === 'ocr.useFileText').length;

  it('puts a page read by OCR back on its own text, with its highlight, and records it', async () => {
    const { caseId, documentId } = await importScan('IL0990131');
    const stored = () => t.ws.ctx.db.prepare('SELECT text, items FROM pages WHERE document_id = ? AND page_index = 0').get(documentId);
    const imported = stored();
    await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 1, toPage: 1 });
    await read();
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr']);
    expect(await words(caseId, documentId, 1)).toMatchObject({ source: 'ocr', fileText: true });
    // The list counts the pages that can go back (the viewer offers Use file text… for them).
    expect(await docOcr(caseId, documentId)).toMatchObject({ pagesOcr: 1, fileText: 1 });
    // Highlighted on OCR's words: the highlight must come back with the file's words.
    const h = await t.call('annotations.create', { caseId, documentId, page: 1, quote: INTERVENE, itemIds: [] });
    const chokehold = async () => (await t.ws.services.prereview.resultAsync(documentId)).rules.chokehold.stance;
    // The pre-review reads OCR's "chokehold" on page 1; the scanner's "chokehoId" means nothing to it.
    expect(await chokehold()).toBe('prohibited_except_deadly_force');

    expect(await t.call('ocr.useFileText', { caseId, documentId, fromPage: 1, toPage: 2 })).toEqual({ restored: 1, withoutFileText: 0, fromPage: 1, toPage: 2 });
    // The scanner's reading is the page's text again, exactly as imported: search finds its
    // misreadings on both pages, and nothing says OCR.
    expect(await pagesOf(caseId, 'chokehold')).toEqual([]);
    expect(await pagesOf(caseId, 'chokehoId')).toEqual(['1', '2']);
    expect(await words(caseId, documentId, 1)).toMatchObject({ source: 'pdf', status: null, fileText: false, words: [] });
    expect(await docOcr(caseId, documentId)).toBeNull();
    // Byte for byte the text and item positions the import stored.
    expect(stored()).toEqual(imported);
    // The pre-review reads the file's text again: its misread chokehold is no longer found.
    expect(await chokehold()).toBe('not_addressed');
    const back = ((await t.call('annotations.list', { caseId })) as Array<{ id: string; status: string; pageFrom: number; quote: string; rects: unknown[] }>).find((a) => a.id === h.id)!;
    expect(back).toMatchObject({ status: 'active', pageFrom: 1, quote: INTERVENE });
    expect(back.rects.length).toBeGreaterThan(0);
    // Page 1 is a scanner's text again, for the packet and the sign-off.
    await t.ws.services.scannerSurvey.complete([documentId]);
    expect(packetSources(t.ws.ctx.db, caseId)[0]).toMatchObject({ ocrPages: [], scannerTextPages: [1, 2] });
    // In the trail, with its own sentence (and the highlight's move with one of its own); the chain verifies.
    expect(await audited(caseId)).toBe(1);
    const history = (await t.call('audit.history', { caseId })) as Array<{ action: string; sentence: string }>;
    expect(history.find((e) => e.action === 'ocr.useFileText')!.sentence).toMatch(/^.+ put pages of “go12-IL0990131” back on the file's own text instead of OCR's reading$/);
    expect(history.find((e) => e.action === 'annotations.backToFileText')!.sentence).toMatch(/^.+ put pages of “go12-IL0990131” back on the file's own text: its highlights followed their words$/);
    expect(await t.call('audit.verify', { caseId })).toMatchObject({ ok: true });
    // Asked again, nothing changes, and the trail says nothing new.
    expect(await t.call('ocr.useFileText', { caseId, documentId })).toEqual({ restored: 0, withoutFileText: 0, fromPage: 1, toPage: 2 });
    expect(await audited(caseId)).toBe(1);
    // And it can be read by OCR again, as the first time.
    await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 1, toPage: 1 });
    await read();
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr']);
  });

  it('keeps the text it replaced through a second reading (--redo), and stops a page still waiting', async () => {
    const { caseId, documentId } = await importScan('IL0990132');
    await t.call('ocr.readTextLayer', { caseId, documentId });
    await read();
    await t.call('ocr.run', { caseId, documentId, redo: true });
    await read();
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr', '2 ocr']);
    expect(await t.call('ocr.useFileText', { caseId, documentId, fromPage: 2, toPage: 2 })).toMatchObject({ restored: 1 });
    // The file's text, not the first reading's: the second reading did not take its place.
    expect(await pagesOf(caseId, 'chokehoId')).toEqual(['2']);
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr']);

    // A page asked for but not read yet: it stops waiting, and nothing reads it later.
    await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 2, toPage: 2 });
    expect(await words(caseId, documentId, 2)).toMatchObject({ source: 'pdf', status: 'pending', fileText: true });
    expect(await t.call('ocr.useFileText', { caseId, documentId, fromPage: 2, toPage: 2 })).toMatchObject({ restored: 1 });
    expect(await docOcr(caseId, documentId)).toMatchObject({ total: 1, pending: 0 });
    await read();
    expect(await pagesOf(caseId, 'chokehoId')).toEqual(['2']);
  });

  it('drops a reading under way when its page goes back to the file text first', async () => {
    const { caseId, documentId } = await importScan('IL0990136');
    await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 1, toPage: 1 });
    const held = engine.hold();
    t.ws.services.ocr.start();
    await held.there;
    // The page is being read: it still shows the file's text, and goes back to it for good.
    expect(await t.call('ocr.useFileText', { caseId, documentId })).toMatchObject({ restored: 1 });
    held.release();
    await t.ws.services.ocr.whenIdle();
    expect(await docOcr(caseId, documentId)).toBeNull();
    expect(await pagesOf(caseId, 'chokehoId')).toEqual(['1', '2']);
    expect(await pagesOf(caseId, 'chokehold')).toEqual([]);
  });

  it('records the change in every case holding the document, and refuses while one of them is archived', async () => {
    const a = (await t.call('cases.create', { agencyName: 'Harlow Police Department', ori: 'IL0990137', state: 'IL' })).id as string;
    const b = (await t.call('cases.create', { agencyName: 'Harlow County Sheriff', ori: 'IL0990138', state: 'IL' })).id as string;
    const file = t.write('go12-shared.pdf', await scannedPdf([PRINTED, PRINTED_2], { fontSize: 22, scannerText: [SCANNER_READ, SCANNER_READ_2], stamp: 'HPD SHARED' }));
    const documentId = (await t.call('documents.import', { caseId: a, paths: [file] }))[0].document.id as string;
    expect((await t.call('documents.import', { caseId: b, paths: [file] }))[0].document.id).toBe(documentId);
    await t.call('ocr.readTextLayer', { caseId: a, documentId, fromPage: 1, toPage: 1 });
    await read();
    // Read at case A's request, the page is OCR text in case B too: both trails say so.
    const trail = async (caseId: string) => ((await t.call('audit.list', { caseId })) as Array<{ action: string }>).map((e) => e.action).filter((x) => x.startsWith('ocr.'));
    expect(await trail(b)).toEqual(['ocr.readTextLayer']);
    await t.call('cases.archive', { id: b, archived: true });
    const r = await t.ws.dispatch('ocr.useFileText', { caseId: a, documentId });
    expect(r.ok ? 'accepted' : `${r.error.code}: ${r.error.message}`).toBe(
      'conflict: This document is also in an archived case (Harlow County Sheriff), whose evidence would change. Restore that case to change which text its pages use.',
    );
    await t.call('cases.archive', { id: b, archived: false });
    expect(await t.call('ocr.useFileText', { caseId: a, documentId })).toMatchObject({ restored: 1 });
    expect(await trail(a)).toEqual(['ocr.readTextLayer', 'ocr.useFileText']);
    expect(await trail(b)).toEqual(['ocr.readTextLayer', 'ocr.useFileText']);
  });

  it('leaves a scanned page, which has no text of its own, as OCR read it', async () => {
    const caseId = (await t.call('cases.create', { agencyName: 'Harlow Police Department', ori: 'IL0990133', state: 'IL' })).id as string;
    const file = t.write('go12-plain-scan.pdf', await scannedPdf([PRINTED], { fontSize: 22, stamp: 'HPD IL0990133' }));
    const [r] = await t.call('documents.import', { caseId, paths: [file] });
    const documentId = r.document.id as string;
    await read();
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr']);
    expect(await words(caseId, documentId, 1)).toMatchObject({ source: 'ocr', fileText: false });
    expect(await docOcr(caseId, documentId)).toMatchObject({ pagesOcr: 1, fileText: 0 });
    expect(await t.call('ocr.useFileText', { caseId, documentId })).toEqual({ restored: 0, withoutFileText: 1, fromPage: 1, toPage: 1 });
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr']);
    expect(await audited(caseId)).toBe(0);
  });

  it('refuses pages the document does not have, another case, and an archived case, changing nothing', async () => {
    const { caseId, documentId } = await importScan('IL0990134');
    await t.call('ocr.readTextLayer', { caseId, documentId, fromPage: 1, toPage: 1 });
    await read();
    const other = (await t.call('cases.create', { agencyName: 'Other Police Department', ori: 'IL0990135', state: 'IL' })).id;
    const refused = async (input: unknown) => {
      const r = await t.ws.dispatch('ocr.useFileText', input);
      return r.ok ? 'accepted' : `${r.error.code}: ${r.error.message}`;
    };
    expect(await refused({ caseId, documentId, fromPage: 3 })).toBe('invalid_input: The document has 2 pages; choose pages from 1 to 2.');
    expect(await refused({ caseId, documentId, fromPage: 2, toPage: 1 })).toMatch(/^invalid_input: .*first page must not come after the last/);
    expect(await refused({ caseId: other, documentId })).toMatch(/^not_found: No document/);
    expect(await refused({ caseId, documentId, pages: "1'; DELETE FROM page_ocr; --" })).toMatch(/^invalid_input/);
    await t.call('cases.archive', { id: caseId, archived: true });
    expect(await refused({ caseId, documentId })).toBe('conflict: This case is archived. Restore it to change which text its pages use.');
    expect(await pagesOf(caseId, 'chokehold')).toEqual(['1 ocr']);
  });
});
