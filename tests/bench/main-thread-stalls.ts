// What a stall of the main thread is made of: a 5 ms timer reads the thread's scheduler counters
// (/proc/thread-self/schedstat: nanoseconds run on a core, nanoseconds runnable but waiting for
// one), and every tick that comes more than 20 ms late is split into the two. A stall the thread
// spent running is work (Credence's, or its garbage collector's); one it spent waiting is the
// operating system giving the core to another thread, or the VM's host taking the core away.
// The host's share is read beside it: the machine's steal time (/proc/stat), the CPU the
// hypervisor ran something else on while this VM wanted it, in 10 ms ticks summed over the cores.
// Linux only; elsewhere it reports nothing.
import fs from 'node:fs';

export interface StallSplit {
  /** The longest stall seen by the timer, and how it divides; `stealMs`: the VM's host's steal over the machine's cores meanwhile (null where not reported). */
  longest: { ms: number; runMs: number; waitMs: number; stealMs: number | null } | null;
  /** The most the thread itself ran within any one stall. */
  maxRunMs: number;
  /** Stalls over 20 ms, and how many of them were mostly waiting. */
  count: number;
  mostlyWaiting: number;
  /** Stalls over 20 ms during which the VM's host took at least 10 ms of the machine's CPU (steal). */
  withSteal: number;
  /** The VM's host's steal over the whole watch, ms summed over the cores (null where not reported). */
  stealMs: number | null;
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

// The machine's steal time, from the first line of /proc/stat ("cpu user nice system idle iowait
// irq softirq steal ..."), in ms; read the same way, into a buffer of its own.
const statBuf = Buffer.alloc(256);
let statFd: number | null | undefined;
function stealMs(): number | null {
  try {
    statFd ??= fs.openSync('/proc/stat', 'r');
    const n = fs.readSync(statFd, statBuf, 0, statBuf.length, 0);
    let field = -1;
    let value = 0;
    let inNumber = false;
    for (let i = 0; i < n; i++) {
      const c = statBuf[i]!;
      if (c >= 48 && c <= 57) {
        if (!inNumber) field++;
        inNumber = true;
        value = field === 7 ? value * 10 + (c - 48) : value;
      } else {
        if (inNumber && field === 7) return value * 10; // USER_HZ is 100 on Linux
        inNumber = false;
        if (c === 10) break;
      }
    }
    return null;
  } catch {
    statFd = null;
    return null;
  }
}

/** Starts watching; the function returned stops and reports. */
export function watchStalls(): () => StallSplit {
  const out: StallSplit = { longest: null, maxRunMs: 0, count: 0, mostlyWaiting: 0, withSteal: 0, stealMs: null };
  let last = performance.now();
  let before = read();
  const stealAtStart = stealMs();
  let stealBefore = stealAtStart;
  const timer =
    before &&
    setInterval(() => {
      const now = performance.now();
      const counters = read();
      const steal = stealMs();
      const gap = now - last;
      if (counters && before && gap > 25) {
        const runMs = (counters[0] - before[0]) / 1e6;
        const waitMs = (counters[1] - before[1]) / 1e6;
        const stolen = steal != null && stealBefore != null ? steal - stealBefore : null;
        out.count++;
        if (waitMs > runMs) out.mostlyWaiting++;
        if (stolen != null && stolen >= 10) out.withSteal++;
        out.maxRunMs = Math.max(out.maxRunMs, runMs);
        if (!out.longest || gap > out.longest.ms) out.longest = { ms: gap, runMs, waitMs, stealMs: stolen };
      }
      last = now;
      before = counters;
      stealBefore = steal;
    }, 5);
  return () => {
    if (timer) clearInterval(timer);
    const stealAtEnd = stealMs();
    out.stealMs = stealAtEnd != null && stealAtStart != null ? stealAtEnd - stealAtStart : null;
    if (fd != null) fs.closeSync(fd);
    if (statFd != null) fs.closeSync(statFd);
    fd = undefined;
    statFd = undefined;
    return out;
  };
}
