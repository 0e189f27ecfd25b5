// 007: the workspace's record of deleted cases, added beside a workspace that already holds data.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../../electron/db/migrate.ts';
import { MIGRATIONS } from '../../../electron/db/migrations/index.ts';
import { tempDir } from '../../support/workspace.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('migration 007_case_removals', () => {
  it('adds deleted_cases, keeps existing cases, and backs the database up first', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = new Database(path.join(dir, 'w.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, { target: 6 });
    db.prepare(`INSERT INTO cases (id, agency_name, ori, state, checklist_pack_id, checklist_pack_version, created_at, updated_at) VALUES ('c1', 'A', 'IL0000000', 'IL', 'p', '1', 't', 't')`).run();
    const report = migrate(db, MIGRATIONS, { target: 7, backupDir: path.join(dir, 'backups') });
    expect(report).toMatchObject({ from: 6, to: 7 });
    expect(report.backupFile && fs.existsSync(report.backupFile)).toBe(true);
    expect(currentVersion(db)).toBe(7);
    expect(db.prepare('SELECT id FROM cases').all()).toEqual([{ id: 'c1' }]);
    const cols = db.prepare<[], { name: string; notnull: number }>("SELECT name, \"notnull\" FROM pragma_table_info('deleted_cases')").all();
    expect(cols.map((c) => c.name)).toEqual(['id', 'agency_name', 'ori', 'documents', 'audit_entries', 'audit_head', 'deleted_by', 'deleted_at']);
    expect(cols.every((c) => c.notnull === 1 || c.name === 'id')).toBe(true);
    // STRICT: a row with the wrong types is refused.
    expect(() => db.prepare(`INSERT INTO deleted_cases VALUES ('c2', 'A', 'IL0000000', 'many', 0, '', 'x', 't')`).run()).toThrow(/datatype|cannot store/i);
    db.close();
  });
});
