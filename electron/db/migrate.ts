// Numbered migrations tracked by PRAGMA user_version. Each runs in one transaction together
// with its version bump, so a failure leaves the database exactly at the previous version.
// Before any migration touches a database that already holds data, a full copy is written
// beside it (VACUUM INTO), so an upgrade can always be undone by hand.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export interface MigrationReport {
  from: number;
  to: number;
  backupFile: string | null;
}

export function currentVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  options: { backupDir?: string; now?: () => Date; target?: number } = {},
): MigrationReport {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}; expected ${i + 1}.`);
  });
  const from = currentVersion(db);
  const target = options.target ?? migrations.length;
  if (from > migrations.length) {
    throw new Error(
      `This workspace was written by a newer Credence (schema ${from}; this version knows ${migrations.length}). Update Credence to open it.`,
    );
  }
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  let backupFile: string | null = null;
  if (pending.length > 0 && from > 0 && options.backupDir) {
    fs.mkdirSync(options.backupDir, { recursive: true });
    fs.chmodSync(options.backupDir, 0o700);
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(options.backupDir, `workspace-v${from}-${stamp}.sqlite`);
    db.prepare('VACUUM INTO ?').run(backupFile);
    fs.chmodSync(backupFile, 0o600);
  }
  for (const m of pending) {
    db.transaction(() => {
      // Another process opening the same workspace at the same moment may have applied it while
      // this one waited for the write lock: the version is read again under the lock.
      if (currentVersion(db) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, pending.at(-1)?.version ?? from), backupFile };
}
