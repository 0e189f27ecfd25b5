// Runs the app's WAL checkpoints in a worker thread (checkpoint-worker.ts) instead of on the main
// connection: automatic checkpoints are switched off there, and the worker checkpoints (PASSIVE)
// whenever it sees a commit, looking once a second. It is started when this connection has
// written (total_changes() moved, looked at once a second: a counter, no I/O) and ends itself
// after a quiet spell, so an idle app carries no extra thread. Closing the workspace makes a
// TRUNCATE checkpoint that leaves no WAL behind. The CLI keeps SQLite's automatic checkpoints: it
// has no event loop a person waits on, and it ends soon after its writes.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from './open.ts';
import type { CheckpointReport, CheckpointWorkerData, IdleReport, ReadyReport } from './checkpoint-worker.ts';

export const SOURCE_CHECKPOINT_WORKER_PATH = fileURLToPath(new URL('./checkpoint-worker.ts', import.meta.url));

/** SQLite's own default, put back when the worker cannot do its job. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
const CLOSE_BUSY_MS = 1000;

export interface WalCheckpointer {
  /**
   * Resolves with the first checkpoint begun after this call, so it covers every commit made
   * before it (tests wait on it instead of on time).
   */
  nextCheckpoint(): Promise<CheckpointReport>;
  /** Whether the worker thread is running now. */
  running(): boolean;
  /** Ends the worker and makes a TRUNCATE checkpoint on `db`; call before db.close(). */
  close(): void;
}

export interface CheckpointerOptions {
  workerPath?: string;
  /** How often the main connection's writes, and the worker's commits seen, are looked at. */
  intervalMs?: number;
  /** Quiet looks before the worker ends. */
  idleLooks?: number;
  /** WAL frames past which the writer is made to start the WAL over (~32 MB of 4 KB pages). */
  restartFrames?: number;
}

export function startWalCheckpointer(db: Db, file: string, opts: CheckpointerOptions = {}): WalCheckpointer {
  const intervalMs = opts.intervalMs ?? 1000;
  let waiting: Array<{ since: bigint; resolve: (r: CheckpointReport) => void }> = [];
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  let worker: Worker | null = null;
  /** Whether `worker` has opened its connection (ReadyReport): only then may it be ended outright. */
  let ready = false;
  let closed = false;
  let failed = false;
  let written = changes.get() ?? 0;

  // A worker that could not start or failed: SQLite's own checkpoints come back, so the WAL
  // never grows without bound (with the old stalls, but no lost space).
  const fallBack = () => {
    failed = true;
    if (!closed && db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  };
  const start = () => {
    const w = new Worker(opts.workerPath ?? SOURCE_CHECKPOINT_WORKER_PATH, {
      workerData: { file, intervalMs, idleLooks: opts.idleLooks ?? 5, restartFrames: opts.restartFrames ?? 8192 } satisfies CheckpointWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: 32 },
    });
    // It must not keep a process alive; the workspace's close ends it.
    w.unref();
    w.on('error', fallBack);
    w.on('exit', () => {
      if (worker === w) worker = null;
    });
    w.on('message', (m: CheckpointReport | IdleReport | ReadyReport) => {
      if (m.type === 'ready') {
        if (worker === w) ready = true;
        return;
      }
      if (m.type === 'idle') {
        // From here a commit starts a new worker; one made before is caught by this one's last look.
        if (worker === w) worker = null;
        // Read after the workspace closed (the report waited while this thread was busy): the
        // worker is already ended and the connection must not be touched.
        if (closed || !db.open) return;
        written = changes.get() ?? written;
        w.postMessage('stop');
        return;
      }
      // A report posted while this thread was busy may be of a checkpoint begun before a commit.
      const due = waiting.filter((x) => m.startedNs > x.since);
      waiting = waiting.filter((x) => m.startedNs <= x.since);
      for (const x of due) x.resolve(m);
    });
    worker = w;
    ready = false;
  };

  db.pragma('wal_autocheckpoint = 0');
  const look = setInterval(() => {
    if (closed || failed || !db.open) return;
    const now = changes.get() ?? 0;
    if (now === written) return;
    written = now;
    if (!worker) {
      try {
        start();
      } catch {
        fallBack();
      }
    }
  }, intervalMs);
  look.unref();

  return {
    nextCheckpoint: () => new Promise((resolve) => waiting.push({ since: process.hrtime.bigint(), resolve })),
    running: () => worker !== null,
    close() {
      if (closed) return;
      closed = true;
      clearInterval(look);
      if (worker) {
        // A worker still loading its native code reads the 'stop' once it listens, and ends
        // itself (see ReadyReport); one that is up is ended now.
        worker.postMessage('stop');
        if (ready) void worker.terminate();
        worker = null;
      }
      if (!db.open || db.readonly) return;
      // Everything into the database file, and the WAL emptied: a closed workspace is one file.
      // Briefly: a CLI writing beside the app must not hold its quit for long.
      try {
        db.pragma(`busy_timeout = ${CLOSE_BUSY_MS}`);
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy: the next connection to open or close checkpoints instead; nothing is lost.
      }
    },
  };
}
