// Looks at a stored PDF's pages for a scanner's own OCR (invisible text over the page image), in
// the extractor process (extract-host.ts, one thread of extract-worker.ts in its survey mode),
// under the same limits as reading its text: a file from outside is read only there, and one that
// runs too long or too big is ended, its survey failed with a plain reason, and the app goes on.
// It runs in the background after an import (scanner-text-survey.ts), one file at a time.
import { REFUSALS, type HostJob, type HostOut, type WorkerOut } from './messages.ts';
import { limitsFromEnv, timeLimitMs, type ExtractLimits } from './limits.ts';
import { ExtractionError, extractorMemory, hostPathFor, MEMORY_POLL_MS } from './extract-pool.ts';
import { spawnChild, type Child } from '../isolation/spawn-child.ts';
import type { MemoryReport } from '../isolation/child-port.ts';
import type { StoredPdf } from './read-stored.ts';

export interface SurveyOptions {
  /** The extractor thread's script (extract-worker); the process hosting it is the extract-host beside it. */
  workerPath: string;
  password?: string;
  signal?: AbortSignal;
  limits?: ExtractLimits;
}


/** The pages (0-based, of `pages`) whose text is a scanner's own OCR, in page order. */
export function surveyScannerText(input: StoredPdf, pages: number[], opts: SurveyOptions): Promise<number[]> {
  const limits = opts.limits ?? limitsFromEnv();
  const memory = extractorMemory(limits, input.byteLength, 1);
  const limitMs = timeLimitMs(limits, pages.length);
  return new Promise<number[]>((resolve, reject) => {
    if (pages.length === 0) return resolve([]);
    const found: number[] = [];
    let settled = false;
    let child: Child | undefined;
    const stop = () => {
      clearTimeout(timer);
      clearInterval(poll);
      child?.kill();
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      stop();
      if (err) reject(err);
      else resolve(found.sort((a, b) => a - b));
    };
    const onAbort = () => finish(new ExtractionError('cancelled', 'The survey was stopped.'));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => finish(new ExtractionError('too_slow', REFUSALS.time(limitMs, pages.length))), limitMs);
    const poll = setInterval(() => {
      const over = memory.resident(child?.rssBytes() ?? null);
      if (over) finish(over);
    }, MEMORY_POLL_MS);

    const onMessage = (m: WorkerOut | MemoryReport | HostOut) => {
      if (settled) return;
      switch (m.type) {
        case 'memory': {
          const over = memory.report(m);
          if (over) finish(over);
          break;
        }
        case 'surveyed':
          if (m.scannerText) found.push(m.page);
          break;
        case 'done':
          finish(null);
          break;
        case 'error':
          finish(new ExtractionError(m.code, m.message));
          break;
        case 'thread_out_of_memory':
          finish(memory.heapRefusal());
          break;
        case 'thread_stopped':
          finish(new ExtractionError('corrupt', `The text extractor stopped unexpectedly (${m.message}).`));
          break;
        default:
          // 'opened' from the probing thread: nothing to do with it here.
          break;
      }
    };
    child = spawnChild(
      hostPathFor(opts.workerPath),
      { heapMb: limits.heapMb, name: 'Credence PDF survey', background: true },
      {
        onMessage: (m) => onMessage(m as WorkerOut | MemoryReport | HostOut),
        onExit: (e) => finish(e.outOfMemory ? memory.heapRefusal() : new ExtractionError('corrupt', `The text extractor stopped unexpectedly (exit ${e.code ?? e.signal}).`)),
      },
    );
    const job: HostJob = {
      job: { source: { stored: input }, password: opts.password, pageLimit: Number.MAX_SAFE_INTEGER, limits, checkNesting: false, skip: [], survey: pages },
      threads: 1,
      threadPath: opts.workerPath,
    };
    child.send(job);
  });
}
