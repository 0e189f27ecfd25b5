// The OCR engine on real page images: a scanned page made by code is rendered, read by
// tesseract.js from the npm language data, and its words come back with boxes where they are.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrPool, type OcrPool } from '../../../electron/services/ocr/engine.ts';
import { renderPageToPng } from '../../../electron/services/ocr/render-page.ts';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { threadNices } from '../../support/thread-nice.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempDir } from '../../support/workspace.ts';

let dir: string;
let pool: OcrPool;

beforeAll(() => {
  dir = tempDir();
  pool = createOcrPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);


describe('OCR engine', () => {
  it('reads a scanned page, word by word, with each box over its word', async () => {
    const pdf = await scannedPdf([['Use of Force Policy', 'Chokeholds are prohibited unless', 'deadly force is authorized.']], { dpi: 150 });
    const page = await renderPageToPng(pdf, 1, 200);
    const r = await pool.recognize(page.png, { dpi: 200 });
    expect(r.text).toBe('Use of Force Policy\nChokeholds are prohibited unless\ndeadly force is authorized.');
    expect(r.rotation).toBe(0);
    expect(r.meanConfidence).toBeGreaterThan(80);
    expect(words(r.text)).toEqual(r.words.map((w) => w.text.toLowerCase()));
    // The title line is drawn at 60 pt from the left and 72 pt from the top of an 8.5 × 11 in page.
    const use = r.words[0]!;
    expect(use.box[0]).toBeCloseTo(60 / 612, 1);
    expect(use.box[1]).toBeGreaterThan(0.05);
    expect(use.box[3]).toBeLessThan(0.12);
    // Lines go down the page.
    const chokeholds = r.words.find((w) => w.text === 'Chokeholds')!;
    expect(chokeholds.box[1]).toBeGreaterThan(use.box[3]);
    expect(pool.info).toMatchObject({ name: 'tesseract.js', version: '7.0.0+lstm-simd.1' });
    expect(pool.info.langDataSha256).toMatch(/^[0-9a-f]{64}$/);
    // Nothing was written beside the cache folder it was given, and nothing cached in it.
    expect(fs.readdirSync(path.join(dir, 'ocr-cache'))).toEqual([]);
  });

  it('reads a page scanned sideways, saying how it lay, with boxes on the page as it shows', async () => {
    const pdf = await scannedPdf([['Officers shall intervene', 'to prevent excessive force.']], { dpi: 150, rotate90Page: 1 });
    const page = await renderPageToPng(pdf, 1, 200);
    expect(page.width).toBeGreaterThan(page.height);
    const r = await pool.recognize(page.png, { dpi: 200 });
    expect(r.text).toBe('Officers shall intervene\nto prevent excessive force.');
    expect(r.rotation).toBe(270);
    // Turned 90° clockwise, the page's first line runs down its right edge.
    const officers = r.words[0]!;
    expect(officers.box[0]).toBeGreaterThan(0.8);
    expect(officers.box[3] - officers.box[1]).toBeGreaterThan(officers.box[2] - officers.box[0]);
  });

  it('reads a page scanned upside down, saying so, with boxes on the page as it shows', async () => {
    const pdf = await scannedPdf([['Officers shall intervene', 'to prevent excessive force.']], { dpi: 150, skewDegrees: 180 });
    const page = await renderPageToPng(pdf, 1, 200);
    const r = await pool.recognize(page.png, { dpi: 200 });
    expect(r.text).toBe('Officers shall intervene\nto prevent excessive force.');
    expect(r.rotation).toBe(180);
    // Turned half round, the page's first line sits at the foot of the image, its first word on the right.
    const officers = r.words[0]!;
    expect(officers.box[1]).toBeGreaterThan(0.8);
    expect(officers.box[0]).toBeGreaterThan(0.5);
    expect(r.words.at(-1)!.box[1]).toBeLessThan(officers.box[1]);
  });

  // A faxed or faint copy reads poorly the right way up; it used to be read three more times,
  // turned, in case it lay upside down or sideways. Its read is plainly text, so it is not.
  const FAINT = ['The officer shall use force only when it is', 'necessary and reasonable under the law of', 'the state, and shall report each use of force', 'to the chief of police within the same day.'];

  it('reads a faint copy once, the right way up, though its words are unsure', async () => {
    const pdf = await scannedPdf([FAINT], { dpi: 40, fontSize: 14 });
    const r = await pool.recognize((await renderPageToPng(pdf, 1, 150)).png, { dpi: 150 });
    expect(r.meanConfidence!).toBeLessThan(70); // poor: what used to send it round the other turns
    expect(r).toMatchObject({ rotation: 0, readings: 1 });
    expect(words(r.text)).toEqual(expect.arrayContaining(['officer', 'shall', 'force', 'reasonable', 'police']));
  });

  it('still turns a faint copy lying upside down, and stops once it reads as text', async () => {
    const pdf = await scannedPdf([FAINT], { dpi: 40, fontSize: 14, skewDegrees: 180 });
    const r = await pool.recognize((await renderPageToPng(pdf, 1, 150)).png, { dpi: 150 });
    expect(r.meanConfidence!).toBeLessThan(70);
    expect(r).toMatchObject({ rotation: 180, readings: 2 });
    expect(words(r.text)).toEqual(expect.arrayContaining(['officer', 'shall', 'reasonable', 'police']));
  });

  it.skipIf(process.platform !== 'linux')('reads in a thread below the main thread’s priority, so the app keeps a core (Linux)', async () => {
    const main = os.getPriority(0);
    const pdf = await scannedPdf([['Duty to intervene']], { dpi: 150 });
    await pool.recognize((await renderPageToPng(pdf, 1, 150)).png, { dpi: 150 });
    // The worker stays up between pages: its thread is there to look at.
    const nices = threadNices();
    expect(nices).toContain(Math.max(main, 10));
    expect(os.getPriority(0)).toBe(main);
  });

  it('reads a page set in two columns column after column, each line whole', async () => {
    const left = ['Alpha officers shall intervene', 'Bravo to prevent excessive force', 'Charlie by another officer', 'Delta when it is safe', 'Echo and reasonable to do', 'Foxtrot so at the scene'];
    const right = ['Kilo reports are written daily', 'Lima by the shift supervisor', 'Mike and sent to the chief', 'November within three days', 'Oscar of the incident itself', 'Papa with every witness named'];
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([612, 792]);
    left.forEach((l, i) => page.drawText(l, { x: 50, y: 700 - i * 22, size: 13, font }));
    right.forEach((l, i) => page.drawText(l, { x: 340, y: 700 - i * 22, size: 13, font }));
    const png = await renderPageToPng(await doc.save(), 1, 200);
    const r = await pool.recognize(png.png, { dpi: 200 });
    const lines = r.text.split(/\n+/);
    expect(lines).toEqual([...left, ...right]);
    expect(words(r.text)).toEqual(r.words.map((w) => w.text.toLowerCase()));
  });
});
