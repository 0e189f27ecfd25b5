// A full disk or a read-only workspace used to answer "Something went wrong". Both now say what
// happened and what to do, change nothing, and a read-only workspace still opens for reading.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_MESSAGE, DISK_FULL_MESSAGE, READ_ONLY_MESSAGE, storageError } from '../../electron/db/storage-errors.ts';
import { openWorkspace } from '../../electron/services/workspace.ts';
import { numberedPdf } from '../fixtures/pdfs.ts';
import { tempWorkspace } from '../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Storage Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => {
  // A read-only test may leave the folder unwritable; cleanup must still remove it.
  fs.chmodSync(t.dataDir, 0o700);
  t.cleanup();
});

const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

describe('a full disk', () => {
  it('refuses the change with a plain message and keeps the workspace as it was', async () => {
    const db = t.ws.ctx.db;
    const pdf = t.write('order.pdf', await numberedPdf(30, 'General Order 30'));
    // SQLite's own limit on the file's size: past it SQLite raises a real SQLITE_FULL, exactly as on a full disk.
    // Compacted first: pages a migration freed (015 rebuilds a table) would otherwise still take writes.
    db.exec('VACUUM');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const before = { cases: count(db, 'cases'), documents: count(db, 'documents'), audit: count(db, 'audit_log'), blobs: files(t.ws.paths.blobs) };

    const [imported] = await t.call('documents.import', { caseId, paths: [pdf] });
    expect(imported).toMatchObject({ ok: false, code: 'storage', message: `order.pdf: ${DISK_FULL_MESSAGE}` });
    let refused = null;
    for (let i = 0; i < 500 && !refused; i++) {
      const r = await t.ws.dispatch('cases.create', { agencyName: `Full Disk Police Department ${i}`, ori: `IL${1000000 + i}`, state: 'IL' });
      if (!r.ok) refused = r.error;
    }
    expect(refused).toEqual({ code: 'storage', message: DISK_FULL_MESSAGE });
    // Whatever was saved before the disk filled has its audit entry; the refused calls left nothing.
    const made = count(db, 'cases') - before.cases;
    expect(count(db, 'audit_log') - before.audit).toBe(made);
    expect(count(db, 'documents')).toBe(before.documents);
    expect(files(t.ws.paths.blobs)).toEqual(before.blobs);
  });

  it('is recognised from SQLite’s and the file system’s own codes', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let full: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000));
    } catch (err) {
      full = err;
    }
    db.close();
    expect((full as { code: string }).code).toBe('SQLITE_FULL');
    expect(storageError(full)?.message).toBe(DISK_FULL_MESSAGE);
    let enospc: unknown;
    try {
      // /dev/full: every write to it fails with ENOSPC, a real full device.
      fs.writeFileSync('/dev/full', 'x');
    } catch (err) {
      enospc = err;
    }
    if (enospc) expect(storageError(enospc)?.message).toBe(DISK_FULL_MESSAGE);
  });
});

describe('a workspace held by another writer past the busy timeout', () => {
  it('is said plainly, not as an internal error', () => {
    // A second connection that will not wait (timeout 0) stands for one whose 30 s ran out.
    const impatient = new Database(t.ws.paths.database, { timeout: 0 });
    let busy: unknown;
    t.ws.ctx.db.transaction(() => {
      t.ws.ctx.db.prepare('UPDATE cases SET updated_at = updated_at').run();
      try {
        impatient.prepare('UPDATE cases SET updated_at = updated_at').run();
      } catch (err) {
        busy = err;
      }
    }).immediate();
    impatient.close();
    expect((busy as { code: string }).code).toBe('SQLITE_BUSY');
    expect(storageError(busy)).toMatchObject({ code: 'conflict', message: BUSY_MESSAGE });
  });
});

describe('a read-only workspace', () => {
  it('opens for reading and refuses every change plainly, creating nothing, when the folder cannot be written', async () => {
    t.ws.close();
    const before = files(t.dataDir);
    const denied: (file: string, mode: number) => void = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    // Root may write anywhere, so the check for an unwritable folder is stood in for; what
    // follows it (the read-only connection, the refusals) is the real code path.
    const ro = openWorkspace({ dataDir: t.dataDir, access: denied, appLock: true });
    try {
      expect(ro.ctx.writable).toBe(false);
      const list = await ro.dispatch('cases.list', {});
      expect(list.ok && (list.value as Array<{ id: string }>).map((c) => c.id)).toEqual([caseId]);
      const refused = [
        await ro.dispatch('cases.create', { agencyName: 'Another Police Department', ori: 'IL0000002', state: 'IL' }),
        await ro.dispatch('cases.update', { id: caseId, patch: { agencyName: 'Renamed Police Department' } }),
        await ro.dispatch('documents.import', { caseId, paths: [t.write('x.pdf', await numberedPdf(1))] }),
        // Not an audited change: refused by SQLite's read-only connection, said the same way.
        await ro.dispatch('identity.create', { name: 'Ro Reviewer', email: 'ro@body.example', role: 'reviewer', passphrase: 'correct horse battery' }),
      ];
      for (const r of refused) expect(r).toEqual({ ok: false, error: { code: 'storage', message: READ_ONLY_MESSAGE } });
    } finally {
      ro.close();
    }
    expect(files(t.dataDir)).toEqual(before);
  });

  it('reads what a writer beside it has not yet folded into the database file (the -wal)', async () => {
    await t.call('cases.update', { id: caseId, patch: { agencyName: 'Renamed Police Department' } });
    expect(fs.existsSync(`${t.ws.paths.database}-wal`)).toBe(true);
    const ro = openWorkspace({ dataDir: t.dataDir, access: () => { throw Object.assign(new Error('EROFS'), { code: 'EROFS' }); } });
    try {
      const r = await ro.dispatch('cases.get', { id: caseId });
      expect(r.ok && (r.value as { agencyName: string }).agencyName).toBe('Renamed Police Department');
    } finally {
      ro.close();
    }
  });

  // Root ignores file permissions, so a real unwritable folder needs another user: the CLI runs
  // as "nobody" on a folder it owns with mode 0500.
  // "nobody" must also be able to run the project's Node: a checkout inside a private (0700)
  // folder is out of its reach, and then the test says so instead of failing on the spawn.
  const nobodyUid = process.getuid?.() === 0 ? Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim()) : NaN;
  const asNobody = Number.isInteger(nobodyUid) && spawnSync(NODE, ['-e', '0'], { uid: nobodyUid, gid: nobodyUid }).status === 0;
  it.skipIf(!asNobody)('a real folder with mode 0500: the CLI lists the cases and refuses to create one, saying why (skipped when not root, or when "nobody" cannot reach the checkout\'s Node)', () => {
    t.ws.close();
    const nobody = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    // The temp folders above the workspace are root's, 0700: let "nobody" pass through them.
    const parents: Array<[string, number]> = [];
    for (let d = path.dirname(t.dataDir); d !== path.dirname(d) && fs.statSync(d).uid === 0 && (fs.statSync(d).mode & 0o001) === 0; d = path.dirname(d)) {
      parents.push([d, fs.statSync(d).mode & 0o777]);
      fs.chmodSync(d, (fs.statSync(d).mode & 0o777) | 0o001);
    }
    for (const f of [t.dataDir, ...files(t.dataDir), ...fs.readdirSync(t.dataDir, { recursive: true }).map((n) => path.join(t.dataDir, String(n)))]) fs.chownSync(f, nobody, nobody);
    fs.chmodSync(t.dataDir, 0o500);
    const before = files(t.dataDir).map((f) => [f, fs.statSync(f).mtimeMs, fs.statSync(f).size]);
    const cli = (...args: string[]) => spawnSync(NODE, [path.join(ROOT, 'electron/cli/run.ts'), ...args, '--json', '--data-dir', t.dataDir], { cwd: ROOT, encoding: 'utf8', uid: nobody, gid: nobody, env: { ...process.env, HOME: t.dataDir } });
    try {
      const list = cli('cases', 'list');
      expect(list.status).toBe(0);
      expect(JSON.parse(list.stdout).map((c: { id: string }) => c.id)).toEqual([caseId]);
      const create = cli('cases', 'create', '--agency', 'Another Police Department', '--ori', 'IL0000002', '--state', 'IL');
      expect(create.status).toBe(1);
      expect(create.stderr).toBe(`credence: ${READ_ONLY_MESSAGE}\n`);
      expect(files(t.dataDir).map((f) => [f, fs.statSync(f).mtimeMs, fs.statSync(f).size])).toEqual(before);
    } finally {
      for (const [d, m] of parents) fs.chmodSync(d, m);
    }
  });
});
