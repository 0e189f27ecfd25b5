// Runs the app's WAL checkpoints in a worker thread (checkpoint-worker.ts) instead of on the main
// connection: automatic checkpoints are switched off there, the worker checkpoints (PASSIVE)
// whenever it sees a commit, at most once a second, and closing the workspace makes a TRUNCATE
// checkpoint that leaves no WAL behind. The CLI keeps SQLite's automatic checkpoints: it has no
// event loop a person waits on, and it ends soon after its writes.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from './open.ts';
import type { CheckpointReport, CheckpointWorkerData } from './checkpoint-worker.ts';

export const SOURCE_CHECKPOINT_WORKER_PATH = fileURLToPath(new URL('./checkpoint-worker.ts', import.meta.url));

/** SQLite's own default, put back when the worker cannot do its job. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
const CLOSE_BUSY_MS = 1000;

export interface WalCheckpointer {
  /** Resolves with the worker's next checkpoint (tests wait on it instead of on time). */
  nextCheckpoint(): Promise<CheckpointReport>;
  /** Ends the worker and makes a TRUNCATE checkpoint on `db`; call before db.close(). */
  close(): void;
}

export function startWalCheckpointer(db: Db, file: string, opts: { workerPath?: string; intervalMs?: number } = {}): WalCheckpointer {
  const waiting: Array<(r: CheckpointReport) => void> = [];
  let closed = false;
  const worker = new Worker(opts.workerPath ?? SOURCE_CHECKPOINT_WORKER_PATH, {
    workerData: { file, intervalMs: opts.intervalMs ?? 1000 } satisfies CheckpointWorkerData,
    resourceLimits: { maxOldGenerationSizeMb: 32 },
  });
  // It must not keep a process alive; the workspace's close ends it.
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  // A worker that could not start or stopped: SQLite's own checkpoints come back, so the WAL
  // never grows without bound (with the old stalls, but no lost space).
  const fallBack = () => {
    if (!closed && db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  worker.on('message', (m: CheckpointReport) => {
    for (const resolve of waiting.splice(0)) resolve(m);
  });
  return {
    nextCheckpoint: () => new Promise((resolve) => waiting.push(resolve)),
    close() {
      if (closed) return;
      closed = true;
      worker.postMessage('stop');
      void worker.terminate();
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
