// The app's WAL is checkpointed by a worker thread with its own connection (the main connection's
// automatic checkpoint fsynced on the main thread). Real SQLite files: the WAL stays bounded while
// the main connection writes, a closed workspace is whole in its database file, and a process
// killed outright loses nothing it committed.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/open.ts';
import { startWalCheckpointer } from '../../../electron/db/wal-checkpointer.ts';
import { openWorkspace } from '../../../electron/services/workspace.ts';
import { tempDir } from '../../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const walSize = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
const MB = 1024 * 1024;
const ROUNDS = 24;

/** One MB of incompressible rows per round, each round its own transaction, as import commits a document. */
function writeRound(db: Db) {
  const insert = db.prepare('INSERT INTO filler (bytes) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 16; i++) insert.run(crypto.randomBytes(64 * 1024));
  })();
}

function fillerDb(): { db: Db; file: string } {
  const file = path.join(fresh(), 'w.sqlite');
  const { db } = openDatabase(file);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)');
  return { db, file };
}

it('with automatic checkpoints off, the worker keeps the WAL from growing with every write', async () => {
  const { db, file } = fillerDb();
  const cp = startWalCheckpointer(db, file, { intervalMs: 20 });
  try {
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    let largest = 0;
    for (let r = 0; r < ROUNDS; r++) {
      writeRound(db);
      largest = Math.max(largest, walSize(file));
      const report = await cp.nextCheckpoint();
      expect(report.busy).toBe(0);
    }
    // Each complete checkpoint lets the next writer start the WAL over: about one round's worth
    // (1 MB) stays; without the worker all of them pile up (the test after next).
    expect(largest).toBeLessThan(3 * MB);
    expect((db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n).toBe(ROUNDS * 16);
  } finally {
    cp.close();
    db.close();
  }
});

it('writes that never pause still cannot grow the WAL past its bound', async () => {
  const { db, file } = fillerDb();
  // A bound of 512 frames (2 MB); the worker is up before the writer commits 1 MB rounds back to back.
  const cp = startWalCheckpointer(db, file, { intervalMs: 20, restartFrames: 512 });
  const BURST = 48;
  try {
    db.prepare('INSERT INTO filler (bytes) VALUES (?)').run(Buffer.alloc(16));
    await cp.nextCheckpoint();
    let largest = 0;
    for (let r = 0; r < BURST; r++) {
      writeRound(db);
      largest = Math.max(largest, walSize(file));
      // Pauses far shorter than a checkpoint takes: a PASSIVE one never finds every frame copied.
      await new Promise<void>((resolve) => setTimeout(resolve, 5));
    }
    // Without the RESTART every round stays in the WAL (as the test after next shows).
    expect(largest).toBeLessThan((BURST * MB) / 2);
  } finally {
    cp.close();
    db.close();
  }
});

it('the worker ends itself after a quiet spell and is started again by the next write', async () => {
  const { db, file } = fillerDb();
  const cp = startWalCheckpointer(db, file, { intervalMs: 20, idleLooks: 3 });
  try {
    // Nothing written yet: no thread.
    expect(cp.running()).toBe(false);
    writeRound(db);
    await cp.nextCheckpoint();
    await expect.poll(() => cp.running(), { timeout: 10_000, interval: 20 }).toBe(false);
    writeRound(db);
    const again = await cp.nextCheckpoint();
    expect(again).toMatchObject({ busy: 0 });
    expect(again.checkpointed).toBe(again.log);
  } finally {
    cp.close();
    db.close();
  }
});

it('a workspace closed while the worker\'s "quiet" report waits in the queue closes without an error', async () => {
  const { db, file } = fillerDb();
  const cp = startWalCheckpointer(db, file, { intervalMs: 20, idleLooks: 1 });
  const uncaught: unknown[] = [];
  const record = (e: unknown) => uncaught.push(e);
  process.on('uncaughtException', record);
  try {
    writeRound(db);
    await cp.nextCheckpoint();
    // The main thread busy (as during a page's store) while the worker's next look finds nothing
    // new and reports it; the workspace is then closed before that report is read.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
    cp.close();
    db.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', record);
    cp.close();
    if (db.open) db.close();
  }
});

it('without the worker the same writes pile up in the WAL (what the test above guards against)', () => {
  const { db, file } = fillerDb();
  try {
    db.pragma('wal_autocheckpoint = 0');
    for (let r = 0; r < ROUNDS; r++) writeRound(db);
    expect(walSize(file)).toBeGreaterThan(ROUNDS * MB);
  } finally {
    db.close();
  }
});

it('closing the app\'s workspace leaves everything in the database file, with another connection still open beside it', () => {
  const dataDir = path.join(fresh(), 'data');
  const ws = openWorkspace({ dataDir, transport: 'app' });
  const file = ws.paths.database;
  // Another process's connection (the CLI beside the app): SQLite then keeps the WAL on close.
  const beside = new Database(file);
  try {
    expect(ws.ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let i = 0; i < 30; i++) {
      ws.services.cases.create({ agencyName: `Agency ${i} Police Department`, ori: `IL${String(i).padStart(7, '0')}`, state: 'IL', agencyType: null, jurisdiction: null, dueDate: null });
    }
    expect(walSize(file)).toBeGreaterThan(0);
    ws.close();
    expect(walSize(file)).toBe(0);
  } finally {
    beside.close();
  }
  // Read as a plain file, WAL or no WAL: every case is there and the database is sound.
  const copy = path.join(fresh(), 'copy.sqlite');
  fs.copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(30);
  } finally {
    db.close();
  }
});

it('the CLI keeps SQLite\'s automatic checkpoints and starts no worker', () => {
  const ws = openWorkspace({ dataDir: path.join(fresh(), 'data'), transport: 'cli' });
  try {
    expect(ws.checkpointer).toBeNull();
    expect(ws.ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  } finally {
    ws.close();
  }
});

it('a worker that ended itself after a quiet spell holds nothing: the process exits once its workspace closes', () => {
  const r = spawnSync(NODE, [path.join(import.meta.dirname, 'support/quiet-then-exit.ts'), fresh()], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  expect(r.stdout.trim()).toBe('closed');
  // null: still running when the time ran out, killed by spawnSync.
  expect(r.status, r.stderr).toBe(0);
});

it('workspaces closed while their worker is still starting close cleanly, and the process exits by itself', () => {
  // Each worker is asked to stop, not ended, until it has opened its connection: a thread ended
  // while loading better-sqlite3 aborts the process (seen once in CI as a Node-API fatal error).
  const r = spawnSync(NODE, [path.join(import.meta.dirname, 'support/close-while-starting.ts'), fresh(), '24'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).not.toContain('FATAL ERROR');
  expect(r.stdout.trim()).toBe('24');
  expect(r.status, r.stderr).toBe(0);
});

it('a process killed outright after its commits loses none of them', async () => {
  const dataDir = path.join(fresh(), 'data');
  const child = spawn(NODE, [path.join(import.meta.dirname, 'support/write-then-die.ts'), dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
  expect(signal).toBe('SIGKILL');
  expect(out.trim()).toBe('40');
  const ws = openWorkspace({ dataDir, transport: 'app' });
  try {
    expect(ws.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((ws.ctx.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(40);
  } finally {
    ws.close();
  }
});
