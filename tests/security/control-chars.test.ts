// Terminal escape codes and other control characters in names: stripped when they come in
// (through the same schemas every transport parses with), and escaped when the CLI prints a
// row that already holds them (a workspace written before the stripping existed).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textPdf } from '../fixtures/pdfs.ts';
import { tempWorkspace } from '../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// ESC[31m (red), NUL, BEL, the 8-bit CSI U+009B with "2J" (clear screen), DEL, a bidi override.
const DIRTY = 'Lake\u001b[31m County\u0000 Sheriff\u0007\u009b2J\u007f Office\u202e';
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/;
// What must never reach a terminal raw (the CLI's own line feeds and tabs are layout).
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let t: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  t = tempWorkspace();
});
afterEach(() => t.cleanup());

const row = (sql: string, ...args: unknown[]) => t.ws.ctx.db.prepare(sql).get(...args) as Record<string, string>;

describe('control characters in names, on the way in', () => {
  it('strips them from agency names, identity names, document titles and roster names, from the CLI’s and the window’s dispatcher alike', async () => {
    const c = await t.call('cases.create', { agencyName: DIRTY, ori: 'IL0490000', state: 'IL' });
    expect(row('SELECT agency_name FROM cases WHERE id = ?', c.id).agency_name).toBe('Lake[31m County Sheriff2J Office');
    const fromWindow = await t.ws.rendererDispatch('cases.create', { agencyName: `\u001b]0;pwned\u0007${DIRTY}`, ori: 'IL0490001', state: 'IL' });
    expect(fromWindow.ok).toBe(true);
    if (fromWindow.ok) expect((fromWindow.value as { agencyName: string }).agencyName).not.toMatch(CONTROL);

    const who = await t.call('identity.create', { name: 'Lee\u001b[2K Lead\u009b', email: 'lee@body.example', role: 'lead', passphrase: 'correct horse battery' });
    expect(row('SELECT name FROM identities WHERE id = ?', who.id).name).toBe('Lee[2K Lead');

    // A PDF's metadata title (ESC is left out: PDF text strings use it for language tags).
    const [imported] = await t.call('documents.import', { caseId: c.id, paths: [t.write('uof.pdf', await textPdf([{ lines: ['Chokeholds are prohibited.'] }], 'Use\u0007 of\u009b Force\u0008'))] });
    expect(row('SELECT title FROM documents WHERE id = ?', imported.document.id).title).toBe('Use of Force');
    await t.call('documents.update', { id: imported.document.id, title: 'General\u0007 Order\u009b 300\n' });
    expect(row('SELECT title FROM documents WHERE id = ?', imported.document.id).title).toBe('General Order 300');

    const pem = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const named = await t.call('roster.import', { path: t.write('lee.pub.pem', pem), name: 'Lee\u001b[31m Lead' });
    expect(row('SELECT name FROM trust_roster WHERE fingerprint = ?', named.fingerprint).name).toBe('Lee[31m Lead');
    // With no name given, the file's name is the default: file names can hold ESC as well.
    const pem2 = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const byFile = await t.call('roster.import', { path: t.write('ana\u001b[31m.pub.pem', pem2) });
    expect(row('SELECT name FROM trust_roster WHERE fingerprint = ?', byFile.fingerprint).name).toBe('ana[31m');
  });

  it('keeps line breaks and tabs in a rationale but drops the other controls', async () => {
    const c = await t.call('cases.create', { agencyName: 'Lake County Sheriff', ori: 'IL0490000', state: 'IL' });
    await t.call('determinations.set', { caseId: c.id, itemId: 'mandatory.chokehold', status: 'needs_information', rationale: 'Ask for GO 300.\u001b[2J\r\nSee\tp. 4.\u0000' });
    expect(row('SELECT rationale FROM determinations WHERE case_id = ?', c.id).rationale).toBe('Ask for GO 300.[2J\nSee\tp. 4.');
  });

  it('refuses a name that is nothing but controls, as an empty one', async () => {
    const r = await t.ws.dispatch('cases.create', { agencyName: '\u001b\u0007\u0000', ori: 'IL0490000', state: 'IL' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { agencyName: 'Give the agency its full name.' } } });
    expect(row('SELECT count(*) AS n FROM cases')).toEqual({ n: 0 });
  });
});

describe('control characters already stored, on the way out of the CLI', () => {
  function credence(args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/run.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CREDENCE_DATA_DIR: t.dataDir } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('prints an old workspace’s dirty agency name and document title escaped, never as raw controls', async () => {
    const c = await t.call('cases.create', { agencyName: 'Lake County Sheriff', ori: 'IL0490000', state: 'IL' });
    const [imported] = await t.call('documents.import', { caseId: c.id, paths: [t.write('uof.pdf', await textPdf([{ lines: ['Chokeholds are prohibited.'] }]))] });
    t.ws.close();
    // An old workspace: the rows were written before names were stripped.
    const db = new Database(path.join(t.dataDir, 'credence.sqlite'));
    db.prepare('UPDATE cases SET agency_name = ? WHERE id = ?').run(DIRTY, c.id);
    db.prepare('UPDATE documents SET title = ? WHERE id = ?').run('GO\u001b]0;owned\u0007 300\r', imported.document.id);
    db.close();

    const list = credence(['cases', 'list']);
    const docs = credence(['documents', '--case', c.id]);
    for (const r of [list, docs]) {
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(RAW);
      expect(r.err).toBe('');
    }
    expect(list.out).toContain('Lake\\u001b[31m County\\u0000 Sheriff\\u0007\\u009b2J\\u007f Office');
    expect(docs.out).toContain('GO\\u001b]0;owned\\u0007 300\\u000d');

    // --json stays valid JSON and still carries the exact stored value.
    const json = credence(['cases', 'list', '--json']);
    expect(json.out).not.toMatch(RAW);
    expect(JSON.parse(json.out)[0].agencyName).toBe(DIRTY);
  });
});
