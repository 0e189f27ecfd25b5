// 008: stored pre-review results, decisions on findings of any rule, adopted determinations —
// added beside a workspace that already holds chokehold-lint decisions, which are kept.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../../electron/db/migrate.ts';
import { MIGRATIONS } from '../../../electron/db/migrations/index.ts';
import { tempDir } from '../../support/workspace.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('migration 008_prereview', () => {
  it('keeps lint decisions, lets them name any rule, and adds stored results and the adoption mark', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = new Database(path.join(dir, 'w.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, { target: 7 });
    db.prepare(`INSERT INTO cases (id, agency_name, ori, state, checklist_pack_id, checklist_pack_version, created_at, updated_at) VALUES ('c1', 'A', 'IL0000000', 'IL', 'p', '1', 't', 't')`).run();
    db.prepare(`INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, title, original_name, extractor_version, imported_by, imported_at) VALUES ('d1', ?, 'f', 1, 1, 'T', 't.pdf', 'x', 'me', 't')`).run('a'.repeat(64));
    db.prepare(`INSERT INTO lint_decisions (case_id, document_id, category, page, quote, decision, reason, annotation_id, decided_by, decided_at, decided_by_fingerprint) VALUES ('c1', 'd1', 'vascular', 2, 'q', 'dismissed', 'why', NULL, 'me', 't', 'fp')`).run();
    db.prepare(`INSERT INTO determinations (case_id, item_id, status, rationale, no_rule_found, stale, decided_by, decided_at) VALUES ('c1', 'i1', 'met', 'r', 0, 0, 'me', 't')`).run();
    // Before 008 only the lint's two categories could be stored.
    expect(() => db.prepare(`INSERT INTO lint_decisions (case_id, document_id, category, page, quote, decision, decided_by, decided_at) VALUES ('c1', 'd1', 'warning-shots', 1, 'q', 'accepted', 'me', 't')`).run()).toThrow(/CHECK/);

    const report = migrate(db, MIGRATIONS, { target: 8, backupDir: path.join(dir, 'backups') });
    expect(report).toMatchObject({ from: 7, to: 8 });
    expect(report.backupFile && fs.existsSync(report.backupFile)).toBe(true);
    expect(currentVersion(db)).toBe(8);
    expect(db.prepare('SELECT case_id, document_id, category, page, quote, decision, reason, decided_by_fingerprint FROM lint_decisions').all()).toEqual([
      { case_id: 'c1', document_id: 'd1', category: 'vascular', page: 2, quote: 'q', decision: 'dismissed', reason: 'why', decided_by_fingerprint: 'fp' },
    ]);
    db.prepare(`INSERT INTO lint_decisions (case_id, document_id, category, page, quote, decision, decided_by, decided_at) VALUES ('c1', 'd1', 'warning-shots', 1, 'q', 'accepted', 'me', 't')`).run();
    expect(() => db.prepare(`INSERT INTO lint_decisions (case_id, document_id, category, page, quote, decision, decided_by, decided_at) VALUES ('c1', 'd1', 'x', 1, 'q', 'maybe', 'me', 't')`).run()).toThrow(/CHECK/);
    // Foreign keys still hold on the rebuilt table.
    expect(() => db.prepare(`INSERT INTO lint_decisions (case_id, document_id, category, page, quote, decision, decided_by, decided_at) VALUES ('c1', 'nope', 'chokehold', 1, 'q', 'accepted', 'me', 't')`).run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT adopted_from FROM determinations').all()).toEqual([{ adopted_from: null }]);
    expect(() => db.prepare(`UPDATE determinations SET adopted_from = 'guessed'`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO prereview_results (document_id, rules_version, text_hash, result, computed_at) VALUES ('d1', 'v', 'h', '{}', 't')`).run();
    expect(() => db.prepare(`INSERT INTO prereview_results (document_id, rules_version, text_hash, result, computed_at) VALUES ('nope', 'v', 'h', '{}', 't')`).run()).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
