// OCR makes no network request, ever: the whole import-and-read runs in a child process in which
// every thread (main, tesseract.js's workers) and every process it starts (the text extractor, the
// page renderer, the OCR engine) has net, tls, http, https, fetch, WebSocket and dns replaced by stand-ins that
// record any attempt. The language data comes from
// the npm package on disk.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const PRELOAD = path.join(import.meta.dirname, 'support/no-network.mjs');
const CHILD = path.join(import.meta.dirname, 'support/ocr-offline-child.ts');

let root: string;
let log: string;
beforeEach(() => {
  root = tempDir('credence-ocr-net-');
  log = path.join(root, 'net.log');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const entries = () => fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { pid: number; thread: number; what: string });
const run = (args: string[]) =>
  spawnSync(NODE, ['--import', PRELOAD, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CREDENCE_NET_LOG: log }, timeout: 240_000 });

describe('OCR offline', () => {
  it('the stand-ins catch a request from the main thread and from a worker (the probe works)', () => {
    const worker = path.join(root, 'worker.cjs');
    fs.writeFileSync(worker, "try { require('node:dns').lookup('example.com', () => {}); } catch {}");
    const r = run(['-e', `const { Worker } = require('node:worker_threads'); try { fetch('http://127.0.0.1:9/'); } catch {} new Worker(${JSON.stringify(worker)});`]);
    expect(r.status, r.stderr).toBe(0);
    const attempts = entries().filter((e) => e.what !== 'covered' && !e.what.startsWith('started'));
    expect(attempts.map((e) => e.what).sort()).toEqual(['dns.lookup', 'fetch']);
    expect(new Set(attempts.map((e) => e.thread)).size).toBe(2);
  });

  it('the stand-ins catch a request from a forked process, which inherits them', () => {
    const child = path.join(root, 'child.cjs');
    fs.writeFileSync(child, "try { fetch('http://127.0.0.1:9/'); } catch {} process.disconnect();");
    const r = run(['-e', `require('node:child_process').fork(${JSON.stringify(child)}, [], { execArgv: ['--import', ${JSON.stringify(PRELOAD)}] });`]);
    expect(r.status, r.stderr).toBe(0);
    const all = entries();
    const forked = all.filter((e) => e.what.startsWith('started process')).map((e) => Number(e.what.split(' ').at(-1)));
    expect(forked).toHaveLength(1);
    expect(all.filter((e) => e.what === 'fetch').map((e) => e.pid)).toEqual(forked);
  });

  it('imports and reads a scanned page with zero network attempts in any thread or process, and finds its words', () => {
    const r = run([CHILD, path.join(root, 'data')]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.hits).toHaveLength(1);
    expect(out.hits[0]).toMatchObject({ page: 1, ocr: true });
    expect(out.ocr).toMatchObject({ pagesOcr: 1, pending: 0, failed: 0 });
    const all = entries();
    expect(all.filter((e) => e.what !== 'covered' && !e.what.startsWith('started file worker') && !e.what.startsWith('started process'))).toEqual([]);
    // Every process started (the extractor, the page renderer, the OCR engine) and every thread
    // (tesseract.js's worker in the engine's process, pre-review's) was covered: a thread is its
    // process's pid and its id there.
    const threads = all.filter((e) => e.what.startsWith('started file worker')).map((e) => `${e.pid}:${e.what.split(' ').at(-1)}`);
    const processes = all.filter((e) => e.what.startsWith('started process')).map((e) => `${e.what.split(' ').at(-1)}:0`);
    expect(processes.length).toBeGreaterThanOrEqual(3);
    expect(threads.length).toBeGreaterThanOrEqual(1);
    const covered = new Set(all.filter((e) => e.what === 'covered').map((e) => `${e.pid}:${e.thread}`));
    const main = all.find((e) => e.what === 'covered')!;
    for (const id of [`${main.pid}:0`, ...processes, ...threads]) expect(covered.has(id), `thread ${id}`).toBe(true);
  });
});
