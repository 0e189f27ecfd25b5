// What an import may change, read back from the workspace: rows in every table an import writes
// (documents, pages, their index, case links, the audit trail), and the files under blobs/ and tmp/.
import fs from 'node:fs';
import path from 'node:path';
import type { tempWorkspace } from '../../support/workspace.ts';

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

export function importState(t: ReturnType<typeof tempWorkspace>) {
  const db = t.ws.ctx.db;
  const count = (table: 'documents' | 'pages' | 'pages_fts' | 'case_documents' | 'audit_log') => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    documents: count('documents'),
    pages: count('pages'),
    fts: count('pages_fts'),
    links: count('case_documents'),
    audit: count('audit_log'),
    blobs: files(t.ws.paths.blobs),
    tmp: files(t.ws.paths.tmp),
  };
}

/** Sets environment variables for one test, and puts the old values back. */
export function withEnv(vars: Record<string, string>): () => void {
  const old = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(old)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
