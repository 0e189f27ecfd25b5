// Hand-off between machines: a case bundle round-trips losslessly; a tampered bundle, one with a
// path-traversal entry, or one that does not continue the local copy is refused whole.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { tempDir, tempWorkspace } from '../../support/workspace.ts';

let a: ReturnType<typeof tempWorkspace>;
let caseId: string;
let bundle: string;
const files = tempDir('credence-bundles-');

beforeAll(async () => {
  a = tempWorkspace();
  const ana = await a.call('identity.create', { name: 'Ana Reviewer', email: 'ana@body.example', role: 'reviewer', passphrase: 'ana passphrase' });
  await a.call('identity.use', { identityId: ana.id });
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
  expect((await a.call('bundle.export', { caseId, outPath: bundle })).documents).toBe(1);
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
    scores: await t.call('rubrics.forCase', { caseId, scorer: 'Ana Reviewer <ana@body.example>' }),
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
      expect(await b.call('bundle.import', { path: bundle })).toEqual({ caseId, replaced: false, documents: 1 });
      const [va, vb] = [await view(a), await view(b)];
      expect(vb).toEqual(va);
      expect(vb.auditOk.ok).toBe(true);
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
      await b.call('bundle.import', { path: bundle });
      const lee = await b.call('identity.create', { name: 'Lee Lead', email: 'lee@body.example', role: 'lead', passphrase: 'lee passphrase' });
      await b.call('identity.use', { identityId: lee.id });
      await b.call('review.return', { caseId, comment: 'Cite the statute.' });
      const back = path.join(files, 'returned.credence-case');
      await b.call('bundle.export', { caseId, outPath: back });
      expect((await a.call('bundle.import', { path: back })).replaced).toBe(true);
      expect((await a.call('review.state', { caseId })).history.at(-1)).toMatchObject({ action: 'returned', comment: 'Cite the statute.' });
      // A bundle that continues the local copy is taken; one from a copy changed separately is not.
      await a.call('determinations.set', { caseId, itemId: 'topic.use-of-force', status: 'needs_information', rationale: 'ask' });
      const r = await b.ws.dispatch('bundle.import', { path: (await a.call('bundle.export', { caseId, outPath: path.join(files, 'a2.credence-case') })).path });
      expect(r.ok).toBe(true);
      await b.call('determinations.set', { caseId, itemId: 'topic.de-escalation', status: 'needs_information', rationale: 'ask' });
      await a.call('determinations.set', { caseId, itemId: 'consider.duty-to-intervene', status: 'needs_information', rationale: 'ask' });
      const diverged = await b.ws.dispatch('bundle.import', { path: (await a.call('bundle.export', { caseId, outPath: path.join(files, 'a3.credence-case') })).path });
      expect(diverged).toMatchObject({ ok: false, error: { message: expect.stringContaining('the two copies were changed separately') } });
    } finally {
      b.cleanup();
    }
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
    ['a path-traversal entry', (e: Record<string, Uint8Array>) => void (e['../../escape.txt'] = strToU8('owned')), 'unexpected entry "../../escape.txt"'],
    ['an added file', (e: Record<string, Uint8Array>) => void (e[`blobs/${'a'.repeat(64)}.pdf`] = strToU8('%PDF-')), 'differ from its manifest'],
  ])('refuse %s, writing nothing', async (_name, mutate, message) => {
    const b = tempWorkspace();
    try {
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
