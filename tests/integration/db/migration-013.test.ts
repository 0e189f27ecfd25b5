// 013: page claims (which process reads a pending page) added beside OCR rows already stored,
// which keep their text's provenance and start unclaimed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../../electron/db/migrate.ts';
import { MIGRATIONS } from '../../../electron/db/migrations/index.ts';
import { tempDir } from '../../support/workspace.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('migration 013 adds an unclaimed claim to every OCR page and keeps what was read', () => {
  const dir = tempDir();
  dirs.push(dir);
  const db = new Database(path.join(dir, 'w.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, { target: 12 });
  db.prepare(`INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, title, original_name, extractor_version, imported_by, imported_at) VALUES ('d1', ?, 'f', 1, 2, 'T', 't.pdf', 'x', 'me', 't')`).run('a'.repeat(64));
  db.prepare(`INSERT INTO pages (document_id, page_index, text, items) VALUES ('d1', 0, 'read', '[]'), ('d1', 1, '', '[]')`).run();
  db.prepare(`INSERT INTO page_ocr (document_id, page_index, source, status, engine, mean_confidence, updated_at) VALUES ('d1', 0, 'ocr', 'done', 'tesseract.js', 91.5, 't')`).run();
  db.prepare(`INSERT INTO page_ocr (document_id, page_index, source, status, updated_at) VALUES ('d1', 1, 'none', 'pending', 't')`).run();

  const report = migrate(db, MIGRATIONS, { target: 13, backupDir: path.join(dir, 'backups') });
  expect(report).toMatchObject({ from: 12, to: 13 });
  expect(currentVersion(db)).toBe(13);
  expect(db.prepare('SELECT page_index, source, status, engine, mean_confidence, claim_owner, claimed_at FROM page_ocr ORDER BY page_index').all()).toEqual([
    { page_index: 0, source: 'ocr', status: 'done', engine: 'tesseract.js', mean_confidence: 91.5, claim_owner: null, claimed_at: null },
    { page_index: 1, source: 'none', status: 'pending', engine: null, mean_confidence: null, claim_owner: null, claimed_at: null },
  ]);
  // The table is STRICT: a claim time is a number of milliseconds, nothing else.
  expect(() => db.prepare(`UPDATE page_ocr SET claimed_at = 'soon' WHERE page_index = 1`).run()).toThrow(/cannot store TEXT value in INTEGER column/);
  db.prepare(`UPDATE page_ocr SET claim_owner = '123:abcdef', claimed_at = 1764331200000 WHERE page_index = 1`).run();
  db.close();
});
