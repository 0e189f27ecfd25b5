// A compromised page asking main to read or write files by path. Every probe goes through the
// IPC handler exactly as Electron calls it (sender check, then the renderer's dispatcher — the
// one the browser bridge uses too), against a real workspace whose dialogs are stand-ins that
// answer what "the person chose".
import fs from 'node:fs';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIpcHandler } from '../../electron/main/ipc.ts';
import { HANDLE_LIFETIME_MS } from '../../electron/services/file-handles.ts';
import { numberedPdf } from '../fixtures/pdfs.ts';
import { tempWorkspace } from '../support/workspace.ts';

const PASS = 'correct horse battery';
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlee:x:1000:1000:Lee Lead,,,:/home/lee:/bin/bash\n';

let t: ReturnType<typeof tempWorkspace>;
let clock: number;
let nextChoice: string | null;
let ipc: (method: string, input: unknown) => Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;
let caseId: string;
let outside: string;

beforeEach(async () => {
  clock = Date.parse('2026-03-01T12:00:00Z');
  nextChoice = null;
  const take = async () => {
    const c = nextChoice;
    nextChoice = null;
    return c;
  };
  t = tempWorkspace({
    clock: () => clock,
    platform: { choosePdfs: async () => { const c = await take(); return c ? [c] : []; }, chooseFile: take, chooseBundle: take, choosePacket: take, chooseBundleSavePath: take, choosePacketPath: take },
  });
  const main = { url: 'app://credence/index.html' };
  const event = { sender: { id: 1, mainFrame: main }, senderFrame: main } as unknown as Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: Pick<IpcMainInvokeEvent['sender'], 'id' | 'mainFrame'> };
  const handler = createIpcHandler(t.ws.rendererDispatch, new Set([1]));
  ipc = (method, input) => handler(event, method, input) as never;
  caseId = (await t.call('cases.create', { agencyName: 'Lake County Sheriff', ori: 'IL0490000', state: 'IL' })).id;
  // Bundles are signed by the acting identity.
  const lee = await t.call('identity.create', { name: 'Lee Lead', email: 'lee@body.example', role: 'lead', passphrase: PASS });
  await t.call('identity.use', { identityId: lee.id, passphrase: PASS });
  outside = path.dirname(t.write('placeholder', ''));
});
afterEach(() => t.cleanup());

/** The person picks `file` in the dialog the page opened; the page gets the handle. */
async function chosen(method: string, input: object, file: string): Promise<string> {
  nextChoice = file;
  const r = await ipc(method, input);
  expect(r.ok).toBe(true);
  const v = method === 'dialog.choosePdfs' ? r.value[0] : r.value;
  expect(v.name).toBe(path.basename(file)); // the name to show, never the folder
  return v.handle;
}
const counts = () => ({
  packs: (t.ws.ctx.db.prepare('SELECT count(*) AS n FROM checklist_packs').get() as { n: number }).n,
  rubrics: (t.ws.ctx.db.prepare('SELECT count(*) AS n FROM rubric_packs').get() as { n: number }).n,
  roster: (t.ws.ctx.db.prepare('SELECT count(*) AS n FROM trust_roster').get() as { n: number }).n,
  documents: (t.ws.ctx.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n,
  cases: (t.ws.ctx.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n,
});

describe('the window cannot name files', () => {
  it.each([
    ['checklists.importPack', () => ({ path: '/etc/passwd' })],
    ['rubrics.importPack', () => ({ path: '/etc/passwd' })],
    ['roster.import', () => ({ path: '/etc/passwd', name: 'x' })],
    ['documents.import', () => ({ caseId, paths: ['/etc/passwd'] })],
    ['documents.replace', () => ({ caseId, documentId: 'd', path: '/etc/passwd' })],
    ['bundle.import', () => ({ path: '/etc/passwd' })],
    ['bundle.export', () => ({ caseId, outPath: path.join(outside, 'stolen.credence-case'), passphrase: PASS })],
    ['review.export', () => ({ caseId, outPath: path.join(outside, 'stolen.zip') })],
    ['packet.verify', () => ({ path: '/etc/passwd' })],
    ['cases.list', () => ({ path: '../../../etc/passwd' })],
    ['app.info', () => ({ dataDir: '/tmp' })],
    ['search.query', () => ({ caseId, query: 'x', file: '/etc/passwd' })],
  ])('%s with a path field is refused before any service runs', async (method, input) => {
    const before = counts();
    const r = await ipc(method, input());
    expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: 'The window cannot name files on this computer. Choose the file in Credence’s own dialog.' } });
    expect(counts()).toEqual(before);
    expect(fs.readdirSync(outside)).toEqual(['placeholder']);
  });

  it('refuses a path, a ../ climb or a made-up id where a handle belongs, writing nothing', async () => {
    for (const handle of ['/etc/passwd', '../../etc/passwd', '..%2f..%2fetc%2fpasswd', 'C:\\Windows\\win.ini', 'AAAAAAAAAAAAAAAAAAAAAA']) {
      const r = await ipc('bundle.export', { caseId, handle, passphrase: PASS });
      expect(r.ok).toBe(false);
      expect(['invalid_input']).toContain(r.error!.code);
      expect(r.error!.message).toMatch(/Choose the file in Credence’s own dialog|expired or was already used/);
    }
    expect(fs.readdirSync(outside)).toEqual(['placeholder']);
  });

  it('the CLI (local dispatcher) still names files by path; it runs as the user in their shell', async () => {
    const r = await t.ws.dispatch('bundle.export', { caseId, outPath: path.join(outside, 'mine.credence-case'), passphrase: PASS });
    expect(r.ok).toBe(true);
    expect(fs.existsSync(path.join(outside, 'mine.credence-case'))).toBe(true);
  });
});

describe('dialog handles', () => {
  it('are 128 random bits in base64url, a new one for every choice', async () => {
    const file = t.write('pack.json', '{}');
    const a = await chosen('dialog.chooseFile', { purpose: 'checklist-pack' }, file);
    const b = await chosen('dialog.chooseFile', { purpose: 'checklist-pack' }, file);
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(16);
    expect(a).not.toBe(b);
  });

  it('write a bundle only where the person chose, and tell the page only the file name', async () => {
    const dest = path.join(outside, 'lake.credence-case');
    const handle = await chosen('dialog.chooseBundleDestination', { defaultName: 'lake.credence-case' }, dest);
    const r = await ipc('bundle.export', { caseId, handle, passphrase: PASS });
    expect(r).toMatchObject({ ok: true, value: { name: 'lake.credence-case' } });
    expect(r.value).not.toHaveProperty('path');
    expect(JSON.stringify(r)).not.toContain(outside);
    expect(fs.existsSync(dest)).toBe(true);
  });

  it('a bundle that cannot be written: the page is told why by the file’s name, not its folder', async () => {
    const dest = path.join(outside, 'no-such-folder', 'lake.credence-case');
    fs.writeFileSync(path.join(outside, 'no-such-folder'), 'a file where the folder should be');
    const handle = await chosen('dialog.chooseBundleDestination', { defaultName: 'lake.credence-case' }, dest);
    const r = await ipc('bundle.export', { caseId, handle, passphrase: PASS });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_file', message: expect.stringContaining('The bundle could not be written to lake.credence-case') } });
    expect(JSON.stringify(r)).not.toContain(outside);
  });

  it('export a signed packet where the person chose, and tell the page only the file name', async () => {
    // A reviewer decides and submits; the lead approves and signs: a real signed case.
    t.actAs();
    await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'not_met', rationale: 'No rule found.', noRuleFound: true });
    await t.call('determinations.set', { caseId, itemId: 'mandatory.adherence-to-law', status: 'needs_information', rationale: 'Ask.' });
    await t.call('review.submit', { caseId });
    const lee = t.ws.services.identities.list().find((i) => i.email === 'lee@body.example')!;
    await t.call('identity.use', { identityId: lee.id, passphrase: PASS });
    await t.call('review.approve', { caseId });
    await t.call('review.sign', { caseId, passphrase: PASS, acknowledge: ['undecided-items', 'unscored-criteria'] });
    const dest = path.join(outside, 'lake-packet.zip');
    nextChoice = dest;
    const r = await ipc('review.export', { caseId });
    expect(r).toMatchObject({ ok: true, value: { name: 'lake-packet.zip', bytes: expect.any(Number) } });
    expect(r.value).not.toHaveProperty('path');
    expect(JSON.stringify(r)).not.toContain(outside);
    expect(fs.existsSync(dest)).toBe(true);
    // The CLI, which named the path itself, is told it back.
    const cli = await t.ws.dispatch('review.export', { caseId, outPath: path.join(outside, 'again.zip') });
    expect(cli).toMatchObject({ ok: true, value: { name: 'again.zip', path: path.join(outside, 'again.zip') } });
  });

  it('chosen for one purpose cannot be used for another, and are spent by the attempt', async () => {
    const pack = t.write('pack.json', '{}');
    const handle = await chosen('dialog.chooseFile', { purpose: 'checklist-pack' }, pack);
    const before = fs.readFileSync(pack, 'utf8');
    const r = await ipc('bundle.export', { caseId, handle, passphrase: PASS });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'That file was chosen as a checklist pack, not as the place to write a case bundle. Choose the file again for this.' } });
    expect(fs.readFileSync(pack, 'utf8')).toBe(before); // not overwritten by a bundle
    expect(await ipc('checklists.importPack', { handle })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'That file choice has expired or was already used. Choose the file again.' } });

    // A PDF chosen to import cannot become the place a bundle is written, nor a key to trust.
    const pdf = t.write('policy.pdf', await numberedPdf(1));
    const pdfHandle = await chosen('dialog.choosePdfs', {}, pdf);
    expect(await ipc('roster.import', { handle: pdfHandle })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(counts().roster).toBe(0);
  });

  it('work once: a reused handle is refused and nothing is imported twice', async () => {
    const pdf = t.write('policy.pdf', await numberedPdf(1));
    const handle = await chosen('dialog.choosePdfs', {}, pdf);
    const first = await ipc('documents.import', { caseId, handles: [handle] });
    expect(first).toMatchObject({ ok: true, value: [{ ok: true, file: 'policy.pdf' }] });
    const before = counts();
    expect(await ipc('documents.import', { caseId, handles: [handle] })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'That file choice has expired or was already used. Choose the file again.' } });
    expect(counts()).toEqual(before);
  });

  it('a bundle by an unknown signer: the refusal brings a fresh handle for the same file, so the person can confirm without choosing again', async () => {
    const bundle = path.join(outside, 'lake.credence-case');
    expect((await t.ws.dispatch('bundle.export', { caseId, outPath: bundle, passphrase: PASS })).ok).toBe(true);
    // Another machine: a workspace that knows neither the signer nor the case.
    let choice: string | null = bundle;
    const b = tempWorkspace({ platform: { choosePdfs: async () => [], chooseBundle: async () => choice } });
    try {
      const main = { url: 'app://credence/index.html' };
      const ev = { sender: { id: 1, mainFrame: main }, senderFrame: main } as never;
      const ipcB = createIpcHandler(b.ws.rendererDispatch, new Set([1]));
      const first = (await ipcB(ev, 'dialog.chooseBundle', {})) as { value: { handle: string } };
      choice = null;
      const refused = (await ipcB(ev, 'bundle.import', { handle: first.value.handle })) as { ok: false; error: { fields: Record<string, string> } };
      expect(refused.ok).toBe(false);
      const { acceptUntrusted, handle: again } = refused.error.fields;
      expect(acceptUntrusted).toMatch(/^[0-9a-f]{64}$/);
      expect(again).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(again).not.toBe(first.value.handle);
      expect(await ipcB(ev, 'bundle.import', { handle: first.value.handle, acceptUntrusted })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await ipcB(ev, 'bundle.import', { handle: again, acceptUntrusted })).toMatchObject({ ok: true, value: { caseId, signer: { trust: 'accepted' } } });
      expect(await ipcB(ev, 'bundle.import', { handle: again, acceptUntrusted })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      b.cleanup();
    }
  });

  it('expire: a choice left for longer than its lifetime is refused', async () => {
    const dest = path.join(outside, 'late.credence-case');
    const handle = await chosen('dialog.chooseBundleDestination', { defaultName: 'late.credence-case' }, dest);
    clock += HANDLE_LIFETIME_MS + 1;
    expect(await ipc('bundle.export', { caseId, handle, passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'That file choice has expired or was already used. Choose the file again.' } });
    expect(fs.existsSync(dest)).toBe(false);
  });
});

describe('errors about a chosen file never echo its contents', () => {
  const lines = PASSWD.trim().split('\n');
  const leaks = (message: string) => lines.some((l) => message.includes(l) || message.includes(l.slice(0, 10))) || /root:x|nologin|\/bin\/bash/.test(message);

  it.each([
    ['checklist pack', 'checklists.importPack', 'checklist-pack', /^passwd cannot be imported as a checklist pack: it is not valid JSON at line 1, column 1 \(expected a value\)\.$/],
    ['rubric pack', 'rubrics.importPack', 'rubric-pack', /^passwd cannot be imported as a rubric pack: it is not valid JSON at line 1, column 1/],
    ['public key', 'roster.import', 'roster-key', /^passwd is not a PEM public key/],
  ])('a passwd file chosen as a %s is refused by name and problem only', async (_what, method, purpose, expected) => {
    const file = t.write('passwd', PASSWD);
    const before = counts();
    const handle = await chosen('dialog.chooseFile', { purpose }, file);
    const r = await ipc(method, { handle });
    expect(r.ok).toBe(false);
    expect(r.error!.message).toMatch(expected);
    expect(leaks(JSON.stringify(r.error))).toBe(false);
    expect(counts()).toEqual(before);
  });

  it('the real /etc/passwd as a pack: the message holds no line of the file', async () => {
    const real = '/etc/passwd';
    if (!fs.existsSync(real)) return;
    const text = fs.readFileSync(real, 'utf8');
    const handle = await chosen('dialog.chooseFile', { purpose: 'checklist-pack' }, real);
    const r = await ipc('checklists.importPack', { handle });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    for (const line of text.split('\n').filter((l) => l.length >= 4)) expect(JSON.stringify(r.error)).not.toContain(line.slice(0, 12));
  });

  it('a passwd file as a bundle or a packet: refused without quoting it', async () => {
    const file = t.write('passwd', PASSWD);
    const bundle = await ipc('bundle.import', { handle: await chosen('dialog.chooseBundle', {}, file) });
    expect(bundle).toMatchObject({ ok: false, error: { code: 'bad_file' } });
    expect(leaks(JSON.stringify(bundle))).toBe(false);
    const packet = await ipc('packet.verify', { handle: await chosen('dialog.choosePacket', {}, file) });
    expect(leaks(JSON.stringify(packet))).toBe(false);
    expect(counts().cases).toBe(1);
  });

  it('a JSON pack with the wrong shape names fields, not the values it holds', async () => {
    const file = t.write('pack.json', JSON.stringify({ id: 'root:x:0:0:root:/root:/bin/bash', version: 'daemon:x:1:1', title: 1, items: [{ 'lee:x:1000:1000': 1 }] }));
    const r = await ipc('checklists.importPack', { handle: await chosen('dialog.chooseFile', { purpose: 'checklist-pack' }, file) });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(r.error!.message).toMatch(/^pack\.json is not a valid checklist pack\. id: Pack ids are/);
    expect(leaks(JSON.stringify(r.error))).toBe(false);
  });
});
