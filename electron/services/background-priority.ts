// Background work (OCR, pre-review, drawing pages) yields the CPU to the thread that runs the
// app: on a 2-core laptop a tesseract worker and the main process otherwise share the cores
// equally, and the window's responses wait behind page recognition.
// Linux keeps a nice value per thread, so a worker thread can lower its own priority without
// touching the main thread's. macOS and Windows apply setpriority(0) to the whole process, so
// there nothing is changed (a child process can be lowered as a whole with its pid instead).
import os from 'node:os';

/** How far below normal background threads run (0 normal … 19 lowest). */
export const BACKGROUND_NICE = 10;

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
