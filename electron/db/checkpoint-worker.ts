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
}

/** What PRAGMA wal_checkpoint answers: frames in the WAL, and how many of them are now in the database. */
/** Sent when nothing new was seen for idleLooks looks; the main thread answers 'stop'. */
export interface IdleReport {
  type: 'idle';
}

export interface CheckpointReport {
  type: 'checkpointed';
  busy: number;
  log: number;
  checkpointed: number;
  /** process.hrtime.bigint() as it began: the same clock in every thread of the process. */
  startedNs: bigint;
}

const { file, intervalMs, idleLooks } = workerData as CheckpointWorkerData;
// No busy wait: a PASSIVE checkpoint never waits for a lock, it copies what it can.
const db = new Database(file, { fileMustExist: true, timeout: 0 });
// Nothing else is asked of this connection: it must never be the one to autocheckpoint a write.
db.pragma('wal_autocheckpoint = 0');

let seen: number | null = null;
let behind = true;
let idle = 0;
const tick = () => {
  // data_version changes when another connection commits: no commit, no checkpoint to make,
  // unless the last one could not copy everything (a reader held an older snapshot). The first
  // look always checkpoints: the commit that started this worker came before it.
  const version = db.pragma('data_version', { simple: true }) as number;
  if (version === seen && !behind) {
    // Asked, not decided here: the main thread may have committed since this look (below).
    if (++idle === idleLooks) parentPort!.postMessage({ type: 'idle' });
    return;
  }
  idle = 0;
  seen = version;
  const startedNs = process.hrtime.bigint();
  const [r] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  if (!r) return;
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
parentPort!.on('message', (m: 'stop') => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try {
    tick();
  } catch {
    // Busy: the next worker, or the close's TRUNCATE checkpoint, copies it.
  }
  db.close();
  parentPort!.close();
});
