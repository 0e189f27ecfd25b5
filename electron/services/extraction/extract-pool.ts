// Spreads one PDF's pages across worker threads so extraction uses both cores and the main
// thread stays free (the app's event loop must never stall during a 700-page import).
// Every file runs in fresh workers under the limits of limits.ts: a worker that runs out of
// time or memory is ended, its file refused with a plain reason, and the next file gets new ones.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { REFUSALS, type Damage, type PageText, type WorkerIn, type WorkerOut } from './messages.ts';
import { limitsFromEnv, timeLimitMs, type ExtractLimits } from './limits.ts';

export interface Extracted {
  numPages: number;
  fingerprint: string;
  title: string | null;
  hasScripts: boolean;
  pages: PageText[];
}

/**
 * code: password_required | password_incorrect | corrupt | too_many_pages | cancelled, or a
 * refusal whose message is the whole reason: too_much_text | too_much_memory | too_slow | damaged.
 */
export class ExtractionError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** The codes whose message is already the sentence a person reads. */
export const REFUSAL_CODES: ReadonlySet<string> = new Set(['too_much_text', 'too_much_memory', 'too_slow', 'damaged']);

/** Where the worker's source sits when running from source (tests, CLI). The app passes its built copy. */
export const SOURCE_WORKER_PATH = fileURLToPath(new URL('./extract-worker.ts', import.meta.url));

export interface ExtractOptions {
  workerPath: string;
  workers: number;
  pageLimit: number;
  password?: string;
  signal?: AbortSignal;
  /** Defaults to limitsFromEnv(). */
  limits?: ExtractLimits;
  onOpened?: (numPages: number) => void;
  onPage?: (done: number, total: number) => void;
}

/** How often the workers' memory is measured. */
const MEMORY_POLL_MS = 100;

export function extractPdf(bytes: Uint8Array, opts: ExtractOptions): Promise<Extracted> {
  const limits = opts.limits ?? limitsFromEnv();
  // Small documents are not worth a second worker's start-up (~60 ms to load pdf.js).
  const count = bytes.byteLength < 256 * 1024 ? 1 : Math.max(1, opts.workers);
  // A worker holds the file's own bytes; only what it decodes beyond them counts against the cap.
  const bufferCap = limits.bufferMb * 1024 * 1024 + bytes.byteLength;
  const heapNearLimit = limits.heapWatchFraction * limits.heapMb * 1024 * 1024;
  return new Promise<Extracted>((resolve, reject) => {
    const workers: Worker[] = [];
    const pages: PageText[] = [];
    const damage: Damage[] = [];
    let opened: Extract<WorkerOut, { type: 'opened' }> | null = null;
    let finished = 0;
    let settled = false;
    let textChars = 0;
    let textItems = 0;
    const startedAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let poll: NodeJS.Timeout | undefined;

    const stop = () => {
      clearTimeout(timer);
      clearInterval(poll);
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

    // The limit grows with the page count once the file says how many pages it has.
    const armTimer = (pagesKnown: number | null) => {
      clearTimeout(timer);
      const limit = timeLimitMs(limits, pagesKnown ?? 0);
      timer = setTimeout(() => failWith(new ExtractionError('too_slow', REFUSALS.time(limit, pagesKnown))), Math.max(0, startedAt + limit - Date.now()));
    };
    armTimer(null);

    // V8's heap limit does not count ArrayBuffers, where pdf.js keeps each decoded stream whole:
    // a 1 MB file inflating to 1 GB of spaces stays under any heap limit. So they are measured
    // from here, where a worker busy in a long synchronous loop still answers. The heap is read
    // too: a worker near its limit spends up to a minute collecting garbage before V8 gives up.
    poll = setInterval(() => {
      for (const w of workers) {
        w.getHeapStatistics?.()
          .then((s) => {
            if ((s as { external_memory?: number }).external_memory! > bufferCap) failWith(new ExtractionError('too_much_memory', REFUSALS.buffers(limits)));
            else if (s.used_heap_size > heapNearLimit) failWith(new ExtractionError('too_much_memory', REFUSALS.heap(limits)));
          })
          .catch(() => {});
      }
    }, MEMORY_POLL_MS);

    const maybeDone = () => {
      if (settled || !opened || finished < count) return;
      settled = true;
      stop();
      pages.sort((a, b) => a.index - b.index);
      if (pages.length !== opened.numPages) {
        reject(new ExtractionError('corrupt', `Only ${pages.length} of ${opened.numPages} pages could be read.`));
        return;
      }
      // A file pdf.js had to repair, with no text and no image on any page, is what a broken page
      // tree looks like, not a scan: importing it would store blank pages "needing OCR".
      const repairs = [...new Set(damage.flatMap((d) => d.repairs))];
      if (repairs.length > 0 && pages.every((p) => p.needsOcr) && !damage.some((d) => d.imagesSeen)) {
        reject(new ExtractionError('damaged', REFUSALS.damaged(repairs)));
        return;
      }
      resolve({ ...opened, pages });
    };

    for (let k = 0; k < count; k++) {
      // Each worker gets its own copy, handed over rather than copied again: pdf.js takes
      // ownership of the buffer it is given.
      const own = bytes.slice();
      const data: WorkerIn = { bytes: own, password: opts.password, first: k, stride: count, probe: k === 0, pageLimit: opts.pageLimit, limits };
      const w = new Worker(opts.workerPath, {
        workerData: data,
        transferList: [own.buffer],
        resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
      });
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
            armTimer(m.numPages);
            opts.onOpened?.(m.numPages);
            break;
          case 'page':
            textChars += m.page.text.length;
            textItems += m.page.items.length;
            if (textChars > limits.documentTextChars) return failWith(new ExtractionError('too_much_text', REFUSALS.documentText(limits, m.page.index + 1)));
            if (textItems > limits.documentItems) return failWith(new ExtractionError('too_much_text', REFUSALS.documentItems(limits, m.page.index + 1)));
            pages.push(m.page);
            if (opened) opts.onPage?.(pages.length, opened.numPages);
            break;
          case 'too_much_text':
            failWith(new ExtractionError('too_much_text', (m.what === 'text' ? REFUSALS.pageText : REFUSALS.pageItems)(limits, m.page + 1)));
            break;
          case 'done':
            damage.push(m.damage);
            finished++;
            maybeDone();
            break;
          case 'error':
            failWith(new ExtractionError(m.code, m.message));
            break;
        }
      });
      w.on('error', (err) => {
        if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') failWith(new ExtractionError('too_much_memory', REFUSALS.heap(limits)));
        else failWith(new ExtractionError('corrupt', err.message));
      });
      w.on('exit', (code) => {
        if (!settled && code !== 0) failWith(new ExtractionError('corrupt', `The text extractor stopped unexpectedly (exit ${code}).`));
      });
    }
  });
}
