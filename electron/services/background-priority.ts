// Background work (OCR, pre-review, drawing pages) yields the CPU to the thread that runs the
// app: on a 2-core laptop a tesseract worker and the main process otherwise share the cores
// equally, and the window's responses wait behind page recognition.
// Linux keeps a nice value per thread, so a worker thread can lower its own priority without
// touching the main thread's. macOS and Windows apply setpriority(0) to the whole process, so
// there nothing is changed (a child process can be lowered as a whole with its pid instead).
import fs from 'node:fs';
import os from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** How far below normal background threads run (0 normal … 19 lowest). */
export const BACKGROUND_NICE = 10;
/**
 * OCR's processes (the engine and its page renderers) run lower still, below the import's text
 * extractor, which runs at BACKGROUND_NICE beside the main process's V8 helper threads: La Grange
 * imported while a scan was read took 4.4–4.8 s with OCR here, 5.5–6.3 s with OCR at 10 (and
 * 4.6–5.3 s with the extractor at normal priority, when the main thread stalled up to 90 ms).
 */
export const OCR_NICE = 15;

/** Lowers the calling thread's CPU priority, on Linux only. True when it did. */
export function lowerThisThreadPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    os.setPriority(0, Math.max(os.getPriority(0), BACKGROUND_NICE));
    return true;
  } catch {
    // Not permitted or not supported (a sandbox): the work runs at normal priority, as before.
    return false;
  }
}

/**
 * V8's helper threads: Node's platform workers, unnamed (so they carry the process's own name, as
 * they do in Electron's main process; Chromium names every thread it starts) or, in newer Node,
 * named "V8Worker"; and the thread that hands them delayed tasks.
 */
const HELPER_NAME = /^(V8Worker|V8 DefaultWorke|DelayedTaskSche)/;

/**
 * Lowers V8's helper threads of this process to background priority, leaving the main thread and
 * every named thread (libuv's, Chromium's IO and UI threads) as they are. Linux only; call from
 * the main thread. Returns how many threads were lowered.
 *
 * Why: these threads run every isolate's background jobs — the concurrent marking and sweeping
 * of the tesseract and pre-review workers' heaps as well as the main one's — at normal priority,
 * and they start a few at a time. A scheduler trace of a scan being read (perf sched, session 9,
 * docs/ocr-engines.md) found the main thread's waits for a core were mostly these four threads,
 * not the recognition (already lowered). With them lowered, a 100-page scan's longest stall was
 * 43.4 ms (46.9 and 53.0 before, the same day) and its stalls over 20 ms 4 (12 and 8).
 */
export function lowerHelperThreads(platform: NodeJS.Platform = process.platform, taskDir = '/proc/self/task'): number {
  if (platform !== 'linux') return 0;
  let lowered = 0;
  try {
    const mainName = fs.readFileSync(`${taskDir}/${process.pid}/comm`, 'utf8').trim();
    for (const tid of fs.readdirSync(taskDir)) {
      if (Number(tid) === process.pid) continue;
      try {
        const name = fs.readFileSync(`${taskDir}/${tid}/comm`, 'utf8').trim();
        if (name !== mainName && !HELPER_NAME.test(name)) continue;
        // os.setPriority takes a pid; on Linux a thread's id names that one thread.
        os.setPriority(Number(tid), Math.max(os.getPriority(Number(tid)), BACKGROUND_NICE));
        lowered++;
      } catch {
        // The thread ended while listed, or lowering it was refused: it stays as it was.
      }
    }
  } catch {
    // No /proc (a sandbox): nothing is changed.
  }
  return lowered;
}

let helpersLowered = false;
/** lowerHelperThreads once per process, from its main thread: when a workspace opens, in the app, the CLI and the benches alike. */
export function lowerHelperThreadsOnce(): void {
  if (helpersLowered || !isMainThread) return;
  helpersLowered = true;
  lowerHelperThreads();
}
