// Opening the workspace database: WAL so readers never wait on the writer, foreign keys on
// (SQLite's default is off), and a generous busy timeout so a second process (the CLI beside the
// app, or many CLI calls at once) waits for the write lock instead of failing.
//
// A workspace whose folder cannot be written (read-only media, permissions) still opens, for
// reading: the connection is opened read-only and every write is refused with a plain message
// (see storage-errors.ts).

// SQLite reads this once, when better-sqlite3 first loads its native addon (at the first
// `new Database`): URI file names are needed for `immutable=1` below. Our own paths are always
// absolute, so no workspace path is ever mistaken for a URI.
process.env.SQLITE_USE_URI ??= '1';

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { currentVersion, migrate, type MigrationReport } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { READ_ONLY_MESSAGE } from './storage-errors.ts';

export type Db = Database.Database;

/** How long a writer waits for another process's write transaction before giving up. */
export const BUSY_TIMEOUT_MS = 30_000;

/** Owner-only: the workspace holds sealed private keys and agencies' documents. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export interface OpenedDb {
  db: Db;
  migration: MigrationReport;
  readonly: boolean;
}

export interface OpenDatabaseOptions {
  backupDir?: string;
  now?: () => Date;
  /** Open for reading only (the workspace folder or file cannot be written). */
  readonly?: boolean;
}

/** chmod, ignoring files that do not exist (the -wal and -shm come and go). */
export function chmodIfPresent(file: string, mode: number): void {
  try {
    fs.chmodSync(file, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDb {
  if (options.readonly) return openReadOnly(file);
  // Created owner-only before SQLite touches it: SQLite gives the -wal and -shm files the
  // database file's permissions, whatever the umask.
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  fs.chmodSync(file, PRIVATE_FILE_MODE);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    const migration = migrate(db, MIGRATIONS, { backupDir: options.backupDir, now: options.now });
    for (const suffix of ['-wal', '-shm']) chmodIfPresent(file + suffix, PRIVATE_FILE_MODE);
    return { db, migration, readonly: false };
  } catch (err) {
    db.close();
    throw err;
  }
}

function openReadOnly(file: string): OpenedDb {
  if (!fs.existsSync(file)) throw new Error(`${READ_ONLY_MESSAGE} There is no workspace database here yet, and none can be created.`);
  // SQLite reads a WAL database in a folder it cannot write only if the -wal and -shm files are
  // there. Without a -wal every change is already in the main file, so it is read as immutable
  // (no locks, no -shm needed): exactly what is on disk.
  const hasWal = fs.existsSync(`${file}-wal`) && fs.existsSync(`${file}-shm`);
  const name = hasWal ? file : `${pathToFileURL(file).href}?immutable=1`;
  const db = new Database(name, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('foreign_keys = ON');
    const version = currentVersion(db);
    if (version < MIGRATIONS.length) {
      throw new Error(`${READ_ONLY_MESSAGE} This workspace was written by an older Credence and must be upgraded first, which needs write access.`);
    }
    if (version > MIGRATIONS.length) {
      throw new Error(`This workspace was written by a newer Credence (schema ${version}; this version knows ${MIGRATIONS.length}). Update Credence to open it.`);
    }
    return { db, migration: { from: version, to: version, backupFile: null }, readonly: true };
  } catch (err) {
    db.close();
    throw err;
  }
}
