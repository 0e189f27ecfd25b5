// The workspace folder itself: owner-only permissions, whether it can be written at all, a
// temporary folder per process, and the lock that keeps a second desktop app out.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, chmodIfPresent } from '../db/open.ts';
import { ServiceError } from '../../shared/result.ts';
import type { WorkspacePaths } from './context.ts';

/** fs.accessSync's shape, so tests can stand for a folder root cannot be kept out of. */
export type AccessCheck = (file: string, mode: number) => void;

function canWrite(file: string, access: AccessCheck): boolean {
  try {
    access(file, fs.constants.W_OK);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    return false;
  }
}

function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is filtered by the umask and leaves existing folders alone: chmod says it outright.
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates the folder (owner-only) with its blobs/, backups/ and tmp/ (paths.tmp is still the
 * shared tmp/ here), and says whether it can be written. A folder or database that
 * cannot be written is opened for reading only; nothing is created in it.
 */
export function prepareFolder(paths: WorkspacePaths, access: AccessCheck = fs.accessSync): { writable: boolean } {
  if (!fs.existsSync(paths.dataDir)) {
    try {
      privateDir(paths.dataDir);
    } catch (err) {
      throw new Error(`Cannot create the data folder ${paths.dataDir}: ${(err as Error).message}. Choose another with --data-dir or CREDENCE_DATA_DIR.`);
    }
  }
  const writable = canWrite(paths.dataDir, access) && canWrite(paths.database, access);
  if (!writable) return { writable };
  try {
    fs.chmodSync(paths.dataDir, PRIVATE_DIR_MODE);
    for (const dir of [paths.blobs, paths.backups, paths.tmp]) privateDir(dir);
    for (const suffix of ['', '-wal', '-shm']) chmodIfPresent(paths.database + suffix, PRIVATE_FILE_MODE);
  } catch (err) {
    // A folder that answers "writable" but refuses changes (someone else's files) is read-only to us.
    if (['EPERM', 'EACCES', 'EROFS'].includes((err as NodeJS.ErrnoException).code ?? '')) return { writable: false };
    throw err;
  }
  return { writable };
}

/** True while a process with this id exists (EPERM: it exists, but is someone else's). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const PROCESS_TMP = /^(\d+)-[0-9a-f]{8}$/;

/**
 * A temporary folder of this process's own, tmp/<pid>-<random>/: the app and any number of CLI
 * calls share a workspace, so none may clear another's half-written files. Folders of processes
 * that no longer exist are leftovers of a crash and are removed; anything else is left alone.
 */
export function createProcessTmp(tmpRoot: string): string {
  let names: string[] = [];
  try {
    names = fs.readdirSync(tmpRoot);
  } catch {
    /* no tmp folder yet */
  }
  for (const name of names) {
    const m = PROCESS_TMP.exec(name);
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) fs.rmSync(path.join(tmpRoot, name), { recursive: true, force: true });
  }
  const own = path.join(tmpRoot, `${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  privateDir(own);
  return own;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

/**
 * One desktop app per workspace. Two windows on one folder would each keep their own session —
 * the chosen identity, undo history, drafts, imports in progress — and act on each other's
 * cases unseen. The CLI does not take this lock: SQLite serialises its writes with the app's,
 * and every change is audited in its own transaction, so the CLI beside a running app is safe.
 * A lock left by a crashed app (its process gone) is taken over.
 */
export function acquireAppLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'app.lock');
  const me: LockOwner = { pid: process.pid, host: os.hostname(), token: crypto.randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 2; attempt++) {
    // Written whole under a private name, then linked into place: link() fails if the lock
    // exists, so there is never a moment when another process reads a half-written lock.
    const tmp = `${file}.${me.token}`;
    fs.writeFileSync(tmp, JSON.stringify(me), { mode: PRIVATE_FILE_MODE });
    try {
      fs.linkSync(tmp, file);
      return () => {
        if (readLock(file)?.token === me.token) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    const owner = readLock(file);
    const stale = !owner || (owner.host === me.host && !pidAlive(owner.pid));
    if (!stale) {
      throw new ServiceError(
        'conflict',
        `This workspace is already open in Credence (process ${owner.pid}${owner.host === me.host ? '' : ` on ${owner.host}`}). Close that window first, or open another workspace with --data-dir or CREDENCE_DATA_DIR.`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new ServiceError('conflict', 'This workspace is being opened by another Credence window at this moment. Try again.');
}

function readLock(file: string): LockOwner | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string' ? (v as LockOwner) : null;
  } catch {
    return null;
  }
}
