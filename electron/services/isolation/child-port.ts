// The child's side of spawn-child.ts: one job in, messages out, the same whether the child was
// started by child_process.fork (process.send) or by Electron's utilityProcess
// (process.parentPort). Plain Node with no imports: the children run it as is (type stripping).
//
// A child ends itself when its parent goes: when the IPC channel closes (a parent killed outright
// closes it too) and, as a second guard, when it finds itself adopted by another parent.
// Both need the child's event loop; a child stuck in a long synchronous loop is ended by the
// parent's own timer, or, if the parent died meanwhile, as soon as the loop yields.

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  once(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;

export function toParent(message: unknown): void {
  if (electronPort) electronPort.postMessage(message);
  else if (process.connected) process.send!(message);
}

/** The job the parent sends first. */
export function jobFromParent<T>(): Promise<T> {
  return new Promise((resolve) => {
    if (electronPort) electronPort.once('message', (e) => resolve(e.data as T));
    else process.once('message', (m) => resolve(m as T));
  });
}

/** Every message the parent sends, in order (a child that serves one job after another). */
export function jobsFromParent<T>(handle: (job: T) => void): void {
  if (electronPort) electronPort.on('message', (e) => handle(e.data as T));
  else process.on('message', (m) => handle(m as T));
}

const startedUnder = process.ppid;
const ORPHAN_CHECK_MS = 1000;
const MEMORY_REPORT_MS = 100;

export interface MemoryReport {
  type: 'memory';
  heapUsed: number;
  /** Buffers outside V8's heap (ArrayBuffers among them), which V8's heap limit does not count. */
  external: number;
}

/**
 * Call first thing in a child: it exits with its parent, and reports its memory on a timer (when
 * its event loop is free; the parent reads its resident size from outside for when it is not).
 */
export function serveParent(opts: { reportMemory: boolean }): void {
  if (!electronPort) process.on('disconnect', () => process.exit(0));
  setInterval(() => {
    if (process.ppid !== startedUnder) process.exit(0);
  }, ORPHAN_CHECK_MS).unref();
  if (opts.reportMemory) {
    setInterval(() => {
      const m = process.memoryUsage();
      toParent({ type: 'memory', heapUsed: m.heapUsed, external: m.external } satisfies MemoryReport);
    }, MEMORY_REPORT_MS).unref();
  }
}
