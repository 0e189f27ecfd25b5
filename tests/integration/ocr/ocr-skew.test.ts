// A page fed crooked: the renderer measures its skew (skew.ts) and the engine straightens it by
// that angle before reading, so the words read right and their boxes still sit on the words as
// printed, sloping with the lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempWorkspace } from '../../support/workspace.ts';

const LINES = ['Chokeholds are prohibited unless', 'deadly force is authorized by law.', 'Officers shall render medical aid', 'after any use of force as soon as', 'it is safe and practical to do so.'];
let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;

beforeAll(async () => {
  t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 200 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Crooked Scanner Police Department', ori: 'IL0000011', state: 'IL' })).id;
  const pdf = await scannedPdf([LINES], { dpi: 200, skewDegrees: 2.5 });
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('crooked.pdf', pdf)] });
  documentId = r.document.id;
  await t.ws.services.ocr.whenIdle();
});
afterAll(() => t.cleanup());

describe('a page scanned 2.5° off square', () => {
  it('reads every line as printed and records the skew it straightened', async () => {
    const page = await t.call('ocr.pageWords', { caseId, documentId, page: 1 });
    expect(page.source).toBe('ocr');
    expect(page.words.map((w: { text: string }) => w.text).join(' ')).toBe(LINES.join(' '));
    const row = t.ws.ctx.db.prepare('SELECT skew_degrees FROM page_ocr WHERE document_id = ? AND page_index = 0').get(documentId) as { skew_degrees: number };
    // Turned clockwise, the lines fall to the right: tesseract.js's sense calls that negative.
    expect(Math.abs(row.skew_degrees + 2.5)).toBeLessThanOrEqual(0.15);
  });

  it('puts each word’s box on the word as printed: along a line, the boxes fall with it', async () => {
    const { words } = await t.call('ocr.pageWords', { caseId, documentId, page: 1 });
    const first = words.find((w: { text: string }) => w.text === 'Chokeholds')!;
    const last = words.find((w: { text: string }) => w.text === 'unless')!;
    const mid = (b: number[]) => [(b[0]! + b[2]!) / 2, (b[1]! + b[3]!) / 2];
    const [x0, y0] = mid(first.box);
    const [x1, y1] = mid(last.box);
    // On a letter page (8.5 × 11 in), the slope in page fractions is tan(2.5°) × 8.5 / 11.
    const slope = ((y1! - y0!) / (x1! - x0!));
    expect(slope).toBeGreaterThan(Math.tan((1.5 * Math.PI) / 180) * (8.5 / 11));
    expect(slope).toBeLessThan(Math.tan((3.5 * Math.PI) / 180) * (8.5 / 11));
  });
});
