// Hand-off between machines: a signed case bundle round-trips losslessly between workspaces that
// trust the signer; an unknown signer is refused until its fingerprint is accepted; a tampered
// bundle, one with a path-traversal entry, or one that does not continue the local copy is
// refused whole. (Crafted attacks on the rows are in tests/security/bundle-*.test.ts.)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { tempDir, tempWorkspace } from '../../support/workspace.ts';
import { COLUMNS } from '../../../electron/services/bundle/rows.ts';

let a: ReturnType<typeof tempWorkspace>;
let caseId: string;
let bundle: string;
let anaKey: string;
let anaFingerprint: string;
const files = tempDir('credence-bundles-');

beforeAll(async () => {
  a = tempWorkspace();
  const ana = await a.call('identity.create', { name: 'Ana Reviewer', email: 'ana@body.example', role: 'reviewer', passphrase: 'ana passphrase' });
  await a.call('identity.use', { identityId: ana.id, passphrase: 'ana passphrase' });
  anaKey = path.join(files, 'ana.pub.pem');
  fs.writeFileSync(anaKey, ana.publicKeyPem);
  anaFingerprint = ana.fingerprint;
  caseId = (await a.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL', dueDate: '2027-01-31' })).id;
  const [r] = await a.call('documents.import', { caseId, paths: [a.write('go300.pdf', await generateSamplePdf())] });
  const h = await a.call('annotations.create', { caseId, documentId: r.document.id, page: 2, quote: '(e) Vascular neck restraints or carotid control holds; (f) Choke holds.', itemIds: ['mandatory.chokehold'], note: 'list' });
  const h2 = await a.call('annotations.create', { caseId, documentId: r.document.id, page: 1, quote: 'objectively reasonable', itemIds: ['mandatory.adherence-to-law'] });
  await a.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'Banned except deadly force.', evidenceIds: [h.id] });
  await a.call('determinations.set', { caseId, itemId: 'mandatory.adherence-to-law', status: 'met', rationale: 'Reasonableness.', evidenceIds: [h2.id] });
  await a.call('rubrics.score', { caseId, rubricId: 'early-intervention-system', criterionId: 'eis.purpose', level: 2, rationale: 'r', evidenceIds: [h.id] });
  await a.call('lint.decide', { caseId, documentId: r.document.id, category: 'vascular', page: 2, quote: '(e) Vascular neck restraints or carotid control holds;', decision: 'dismissed', reason: 'outside the definition' });
  await a.call('review.submit', { caseId });
  bundle = path.join(files, 'riverside.credence-case');
  expect(await a.call('bundle.export', { caseId, outPath: bundle, passphrase: 'ana passphrase' })).toMatchObject({ documents: 1, signer: { fingerprint: ana.fingerprint, name: 'Ana Reviewer <ana@body.example>' } });
});
afterAll(() => {
  a.cleanup();
  fs.rmSync(files, { recursive: true, force: true });
});

/** Everything a user can see of a case, by the same API calls the app makes. */
async function view(t: ReturnType<typeof tempWorkspace>) {
  const docs = await t.call('documents.list', { caseId });
  return {
    case: await t.call('cases.get', { id: caseId }),
    documents: docs,
    pages: (await t.call('search.query', { caseId, query: 'chokehold' })).map((h: { page: number; snippet: string }) => [h.page, h.snippet]),
    annotations: await t.call('annotations.list', { caseId }),
    checklist: await t.call('checklists.forCase', { caseId }),
    // Ana's scores as the workspace holds them (a window sees only its own identity's).
    scores: t.ws.services.rubrics.forCase(caseId, 'Ana Reviewer <ana@body.example>'),
    lint: await t.call('lint.forCase', { caseId }),
    review: await t.call('review.state', { caseId }),
    audit: await t.call('audit.list', { caseId }),
    auditOk: await t.call('audit.verify', { caseId }),
  };
}

describe('case bundles', () => {
  it('round-trip losslessly into another workspace', async () => {
    const b = tempWorkspace();
    try {
      await b.call('roster.import', { path: anaKey, name: 'Ana Reviewer (body)' });
      expect(await b.call('bundle.import', { path: bundle })).toEqual({
        caseId,
        agencyName: 'Riverside Police Department',
        replaced: false,
        documents: 1,
        signer: { fingerprint: anaFingerprint, fingerprintGrouped: expect.stringMatching(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/), name: 'Ana Reviewer (body)', trust: 'roster' },
      });
      const [va, vb] = [await view(a), await view(b)];
      // The import itself is the one entry the receiving copy adds to the audit trail.
      expect(vb.audit.at(-1)).toMatchObject({ action: 'bundle.import', actor: 'Rita Reviewer <rita@body.example>', entity: 'case', entityId: caseId });
      expect({ ...vb, audit: vb.audit.slice(0, -1), auditOk: null }).toEqual({ ...va, auditOk: null });
      expect(vb.auditOk).toMatchObject({ ok: true, entries: va.audit.length + 1 });
      // The PDF came along, byte for byte.
      const sha = vb.documents[0].sha256;
      expect(fs.readFileSync(path.join(b.ws.paths.blobs, sha.slice(0, 2), `${sha}.pdf`))).toEqual(fs.readFileSync(path.join(a.ws.paths.blobs, sha.slice(0, 2), `${sha}.pdf`)));
    } finally {
      b.cleanup();
    }
  });

  it('bring a later state back to the first machine, replacing its earlier copy', async () => {
    const b = tempWorkspace();
    try {
      await b.call('roster.import', { path: anaKey });
      await b.call('bundle.import', { path: bundle });
      const lee = await b.call('identity.create', { name: 'Lee Lead', email: 'lee@body.example', role: 'lead', passphrase: 'lee passphrase' });
      await b.call('identity.use', { identityId: lee.id, passphrase: 'lee passphrase' });
      await b.call('review.return', { caseId, comment: 'Cite the statute.' });
      const back = path.join(files, 'returned.credence-case');
      await b.call('bundle.export', { caseId, outPath: back, passphrase: 'lee passphrase' });
      const leeKey = path.join(files, 'lee.pub.pem');
      fs.writeFileSync(leeKey, lee.publicKeyPem);
      await a.call('roster.import', { path: leeKey, name: 'Lee Lead' });
      expect(await a.call('bundle.import', { path: back })).toMatchObject({ replaced: true, signer: { name: 'Lee Lead', trust: 'roster' } });
      expect((await a.call('review.state', { caseId })).history.at(-1)).toMatchObject({ action: 'returned', comment: 'Cite the statute.' });
      // A bundle that continues the local copy is taken; one from a copy changed separately is not.
      await a.call('determinations.set', { caseId, itemId: 'topic.use-of-force', status: 'needs_information', rationale: 'ask' });
      const a2 = (await a.call('bundle.export', { caseId, outPath: path.join(files, 'a2.credence-case'), passphrase: 'ana passphrase' })).path;
      const r = await b.ws.dispatch('bundle.import', { path: a2 });
      expect(r.ok).toBe(true);
      // The same state twice is nothing to import.
      expect(await b.ws.dispatch('bundle.import', { path: a2 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('already holds this state of the case, or a later one') } });
      await b.call('determinations.set', { caseId, itemId: 'topic.de-escalation', status: 'needs_information', rationale: 'ask' });
      await a.call('determinations.set', { caseId, itemId: 'consider.duty-to-intervene', status: 'needs_information', rationale: 'ask' });
      const diverged = await b.ws.dispatch('bundle.import', { path: (await a.call('bundle.export', { caseId, outPath: path.join(files, 'a3.credence-case'), passphrase: 'ana passphrase' })).path });
      expect(diverged).toMatchObject({ ok: false, error: { message: expect.stringContaining('the two copies were changed separately') } });
    } finally {
      b.cleanup();
    }
  });

  it('refuse a bundle from a key this workspace does not trust, until its fingerprint is accepted', async () => {
    const b = tempWorkspace();
    try {
      const grouped = anaFingerprint.toUpperCase().match(/.{4}/g)!.join(' ');
      const refused = await b.ws.dispatch('bundle.import', { path: bundle });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', fields: { acceptUntrusted: anaFingerprint } } });
      const message = (refused as { error: { message: string } }).error.message;
      expect(message).toContain(`signed by a key this workspace does not trust (fingerprint ${grouped})`);
      expect(message).toContain(`--accept-untrusted ${anaFingerprint}`);
      expect(await b.call('cases.list', { includeArchived: true })).toEqual([]);
      // Accepting some other key does not accept this one.
      const wrong = await b.ws.dispatch('bundle.import', { path: bundle, acceptUntrusted: 'ab'.repeat(32) });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`but it was signed by ${grouped}`) } });
      expect(await b.call('cases.list', { includeArchived: true })).toEqual([]);
      // The fingerprint as the app shows it (grouped) is accepted; no name is invented for the key.
      const r = await b.call('bundle.import', { path: bundle, acceptUntrusted: grouped });
      expect(r.signer).toEqual({ fingerprint: anaFingerprint, fingerprintGrouped: grouped, name: null, trust: 'accepted' });
      expect((await b.call('audit.list', { caseId })).at(-1)).toMatchObject({ action: 'bundle.import' });
    } finally {
      b.cleanup();
    }
  });

  it('wait for an import that is storing one of their files right now, and clear one left by a process that ended', async () => {
    const b = tempWorkspace();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await b.call('roster.import', { path: anaKey, name: 'Ana Reviewer (body)' });
      const { sha256 } = a.ws.ctx.db.prepare('SELECT sha256 FROM documents').get() as { sha256: string };
      /** The rows an import in progress has written: the staged document (no pages yet) and its staging. */
      const stage = (pid: number) => {
        const db = b.ws.ctx.db;
        db.prepare('DELETE FROM document_staging').run();
        db.prepare('DELETE FROM documents').run();
        db.prepare(
          `INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, pages_needing_ocr, title, original_name, has_scripts, extractor_version, imported_by, imported_at)
           VALUES ('being-stored', ?, 'fp', 1, 3, 0, 'Being stored', 'go300.pdf', 0, 'x', 'Someone', ?)`,
        ).run(sha256, new Date().toISOString());
        db.prepare('INSERT INTO document_staging (document_id, pid, started_at) VALUES (?, ?, ?)').run('being-stored', pid, new Date().toISOString());
      };

      stage(other.pid!);
      const busy = await b.ws.dispatch('bundle.import', { path: bundle });
      expect(busy).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is being imported into this workspace right now. Import the bundle again when that import finishes.') } });
      expect(await b.call('cases.list', { includeArchived: true })).toEqual([]);

      stage(spawnSync(process.execPath, ['-e', '']).pid!);
      expect(await b.call('bundle.import', { path: bundle })).toMatchObject({ caseId, replaced: false });
      expect((await b.call('documents.list', { caseId })).map((d: { pageCount: number }) => d.pageCount)).toEqual([(await a.call('documents.list', { caseId }))[0].pageCount]);
      expect(b.ws.ctx.db.prepare('SELECT count(*) AS n FROM document_staging').get()).toEqual({ n: 0 });
    } finally {
      other.kill('SIGKILL');
      b.cleanup();
    }
  });

  it('carry every column of the tables they hold (a new column must be added to rows.ts)', () => {
    // The workspace numbers pages and review events itself, so those ids never travel; which
    // process is reading a page (013_ocr_claims) is this workspace's business alone.
    const local: Record<string, string[]> = { pages: ['id'], review_events: ['id'], page_ocr: ['claim_owner', 'claimed_at'] };
    for (const [table, columns] of Object.entries(COLUMNS)) {
      const inDb = (a.ws.ctx.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);
      expect([...columns, ...(local[table] ?? [])].sort(), table).toEqual(inDb.sort());
    }
  });

  it('sign only with the acting identity and its passphrase', async () => {
    const out = path.join(files, 'unsigned.credence-case');
    const wrong = await a.ws.dispatch('bundle.export', { caseId, outPath: out, passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'The passphrase is wrong for Ana Reviewer. Nothing was exported.' } });
    const c = tempWorkspace({ actingAs: null });
    try {
      const nobody = await c.ws.dispatch('bundle.export', { caseId, outPath: out, passphrase: 'whatever' });
      expect(nobody).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Choose who you are (top right)') } });
    } finally {
      c.cleanup();
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  const rezip = (entries: Record<string, Uint8Array>) => zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, {}]])) as never);

  it.each([
    ['a changed byte in the case data', (e: Record<string, Uint8Array>) => void (e['bundle.json'] = strToU8(new TextDecoder().decode(e['bundle.json']).replace('Riverside', 'Riversido'))), 'does not match its SHA-256'],
    ['a changed PDF', (e: Record<string, Uint8Array>) => {
      const k = Object.keys(e).find((n) => n.startsWith('blobs/'))!;
      const b = new Uint8Array(e[k]!);
      b[100]! ^= 1;
      e[k] = b;
    }, 'does not match its SHA-256'],
    ['a path-traversal entry', (e: Record<string, Uint8Array>) => void (e['../../escape.txt'] = strToU8('owned')), 'an entry with a path that climbs out of its folder or is a folder ("../../escape.txt")'],
    ['an added file', (e: Record<string, Uint8Array>) => void (e[`blobs/${'a'.repeat(64)}.pdf`] = strToU8('%PDF-')), 'differ from its signed manifest'],
  ])('refuse %s, writing nothing', async (_name, mutate, message) => {
    const b = tempWorkspace();
    try {
      await b.call('roster.import', { path: anaKey });
      const entries = unzipSync(new Uint8Array(fs.readFileSync(bundle)));
      mutate(entries);
      const bad = path.join(files, `bad-${Math.random().toString(36).slice(2)}.credence-case`);
      fs.writeFileSync(bad, rezip(entries));
      const r = await b.ws.dispatch('bundle.import', { path: bad });
      expect(r).toMatchObject({ ok: false, error: { code: 'bad_file', message: expect.stringContaining(message) } });
      expect(await b.call('cases.list', { includeArchived: true })).toEqual([]);
      expect(fs.existsSync(b.ws.paths.blobs) ? fs.readdirSync(b.ws.paths.blobs) : []).toEqual([]);
      expect(fs.existsSync(path.join(files, '..', 'escape.txt'))).toBe(false);
    } finally {
      b.cleanup();
    }
  });
});
