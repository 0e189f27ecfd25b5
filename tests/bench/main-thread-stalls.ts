// What a stall of the main thread is made of: a 5 ms timer reads the thread's scheduler counters
// (/proc/thread-self/schedstat: nanoseconds run on a core, nanoseconds runnable but waiting for
// one), and every tick that comes more than 20 ms late is split into the two. A stall the thread
// spent running is work (Credence's, or its garbage collector's); one it spent waiting is the
// operating system giving the core to another thread, or the VM's host taking the core away.
// Linux only; elsewhere it reports nothing.
import fs from 'node:fs';

export interface StallSplit {
  /** The longest stall seen by the timer, and how it divides. */
  longest: { ms: number; runMs: number; waitMs: number } | null;
  /** The most the thread itself ran within any one stall. */
  maxRunMs: number;
  /** Stalls over 20 ms, and how many of them were mostly waiting. */
  count: number;
  mostlyWaiting: number;
}

// Read 200 times a second, so without allocating: the watcher must not add collections of its own
// to the thread it watches. One descriptor, opened on the main thread, read again from offset 0.
const buf = Buffer.alloc(128);
const counters: [number, number] = [0, 0];
let fd: number | null | undefined;
function read(): [number, number] | null {
  try {
    fd ??= fs.openSync('/proc/thread-self/schedstat', 'r');
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    let field = 0;
    let value = 0;
    for (let i = 0; i < n && field < 2; i++) {
      const c = buf[i]!;
      if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
      else {
        counters[field++] = value;
        value = 0;
      }
    }
    return [counters[0], counters[1]];
  } catch {
    fd = null;
    return null;
  }
}

/** Starts watching; the function returned stops and reports. */
export function watchStalls(): () => StallSplit {
  const out: StallSplit = { longest: null, maxRunMs: 0, count: 0, mostlyWaiting: 0 };
  let last = performance.now();
  let before = read();
  const timer =
    before &&
    setInterval(() => {
      const now = performance.now();
      const counters = read();
      const gap = now - last;
      if (counters && before && gap > 25) {
        const runMs = (counters[0] - before[0]) / 1e6;
        const waitMs = (counters[1] - before[1]) / 1e6;
        out.count++;
        if (waitMs > runMs) out.mostlyWaiting++;
        out.maxRunMs = Math.max(out.maxRunMs, runMs);
        if (!out.longest || gap > out.longest.ms) out.longest = { ms: gap, runMs, waitMs };
      }
      last = now;
      before = counters;
    }, 5);
  return () => {
    if (timer) clearInterval(timer);
    if (fd != null) fs.closeSync(fd);
    fd = undefined;
    return out;
  };
}
