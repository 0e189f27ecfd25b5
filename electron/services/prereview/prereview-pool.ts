// Runs the pre-review engine in one worker thread, documents queued one after another, so the
// main process's event loop stays free while a large case is read. The worker starts on the
// first job, ends when it has been idle a moment, and is ended (its document failed, the next
// one given a fresh worker) when one document takes too long or too much memory: page text is
// capped at import, but a pathological text must not hold the app.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { DocumentPrereview } from '../../../shared/domain/prereview/types.ts';
import type { PrereviewJob, PrereviewReply } from './messages.ts';

/** Where the worker's source sits when running from source (tests, CLI). The app passes its built copy. */
export const SOURCE_PREREVIEW_WORKER_PATH = fileURLToPath(new URL('./prereview-worker.ts', import.meta.url));

export interface PrereviewLimits {
  /** The worker's JavaScript heap, in MB. */
  heapMb: number;
  /** Time for one document: base plus so much per page. La Grange's 762 pages read in about a second. */
  baseTimeMs: number;
  perPageTimeMs: number;
  /** How long an idle worker waits for more work before it ends. */
  idleMs: number;
}
export const DEFAULT_PREREVIEW_LIMITS: PrereviewLimits = { heapMb: 512, baseTimeMs: 60_000, perPageTimeMs: 100, idleMs: 2_000 };

export class PrereviewFailed extends Error {}

interface Pending {
  job: PrereviewJob;
  resolve: (r: DocumentPrereview) => void;
  reject: (e: Error) => void;
}

export function createPrereviewPool(workerPath = SOURCE_PREREVIEW_WORKER_PATH, limits: PrereviewLimits = DEFAULT_PREREVIEW_LIMITS) {
  const queue: Pending[] = [];
  let worker: Worker | null = null;
  let current: Pending | null = null;
  let timer: NodeJS.Timeout | undefined;
  let idle: NodeJS.Timeout | undefined;
  let nextId = 1;
  let closed = false;

  const end = () => {
    clearTimeout(timer);
    const w = worker;
    worker = null;
    if (w) {
      w.removeAllListeners();
      void w.terminate();
    }
  };

  const finish = (p: Pending, outcome: { result: DocumentPrereview } | { error: string }) => {
    clearTimeout(timer);
    current = null;
    if ('result' in outcome) p.resolve(outcome.result);
    else p.reject(new PrereviewFailed(outcome.error));
    pump();
  };

  function start(): Worker {
    const w = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: limits.heapMb } });
    // An idle worker must not keep a CLI process alive; a busy one is awaited by its caller.
    w.unref();
    w.on('message', (m: PrereviewReply) => {
      if (!current || m.id !== current.job.id) return;
      finish(current, 'result' in m ? { result: m.result } : { error: `the pre-review stopped on an error (${m.error})` });
    });
    w.on('error', (err) => {
      const p = current;
      end();
      if (p) finish(p, { error: (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading it needed more than ${limits.heapMb} MB of memory` : `the pre-review stopped unexpectedly (${err.message})` });
    });
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = null;
      const p = current;
      if (p) finish(p, { error: `the pre-review stopped unexpectedly (exit ${code})` });
    });
    return w;
  }

  function pump() {
    if (current || closed) return;
    const p = queue.shift();
    if (!p) {
      clearTimeout(idle);
      idle = setTimeout(end, limits.idleMs);
      idle.unref();
      return;
    }
    clearTimeout(idle);
    current = p;
    worker ??= start();
    worker.ref();
    const limit = limits.baseTimeMs + limits.perPageTimeMs * p.job.pages.length;
    timer = setTimeout(() => {
      end();
      finish(p, { error: `reading it took longer than ${Math.round(limit / 1000)} s and was stopped` });
    }, limit);
    worker.postMessage(p.job);
    // Between documents the worker is idle and must not hold the process; while one is read, the
    // caller's promise does (the timer above is ref'd).
    worker.unref();
  }

  return {
    /** Reads one document's pages in the worker; rejects with PrereviewFailed (a plain reason) when it cannot. */
    run(pages: string[], fileName: string): Promise<DocumentPrereview> {
      if (closed) return Promise.reject(new PrereviewFailed('the workspace was closed'));
      return new Promise((resolve, reject) => {
        queue.push({ job: { id: nextId++, pages, fileName }, resolve, reject });
        pump();
      });
    },
    get busy() {
      return current !== null || queue.length > 0;
    },
    close() {
      closed = true;
      clearTimeout(idle);
      const left = [current, ...queue].filter((p): p is Pending => !!p);
      queue.length = 0;
      current = null;
      end();
      for (const p of left) p.reject(new PrereviewFailed('the workspace was closed'));
    },
  };
}
export type PrereviewPool = ReturnType<typeof createPrereviewPool>;
