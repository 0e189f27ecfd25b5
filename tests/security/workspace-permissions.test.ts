// The workspace holds sealed private keys and agencies' documents: it was created 0755 / 0644,
// readable by every user of the machine. It is now 0700 / 0600 whatever the umask, and an
// existing workspace is tightened when it is opened.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { numberedPdf } from '../fixtures/pdfs.ts';
import { migrate } from '../../electron/db/migrate.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { openWorkspace } from '../../electron/services/workspace.ts';
import { tempDir } from '../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

let root: string;
let dataDir: string;
beforeEach(() => {
  root = tempDir();
  dataDir = path.join(root, 'data');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);
function everything(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map((n) => path.join(dir, String(n)));
}

describe('workspace permissions', () => {
  it('creates the folder 0700 and the database, its WAL, blobs and temporary folders owner-only, even with umask 000', async () => {
    const pdf = path.join(root, 'order.pdf');
    fs.writeFileSync(pdf, await numberedPdf(2, 'General Order 2'));
    const env: NodeJS.ProcessEnv = { ...process.env, CREDENCE_PASSPHRASE: 'umask passphrase 1' };
    const cli = (...args: string[]) => spawnSync('sh', ['-c', 'umask 000; exec "$@"', 'sh', NODE, path.join(ROOT, 'electron/cli/run.ts'), ...args, '--json', '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8', env });
    // The workspace is made by the CLI under umask 000, by the person who then acts in it.
    const who = cli('identity', 'create', '--name', 'Uma Reviewer', '--email', 'uma@body.example', '--role', 'reviewer');
    expect(who.status, who.stderr).toBe(0);
    env.CREDENCE_IDENTITY = JSON.parse(who.stdout).id;
    const made = cli('cases', 'create', '--agency', 'Umask Police Department', '--ori', 'IL0000001', '--state', 'IL');
    expect(made.status, made.stderr).toBe(0);
    expect(cli('import', '--case', JSON.parse(made.stdout).id, pdf).status).toBe(0);
    // A workspace held open, so the -wal and -shm files and a temporary folder exist too.
    const ws = openWorkspace({ dataDir });
    try {
      expect(mode(dataDir)).toBe('700');
      const entries = everything(dataDir);
      expect(entries.some((p) => p.endsWith('.pdf'))).toBe(true);
      expect(entries.some((p) => p.endsWith('credence.sqlite-wal'))).toBe(true);
      for (const p of entries) expect(`${path.relative(dataDir, p)} ${mode(p)}`).toBe(`${path.relative(dataDir, p)} ${fs.statSync(p).isDirectory() ? '700' : '600'}`);
    } finally {
      ws.close();
    }
  });

  it('tightens a workspace made world-readable by an earlier version, and keeps the pre-upgrade backup owner-only', () => {
    fs.mkdirSync(path.join(dataDir, 'blobs'), { recursive: true, mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    // An earlier schema with data in it, so opening upgrades it and writes a backup first.
    const old = new Database(path.join(dataDir, 'credence.sqlite'));
    migrate(old, MIGRATIONS, { target: 1 });
    old.close();
    fs.chmodSync(path.join(dataDir, 'credence.sqlite'), 0o644);
    const ws = openWorkspace({ dataDir });
    try {
      expect(ws.migration.backupFile).toBeTruthy();
      expect(mode(ws.migration.backupFile!)).toBe('600');
      expect(mode(path.join(dataDir, 'backups'))).toBe('700');
      expect(mode(dataDir)).toBe('700');
      expect(mode(path.join(dataDir, 'blobs'))).toBe('700');
      expect(mode(path.join(dataDir, 'credence.sqlite'))).toBe('600');
    } finally {
      ws.close();
    }
  });
});
