// Ending the OCR engine mid-page: a page's time limit, a cancel, or the workspace closing ends a
// tesseract.js worker while a read awaits it. tesseract.js leaves a job on an ended worker
// pending forever, and a call on one throws inside a promise nobody holds (an unhandled rejection
// that failed a CI run). Every read must settle, with a reason, and nothing may escape.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOcrPool, OcrAborted, type OcrPool } from '../../../electron/services/ocr/engine.ts';
import { renderPageToPng } from '../../../electron/services/ocr/render-page.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempDir } from '../../support/workspace.ts';

let dir: string;
let page: Buffer;
let pool: OcrPool;
const escaped: unknown[] = [];
const onUnhandled = (e: unknown) => escaped.push(e);

beforeAll(async () => {
  dir = tempDir();
  const pdf = await scannedPdf([['Use of Force Policy', 'Chokeholds are prohibited unless', 'deadly force is authorized.']], { dpi: 150 });
  page = Buffer.from((await renderPageToPng(pdf, 1, 150)).png);
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  escaped.length = 0;
  pool = createOcrPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
});
afterEach(async () => {
  await pool.close();
  // Let anything an ended worker threw reach the process before looking.
  await new Promise((r) => setTimeout(r, 200));
  expect(escaped).toEqual([]);
});

const threads = () => fs.readdirSync('/proc/self/task').length;
const settles = <T>(p: Promise<T>, ms = 20_000) =>
  Promise.race([p.then(() => 'resolved' as const, (e: unknown) => e), new Promise((r) => setTimeout(() => r('still pending'), ms))]);

describe('OCR engine ended mid-page', () => {
  it('closing the engine while a page is read rejects the read at once, saying the engine closed', async () => {
    const read = pool.recognize(page, { dpi: 150 });
    // The worker takes a second or more to start and read; close while it does.
    await new Promise((r) => setTimeout(r, 300));
    const closing = pool.close();
    const outcome = await settles(read, 5_000);
    await closing;
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/closed/i);
  });

  it('a cancel and a close while the worker is still starting end the read, and no call reaches the ended worker', async () => {
    const controller = new AbortController();
    const read = pool.recognize(page, { dpi: 150, signal: controller.signal });
    await new Promise((r) => setImmediate(r));
    controller.abort(new Error('cancelled by the reviewer'));
    void pool.close();
    const outcome = await settles(read);
    expect(outcome).not.toBe('resolved');
    expect(outcome).not.toBe('still pending');
  });

  it('a cancel during the automatic-layout re-read (a blank page is read twice) settles the read', async () => {
    const blank = Buffer.from((await renderPageToPng(await scannedPdf([[]], { dpi: 150 }), 1, 150)).png);
    const controller = new AbortController();
    const read = pool.recognize(blank, { dpi: 150, signal: controller.signal });
    // Cancel at many points of the read, one run each, so one lands between the two reads.
    setTimeout(() => controller.abort(new Error('page time limit')), 1_200);
    const outcome = await settles(read);
    expect(outcome === 'resolved' || outcome instanceof OcrAborted).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('a read that waited for a busy worker while the engine closed starts no new worker (Linux: counts threads)', async () => {
    const before = threads();
    const first = pool.recognize(page, { dpi: 150 });
    const second = pool.recognize(page, { dpi: 150 });
    await new Promise((r) => setTimeout(r, 300));
    await pool.close();
    const [a, b] = await Promise.all([settles(first), settles(second)]);
    for (const o of [a, b]) expect((o as Error).message).toMatch(/closed/i);
    await new Promise((r) => setTimeout(r, 500));
    expect(threads()).toBeLessThanOrEqual(before);
  });
});
