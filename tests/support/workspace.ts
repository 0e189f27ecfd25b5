// A real workspace (SQLite file, blob folder) in a fresh temp folder, for integration tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Workspace, type WorkspaceOptions } from '../../electron/services/workspace.ts';

export function tempDir(prefix = 'credence-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every test identity's passphrase unless a test says otherwise. */
export const TEST_PASSPHRASE = 'test passphrase 1';

export interface Person {
  name: string;
  email: string;
  role: 'reviewer' | 'lead';
}
export const REVIEWER: Person = { name: 'Rita Reviewer', email: 'rita@body.example', role: 'reviewer' };
export const LEAD: Person = { name: 'Leo Lead', email: 'leo@body.example', role: 'lead' };

/** Creates `person` in the workspace unless their e-mail is there already, and unlocks them: they act from now on. */
export function actAs(ws: Workspace, person: Person = REVIEWER, passphrase = TEST_PASSPHRASE) {
  const existing = ws.services.identities.list().find((i) => i.email === person.email);
  const identity = existing ?? ws.services.identities.create({ ...person, passphrase });
  return ws.services.session.use(identity.id, passphrase)!;
}

/**
 * For CLI tests: creates `person` in the workspace at `dataDir` and returns the environment a
 * command needs to act as them (CREDENCE_IDENTITY, CREDENCE_PASSPHRASE).
 */
export function seedIdentity(dataDir: string, person: Person = REVIEWER, passphrase = TEST_PASSPHRASE) {
  const ws = openWorkspace({ dataDir, transport: 'cli' });
  try {
    const identity = ws.services.identities.create({ ...person, passphrase });
    return { identity, env: { CREDENCE_IDENTITY: identity.id, CREDENCE_PASSPHRASE: passphrase } };
  } finally {
    ws.close();
  }
}

/**
 * A workspace in a temp folder of its own. The data folder sits one level down (root/data), so
 * whatever a test writes "beside" it (packets, bundles, PDFs) is inside the root and goes with
 * cleanup().
 */
export function tempWorkspace(opts: Partial<WorkspaceOptions> & { actingAs?: Person | null } = {}) {
  const root = opts.dataDir ? null : tempDir();
  const dataDir = opts.dataDir ?? path.join(root!, 'data');
  const { actingAs = REVIEWER, ...rest } = opts;
  const ws = openWorkspace({ ...rest, dataDir });
  // Work is done by a person: a reviewer is unlocked unless the test says who (or no one).
  if (actingAs) actAs(ws, actingAs);
  return {
    ws,
    dataDir,
    actAs: (person?: Person, passphrase?: string) => actAs(ws, person, passphrase),
    async call(method: string, input: unknown) {
      const r = await ws.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value as any;
    },
    write(name: string, bytes: Uint8Array | string): string {
      const p = path.join(dataDir, '..', `${path.basename(dataDir)}-files`, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, bytes);
      return p;
    },
    /** Closes the workspace and removes its folders, even when the close fails (the error still fails the test). */
    cleanup() {
      try {
        ws.close();
      } finally {
        // Tries for up to ~5 s: a thread or child the close has just ended may still let go of a
        // file, and a WAL checkpointer still loading its native code when the workspace closed
        // ends itself only once it listens, opening and closing the database (its -wal and -shm
        // come and go) meanwhile. Seen once under a loaded CI: ENOTEMPTY after 3 tries of 50 ms.
        const rm = (p: string) => fs.rmSync(p, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
        rm(dataDir);
        rm(`${dataDir}-files`);
        if (root) rm(root);
      }
    },
  };
}

export const CORPUS = path.resolve(process.env.CREDENCE_CORPUS ?? path.join(import.meta.dirname, '../../../shared/corpus'));
export const corpusFile = (name: string) => path.join(CORPUS, 'policies', name);
export const corpusPresent = () => fs.existsSync(path.join(CORPUS, 'policies'));
