// The faster LSTM step (core-patch.ts) changes how fast pages are read, never what is read: the
// engine with the patched core and with the stock one, in the same process, give the same text,
// the same words with the same boxes and confidences, and the same turn, on generated pages of
// several kinds and (when the corpus is beside the repo) on real policy pages. The patch is made
// only from the exact stock file, only into the exact binary that was checked, and tesseract.js
// picks the patched core for the workers it starts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BroadcastChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrPool, engineInfo, type OcrPageResult } from '../../../electron/services/ocr/engine.ts';
import { CORE_CHANNEL, CORE_MODULE, installPatchedCore, patchCore, PATCHED_CORE_SHA256, STOCK_CORE_SHA256 } from '../../../electron/services/ocr/core-patch.ts';
import { LSTM_FORWARD_SIMD_BODY_BASE64 } from '../../../electron/services/ocr/lstm-forward-simd.ts';
import { renderPageToPng } from '../../../electron/services/ocr/render-page.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { corpusFile, corpusPresent, tempDir } from '../../support/workspace.ts';

const requireHere = createRequire(import.meta.url);
const stockFile = () => fs.readFileSync(path.join(path.dirname(requireHere.resolve(CORE_MODULE)), 'tesseract-core-relaxedsimd.wasm'));
const body = () => Buffer.from(LSTM_FORWARD_SIMD_BODY_BASE64, 'base64');
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

describe('the patched core', () => {
  it('is made only from the stock file it was written for, into the binary that was checked', () => {
    const stock = stockFile();
    expect(sha(stock)).toBe(STOCK_CORE_SHA256);
    const patched = patchCore(stock, body())!;
    expect(sha(patched)).toBe(PATCHED_CORE_SHA256);
    // Only the one function's body differs: the code section's size first (4 bytes), then, after
    // 3,660 bodies left where they were, the new body; the rest of the file is the stock one.
    const firstDiff = (from: number) => {
      let i = from;
      while (i < stock.length && stock[i] === patched[i]) i++;
      return i;
    };
    const sectionSize = firstDiff(0);
    const newBody = firstDiff(sectionSize + 4);
    expect(newBody - sectionSize).toBeGreaterThan(1_000_000);
    let tail = 0;
    while (tail < stock.length && stock[stock.length - 1 - tail] === patched[patched.length - 1 - tail]) tail++;
    expect(patched.length - newBody - tail).toBeLessThan(body().length + 8);
    expect(new WebAssembly.Module(patched as Uint8Array<ArrayBuffer>)).toBeInstanceOf(WebAssembly.Module);
    // Another file (one byte changed), or another body, gives no patched core: the stock one is used.
    const changed = Buffer.from(stock);
    changed[changed.length - 1]! ^= 1;
    expect(patchCore(changed, body())).toBeNull();
    const otherBody = Buffer.from(body());
    otherBody[otherBody.length - 2]! ^= 1;
    expect(patchCore(stock, otherBody)).toBeNull();
    expect(patchCore(stock.subarray(0, 1000), body())).toBeNull();
  });

  it("is the core tesseract.js's own loader hands its workers, and pages say so in their provenance", async () => {
    installPatchedCore(requireHere);
    // tesseract.js 7 asks its getCore with a boolean for "LSTM only", which picks the full relaxed
    // SIMD build (the module patched); a release that picks another build fails here, not silently.
    const getCore = requireHere('tesseract.js/src/worker-script/node/getCore.js') as (oem: unknown, corePath: unknown, res: { progress(): void }) => Promise<{ credenceCore?: unknown }>;
    expect((await getCore(true, undefined, { progress() {} })).credenceCore).toEqual({ patched: true });
    expect(engineInfo().version).toMatch(/^\d+\.\d+\.\d+\+lstm-simd\.1$/);
  });
});

describe('reading with the patched core and with the stock one', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('credence-core-patch-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * Each page read by a fresh one-worker pool whose worker starts with CREDENCE_OCR_STOCK_CORE as
   * given, and which core its worker said it started (CORE_CHANNEL).
   */
  async function readAll(pages: Array<{ png: Buffer; dpi: number }>, stock: boolean): Promise<{ results: OcrPageResult[]; started: unknown[] }> {
    const started: unknown[] = [];
    const channel = new BroadcastChannel(CORE_CHANNEL);
    channel.onmessage = (e) => started.push((e as { data: unknown }).data);
    const before = process.env.CREDENCE_OCR_STOCK_CORE;
    if (stock) process.env.CREDENCE_OCR_STOCK_CORE = '1';
    else delete process.env.CREDENCE_OCR_STOCK_CORE;
    const pool = createOcrPool({ size: 1, cacheDir: path.join(dir, stock ? 'stock' : 'patched') });
    try {
      // The worker thread copies the environment when it starts, on the first page.
      const out = [await pool.recognize(pages[0]!.png, { dpi: pages[0]!.dpi })];
      if (before === undefined) delete process.env.CREDENCE_OCR_STOCK_CORE;
      else process.env.CREDENCE_OCR_STOCK_CORE = before;
      for (const p of pages.slice(1)) out.push(await pool.recognize(p.png, { dpi: p.dpi }));
      return { results: out, started };
    } finally {
      if (before === undefined) delete process.env.CREDENCE_OCR_STOCK_CORE;
      else process.env.CREDENCE_OCR_STOCK_CORE = before;
      await pool.close();
      channel.close();
    }
  }

  it('gives the same text, words, boxes, confidences and turn, page for page', async () => {
    const pages: Array<{ png: Buffer; dpi: number }> = [];
    const order = [
      'GENERAL ORDER 12 USE OF FORCE',
      'Officers shall not use a chokehold',
      'or any carotid restraint unless',
      'deadly force is authorized by law.',
      'Officers shall intervene to stop',
      'excessive force by another officer.',
    ];
    // A clean page, a skewed one, one upside down, and a faint small one: each goes through other
    // paths of the engine (turns, low confidence), all through the LSTM.
    for (const opts of [{ dpi: 150 }, { dpi: 150, skewDegrees: 2 }, { dpi: 100 }] as const) {
      const pdf = await scannedPdf([order], { fontSize: 20, ...opts });
      const page = await renderPageToPng(pdf, 1, 200);
      pages.push({ png: Buffer.from(page.png), dpi: 200 });
    }
    const upside = await renderPageToPng(await scannedPdf([order], { fontSize: 20, dpi: 150, rotate90Page: 1 }), 1, 200);
    pages.push({ png: Buffer.from(upside.png), dpi: 200 });
    if (corpusPresent()) {
      // Two dense pages of a real policy, at the app's 300 dpi.
      const policy = new Uint8Array(fs.readFileSync(corpusFile('IL_SpringfieldPD_UOF-02_Deadly_Force.pdf')));
      for (const n of [1, 2]) pages.push({ png: Buffer.from((await renderPageToPng(policy, n, 300)).png), dpi: 300 });
    } else {
      console.log(`The corpus is not beside the repo (${corpusFile('')}): compared on generated pages only.`);
    }
    const patched = await readAll(pages, false);
    const stock = await readAll(pages, true);
    // Each pool's worker started the core it was meant to: the comparison is not stock against stock.
    expect(patched.started).toEqual(['patched']);
    expect(stock.started).toEqual(['stock']);
    expect(patched.results.map((r) => r.text.length).every((n) => n > 0)).toBe(true);
    for (let i = 0; i < pages.length; i++) expect(patched.results[i], `page ${i + 1}`).toEqual(stock.results[i]);
  }, 240_000);
});
