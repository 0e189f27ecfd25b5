// A large document's pages are stored a slice per turn of the event loop (012_document_staging),
// so the window is never frozen for the whole file. These tests hold what that must not cost: a
// document is seen whole or not at all, a staging left by a process that died is cleared, one
// still in progress elsewhere is refused with a clear message, and a cancel leaves nothing behind.
import crypto from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAGE_SLICE } from '../../../electron/services/documents/documents-service.ts';
import { putBlob } from '../../../electron/services/documents/blob-store.ts';
import { numberedPdf } from '../../fixtures/pdfs.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => t.cleanup());

// More pages than one slice holds, so the document is stored over several turns.
const PAGES = STAGE_SLICE.pages * 2 + 5;
const count = (sql: string, ...args: unknown[]) => (t.ws.ctx.db.prepare(sql).get(...args) as { n: number }).n;
const staged = () => count('SELECT count(*) AS n FROM document_staging');
const blobCount = () => (fs.existsSync(t.ws.paths.blobs) ? fs.readdirSync(t.ws.paths.blobs, { recursive: true }).filter((f) => String(f).endsWith('.pdf')).length : 0);

/** A staged document as a process that stopped mid-import leaves it: its blob, its row, some of its pages, its staging row. */
function leaveStaging(file: string, pid: number, startedAt = new Date().toISOString()): string {
  const sha = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const id = 'left-behind-document';
  const db = t.ws.ctx.db;
  putBlob(t.ws.paths.blobs, t.ws.paths.tmp, sha, fs.readFileSync(file));
  db.prepare(
    `INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, pages_needing_ocr, title, original_name, has_scripts, extractor_version, imported_by, imported_at)
     VALUES (?, ?, 'fp', 1, ?, 0, 'Half stored', 'manual.pdf', 0, 'x', 'Someone', ?)`,
  ).run(id, sha, PAGES, startedAt);
  for (let i = 0; i < 3; i++) db.prepare(`INSERT INTO pages (document_id, page_index, text, items, needs_ocr) VALUES (?, ?, 'Policy page stale text', '{}', 0)`).run(id, i);
  db.prepare('INSERT INTO document_staging (document_id, pid, started_at) VALUES (?, ?, ?)').run(id, pid, startedAt);
  return id;
}
/** The id of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

describe('a document stored a slice at a time', () => {
  it('is listed, searched and audited only once every page is in', async () => {
    const file = t.write('manual.pdf', await numberedPdf(PAGES, 'Policy Manual'));
    const seen: Array<{ staged: number; listed: number; hits: number }> = [];
    let importing = true;
    const watch = (async () => {
      while (importing) {
        const listed = (await t.call('documents.list', { caseId })).length;
        const hits = (await t.call('search.query', { caseId, query: 'Policy page' })).length;
        seen.push({ staged: staged(), listed, hits });
        await new Promise((r) => setTimeout(r, 0));
      }
    })();
    const [r] = await t.call('documents.import', { caseId, paths: [file] });
    importing = false;
    await watch;

    expect(r).toMatchObject({ ok: true, document: { pageCount: PAGES } });
    // The watcher saw the document while it was staged, and at that moment the case had nothing of it.
    const during = seen.filter((s) => s.staged > 0);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((s) => s.listed === 0 && s.hits === 0)).toBe(true);
    // Whole afterwards: every page stored and indexed, no staging left, one audit entry.
    expect(staged()).toBe(0);
    expect(count('SELECT count(*) AS n FROM pages WHERE document_id = ?', r.document.id)).toBe(PAGES);
    expect((await t.call('search.query', { caseId, query: `"Section ${PAGES}"` }))[0]).toMatchObject({ page: PAGES });
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE action = 'documents.import' AND entity_id = ?`, r.document.id)).toBe(1);
  });

  it('leaves nothing behind when the import is cancelled while its pages are being stored', async () => {
    const file = t.write('manual.pdf', await numberedPdf(PAGES, 'Policy Manual'));
    const importId = 'import-to-cancel';
    let cancelledWhileStaged = false;
    const watch = setInterval(() => {
      if (!cancelledWhileStaged && staged() > 0) cancelledWhileStaged = t.ws.services.documents.cancel(importId);
    }, 0);
    const [r] = await t.call('documents.import', { caseId, paths: [file], importId });
    clearInterval(watch);

    expect(cancelledWhileStaged).toBe(true);
    expect(r).toMatchObject({ ok: false, code: 'cancelled' });
    expect(r.message).toContain('Import cancelled before this file was stored.');
    expect({ documents: count('SELECT count(*) AS n FROM documents'), pages: count('SELECT count(*) AS n FROM pages'), fts: count('SELECT count(*) AS n FROM pages_fts'), staged: staged(), blobs: blobCount() }).toEqual({ documents: 0, pages: 0, fts: 0, staged: 0, blobs: 0 });
    // And the same file imports whole afterwards.
    const [again] = await t.call('documents.import', { caseId, paths: [file] });
    expect(again).toMatchObject({ ok: true, document: { pageCount: PAGES } });
  });
});

describe('a staging left behind', () => {
  it('by a process that ended is cleared when the workspace opens, its stored copy too, and the file then imports whole', async () => {
    const file = t.write('manual.pdf', await numberedPdf(PAGES, 'Policy Manual'));
    const id = leaveStaging(file, deadPid());
    expect(blobCount()).toBe(1);
    reopen();

    expect(count('SELECT count(*) AS n FROM documents WHERE id = ?', id)).toBe(0);
    expect(count('SELECT count(*) AS n FROM pages WHERE document_id = ?', id)).toBe(0);
    expect(staged()).toBe(0);
    // Nothing rests on the copy of the file it stored: that goes too.
    expect(blobCount()).toBe(0);
    const [r] = await t.call('documents.import', { caseId, paths: [file] });
    expect(r).toMatchObject({ ok: true, alreadyInWorkspace: false, document: { pageCount: PAGES } });
    expect(count('SELECT count(*) AS n FROM pages WHERE document_id = ?', r.document.id)).toBe(PAGES);
  });

  it('by a process still running is not taken over: the import says so, and succeeds once that process has ended', async () => {
    const file = t.write('manual.pdf', await numberedPdf(PAGES, 'Policy Manual'));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      leaveStaging(file, other.pid!);
      const [busy] = await t.call('documents.import', { caseId, paths: [file] });
      expect(busy).toMatchObject({ ok: false, code: 'busy' });
      expect(busy.message).toContain('manual.pdf: This file is being stored by another import right now');
      expect((await t.call('documents.list', { caseId })).length).toBe(0);
      expect(staged()).toBe(1);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    const [r] = await t.call('documents.import', { caseId, paths: [file] });
    expect(r).toMatchObject({ ok: true, document: { pageCount: PAGES } });
    expect(staged()).toBe(0);
    expect(count('SELECT count(*) AS n FROM documents')).toBe(1);
  });
});

/** The same workspace folder closed and opened again, as after a restart; cleaned up as the first one would have been. */
function reopen() {
  const root = path.dirname(t.dataDir);
  t.ws.close();
  const again = tempWorkspace({ dataDir: t.dataDir });
  t = {
    ...again,
    cleanup() {
      again.cleanup();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
