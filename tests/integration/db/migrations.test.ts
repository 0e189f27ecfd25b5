// One test per migration: step a real SQLite file to that version and check what it holds.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../../electron/db/migrate.ts';
import { MIGRATIONS } from '../../../electron/db/migrations/index.ts';
import { openDatabase } from '../../../electron/db/open.ts';
import { tempDir } from '../../support/workspace.ts';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const tables = (db: Database.Database) =>
  db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'pages_fts_%' ORDER BY name").all().map((r) => r.name);

describe('migrations', () => {
  it('001 creates cases and meta, and enforces the ORI length and status values', () => {
    const db = new Database(path.join(fresh(), 'w.sqlite'));
    migrate(db, MIGRATIONS, { target: 1 });
    expect(currentVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['cases', 'meta']);
    const insert = db.prepare(
      `INSERT INTO cases (id, agency_name, ori, state, checklist_pack_id, checklist_pack_version, status, created_at, updated_at) VALUES (?, 'A', ?, 'IL', 'p', '1', ?, 't', 't')`,
    );
    insert.run('a', 'IL0000000', 'draft');
    expect(() => insert.run('b', 'IL00', 'draft')).toThrow(/CHECK/);
    expect(() => insert.run('c', 'IL0000000', 'lost')).toThrow(/CHECK/);
    db.close();
  });

  it('002 adds documents, pages and a full-text index kept in step by triggers, keeping existing cases', () => {
    const db = new Database(path.join(fresh(), 'w.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, { target: 1 });
    db.prepare(`INSERT INTO cases (id, agency_name, ori, state, checklist_pack_id, checklist_pack_version, created_at, updated_at) VALUES ('c', 'A', 'IL0000000', 'IL', 'p', '1', 't', 't')`).run();
    migrate(db, MIGRATIONS, { target: 2 });
    expect(currentVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['case_documents', 'cases', 'documents', 'meta', 'pages', 'pages_fts']);
    expect(db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    db.prepare(`INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, title, original_name, extractor_version, imported_by, imported_at) VALUES ('d', ?, 'f', 1, 1, 't', 't.pdf', 'x', 'me', 't')`).run('a'.repeat(64));
    db.prepare(`INSERT INTO pages (document_id, page_index, text, items) VALUES ('d', 0, 'Officers shall not use chokeholds', '[]')`).run();
    expect(db.prepare(`SELECT rowid FROM pages_fts WHERE pages_fts MATCH 'chokehold'`).all()).toHaveLength(1); // porter: chokeholds → chokehold
    db.prepare('DELETE FROM pages').run();
    expect(db.prepare(`SELECT rowid FROM pages_fts WHERE pages_fts MATCH 'chokehold'`).all()).toHaveLength(0);
    expect(() => db.prepare(`INSERT INTO case_documents VALUES ('nope', 'd', 'me', 't')`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('opening a workspace database', () => {
  it('sets WAL, foreign keys and a busy timeout', () => {
    const { db } = openDatabase(path.join(fresh(), 'w.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(30_000);
    db.close();
  });

  it('backs up an existing database before migrating it, and the backup holds the old data', () => {
    const dir = fresh();
    const file = path.join(dir, 'w.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS, { target: 1 });
    old.prepare(`INSERT INTO meta VALUES ('k', 'before')`).run();
    old.close();
    const { db, migration } = openDatabase(file, { backupDir: path.join(dir, 'backups'), now: () => new Date('2026-01-02T03:04:05Z') });
    expect(migration).toMatchObject({ from: 1, to: MIGRATIONS.length });
    expect(migration.backupFile).toBe(path.join(dir, 'backups', 'workspace-v1-2026-01-02T03-04-05-000Z.sqlite'));
    const backup = new Database(migration.backupFile!, { readonly: true });
    expect(currentVersion(backup)).toBe(1);
    expect(backup.prepare(`SELECT value FROM meta WHERE key = 'k'`).get()).toEqual({ value: 'before' });
    backup.close();
    db.close();
  });

  it('takes no backup of a brand-new database or one already current', () => {
    const dir = fresh();
    const file = path.join(dir, 'w.sqlite');
    openDatabase(file, { backupDir: path.join(dir, 'b') }).db.close();
    const again = openDatabase(file, { backupDir: path.join(dir, 'b') });
    expect(again.migration.backupFile).toBeNull();
    expect(fs.existsSync(path.join(dir, 'b'))).toBe(false);
    again.db.close();
  });

  it('refuses a database written by a newer Credence, and leaves it untouched', () => {
    const file = path.join(fresh(), 'w.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer Credence \(schema 99; this version knows \d+\)/);
    const check = new Database(file);
    expect(currentVersion(check)).toBe(99);
    check.close();
  });

  it('rolls a failing migration back whole, leaving the previous version', () => {
    const db = new Database(path.join(fresh(), 'w.sqlite'));
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table;') }];
    expect(() => migrate(db, broken)).toThrow(/missing_table/);
    expect(currentVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('half');
    db.close();
  });
});

describe('migrations 003–005', () => {
  const stepTo = (n: number) => {
    const db = new Database(path.join(fresh(), 'w.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, { target: n - 1 });
    db.prepare(`INSERT INTO cases (id, agency_name, ori, state, checklist_pack_id, checklist_pack_version, created_at, updated_at) VALUES ('c', 'A', 'IL0000000', 'IL', 'p', '1', 't', 't')`).run();
    migrate(db, MIGRATIONS, { target: n });
    expect(currentVersion(db)).toBe(n);
    expect(db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 }); // data kept
    return db;
  };

  it('003 adds packs, highlights, determinations with evidence, and lint decisions', () => {
    const db = stepTo(3);
    expect(tables(db)).toEqual(expect.arrayContaining(['checklist_packs', 'annotations', 'annotation_items', 'determinations', 'determination_evidence', 'lint_decisions']));
    const det = db.prepare(`INSERT INTO determinations (case_id, item_id, status, rationale, decided_by, decided_at) VALUES ('c', 'i', ?, 'r', 'me', 't')`);
    expect(() => det.run('maybe')).toThrow(/CHECK/);
    det.run('met');
    expect(() => db.prepare(`INSERT INTO determinations (case_id, item_id, status, rationale, decided_by, decided_at) VALUES ('nope', 'i', 'met', 'r', 'me', 't')`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('004 adds rubric packs, case rubric versions and per-scorer scores with levels 0–3', () => {
    const db = stepTo(4);
    expect(tables(db)).toEqual(expect.arrayContaining(['rubric_packs', 'case_rubrics', 'scores', 'score_evidence']));
    const s = db.prepare(`INSERT INTO scores (case_id, rubric_id, criterion_id, scorer, level, rationale, decided_at) VALUES ('c', 'r', ?, 'ana', ?, 'why', 't')`);
    s.run('a', 3);
    expect(() => s.run('b', 4)).toThrow(/CHECK/);
    expect(() => s.run('a', 2)).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('005 adds identities, the trust roster, review events, the audit log and packets', () => {
    const db = stepTo(5);
    expect(tables(db)).toEqual(expect.arrayContaining(['identities', 'trust_roster', 'review_events', 'audit_log', 'packets']));
    const id = db.prepare(`INSERT INTO identities (id, name, email, role, public_key_pem, fingerprint, encrypted_key, created_at) VALUES (?, 'n', 'e', ?, 'pem', ?, '{}', 't')`);
    id.run('1', 'lead', 'f1');
    expect(() => id.run('2', 'admin', 'f2')).toThrow(/CHECK/);
    expect(() => id.run('3', 'reviewer', 'f1')).toThrow(/UNIQUE/);
    const audit = db.prepare(`INSERT INTO audit_log (case_id, seq, at, actor, action, entity, entity_id, state_hash, prev_hash, hash) VALUES ('c', ?, 't', 'a', 'x', 'case', 'c', 's', 'p', 'h')`);
    audit.run(1);
    expect(() => audit.run(1)).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});
