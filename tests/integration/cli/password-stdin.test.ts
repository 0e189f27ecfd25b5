// `--password-stdin` as a user runs it: a real `node electron/cli/run.ts` process with the PDF's
// password piped into it, so the password is in no process's argv (what `ps` shows any user of
// the machine, and what the shell keeps in its history). ocr-cli.test.ts covers the same flag
// in-process (ocr, a typo, both flags at once) and tests/unit/cli/pdf-password.test.ts how the line
// is read; this file covers what only a real process has.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encrypt, hasQpdf, textPdf } from '../../fixtures/pdfs.ts';
import { seedIdentity, tempDir } from '../../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RUN = path.join(ROOT, 'electron/cli/run.ts');
const PASSWORD = 'pw stdin 16';

let root: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let caseId: string;
let locked: string;
beforeEach(async () => {
  root = tempDir('credence-password-stdin-');
  dataDir = path.join(root, 'data');
  env = { ...process.env, ...seedIdentity(dataDir).env, CREDENCE_DATA_DIR: dataDir };
  caseId = JSON.parse(credence(['cases', 'create', '--agency', 'Pipe County Sheriff', '--ori', 'IL0000616', '--state', 'IL', '--json']).out).id;
  locked = path.join(root, 'locked-order-16.pdf');
  if (hasQpdf()) fs.writeFileSync(locked, encrypt(await textPdf([{ lines: ['Officers shall not fire at moving vehicles.'] }]), PASSWORD));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** The CLI run to the end, with `stdin` as its standard input ('ignore': /dev/null). */
function credence(args: string[], stdin: string | 'ignore' = 'ignore') {
  const r = spawnSync(process.execPath, [RUN, ...args], { cwd: ROOT, env, encoding: 'utf8', ...(stdin === 'ignore' ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input: stdin }) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const keptPassword = (): string | undefined => {
  const db = new Database(path.join(dataDir, 'credence.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT password FROM document_passwords').get() as { password: string } | undefined)?.password;
  } finally {
    db.close();
  }
};

/** Resolves once `check()` holds, or rejects after `ms`. */
async function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('credence --password-stdin in a real process', () => {
  it.skipIf(!hasQpdf() || process.platform !== 'linux')('imports an encrypted PDF with the password from a pipe that stays open: not in argv, kept, its text read', async () => {
    const child = spawn(process.execPath, [RUN, 'import', '--case', caseId, '--password-stdin', '--no-ocr', locked], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // What `ps` shows for the running command (/proc/PID/cmdline), before and while it waits.
    const cmdline = path.join('/proc', String(child.pid), 'cmdline');
    await waitFor(() => fs.existsSync(cmdline) && fs.readFileSync(cmdline, 'utf8').includes('--password-stdin'));
    expect(fs.readFileSync(cmdline, 'utf8')).not.toContain(PASSWORD);
    // The first line is the password; the pipe is not closed, so it is read without waiting for its end.
    child.stdin.write(`${PASSWORD}\n`);
    const code = await Promise.race([exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting on stdin; stderr: ${err}`)), 30_000))]);
    child.stdin.destroy();
    expect(code, err).toBe(0);
    expect(out).toContain('locked-order-16.pdf');
    expect(keptPassword()).toBe(PASSWORD);
    expect(credence(['search', '--case', caseId, 'moving vehicles']).out).toContain('Officers shall not fire at *moving* *vehicles*.');
  });

  it.skipIf(!hasQpdf())('refuses a wrong password read from standard input as it refuses one typed after --password', () => {
    const viaArg = credence(['import', '--case', caseId, '--password', 'pw stdin 61', '--no-ocr', locked]);
    const viaStdin = credence(['import', '--case', caseId, '--password-stdin', '--no-ocr', locked], 'pw stdin 61\n');
    expect(viaArg.code).not.toBe(0);
    expect({ code: viaStdin.code, out: viaStdin.out }).toEqual({ code: viaArg.code, out: viaArg.out });
    expect(keptPassword()).toBeUndefined();
  });

  it('refuses empty standard input, and --password with --password-stdin, as usage errors that change nothing', () => {
    const empty = credence(['import', '--case', caseId, '--password-stdin', '--no-ocr', locked]);
    expect(empty).toMatchObject({ code: 2, err: expect.stringContaining('--password-stdin read no password') });
    const blankLine = credence(['import', '--case', caseId, '--password-stdin', '--no-ocr', locked], '\nsecond line\n');
    expect(blankLine).toMatchObject({ code: 2, err: expect.stringContaining('--password-stdin read no password') });
    const both = credence(['import', '--case', caseId, '--password', PASSWORD, '--password-stdin', '--no-ocr', locked], `${PASSWORD}\n`);
    expect(both).toMatchObject({ code: 2, err: expect.stringContaining('Give the password once') });
    expect(JSON.parse(credence(['documents', '--case', caseId, '--json']).out)).toEqual([]);
  });
});
