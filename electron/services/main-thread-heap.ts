// The thread that answers the window keeps its heap through background work instead of having V8
// compact it whenever it goes quiet.
//
// V8's memory reducer waits for a thread's allocation to slow down (8 s) and then runs up to two
// full, compacting collections to hand memory back. During OCR the main thread is mostly waiting
// for pages, so the reducer fires again and again, and on a loaded 2-core machine each of those
// collections stopped the main thread for 16–47 ms: the longest stalls measured while a scan was
// read (docs/ocr-engines.md). The main heap is small (~17 MB after a workspace opens), so what the
// reducer gives back is not worth a window that hitches. Ordinary collections, driven by
// allocation, still run as before; the cost is that after a burst of work the heap stays at its
// high-water mark (tens of MB) until the next of those.
//
// `--no-memory-reducer` would say this more plainly, but V8 reads it only when the heap is set up,
// and Electron's main process takes V8 flags only on its command line. The number of collections
// the reducer may schedule is read at every step, so setting it to 0 at run time stops them.
// Electron's main process starts V8 with --no-freeze-flags-after-init, as Node does (Electron
// patches Node for it since 2022; electron/electron#42414 keeps it in force when a user's
// --js-flags are bad), so v8.setFlagsFromString is allowed there after start-up.
import v8 from 'node:v8';

let applied = false;

/** Process-wide and idempotent: called when a workspace opens, in the app, the CLI and the benches alike. */
export function keepMainHeapSteady(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString('--memory-reducer-gc-count=0');
}
