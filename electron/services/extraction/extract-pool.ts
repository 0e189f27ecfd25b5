// Spreads one PDF's pages across worker threads so extraction uses both cores and the main
// thread stays free (the app's event loop must never stall during a 700-page import).
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { PageText, WorkerIn, WorkerOut } from './messages.ts';

export interface Extracted {
  numPages: number;
  fingerprint: string;
  title: string | null;
  hasScripts: boolean;
  pages: PageText[];
}

export class ExtractionError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Where the worker's source sits when running from source (tests, CLI). The app passes its built copy. */
export const SOURCE_WORKER_PATH = fileURLToPath(new URL('./extract-worker.ts', import.meta.url));

export interface ExtractOptions {
  workerPath: string;
  workers: number;
  pageLimit: number;
  password?: string;
  signal?: AbortSignal;
  onOpened?: (numPages: number) => void;
  onPage?: (done: number, total: number) => void;
}

export function extractPdf(bytes: Uint8Array, opts: ExtractOptions): Promise<Extracted> {
  // Small documents are not worth a second worker's start-up (~60 ms to load pdf.js).
  const count = bytes.byteLength < 256 * 1024 ? 1 : Math.max(1, opts.workers);
  return new Promise<Extracted>((resolve, reject) => {
    const workers: Worker[] = [];
    const pages: PageText[] = [];
    let opened: Extract<WorkerOut, { type: 'opened' }> | null = null;
    let finished = 0;
    let settled = false;

    const stop = () => {
      for (const w of workers) void w.terminate();
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const failWith = (err: Error) => {
      if (settled) return;
      settled = true;
      stop();
      reject(err);
    };
    const onAbort = () => failWith(new ExtractionError('cancelled', 'Import cancelled.'));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort);

    const maybeDone = () => {
      if (settled || !opened || finished < count) return;
      settled = true;
      stop();
      pages.sort((a, b) => a.index - b.index);
      if (pages.length !== opened.numPages) {
        reject(new ExtractionError('corrupt', `Only ${pages.length} of ${opened.numPages} pages could be read.`));
        return;
      }
      resolve({ ...opened, pages });
    };

    for (let k = 0; k < count; k++) {
      const data: WorkerIn = {
        // Each worker gets its own copy: pdf.js takes ownership of the buffer it is given.
        bytes: bytes.slice(),
        password: opts.password,
        first: k,
        stride: count,
        probe: k === 0,
        pageLimit: opts.pageLimit,
      };
      const w = new Worker(opts.workerPath, { workerData: data });
      workers.push(w);
      w.on('message', (m: WorkerOut) => {
        if (settled) return;
        switch (m.type) {
          case 'opened':
            opened = m;
            if (m.numPages > opts.pageLimit) {
              failWith(new ExtractionError('too_many_pages', `It has ${m.numPages.toLocaleString('en-US')} pages, over the limit of ${opts.pageLimit.toLocaleString('en-US')}.`));
              return;
            }
            opts.onOpened?.(m.numPages);
            break;
          case 'page':
            pages.push(m.page);
            if (opened) opts.onPage?.(pages.length, opened.numPages);
            break;
          case 'done':
            finished++;
            maybeDone();
            break;
          case 'error':
            failWith(new ExtractionError(m.code, m.message));
            break;
        }
      });
      w.on('error', (err) => failWith(new ExtractionError('corrupt', err.message)));
      w.on('exit', (code) => {
        if (!settled && code !== 0) failWith(new ExtractionError('corrupt', `The text extractor stopped unexpectedly (exit ${code}).`));
      });
    }
  });
}
