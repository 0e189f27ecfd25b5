// A scan whose file declares the wrong resolution: software that writes none leaves 72 dpi, so a
// letter page scanned at 150 comes out 17.7 × 22.9 inches. Drawn at the app's resolution it would
// be over the pixel cap (lowered here to 4 megapixels, so the test draws little); it is drawn at
// the highest resolution under the cap instead, read as the same scan declared right, and its
// words sit where they are printed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempWorkspace } from '../../support/workspace.ts';

const LINES = ['Chokeholds are prohibited unless', 'deadly force is authorized by law.'];
let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;

beforeAll(async () => {
  t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150, maxPixels: 4_000_000 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Wide Scanner Police Department', ori: 'IL0000017', state: 'IL' })).id;
  const pdf = await scannedPdf([LINES], { dpi: 150, declaredDpi: 72 });
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('declared-72.pdf', pdf)] });
  documentId = r.document.id;
  await t.ws.services.ocr.whenIdle();
});
afterAll(() => t.cleanup());

it('reads a page too large for the pixel cap at the app’s resolution, instead of refusing it', async () => {
  const page = await t.call('ocr.pageWords', { caseId, documentId, page: 1 });
  expect(page).toMatchObject({ source: 'ocr', status: 'done', error: null });
  expect(page.words.map((w: { text: string }) => w.text).join(' ')).toBe(LINES.join(' '));
  expect((await t.call('search.query', { caseId, query: 'chokeholds prohibited' })).map((h: { page: number }) => h.page)).toEqual([1]);
});

it('puts the words where they are printed on the page, whatever resolution it was drawn at', async () => {
  const { words } = await t.call('ocr.pageWords', { caseId, documentId, page: 1 });
  const first = words.find((w: { text: string }) => w.text === 'Chokeholds')!;
  // typedPdf draws its lines from x = 60 pt on a 612-pt page, the first 72 pt from the top.
  expect(first.box[0]).toBeGreaterThan(50 / 612);
  expect(first.box[0]).toBeLessThan(70 / 612);
  expect(first.box[1]).toBeGreaterThan(40 / 792);
  expect(first.box[3]).toBeLessThan(90 / 792);
});
