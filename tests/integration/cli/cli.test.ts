// The CLI as a user runs it: a real process on the project's Node, real data folder.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { numberedPdf } from '../../fixtures/pdfs.ts';
import { seedIdentity, tempDir } from '../../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let dir: string;
/** Who acts in `dir`: a reviewer named by CREDENCE_IDENTITY, unlocked by CREDENCE_PASSPHRASE. */
let actor: Record<string, string>;
beforeEach(() => {
  dir = tempDir('credence-cli-');
  actor = seedIdentity(dir).env;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function credence(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/run.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // Never the user's real workspace (nor, as an empty value once meant, the checkout).
    env: { ...process.env, CREDENCE_DATA_DIR: dir, ...actor, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('credence CLI', () => {
  it('creates a case, then lists it as JSON from the same data folder', () => {
    const made = credence(['cases', 'create', '--agency', 'Buffalo Grove Police Department', '--ori', 'il0160300', '--state', 'IL', '--type', 'municipal', '--json', '--data-dir', dir]);
    expect(made.code).toBe(0);
    const c = JSON.parse(made.out);
    expect(c).toMatchObject({ agencyName: 'Buffalo Grove Police Department', ori: 'IL0160300', status: 'draft', agencyType: 'municipal' });
    const listed = credence(['cases', 'list', '--json'], { CREDENCE_DATA_DIR: dir });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out).map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(listed.err).toBe('');
  });

  it('prints a readable table without --json', () => {
    credence(['cases', 'create', '--agency', 'Urbana Police Department', '--ori', 'IL0100700', '--state', 'IL', '--data-dir', dir]);
    const r = credence(['cases', 'list', '--data-dir', dir]);
    expect(r.out).toMatch(/^ID\s+AGENCY\s+ORI\s+STATE\s+STATUS\s+DUE\s+DOCS$/m);
    expect(r.out).toMatch(/Urbana Police Department\s+IL0100700\s+IL\s+draft/);
  });

  it('exits 2 with the field errors for bad input, writing nothing', () => {
    const r = credence(['cases', 'create', '--agency', 'X', '--ori', 'IL12', '--state', 'IL', '--json', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.fields).toMatchObject({ agencyName: 'Give the agency its full name.', ori: 'An ORI has exactly 9 characters, such as IL0160000.' });
    expect(r.err).toContain('credence: agencyName: Give the agency its full name.');
    expect(JSON.parse(credence(['cases', 'list', '--json', '--data-dir', dir]).out)).toEqual([]);
  });

  it('exits 2 with usage for an unknown command or a missing flag, 3 for an unknown case', () => {
    expect(credence(['cases', 'frobnicate', '--data-dir', dir])).toMatchObject({ code: 2 });
    const missing = credence(['cases', 'create', '--agency', 'Lake County', '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--ori is required.');
    expect(credence(['documents', '--case', 'nope', '--data-dir', dir]).code).toBe(3);
  });

  it('imports, lists documents and searches; exits 1 when any file failed', async () => {
    const c = JSON.parse(credence(['cases', 'create', '--agency', 'Test Police Department', '--ori', 'IL0000001', '--state', 'IL', '--json', '--data-dir', dir]).out);
    const pdf = path.join(dir, 'policy.pdf');
    fs.writeFileSync(pdf, await numberedPdf(3));
    fs.writeFileSync(path.join(dir, 'memo.pdf'), 'not a pdf');
    const imp = credence(['import', '--case', c.id, '--json', '--data-dir', dir, pdf, path.join(dir, 'memo.pdf')]);
    expect(imp.code).toBe(1);
    const results = JSON.parse(imp.out);
    expect(results[0]).toMatchObject({ ok: true, pages: 3, pagesNeedingOcr: 0 });
    expect(results[1]).toMatchObject({ ok: false, code: 'not_pdf' });
    const docs = JSON.parse(credence(['documents', '--case', c.id, '--json', '--data-dir', dir]).out);
    expect(docs).toEqual([{ id: results[0].documentId, title: 'policy', originalName: 'policy.pdf', pages: 3, pagesNeedingOcr: 0, ocr: null, scannerText: null, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const hits = JSON.parse(credence(['search', '--case', c.id, '--json', '--data-dir', dir, 'Section 2']).out);
    expect(hits[0]).toMatchObject({ documentId: results[0].documentId, page: 2 });
    const ok = credence(['import', '--case', c.id, '--data-dir', dir, pdf]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('(already in the workspace)');
  });

  it('lints files outside any case: JSON with 1-based pages, exit 1 when a file fails', async () => {
    const { generateSamplePdf } = await import('../../../resources/sample/generate-sample.ts');
    const sample = path.join(dir, 'sample.pdf');
    fs.writeFileSync(sample, await generateSamplePdf());
    fs.writeFileSync(path.join(dir, 'memo.pdf'), 'not a pdf');
    const ok = credence(['lint', '--json', sample]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toEqual([
      {
        file: sample,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        isDirective: true,
        chokehold: { stance: 'prohibited_except_deadly_force', evidence: [{ page: 3, quote: '(f) Choke holds.' }] },
        vascular: { stance: 'prohibited_except_deadly_force', evidence: [{ page: 2, quote: '(e) Vascular neck restraints or carotid control holds;' }] },
      },
    ]);
    const bad = credence(['lint', '--json', sample, path.join(dir, 'memo.pdf')]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)[1]).toEqual({ file: path.join(dir, 'memo.pdf'), error: expect.stringContaining('memo.pdf: The file is not a PDF') });
  });

  it('scripts a review: checklist, annotate (a quote across a page break), determine, under the app’s rules', async () => {
    const { generateSamplePdf } = await import('../../../resources/sample/generate-sample.ts');
    const pdf = path.join(dir, 'go300.pdf');
    fs.writeFileSync(pdf, await generateSamplePdf());
    const c = JSON.parse(credence(['cases', 'create', '--agency', 'Riverside Police Department', '--ori', 'IL9990000', '--state', 'IL', '--json', '--data-dir', dir]).out);
    const [imp] = JSON.parse(credence(['import', '--case', c.id, '--json', '--data-dir', dir, pdf]).out);
    const before = JSON.parse(credence(['checklist', '--case', c.id, '--json', '--data-dir', dir]).out);
    expect(before.progress).toEqual({ decided: 0, total: 21, mandatoryDecided: 0, mandatoryTotal: 2 });
    expect(before.items[1]).toMatchObject({ id: 'mandatory.chokehold', status: null, evidenceCount: 0 });

    const missing = credence(['annotate', '--case', c.id, '--document', imp.documentId, '--page', '1', '--quote', '(f) Choke holds.', '--item', 'mandatory.chokehold', '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('The quote was not found on page 1');
    const a = JSON.parse(
      credence(['annotate', '--case', c.id, '--document', imp.documentId, '--page', '2', '--quote', '(e) Vascular neck restraints or carotid control holds; (f) Choke holds.', '--item', 'mandatory.chokehold', '--stance', 'supports', '--note', 'list under 300.5', '--json', '--data-dir', dir]).out,
    );
    expect(a).toMatchObject({ pageFrom: 2, pageTo: 3, itemIds: ['mandatory.chokehold'], note: 'list under 300.5' });

    const noEvidence = credence(['determine', '--case', c.id, '--item', 'mandatory.chokehold', '--status', 'met', '--rationale', 'Banned except deadly force.', '--data-dir', dir]);
    expect(noEvidence.code).toBe(2);
    expect(noEvidence.err).toContain('Met needs at least one highlighted passage');
    const d = JSON.parse(credence(['determine', '--case', c.id, '--item', 'mandatory.chokehold', '--status', 'met', '--rationale', 'Banned except deadly force.', '--evidence', a.id, '--json', '--data-dir', dir]).out);
    expect(d).toMatchObject({ itemId: 'mandatory.chokehold', status: 'met', evidenceIds: [a.id] });
    const noRule = credence(['determine', '--case', c.id, '--item', 'mandatory.adherence-to-law', '--status', 'not_met', '--rationale', 'No reference to state law.', '--no-rule', '--data-dir', dir]);
    expect(noRule.code).toBe(0);
    expect(noRule.out).toContain('(the policies contain no such rule)');
    const after = JSON.parse(credence(['checklist', '--case', c.id, '--json', '--data-dir', dir]).out);
    expect(after.progress).toMatchObject({ decided: 2, mandatoryDecided: 2 });
    expect(after.items[1]).toMatchObject({ status: 'met', evidenceCount: 1 });
    expect(credence(['checklist', '--case', c.id, '--data-dir', dir]).out).toMatch(/mandatory\.chokehold\s+mandatory\s+Met\s+1/);
  });

  it('lists rubrics, records scores under the app’s rules and prints totals', async () => {
    const { generateSamplePdf } = await import('../../../resources/sample/generate-sample.ts');
    const pdf = path.join(dir, 'go300.pdf');
    fs.writeFileSync(pdf, await generateSamplePdf());
    const rubrics = JSON.parse(credence(['rubrics', '--json', '--data-dir', dir]).out);
    expect(rubrics.map((r: { id: string }) => r.id)).toEqual(['community-engagement', 'early-intervention-system']);
    const c = JSON.parse(credence(['cases', 'create', '--agency', 'Riverside Police Department', '--ori', 'IL9990000', '--state', 'IL', '--json', '--data-dir', dir]).out);
    const [imp] = JSON.parse(credence(['import', '--case', c.id, '--json', '--data-dir', dir, pdf]).out);
    const a = JSON.parse(credence(['annotate', '--case', c.id, '--document', imp.documentId, '--page', '3', '--quote', 'A Community Police Advisory Board of residents', '--item', 'topic.community-engagement', '--json', '--data-dir', dir]).out);
    const refused = credence(['score', '--case', c.id, '--rubric', 'community-engagement', '--criterion', 'ce.advisory-body', '--level', '3', '--rationale', 'Board meets monthly.', '--data-dir', dir]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('needs at least one highlighted passage');
    expect(credence(['score', '--case', c.id, '--rubric', 'community-engagement', '--criterion', 'ce.advisory-body', '--level', '3', '--rationale', 'Board meets monthly.', '--evidence', a.id, '--data-dir', dir]).code).toBe(0);
    expect(credence(['score', '--case', c.id, '--rubric', 'community-engagement', '--criterion', 'ce.surveys', '--level', '0', '--rationale', 'No surveys.', '--data-dir', dir]).code).toBe(0);
    const scores = JSON.parse(credence(['scores', '--case', c.id, '--json', '--data-dir', dir]).out);
    const ce = scores.find((x: { rubric: { id: string } }) => x.rubric.id === 'community-engagement');
    // 2 of 8 criteria scored: no total and no band until all are.
    expect(ce.totals).toMatchObject({ assessed: 'partial', percent: null, band: null, scored: 2, criteria: 8 });
    expect(ce.scores.find((s: { criterionId: string }) => s.criterionId === 'ce.advisory-body')).toMatchObject({ level: 3, evidenceCount: 1 });
    const printed = credence(['scores', '--case', c.id, '--data-dir', dir]).out;
    expect(printed).toContain('Community engagement (v1.0.0), scored by');
    expect(printed).toContain(': Partly assessed: 2 of 8 criteria scored — no total or band until every criterion is scored');
    expect(printed).toContain('Early intervention system (v1.0.0), scored by');
    expect(printed).toContain(': Not assessed (0 of 10 criteria scored)');
    expect(printed).toMatch(/ce\.policy-input\s+1\.5\s+not assessed/);
  });

  it('prints help with --help and exits 0', () => {
    const r = credence(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: npm run -s credence -- <command>');
  });
});

describe('credence CLI: identities, review and packets', () => {
  it('takes the sample case from draft to a verified packet with two identities, and catches tampering', async () => {
    const { generateSamplePdf } = await import('../../../resources/sample/generate-sample.ts');
    const d = tempDir('credence-cli-review-');
    const run = (args: string[], env: Record<string, string> = {}) => credence([...args, '--data-dir', d], { CREDENCE_IDENTITY: '', CREDENCE_PASSPHRASE: '', ...env });
    const asAna = { CREDENCE_PASSPHRASE: 'ana passphrase' };
    const asLee = { CREDENCE_PASSPHRASE: 'lee passphrase' };
    const ana = JSON.parse(run(['identity', 'create', '--name', 'Ana Reviewer', '--email', 'ana@body.example', '--role', 'reviewer', '--json'], { CREDENCE_PASSPHRASE: 'ana passphrase' }).out);
    const lee = JSON.parse(run(['identity', 'create', '--name', 'Lee Lead', '--email', 'lee@body.example', '--role', 'lead', '--json'], { CREDENCE_PASSPHRASE: 'lee passphrase' }).out);
    expect(run(['identity', 'list']).out).toContain(lee.fingerprintGrouped);
    const pdf = path.join(d, 'go300.pdf');
    fs.writeFileSync(pdf, await generateSamplePdf());
    const c = JSON.parse(run(['cases', 'create', '--agency', 'Riverside Police Department', '--ori', 'IL9990000', '--state', 'IL', '--identity', ana.id, '--json'], asAna).out);
    const [imp] = JSON.parse(run(['import', '--case', c.id, '--identity', ana.id, '--json', pdf], asAna).out);
    const a1 = JSON.parse(run(['annotate', '--case', c.id, '--document', imp.documentId, '--page', '3', '--quote', '(f) Choke holds.', '--item', 'mandatory.chokehold', '--identity', ana.id, '--json'], asAna).out);
    const a2 = JSON.parse(run(['annotate', '--case', c.id, '--document', imp.documentId, '--page', '1', '--quote', 'objectively reasonable', '--item', 'mandatory.adherence-to-law', '--identity', ana.id, '--json'], asAna).out);
    run(['determine', '--case', c.id, '--item', 'mandatory.chokehold', '--status', 'met', '--rationale', 'Banned except where deadly force is justified.', '--evidence', a1.id, '--identity', ana.id], asAna);
    run(['determine', '--case', c.id, '--item', 'mandatory.adherence-to-law', '--status', 'met', '--rationale', 'Objective reasonableness.', '--evidence', a2.id, '--identity', ana.id], asAna);
    expect(run(['review', 'approve', '--case', c.id, '--identity', ana.id], asAna).code).toBe(1);
    expect(run(['review', 'submit', '--case', c.id, '--identity', ana.id], asAna).code).toBe(0);
    expect(run(['review', 'approve', '--case', c.id, '--identity', lee.id], asLee).code).toBe(0);
    // Signing prints what it covers and refuses until each gap is acknowledged by name.
    const unconfirmed = run(['review', 'sign', '--case', c.id, '--identity', lee.id], { CREDENCE_PASSPHRASE: 'lee passphrase' });
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.out).toContain('Signing covers 2 of 21 checklist items decided.');
    expect(unconfirmed.out).toContain('Rubric Early intervention system: not assessed');
    expect(unconfirmed.out).toContain('GAP undecided-items: 19 checklist items are undecided');
    expect(unconfirmed.out).toContain('GAP unscored-criteria: 18 rubric criteria are unscored');
    expect(unconfirmed.err).toContain('Not signed: acknowledge each gap first with --acknowledge undecided-items,unscored-criteria (or --acknowledge-all).');
    const partly = run(['review', 'sign', '--case', c.id, '--identity', lee.id, '--acknowledge', 'undecided-items'], { CREDENCE_PASSPHRASE: 'lee passphrase' });
    expect(partly.code).toBe(1);
    expect(partly.err).toContain('--acknowledge unscored-criteria');
    expect(run(['review', 'sign', '--case', c.id, '--identity', lee.id, '--acknowledge', 'undecided-items,everything'], asLee).code).toBe(2);
    expect(run(['review', 'status', '--case', c.id]).out).toContain('Status: approved');
    const wrong = run(['review', 'sign', '--case', c.id, '--identity', lee.id, '--acknowledge', 'undecided-items,unscored-criteria'], { CREDENCE_PASSPHRASE: 'not it' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('The passphrase is wrong for Lee Lead');
    const signed = run(['review', 'sign', '--case', c.id, '--identity', lee.id, '--acknowledge-all'], { CREDENCE_PASSPHRASE: 'lee passphrase' });
    expect(signed.code).toBe(0);
    expect(signed.out).toContain('Acknowledged:\n  - I sign with 19 items undecided\n  - I sign with 18 rubric criteria unscored (shown as not assessed)');
    const out = path.join(d, 'packet.zip');
    expect(run(['export', '--case', c.id, '--out', out, '--identity', lee.id], asLee).code).toBe(0);
    expect(run(['review', 'status', '--case', c.id]).out).toContain('Status: exported');

    const keyFile = path.join(d, 'lee.pub.pem');
    fs.writeFileSync(keyFile, run(['identity', 'export', '--identity', lee.id]).out);
    const v = credence(['verify', out, '--trust', keyFile, '--json']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.out)).toMatchObject({ verdict: 'trusted', ok: true, caseId: c.id, signer: { name: 'lee' }, signerInRoster: true });
    const unknown = credence(['verify', out, '--trust', path.join(d, 'nobody.pem')]);
    expect(unknown.code).toBe(2);
    const strangers = tempDir('credence-roster-');
    fs.writeFileSync(path.join(strangers, 'other.pem'), crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString());
    const untrusted = credence(['verify', out, '--trust', strangers]);
    expect(untrusted.code).toBe(5);
    expect(untrusted.out).toContain("NOT TRUSTED: valid signature from an unknown key: not the lead's signature");
    const tampered = path.join(d, 'tampered.zip');
    const bytes = fs.readFileSync(out);
    bytes[Math.floor(bytes.length / 3)]! ^= 0xff;
    fs.writeFileSync(tampered, bytes);
    const bad = run(['verify', tampered]);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/^NOT VALID: /);
    expect(run(['audit', 'verify', '--case', c.id]).out).toMatch(/The audit trail is intact: \d+ entries/);
    fs.rmSync(d, { recursive: true, force: true });
    fs.rmSync(strangers, { recursive: true, force: true });
  }, 180_000); // about twenty CLI processes, each opening the workspace: slow on a shared machine
});
