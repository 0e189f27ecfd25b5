// Reads one PDF's pages in two threads of one child process (extract-host.ts), so extraction uses
// both cores and the main thread stays free (the app's event loop must never stall during a
// 700-page import). Every file gets a fresh process under the limits of limits.ts: one that runs
// out of time or memory is ended, its file refused with a plain reason, and the next file gets a
// new one. A process, not threads of the app: V8 can abort the whole process when a thread fills
// its heap in a burst, and in the app that process would be Electron's main one. One process for
// both threads: a Node runtime each cost ~200 MB more importing La Grange.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFUSALS, type Damage, type HostJob, type HostOut, type PageText, type WorkerIn, type WorkerOut } from './messages.ts';
import { limitsFromEnv, rssCapBytes, timeLimitMs, type ExtractLimits } from './limits.ts';
import { spawnChild, type Child, type ChildExit } from '../isolation/spawn-child.ts';
import type { MemoryReport } from '../isolation/child-port.ts';
import type { StoredPdf } from './read-stored.ts';

export type { StoredPdf } from './read-stored.ts';

export interface Extracted {
  numPages: number;
  fingerprint: string;
  title: string | null;
  hasScripts: boolean;
  pages: PageText[];
}

/**
 * code: password_required | password_incorrect | corrupt | too_many_pages | cancelled, or a
 * refusal whose message is the whole reason: too_much_text | too_much_memory | too_slow | damaged
 * | stored_copy (the stored file is not the one that was hashed).
 */
export class ExtractionError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** The codes whose message is already the sentence a person reads. */
export const REFUSAL_CODES: ReadonlySet<string> = new Set(['too_much_text', 'too_much_memory', 'too_slow', 'damaged', 'stored_copy']);

/** Where the worker's source sits when running from source (tests, CLI). The app passes its built copy. */
export const SOURCE_WORKER_PATH = fileURLToPath(new URL('./extract-worker.ts', import.meta.url));

/** The extractor process's script sits beside its threads' (extract-host.ts, or the built .js). */
export const hostPathFor = (workerPath: string) => path.join(path.dirname(workerPath), `extract-host${path.extname(workerPath)}`);

export interface ExtractOptions {
  /** The threads' script (extract-worker); the process hosting them is the extract-host beside it. */
  workerPath: string;
  /** Threads reading the file, each every n-th page. */
  workers: number;
  pageLimit: number;
  password?: string;
  signal?: AbortSignal;
  /** Defaults to limitsFromEnv(). */
  limits?: ExtractLimits;
  onOpened?: (numPages: number) => void;
  onPage?: (done: number, total: number) => void;
}

/**
 * Whether `password` opens the stored file: the extractor opens it and stops before its first
 * page (a page limit of 0 ends it as a file over the limit), in its own process as every read of
 * a file from outside is. For a password a person typed, before it is kept (documents.rememberPassword).
 */
export async function opensWithPassword(input: StoredPdf, password: string, opts: { workerPath: string; limits?: ExtractLimits }): Promise<boolean> {
  try {
    await extractPdf(input, { workerPath: opts.workerPath, workers: 1, pageLimit: 0, password, limits: opts.limits });
    return true; // a file of no pages
  } catch (err) {
    if (err instanceof ExtractionError && err.code === 'too_many_pages') return true;
    if (err instanceof ExtractionError && (err.code === 'password_incorrect' || err.code === 'password_required')) return false;
    throw err;
  }
}

/** How often the workers' memory is measured. */
export const MEMORY_POLL_MS = 100;

/**
 * The extractor's memory caps, as its threads' reports and its resident size (read from outside)
 * tell them: each check answers with the refusal due, or null.
 */
export function extractorMemory(limits: ExtractLimits, fileBytes: number, threads: number) {
  // A worker holds the file's own bytes; only what it decodes beyond them counts against the cap.
  const bufferCap = limits.bufferMb * 1024 * 1024 + fileBytes;
  const heapNearLimit = limits.heapWatchFraction * limits.heapMb * 1024 * 1024;
  const rssCap = rssCapBytes(limits, fileBytes, threads);
  // What the workers last said of their memory: which cap a resident size over the hard cap passed.
  let lastHeap = 0;
  let lastExternal = 0;
  const heapRefusal = () => new ExtractionError('too_much_memory', REFUSALS.heap(limits));
  const bufferRefusal = () => new ExtractionError('too_much_memory', REFUSALS.buffers(limits));
  return {
    heapRefusal,
    report(m: { heapUsed: number; external: number }): ExtractionError | null {
      lastHeap = Math.max(lastHeap, m.heapUsed);
      lastExternal = Math.max(lastExternal, m.external);
      // A worker near its heap limit spends up to a minute collecting garbage before V8 gives up.
      if (m.external > bufferCap) return bufferRefusal();
      if (m.heapUsed > heapNearLimit) return heapRefusal();
      return null;
    },
    resident(rss: number | null): ExtractionError | null {
      if (rss === null || rss <= rssCap) return null;
      return lastExternal > lastHeap ? bufferRefusal() : heapRefusal();
    },
  };
}

/**
 * `input` is the file's bytes, or (import) the workspace's stored copy, which each worker reads
 * itself: bytes sent to a child are serialised on this thread, ~70 ms for a 30 MB file.
 */
export function extractPdf(input: Uint8Array | StoredPdf, opts: ExtractOptions): Promise<Extracted> {
  const limits = opts.limits ?? limitsFromEnv();
  const source: WorkerIn['source'] = input instanceof Uint8Array ? { bytes: input } : { stored: input };
  const fileBytes = input.byteLength;
  // Small documents are not worth a second worker's start-up (~100 ms to start Node and load pdf.js).
  const count = fileBytes < 256 * 1024 ? 1 : Math.max(1, opts.workers);
  const memory = extractorMemory(limits, fileBytes, count);
  return new Promise<Extracted>((resolve, reject) => {
    let child: Child | undefined;
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
    let stall: NodeJS.Timeout | undefined;
    let checkingNesting = false;

    const stop = () => {
      clearTimeout(timer);
      clearTimeout(stall);
      clearInterval(poll);
      child?.kill();
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
    // a 1 MB file inflating to 1 GB of spaces stays under any heap limit. Each worker reports its
    // heap and buffers (below); a worker busy in a long synchronous loop cannot, so its resident
    // size is also read from outside, and over a hard cap it is ended without its cooperation.
    poll = setInterval(() => {
      const over = memory.resident(child?.rssBytes() ?? null);
      if (over) failWith(over);
    }, MEMORY_POLL_MS);

    // A page nested thousands of levels deep keeps pdf.js for minutes, a million levels for hours
    // (limits.graphicsNesting), and checking every page's nesting first would cost as much again
    // as its text. So a file is read as it is until no page has come for stallMs; then the pages
    // still unread are read by a new extractor that checks each one's nesting before its text. A
    // page that is merely slow is read all the same, within the time limit.
    const armStall = () => {
      clearTimeout(stall);
      if (!checkingNesting) stall = setTimeout(() => start(true), limits.stallMs);
    };

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

    const onMessage = (m: WorkerOut | MemoryReport | HostOut) => {
      if (settled) return;
      switch (m.type) {
        case 'thread_out_of_memory':
          failWith(memory.heapRefusal());
          break;
        case 'thread_stopped':
          failWith(new ExtractionError('corrupt', `The text extractor stopped unexpectedly (${m.message}).`));
          break;
        case 'memory': {
          const over = memory.report(m);
          if (over) failWith(over);
          break;
        }
        case 'opened':
          // An extractor started after a stall opens the file again.
          if (opened) break;
          opened = m;
          if (m.numPages > opts.pageLimit) {
            failWith(new ExtractionError('too_many_pages', `It has ${m.numPages.toLocaleString('en-US')} pages, over the limit of ${opts.pageLimit.toLocaleString('en-US')}.`));
            return;
          }
          armTimer(m.numPages);
          armStall();
          opts.onOpened?.(m.numPages);
          break;
        case 'page':
          textChars += m.page.text.length;
          textItems += m.page.items.length;
          if (textChars > limits.documentTextChars) return failWith(new ExtractionError('too_much_text', REFUSALS.documentText(limits, m.page.index + 1)));
          if (textItems > limits.documentItems) return failWith(new ExtractionError('too_much_text', REFUSALS.documentItems(limits, m.page.index + 1)));
          pages.push(m.page);
          armStall();
          if (opened) opts.onPage?.(pages.length, opened.numPages);
          break;
        case 'too_much_text':
          failWith(new ExtractionError('too_much_text', (m.what === 'text' ? REFUSALS.pageText : REFUSALS.pageItems)(limits, m.page + 1)));
          break;
        case 'too_deep':
          failWith(new ExtractionError('too_slow', REFUSALS.nesting(limits, m.page + 1)));
          break;
        case 'done':
          damage.push(m.damage);
          finished++;
          armStall();
          maybeDone();
          break;
        case 'error':
          failWith(new ExtractionError(m.code, m.message));
          break;
      }
    };
    // A worker gone before its 'done' (workers are ended only by this pool once settled): V8's
    // heap abort, or the OS killing it for memory, is the heap refusal; anything else a crash.
    const onExit = (e: ChildExit) => {
      if (settled) return;
      if (e.outOfMemory) failWith(memory.heapRefusal());
      else failWith(new ExtractionError('corrupt', `The text extractor stopped unexpectedly (exit ${e.code ?? e.signal}).`));
    };

    // Each thread holds its own copy (read from the stored file, or handed over from the bytes
    // sent here), which pdf.js may keep. An extractor replaced after a stall is ended, and
    // whatever it still says is not heard.
    const start = (checkNesting: boolean) => {
      checkingNesting = checkNesting;
      child?.kill();
      finished = 0;
      damage.length = 0;
      // Below the app's priority, level with the main process's V8 helper threads (lowered when a
      // workspace opens) and above OCR (OCR_NICE): at normal priority its two threads kept those
      // garbage-collection helpers waiting on 2 cores, and the main thread with them. La Grange,
      // 5 alternating imports each way: event-loop max 18.5–46.0 ms (median 33.0) at normal
      // priority, 17.8–22.3 ms (median 20.8) below it, in the same time (median 4.24 / 4.23 s);
      // imported while a scan was read, 36–90 ms against 25–31 ms, 4.6–5.3 s against 4.4–4.8 s.
      const w = spawnChild(
        hostPathFor(opts.workerPath),
        { heapMb: limits.heapMb, name: 'Credence PDF text extractor', background: true },
        { onMessage: (m) => w === child && onMessage(m as WorkerOut | MemoryReport | HostOut), onExit: (e) => w === child && onExit(e) },
      );
      child = w;
      const skip = pages.map((p) => p.index);
      const job: HostJob = { job: { source, password: opts.password, pageLimit: opts.pageLimit, limits, checkNesting, skip }, threads: count, threadPath: opts.workerPath };
      w.send(job);
    };
    start(limits.stallMs === 0);
  });
}
