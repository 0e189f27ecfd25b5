// 014: a table for the passwords of encrypted documents, empty after the upgrade (a document
// imported before it opens in the viewer by asking), and gone with its document.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../../electron/db/migrate.ts';
import { MIGRATIONS } from '../../../electron/db/migrations/index.ts';
import { tempDir } from '../../support/workspace.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('migration 014 keeps every document and adds no password; a password goes with its document', () => {
  const dir = tempDir();
  dirs.push(dir);
  const db = new Database(path.join(dir, 'w.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, { target: 13 });
  db.prepare(`INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, title, original_name, extractor_version, imported_by, imported_at) VALUES ('d1', ?, 'f', 1, 1, 'T', 't.pdf', 'x', 'me', 't')`).run('a'.repeat(64));

  expect(migrate(db, MIGRATIONS, { target: 14, backupDir: path.join(dir, 'backups') })).toMatchObject({ from: 13, to: 14 });
  expect(currentVersion(db)).toBe(14);
  expect(db.prepare('SELECT id FROM documents').all()).toEqual([{ id: 'd1' }]);
  expect(db.prepare('SELECT * FROM document_passwords').all()).toEqual([]);
  // Only for a document that exists, and removed with it.
  expect(() => db.prepare(`INSERT INTO document_passwords (document_id, password) VALUES ('nope', 'x')`).run()).toThrow(/FOREIGN KEY/);
  db.prepare(`INSERT INTO document_passwords (document_id, password) VALUES ('d1', 'secret')`).run();
  db.prepare(`DELETE FROM documents WHERE id = 'd1'`).run();
  expect(db.prepare('SELECT * FROM document_passwords').all()).toEqual([]);
  db.close();
});
