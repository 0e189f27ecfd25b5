// The OCR engine in a process of its own (engine-host.ts, engine-client.ts), as the app runs it:
// real tesseract.js in a real child process. It reads as the in-process pool does, runs below the
// app's priority, leaves this process without a tesseract thread, answers a cancel at once, and
// when its process dies the page fails with a reason and the next page starts a fresh one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOcrPool, OcrAborted, type OcrPageResult, type OcrPool } from '../../../electron/services/ocr/engine.ts';
import { createOcrHostPool } from '../../../electron/services/ocr/engine-client.ts';
import { renderPageToPng } from '../../../electron/services/ocr/render-page.ts';
import { liveChildPids, useChildStarter } from '../../../electron/services/isolation/spawn-child.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempDir } from '../../support/workspace.ts';

const OUT = path.resolve(import.meta.dirname, '../../../out/main');
const built = fs.existsSync(path.join(OUT, 'ocr-engine-host.js')) && fs.existsSync(path.join(OUT, 'ocr-tesseract-worker.js'));

let dir: string;
let page: Buffer;
let pool: OcrPool;

beforeAll(async () => {
  dir = tempDir();
  const pdf = await scannedPdf([['Use of Force Policy', 'Chokeholds are prohibited unless', 'deadly force is authorized.']], { dpi: 150 });
  page = Buffer.from((await renderPageToPng(pdf, 1, 200)).png);
});
afterEach(async () => {
  await pool?.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const threads = () => fs.readdirSync('/proc/self/task').length;
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
};

describe('the OCR engine in its own process', () => {
  it('reads a page exactly as the in-process engine does, below the app’s priority, with no engine thread in this process', async () => {
    const before = new Set(liveChildPids());
    const threadsBefore = threads();
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
    const r = await pool.recognize(page, { dpi: 200 });
    expect(r.text).toBe('Use of Force Policy\nChokeholds are prohibited unless\ndeadly force is authorized.');
    expect(r.meanConfidence).toBeGreaterThan(80);
    const engine = liveChildPids().filter((p) => !before.has(p));
    expect(engine).toHaveLength(1);
    if (process.platform === 'linux') {
      expect(os.getPriority(engine[0]!)).toBeGreaterThanOrEqual(Math.max(os.getPriority(), 10));
      // tesseract.js's worker thread (and the V8 helpers of its isolate) are the child's, not ours.
      expect(threads()).toBeLessThanOrEqual(threadsBefore + 1);
    }
    const local = createOcrPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache-local') });
    try {
      const same = await local.recognize(page, { dpi: 200 });
      expect(r).toEqual(same);
    } finally {
      await local.close();
    }
    expect(pool.info).toEqual(local.info);
  });

  it('a cancel rejects the read at once, and the next page is read', async () => {
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
    const controller = new AbortController();
    let started = false;
    const read = pool.recognize(page, { dpi: 200, signal: controller.signal, onStart: () => (started = true) });
    await expect.poll(() => started, { timeout: 20_000 }).toBe(true);
    controller.abort(new Error('cancelled by the reviewer'));
    const outcome = await read.catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(OcrAborted);
    expect((outcome as Error).message).toBe('cancelled by the reviewer');
    const next = await pool.recognize(page, { dpi: 200 });
    expect(next.words.map((w) => w.text)).toContain('Chokeholds');
  });

  it('an engine process that dies fails the page it was reading with a reason; the page waiting behind it is read by a fresh one', async () => {
    const before = new Set(liveChildPids());
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
    let started = false;
    const read = pool.recognize(page, { dpi: 200, onStart: () => (started = true) }).catch((e: unknown) => e);
    const waiting = pool.recognize(page, { dpi: 200 }).catch((e: unknown) => e);
    await expect.poll(() => started, { timeout: 20_000 }).toBe(true);
    const [first] = liveChildPids().filter((p) => !before.has(p));
    process.kill(first!, 'SIGKILL');
    const outcome = await read;
    expect(outcome).toBeInstanceOf(Error);
    // SIGKILL is what the kernel's out-of-memory killer sends, so it is read as that.
    expect((outcome as Error).message).toBe('the OCR engine ran out of memory');
    const behind = (await waiting) as OcrPageResult;
    expect(behind.words.map((w) => w.text)).toContain('Chokeholds');
    const [second] = liveChildPids().filter((p) => !before.has(p));
    expect(second).not.toBe(first);
    const next = await pool.recognize(page, { dpi: 200 });
    expect(next.text).toBe(behind.text);
  });

  it('warming starts the engine and as many workers as asked before the first page, and that page is read by them, not by a second engine', async () => {
    const before = new Set(liveChildPids());
    pool = createOcrHostPool({ size: 2, cacheDir: path.join(dir, 'ocr-cache') });
    // One page waiting: one worker, not the pool's two.
    expect(await pool.warm(1)).toBe(1);
    const warmed = liveChildPids().filter((p) => !before.has(p));
    expect(warmed).toHaveLength(1);
    expect(await pool.warm(1)).toBe(1); // again: nothing more is started
    expect(await pool.warm(5)).toBe(2); // never more than the pool's size
    const r = await pool.recognize(page, { dpi: 200 });
    expect(r.words.map((w) => w.text)).toContain('Chokeholds');
    expect(liveChildPids().filter((p) => !before.has(p))).toEqual(warmed);
  });

  it('warming a closed pool starts nothing; an engine that cannot start is warmed once, then each page makes its own two tries', async () => {
    const before = new Set(liveChildPids());
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
    await pool.close();
    expect(await pool.warm()).toBe(0);
    expect(liveChildPids().filter((p) => !before.has(p))).toEqual([]);
    const starts = path.join(dir, 'engine-starts-warm.txt');
    const count = () => fs.readFileSync(starts, 'utf8').split('\n').filter(Boolean).length;
    process.env.CREDENCE_TEST_ENGINE_STARTS = starts;
    try {
      pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache'), hostPath: path.join(import.meta.dirname, 'support/engine-that-exits.ts') });
      expect(await pool.warm()).toBe(0);
      expect(count()).toBe(1);
      // As the queue does it: warm, then send the page; for each of two pages.
      for (const expected of [3, 5]) {
        expect(await pool.warm()).toBe(0);
        await expect(pool.recognize(page, { dpi: 200 })).rejects.toThrow('the OCR engine stopped, exit code 3');
        await new Promise((r) => setTimeout(r, 300));
        expect(count()).toBe(expected);
      }
    } finally {
      delete process.env.CREDENCE_TEST_ENGINE_STARTS;
    }
  });

  it('a page waiting behind two pages that each kill their engine is read by a third engine', async () => {
    const before = new Set(liveChildPids());
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
    // Each of the first two pages ends the engine that took it, as a crafted page would.
    const killer = () => {
      const [engine] = liveChildPids().filter((p) => !before.has(p));
      process.kill(engine!, 'SIGKILL');
    };
    const first = pool.recognize(page, { dpi: 200, onStart: killer }).catch((e: unknown) => e);
    const second = pool.recognize(page, { dpi: 200, onStart: killer }).catch((e: unknown) => e);
    const innocent = pool.recognize(page, { dpi: 200 }).catch((e: unknown) => e);
    expect(((await first) as Error).message).toBe('the OCR engine ran out of memory');
    expect(((await second) as Error).message).toBe('the OCR engine ran out of memory');
    const read = await innocent;
    expect(read).not.toBeInstanceOf(Error);
    expect((read as OcrPageResult).words.map((w) => w.text)).toContain('Chokeholds');
  });

  it('an engine that cannot start fails the page after one fresh try, instead of starting again and again', async () => {
    // The stand-in notes each of its starts in this file (the fork passes on this environment).
    const starts = path.join(dir, 'engine-starts.txt');
    process.env.CREDENCE_TEST_ENGINE_STARTS = starts;
    try {
      pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache'), hostPath: path.join(import.meta.dirname, 'support/engine-that-exits.ts') });
      const outcome = await pool.recognize(page, { dpi: 200 }).catch((e: unknown) => e);
      expect((outcome as Error).message).toBe('the OCR engine stopped, exit code 3');
      await new Promise((r) => setTimeout(r, 300));
      expect(fs.readFileSync(starts, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    } finally {
      delete process.env.CREDENCE_TEST_ENGINE_STARTS;
    }
  });

  it('an engine whose cache folder cannot be made fails each page saying why, without restarting', async () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(blocker, 'ocr-cache') });
    const outcome = await pool.recognize(page, { dpi: 200 }).catch((e: unknown) => e);
    expect((outcome as Error).message).toMatch(/^the OCR engine could not start \(ENOTDIR: .*a-file.ocr-cache.*\)$/);
  });

  it('closing ends the engine’s process, and a page asked for after is refused, saying so', async () => {
    const before = new Set(liveChildPids());
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
    const read = pool.recognize(page, { dpi: 200 }).catch((e: unknown) => e);
    await expect.poll(() => liveChildPids().filter((p) => !before.has(p)).length, { timeout: 20_000 }).toBe(1);
    const [pid] = liveChildPids().filter((p) => !before.has(p));
    await pool.close();
    expect(((await read) as Error).message).toBe('The OCR engine is closed.');
    expect(alive(pid!)).toBe(false);
    await expect(pool.recognize(page, { dpi: 200 })).rejects.toThrow('The OCR engine is closed.');
  });

  it('an engine whose process cannot be had at all fails its page at once, saying so, and the next page starts one', async () => {
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
    // No Node where the fork looks for it: Node reports only an error, and no exit may follow.
    const real = process.execPath;
    process.execPath = path.join(dir, 'no-such-node');
    let outcome: unknown;
    try {
      outcome = await pool.recognize(page, { dpi: 200 }).catch((e: unknown) => e);
    } finally {
      process.execPath = real;
    }
    expect((outcome as Error).message).toBe('the OCR engine could not be started');
    const next = await pool.recognize(page, { dpi: 200 });
    expect(next.words.map((w) => w.text)).toContain('Chokeholds');
  });

  it('a process starter that throws fails the page, leaves nothing running and lets the pool close', async () => {
    const escaped: unknown[] = [];
    const onError = (e: unknown) => escaped.push(e);
    process.on('uncaughtException', onError);
    useChildStarter(() => {
      throw new Error('spawn ENOMEM');
    });
    try {
      pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache') });
      const outcome = await pool.recognize(page, { dpi: 200 }).catch((e: unknown) => e);
      expect((outcome as Error).message).toBe('the OCR engine could not start (spawn ENOMEM)');
      // The memory watch would run every 250 ms if anything were left of the engine that never was.
      await new Promise((r) => setTimeout(r, 600));
      await pool.close();
      expect(escaped).toEqual([]);
    } finally {
      useChildStarter(null);
      process.off('uncaughtException', onError);
    }
  });

  it('an engine past its memory cap is ended from outside, and its page fails saying why', { skip: process.platform !== 'linux' }, async () => {
    // A cap of 64 MB (256 + 1 × -192) is below what Node and tesseract.js alone take, so only the
    // reading of /proc can refuse it: WebAssembly memory is outside any V8 heap limit.
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache'), workerMemoryMb: -192 });
    const outcome = await pool.recognize(page, { dpi: 200 }).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe('the OCR engine needed more than 64 MB of memory for it and was stopped; the page may be crafted to exhaust memory');
  });

  it.skipIf(!built)('the app’s built engine process and tesseract worker read a page (needs `npx electron-vite build`; npm test makes it)', async () => {
    pool = createOcrHostPool({ size: 1, cacheDir: path.join(dir, 'ocr-cache'), hostPath: path.join(OUT, 'ocr-engine-host.js'), workerPath: path.join(OUT, 'ocr-tesseract-worker.js') });
    const r = await pool.recognize(page, { dpi: 200 });
    expect(r.text).toBe('Use of Force Policy\nChokeholds are prohibited unless\ndeadly force is authorized.');
  });
});
