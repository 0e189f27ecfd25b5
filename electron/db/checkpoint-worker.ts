// A worker thread with a connection of its own that copies the WAL back into the database file
// (a checkpoint), so the fsyncs that cost happen here and not on the main process's connection:
// SQLite's automatic checkpoint runs on the connection whose commit passed 1000 WAL pages, and in
// the app that was the main thread (one stall of ~77 ms, mostly waiting on the disk).
// It ends itself once nothing has been committed for a while: a thread costs ~20-30 MB.
// Plain Node and better-sqlite3 only: the worker runs from source in tests and the CLI.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CheckpointWorkerData {
  file: string;
  /** How often to look for committed changes. */
  intervalMs: number;
  /** Looks in a row that find nothing new before the worker ends. */
  idleLooks: number;
  /** WAL frames past which the worker waits for the writer to start the WAL over (RESTART). */
  restartFrames: number;
}

/** What PRAGMA wal_checkpoint answers: frames in the WAL, and how many of them are now in the database. */
/** Sent when nothing new was seen for idleLooks looks; the main thread answers 'stop'. */
export interface IdleReport {
  type: 'idle';
}

/**
 * Sent once the connection is open: until then the worker is loading better-sqlite3's native
 * code, and ending the thread in the middle of that aborts the whole process (a Node-API fatal
 * error, seen once in CI), so the main thread only asks it to stop until it has heard this.
 */
export interface ReadyReport {
  type: 'ready';
}

export interface CheckpointReport {
  type: 'checkpointed';
  busy: number;
  log: number;
  checkpointed: number;
  /** process.hrtime.bigint() as it began: the same clock in every thread of the process. */
  startedNs: bigint;
}

const { file, intervalMs, idleLooks, restartFrames } = workerData as CheckpointWorkerData;
// No busy wait: a PASSIVE checkpoint never waits for a lock, it copies what it can.
const db = new Database(file, { fileMustExist: true, timeout: 0 });
// Nothing else is asked of this connection: it must never be the one to autocheckpoint a write.
db.pragma('wal_autocheckpoint = 0');
parentPort!.postMessage({ type: 'ready' } satisfies ReadyReport);

const RESTART_WAIT_MS = 5000;

let seen: number | null = null;
let behind = true;
let idle = 0;
const tick = (last = false) => {
  // data_version changes when another connection commits: no commit, no checkpoint to make,
  // unless the last one could not copy everything (a reader held an older snapshot). The first
  // look always checkpoints: the commit that started this worker came before it.
  const version = db.pragma('data_version', { simple: true }) as number;
  if (version === seen && !behind && !last) {
    // Asked, not decided here: the main thread may have committed since this look (below).
    if (++idle === idleLooks) parentPort!.postMessage({ type: 'idle' });
    return;
  }
  idle = 0;
  seen = version;
  const startedNs = process.hrtime.bigint();
  let [r] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  if (!r) return;
  // The writer starts the WAL over only when it finds every frame copied, which commits arriving
  // faster than checkpoints never let happen: past a bound, a RESTART checkpoint waits for the
  // writer to pause and holds it (once per so many MB, the stall the worker otherwise avoids).
  if (r.log >= restartFrames) {
    db.pragma(`busy_timeout = ${RESTART_WAIT_MS}`);
    try {
      [r] = db.pragma('wal_checkpoint(RESTART)') as typeof r[];
    } finally {
      db.pragma('busy_timeout = 0');
    }
    if (!r) return;
  }
  behind = r.busy !== 0 || r.checkpointed < r.log;
  parentPort!.postMessage({ type: 'checkpointed', ...r, startedNs } satisfies CheckpointReport);
};
const timer = setInterval(() => {
  try {
    tick();
  } catch {
    // A locked or busy database: the next look tries again.
  }
}, intervalMs);

// The main thread answers 'idle' with 'stop' once it has stopped counting on this worker; a
// commit it made before that is still caught by one last look.
const onMessage = (m: 'stop') => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try {
    // Always, and always reported: whoever waits for a checkpoint hears of this last one.
    tick(true);
  } catch {
    // Busy: the next worker, or the close's TRUNCATE checkpoint, copies it.
  }
  db.close();
  // Not parentPort.close(): that may drop the last report still queued. With no listener left
  // the thread ends once its messages are out. off(), not removeAllListeners('message'): on
  // Node 22 the latter leaves the port holding the thread, which then never ends (and keeps a
  // CLI or test process from exiting); tests/integration/db/wal-checkpoint.test.ts watches this.
  parentPort!.off('message', onMessage);
};
parentPort!.on('message', onMessage);
