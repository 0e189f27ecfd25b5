// The app's side of the OCR engine's process (engine-host.ts): an OcrPool whose pages are read in
// a child process, started when the queue warms it (as the first page is drawn) or when a page is
// sent, and ended when the pool closes. What the main thread does per page is send the image and
// take back the words; the layout, the reading order and the word boxes are worked out in the child.
//
// A page's time limit or a cancel answers at once (the child ends the read in progress, as the
// in-process pool does); an engine process that dies fails the pages its workers had taken, with a
// plain reason, and the pages waiting behind them go to a fresh one.
import { OCR_NICE } from '../background-priority.ts';
import { fileURLToPath } from 'node:url';
import { defaultPoolSize, engineInfo, OcrAborted, type OcrPageResult, type OcrPool } from './engine.ts';
import { spawnChild, type Child, type ChildExit } from '../isolation/spawn-child.ts';
import { DEFAULT_OCR_LIMITS, OCR_MESSAGES } from './limits.ts';
import type { HostIn, HostOut, HostRead } from './engine-host.ts';

export const SOURCE_ENGINE_HOST_PATH = fileURLToPath(new URL('./engine-host.ts', import.meta.url));

/**
 * V8's heap in the engine's process: small, since the pages and the engine's memory are
 * WebAssembly memory outside it (a worker's, ~100-200 MB each, which the memory bench counts).
 */
const HOST_HEAP_MB = 256;
/** What the engine's process holds besides its workers: Node, V8's heap, a page in transit. */
const HOST_BASE_MB = 256;
/** How often the engine's resident size is read while it reads pages. */
const MEMORY_POLL_MS = 250;

export interface HostPoolOptions {
  size?: number;
  cacheDir: string;
  /** The tesseract.js worker script the engine's threads run (the app's built copy). */
  workerPath?: string;
  /** The engine process's script (the app's built copy); engine-host.ts otherwise. */
  hostPath?: string;
  /**
   * Resident memory one worker may take, in MB (DEFAULT_OCR_LIMITS.engineMemoryMb): WebAssembly
   * memory is outside V8's heap limit, so the process's resident size is read from outside and
   * past HOST_BASE_MB + size × this it is ended, failing the pages it held.
   */
  workerMemoryMb?: number;
}

interface Pending {
  resolve(r: OcrPageResult): void;
  reject(e: Error): void;
  onStart?: () => void;
  /** The read as sent, to send again to a fresh engine if this one ends before taking it. */
  job: HostRead;
  /** The engine process it was sent to. */
  host: Child;
  /** Whether a worker took it: an engine that ends after that fails it, before that it is sent on. */
  started: boolean;
  /**
   * Engines that ended with it untaken and no page of theirs taken either (an engine that died
   * reading nothing, as one that cannot start does): sent on once at most after one, so such an
   * engine is not restarted forever. An engine that died reading another page does not count:
   * that page is the one that fails, and every death of that kind uses up a page.
   */
  idleDeaths: number;
}

/** Why pages in an engine process that ended were not read. */
export function engineStoppedMessage(e: ChildExit, capMb?: number): string {
  if (capMb !== undefined) return OCR_MESSAGES.engineMemory(capMb);
  if (e.outOfMemory) return 'the OCR engine ran out of memory';
  if (e.code === null && e.signal === null) return 'the OCR engine could not be started';
  return e.code !== null ? `the OCR engine stopped, exit code ${e.code}` : `the OCR engine was stopped (${e.signal})`;
}

export function createOcrHostPool(opts: HostPoolOptions): OcrPool {
  const size = Math.max(1, Math.floor(opts.size ?? defaultPoolSize()));
  const info = engineInfo();
  const capMb = HOST_BASE_MB + size * (opts.workerMemoryMb ?? DEFAULT_OCR_LIMITS.engineMemoryMb);
  const pending = new Map<number, Pending>();
  let child: Child | null = null;
  let ended: Promise<void> = Promise.resolve();
  let nextId = 1;
  let closed = false;
  /** Callers of warm() waiting for the engine's workers: answered when they are ready or the engine ends. */
  let warming: Array<(ready: number) => void> = [];
  const warmed = (ready: number) => {
    const all = warming;
    warming = [];
    for (const resolve of all) resolve(ready);
  };
  /**
   * The last engine ended without ever answering (no worker ready, no page taken): one that cannot
   * start. warm() then starts none, so a scan's pages cost the two tries each of them makes, not
   * a third engine per page; the first answer from an engine clears it.
   */
  let diedUnanswered = false;
  /** Workers the running engine last said were ready: a warm() they already cover sends nothing. */
  let readyWorkers = 0;

  const failAll = (why: string) => {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(new Error(why));
  };
  /** The running engine, started if there is none. */
  const engine = (): Child => child ?? start();
  const dispatch = (p: Pending) => {
    try {
      p.host = engine();
    } catch (err) {
      // No process to be had at all (out of memory, a starter that refused): the page fails now.
      pending.delete(p.job.id);
      p.reject(new Error(`the OCR engine could not start (${err instanceof Error ? err.message : String(err)})`));
      return;
    }
    p.started = false;
    p.host.send(p.job satisfies HostIn);
  };

  const start = (): Child => {
    let gone!: () => void;
    let overCap = false;
    /** Whether this engine ever answered (a worker ready, a page taken or read). */
    let answered = false;
    let poll: NodeJS.Timeout | undefined;
    // Started first: if it throws, nothing of this engine is left behind.
    const c = spawnChild(
      opts.hostPath ?? SOURCE_ENGINE_HOST_PATH,
      { heapMb: HOST_HEAP_MB, name: 'Credence OCR engine', background: true, nice: OCR_NICE },
      {
        onMessage: (raw) => {
          const m = raw as HostOut;
          answered = true;
          diedUnanswered = false;
          if (m.type === 'warmed') {
            if (child === c) readyWorkers = m.ready;
            return warmed(m.ready);
          }
          const p = pending.get(m.id);
          if (!p) return; // cancelled here already
          if (m.type === 'started') {
            p.started = true;
            return p.onStart?.();
          }
          pending.delete(m.id);
          if (m.type === 'done') p.resolve(m.result);
          else p.reject(m.aborted ? new OcrAborted(m.message) : new Error(m.message));
        },
        onExit: (e) => {
          clearInterval(poll);
          if (child === c) (child = null), (readyWorkers = 0);
          if (!answered) diedUnanswered = true;
          warmed(0);
          // The page being read is the one that ended it (or was lost with it): it fails, saying
          // why. Pages sent but not yet taken are innocent: a fresh engine reads them, however
          // many engines died reading other pages before them. An engine that died reading
          // nothing may be one that cannot start: its pages are sent on once, then fail.
          const why = engineStoppedMessage(e, overCap ? capMb : undefined);
          try {
            const held = [...pending].filter(([, p]) => p.host === c);
            const readingOne = held.some(([, p]) => p.started);
            for (const [id, p] of held) {
              if (!p.started && !closed && !readingOne) p.idleDeaths++;
              if (p.started || closed || p.idleDeaths >= 2) {
                pending.delete(id);
                p.reject(new Error(why));
              } else dispatch(p);
            }
          } finally {
            gone();
          }
        },
      },
    );
    ended = new Promise<void>((resolve) => (gone = resolve));
    // Read only while pages are held: an idle engine does not grow.
    poll = setInterval(() => {
      if (pending.size === 0 || overCap) return;
      const rss = c.rssBytes();
      if (rss !== null && rss > capMb * 1024 * 1024) {
        overCap = true;
        c.kill();
      }
    }, MEMORY_POLL_MS);
    poll.unref();
    child = c;
    c.send({ type: 'init', size, cacheDir: opts.cacheDir, workerPath: opts.workerPath } satisfies HostIn);
    return c;
  };

  return {
    info,
    size,
    recognize(png, ropts = {}) {
      if (closed) return Promise.reject(new Error('The OCR engine is closed.'));
      const { signal } = ropts;
      if (signal?.aborted) return Promise.reject(new OcrAborted(signal.reason));
      const id = nextId++;
      return new Promise<OcrPageResult>((resolve, reject) => {
        const onAbort = () => {
          const p = pending.get(id);
          if (!p) return;
          pending.delete(id);
          p.host.send({ type: 'cancel', id } satisfies HostIn);
          reject(new OcrAborted(signal!.reason));
        };
        const done = () => signal?.removeEventListener('abort', onAbort);
        const p: Pending = {
          resolve: (r) => (done(), resolve(r)),
          reject: (e) => (done(), reject(e)),
          onStart: ropts.onStart,
          // Only the image crosses: a view over part of a larger buffer (Node's pooled Buffers) is
          // copied first, since Electron's structured clone would send the whole buffer.
          job: { type: 'read', id, png: png.byteOffset === 0 && png.byteLength === png.buffer.byteLength ? new Uint8Array(png.buffer) : new Uint8Array(png), dpi: ropts.dpi, skewRadians: ropts.skewRadians },
          host: null as unknown as Child,
          started: false,
          idleDeaths: 0,
        };
        pending.set(id, p);
        signal?.addEventListener('abort', onAbort, { once: true });
        dispatch(p);
      });
    },
    warm(count = size) {
      if (closed || (diedUnanswered && !child)) return Promise.resolve(0);
      // The queue warms before every page: once the workers run, that is a no-op here, not a
      // message to the engine and back per page.
      if (child && readyWorkers >= Math.min(size, Math.max(1, Math.floor(count)))) return Promise.resolve(readyWorkers);
      let c: Child;
      try {
        c = engine();
      } catch {
        // No process to be had: the page that needs one says why.
        return Promise.resolve(0);
      }
      return new Promise<number>((resolve) => {
        warming.push(resolve);
        c.send({ type: 'warm', count } satisfies HostIn);
      });
    },
    async close() {
      closed = true;
      warmed(0);
      failAll('The OCR engine is closed.');
      const c = child;
      child = null;
      c?.kill();
      await ended;
    },
  };
}
