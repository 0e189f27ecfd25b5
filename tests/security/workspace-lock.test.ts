// The workspace lock: two desktop apps on one folder would each keep their own session (the
// chosen identity, undo history, imports in progress) and act on each other's cases unseen, so a
// second app is refused. The CLI takes no lock and works beside a running app: SQLite serialises
// the writes and each change is audited in its own transaction.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../electron/services/workspace.ts';
import { TEST_PASSPHRASE, tempDir } from '../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const WORKSPACE = path.join(ROOT, 'electron/services/workspace.ts');

let root: string;
let dataDir: string;
beforeEach(() => {
  root = tempDir();
  dataDir = path.join(root, 'data');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A second app, in a process of its own, opening the same folder with the lock. */
function secondApp() {
  const script = `import { openWorkspace } from ${JSON.stringify(WORKSPACE)};
try { openWorkspace({ dataDir: ${JSON.stringify(dataDir)}, appLock: true }).close(); console.log('opened'); }
catch (err) { console.log(err.message); }`;
  return spawnSync(NODE, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
}

/** The CLI beside the app acts as a person too: an identity, named by the environment. */
function seedIdentityIn(ws: ReturnType<typeof openWorkspace>) {
  const i = ws.services.identities.create({ name: 'Cleo Cli', email: 'cleo@body.example', role: 'reviewer', passphrase: TEST_PASSPHRASE });
  return { CREDENCE_IDENTITY: i.id, CREDENCE_PASSPHRASE: TEST_PASSPHRASE };
}

describe('one desktop app per workspace', () => {
  it('refuses a second app with a message saying which process has it, while the CLI works beside it', () => {
    const app = openWorkspace({ dataDir, appLock: true });
    const cli = seedIdentityIn(app);
    try {
      expect(secondApp()).toBe(`This workspace is already open in Credence (process ${process.pid}). Close that window first, or open another workspace with --data-dir or CREDENCE_DATA_DIR.`);
      const r = spawnSync(NODE, [path.join(ROOT, 'electron/cli/run.ts'), 'cases', 'create', '--agency', 'Lock Police Department', '--ori', 'IL0000001', '--state', 'IL', '--json', '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...cli } });
      expect(r.status).toBe(0);
      expect((app.ctx.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(1);
    } finally {
      app.close();
    }
    // Closed: the lock is gone and the next app opens.
    expect(fs.existsSync(path.join(dataDir, 'app.lock'))).toBe(false);
    expect(secondApp()).toBe('opened');
  });

  it('takes over the lock of an app that crashed (its process is gone)', () => {
    fs.mkdirSync(dataDir, { recursive: true });
    const dead = spawnSync(NODE, ['-e', '']).pid!;
    fs.writeFileSync(path.join(dataDir, 'app.lock'), JSON.stringify({ pid: dead, host: os.hostname(), token: 'crashed' }));
    expect(secondApp()).toBe('opened');
    expect(fs.existsSync(path.join(dataDir, 'app.lock'))).toBe(false);
  });
});
