// 015: page_ocr rebuilt to allow source 'pdf' (a page with its own text layer, waiting to be read
// by OCR at the reviewer's request). Every row and column written before comes through as it was.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../../electron/db/migrate.ts';
import { MIGRATIONS } from '../../../electron/db/migrations/index.ts';
import { tempDir } from '../../support/workspace.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('migration 015 keeps every OCR row, claims included, and takes source pdf but nothing else new', () => {
  const dir = tempDir();
  dirs.push(dir);
  const db = new Database(path.join(dir, 'w.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, { target: 14 });
  db.prepare(`INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, title, original_name, extractor_version, imported_by, imported_at) VALUES ('d1', ?, 'f', 1, 3, 'T', 't.pdf', 'x', 'me', 't')`).run('a'.repeat(64));
  const insert = db.prepare(
    `INSERT INTO page_ocr (document_id, page_index, source, status, engine, engine_version, lang_sha256, mean_confidence, rotation, skew_degrees, words, error, updated_at, claim_owner, claimed_at)
     VALUES (@document_id, @page_index, @source, @status, @engine, @engine_version, @lang_sha256, @mean_confidence, @rotation, @skew_degrees, @words, @error, @updated_at, @claim_owner, @claimed_at)`,
  );
  const rows = [
    { document_id: 'd1', page_index: 0, source: 'ocr', status: 'done', engine: 'tesseract.js', engine_version: '7.0.0', lang_sha256: 'b'.repeat(64), mean_confidence: 91.5, rotation: 90, skew_degrees: 1.25, words: '[["Use",0.1,0.1,0.2,0.12,93]]', error: null, updated_at: '2026-11-01T00:00:00.000Z', claim_owner: null, claimed_at: null },
    { document_id: 'd1', page_index: 1, source: 'none', status: 'pending', engine: null, engine_version: null, lang_sha256: null, mean_confidence: null, rotation: 0, skew_degrees: 0, words: '[]', error: null, updated_at: '2026-11-01T00:00:01.000Z', claim_owner: '123:abc', claimed_at: 1_700_000_000_000 },
  ];
  for (const r of rows) insert.run(r);
  expect(() => insert.run({ ...rows[1], page_index: 2, source: 'pdf' })).toThrow(/CHECK/);

  expect(migrate(db, MIGRATIONS, { target: 15, backupDir: path.join(dir, 'backups') })).toMatchObject({ from: 14, to: 15 });
  expect(currentVersion(db)).toBe(15);
  expect(db.prepare('SELECT * FROM page_ocr ORDER BY page_index').all()).toEqual(rows);
  insert.run({ ...rows[1], page_index: 2, source: 'pdf', claim_owner: null, claimed_at: null });
  expect(() => insert.run({ ...rows[1], page_index: 2, source: 'scanner' })).toThrow(/CHECK/);
  expect(() => insert.run({ ...rows[1], document_id: 'nope' })).toThrow(/FOREIGN KEY/);
  // The queue's index came back with the table.
  expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'page_ocr' AND name = 'page_ocr_by_status'`).all()).toHaveLength(1);
  db.close();
});
