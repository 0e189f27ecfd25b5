// A worker thread with a connection of its own that copies the WAL back into the database file
// (a checkpoint), so the fsyncs that cost happen here and not on the main process's connection:
// SQLite's automatic checkpoint runs on the connection whose commit passed 1000 WAL pages, and in
// the app that was the main thread (one stall of ~77 ms, mostly waiting on the disk).
// Plain Node and better-sqlite3 only: the worker runs from source in tests and the CLI.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CheckpointWorkerData {
  file: string;
  /** How often to look for committed changes. */
  intervalMs: number;
}

/** What PRAGMA wal_checkpoint answers: frames in the WAL, and how many of them are now in the database. */
export interface CheckpointReport {
  type: 'checkpointed';
  busy: number;
  log: number;
  checkpointed: number;
}

const { file, intervalMs } = workerData as CheckpointWorkerData;
// No busy wait: a PASSIVE checkpoint never waits for a lock, it copies what it can.
const db = new Database(file, { fileMustExist: true, timeout: 0 });
// Nothing else is asked of this connection: it must never be the one to autocheckpoint a write.
db.pragma('wal_autocheckpoint = 0');

let seen = -1;
let behind = false;
const tick = () => {
  // data_version changes when another connection commits: no commit, no checkpoint to make,
  // unless the last one could not copy everything (a reader held an older snapshot).
  const version = db.pragma('data_version', { simple: true }) as number;
  if (version === seen && !behind) return;
  seen = version;
  const [r] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  if (!r) return;
  behind = r.busy !== 0 || r.checkpointed < r.log;
  parentPort!.postMessage({ type: 'checkpointed', ...r } satisfies CheckpointReport);
};
const timer = setInterval(() => {
  try {
    tick();
  } catch {
    // A locked or busy database: the next tick tries again.
  }
}, intervalMs);

parentPort!.on('message', (m: 'stop') => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
