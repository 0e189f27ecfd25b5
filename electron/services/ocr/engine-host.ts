// The OCR engine's own process: the tesseract.js pool (engine.ts) runs here, not in the app's main
// process, and the main process sends it page images and gets back words (engine-client.ts).
//
// Why a process and not only worker threads: threads share their process's memory map, and a
// tesseract thread growing and freeing its WebAssembly memory, with the V8 helper threads that
// serve it, held the main thread in short kernel waits (on the map's lock) that no priority
// setting removes: the app's event loop stalled 43-53 ms in a 100-page scan. Here the engine's
// memory is its own, and so is a crash: an engine that dies fails the pages it held, and the next
// page starts a fresh one. The whole process runs below the app's priority (spawn-child.ts).
//
// Plain Node (type stripping) or Electron's utilityProcess, like the page renderer: imports only
// engine.ts (and what it imports), node built-ins and child-port.ts.
import { createOcrPool, OcrAborted, type OcrPageResult, type OcrPool } from './engine.ts';
import { jobsFromParent, serveParent, toParent } from '../isolation/child-port.ts';

/** The first message: how to start the pool. */
export interface HostInit {
  type: 'init';
  size: number;
  cacheDir: string;
  /** The tesseract.js worker script (the app's built copy); its source otherwise. */
  workerPath?: string;
}
export interface HostRead {
  type: 'read';
  id: number;
  png: Uint8Array;
  dpi?: number;
  skewRadians?: number | null;
}
export interface HostCancel {
  type: 'cancel';
  id: number;
}
/** Start this many workers now (OcrPool.warm); answered with 'warmed' and how many are ready. */
export interface HostWarm {
  type: 'warm';
  count: number;
}
export type HostIn = HostInit | HostRead | HostCancel | HostWarm;

export type HostOut =
  | { type: 'warmed'; ready: number }
  | { type: 'started'; id: number }
  | { type: 'done'; id: number; result: OcrPageResult }
  | { type: 'failed'; id: number; aborted: boolean; message: string };

serveParent({ reportMemory: false });

let pool: OcrPool | null = null;
/** Why the pool could not be made (its cache folder cannot be written, say): every page is told. */
let startFailure: string | null = null;
const reads = new Map<number, AbortController>();

function read(job: HostRead): void {
  if (!pool) {
    toParent({ type: 'failed', id: job.id, aborted: false, message: `the OCR engine could not start (${startFailure ?? 'it was not asked to'})` } satisfies HostOut);
    return;
  }
  const controller = new AbortController();
  reads.set(job.id, controller);
  const png = Buffer.from(job.png.buffer, job.png.byteOffset, job.png.byteLength);
  pool
    .recognize(png, { signal: controller.signal, dpi: job.dpi, skewRadians: job.skewRadians, onStart: () => toParent({ type: 'started', id: job.id } satisfies HostOut) })
    .then(
      (result) => toParent({ type: 'done', id: job.id, result } satisfies HostOut),
      (err: unknown) => toParent({ type: 'failed', id: job.id, aborted: err instanceof OcrAborted, message: err instanceof Error ? err.message : String(err) } satisfies HostOut),
    )
    .finally(() => reads.delete(job.id));
}

jobsFromParent<HostIn>((m) => {
  if (m.type === 'init') {
    try {
      pool ??= createOcrPool({ size: m.size, cacheDir: m.cacheDir, workerPath: m.workerPath });
    } catch (err) {
      startFailure = err instanceof Error ? err.message : String(err);
    }
  } else if (m.type === 'read') read(m);
  else if (m.type === 'warm') void (pool?.warm(m.count) ?? Promise.resolve(0)).then((ready) => toParent({ type: 'warmed', ready } satisfies HostOut));
  // The parent has already answered the page; the read is ended only to free the worker.
  else if (m.type === 'cancel') reads.get(m.id)?.abort(new Error('cancelled'));
});
