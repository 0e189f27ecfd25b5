// Opening the workspace database: WAL so readers never wait on the writer, foreign keys on
// (SQLite's default is off), and a busy timeout so a second process (the CLI beside the app)
// waits briefly instead of failing at once.
import Database from 'better-sqlite3';
import { migrate, type MigrationReport } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

export interface OpenedDb {
  db: Db;
  migration: MigrationReport;
}

export function openDatabase(file: string, options: { backupDir?: string; now?: () => Date } = {}): OpenedDb {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const migration = migrate(db, MIGRATIONS, { backupDir: options.backupDir, now: options.now });
    return { db, migration };
  } catch (err) {
    db.close();
    throw err;
  }
}
