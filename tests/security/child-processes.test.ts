// Hostile files are read in child processes (the text extractor, the OCR page renderer), so a V8
// abort ends only the child. A child left running would be a hostile file still burning memory
// and CPU after its refusal: none may outlive a refusal, a cancel, a time limit, the workspace
// closing or its parent being killed outright.
import { BACKGROUND_NICE, OCR_NICE } from '../../electron/services/background-priority.ts';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractPdf, ExtractionError, SOURCE_WORKER_PATH } from '../../electron/services/extraction/extract-pool.ts';
import { DEFAULT_LIMITS } from '../../electron/services/extraction/limits.ts';
import { liveChildPids } from '../../electron/services/isolation/spawn-child.ts';
import { heapBombPdf, slowPdf } from '../fixtures/hostile-pdfs.ts';
import { scannedPdf } from '../fixtures/scans.ts';
import { tempWorkspace } from '../support/workspace.ts';
import { importState } from './support/import-state.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const CRAFTED = 'The file may be crafted to exhaust memory; ask the agency for another copy.';

/** A pid still running (a zombie waiting for a reaper that a container may not have counts as gone). */
function alive(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'latin1'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
const gone = (pids: number[]) => expect.poll(() => pids.filter(alive), { timeout: 20_000, interval: 100 }).toEqual([]);

/** Notes every child this process starts while `run` runs, with its CPU priority (nice value). */
async function watchingChildren<T>(run: () => Promise<T>): Promise<{ result: T | unknown; pids: number[]; nice: number[] }> {
  const seen = new Map<number, number>();
  const priority = (pid: number) => {
    try {
      return os.getPriority(pid);
    } catch {
      return NaN;
    }
  };
  const poll = setInterval(() => liveChildPids().forEach((p) => seen.has(p) || seen.set(p, priority(p))), 10);
  try {
    const result = await run().catch((e: unknown) => e);
    return { result, pids: [...seen.keys()], nice: [...seen.values()] };
  } finally {
    clearInterval(poll);
  }
}

describe('the text extractor', () => {
  let t: ReturnType<typeof tempWorkspace>;
  let caseId: string;
  beforeEach(async () => {
    t = tempWorkspace();
    caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
  });
  afterEach(() => t.cleanup());

  it('a refused file leaves no extractor process alive', async () => {
    const { result, pids } = await watchingChildren(() => extractPdf(heapBombPdf(16), { workerPath: SOURCE_WORKER_PATH, workers: 2, pageLimit: 5000, limits: { ...DEFAULT_LIMITS, heapMb: 128, bufferMb: 64 } }));
    expect(result).toBeInstanceOf(ExtractionError);
    expect((result as ExtractionError).message).toBe(`Reading it needs more than the text extractor's 128 MB of memory: refused. ${CRAFTED}`);
    expect(pids.length).toBeGreaterThan(0);
    await gone(pids);
  });

  it('a cancelled import leaves no extractor process alive, and stores nothing', async () => {
    const before = importState(t);
    const stop = t.ws.subscribe((event, p) => {
      const x = p as { importId: string; phase: string };
      if (event === 'import.progress' && x.phase === 'extracting') t.ws.services.documents.cancel(x.importId);
    });
    const { result, pids } = await watchingChildren(() => t.call('documents.import', { caseId, importId: 'cancel-me', paths: [t.write('stall.pdf', slowPdf())] }));
    stop();
    expect(result).toEqual([expect.objectContaining({ ok: false, code: 'cancelled' })]);
    expect(pids.length).toBeGreaterThan(0);
    await gone(pids);
    expect(importState(t)).toEqual(before);
  });

  it('closing the workspace mid-import cancels it and ends its extractor processes', async () => {
    const stop = t.ws.subscribe((event, p) => {
      if (event === 'import.progress' && (p as { phase: string }).phase === 'extracting') t.ws.close();
    });
    const { result, pids } = await watchingChildren(() => t.call('documents.import', { caseId, paths: [t.write('stall.pdf', slowPdf())] }));
    stop();
    expect(result).toEqual([expect.objectContaining({ ok: false, code: 'cancelled' })]);
    expect(pids.length).toBeGreaterThan(0);
    await gone(pids);
  });

  it('a worker whose resident size passes its hard cap is ended from outside, without its help', { skip: process.platform !== 'linux' }, async () => {
    // V8's limit and the pool's heap watch stand aside; a hard cap of 88 MB resident (1,024 + 64 -
    // 1,000) is below what Node and pdf.js alone take, so only the reading of /proc can refuse it.
    const limits = { ...DEFAULT_LIMITS, heapMb: 1024, bufferMb: 64, heapWatchFraction: 2, rssOverheadMb: -1000 };
    const { result, pids } = await watchingChildren(() => extractPdf(heapBombPdf(16), { workerPath: SOURCE_WORKER_PATH, workers: 1, pageLimit: 5000, limits }));
    expect(result).toBeInstanceOf(ExtractionError);
    expect((result as ExtractionError).code).toBe('too_much_memory');
    expect((result as ExtractionError).message).toBe(`Reading it needs more than the text extractor's 1,024 MB of memory: refused. ${CRAFTED}`);
    await gone(pids);
  });
});

it('an extractor whose parent is killed outright ends itself', async () => {
  const parent = spawn(NODE, [path.join(import.meta.dirname, 'support/extract-then-wait.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const pids = await new Promise<number[]>((resolve, reject) => {
    let out = '';
    parent.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as number[]);
    });
    parent.on('exit', (code) => reject(new Error(`the parent ended first (exit ${code})`)));
  });
  expect(pids.length).toBeGreaterThan(0);
  expect(pids.filter(alive)).toEqual(pids);
  parent.kill('SIGKILL');
  await gone(pids);
});

describe('the OCR page renderer', () => {
  let t: ReturnType<typeof tempWorkspace>;
  // In a hook, not a finally: a test that runs out of time never reaches its finally.
  afterEach(() => t?.cleanup());

  it('runs below the app’s priority, and one stopped at the page time limit leaves no process alive', async () => {
    t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150, pageTimeMs: 300 } } });
    const caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
    const scan = t.write('scan.pdf', await scannedPdf([['Officers shall intervene'], ['Deadly force is a last resort']]));
    const { pids, nice } = await watchingChildren(async () => {
      await t.call('documents.import', { caseId, paths: [scan] });
      await t.ws.services.ocr.whenIdle();
    });
    // The extractor (lowered to the main process's GC helpers' level, so they are not kept waiting),
    // then renderers (OCR, lower still, so an import is not slowed by it): one kept from page to
    // page, and a fresh one after a page that ran out of time — how many depends on how fast this
    // machine draws a page in 300 ms.
    expect(pids.length).toBeGreaterThanOrEqual(2);
    const own = os.getPriority();
    expect(nice[0]).toBe(Math.max(own, BACKGROUND_NICE));
    expect(nice.slice(1).every((n) => n >= Math.max(own, OCR_NICE))).toBe(true);
    expect(OCR_NICE).toBeGreaterThan(BACKGROUND_NICE);
    await gone(pids);
  });
});
