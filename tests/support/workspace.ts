// A real workspace (SQLite file, blob folder) in a fresh temp folder, for integration tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type WorkspaceOptions } from '../../electron/services/workspace.ts';

export function tempDir(prefix = 'credence-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A workspace in a temp folder of its own. The data folder sits one level down (root/data), so
 * whatever a test writes "beside" it (packets, bundles, PDFs) is inside the root and goes with
 * cleanup().
 */
export function tempWorkspace(opts: Partial<WorkspaceOptions> = {}) {
  const root = opts.dataDir ? null : tempDir();
  const dataDir = opts.dataDir ?? path.join(root!, 'data');
  const ws = openWorkspace({ actor: 'tester', ...opts, dataDir });
  return {
    ws,
    dataDir,
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
    cleanup() {
      ws.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-files`, { recursive: true, force: true });
      if (root) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export const CORPUS = path.resolve(process.env.CREDENCE_CORPUS ?? path.join(import.meta.dirname, '../../../shared/corpus'));
export const corpusFile = (name: string) => path.join(CORPUS, 'policies', name);
export const corpusPresent = () => fs.existsSync(path.join(CORPUS, 'policies'));
