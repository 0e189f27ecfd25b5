// No work without a person: every change made while no identity is unlocked is refused, saying
// how to choose one (in the app and in the CLI), and changes nothing; nothing is credited to the
// OS user. Reading needs no identity. The sample case is the system's own work, credited so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSampleCase, SAMPLE_ACTOR } from '../../electron/services/sample/sample-case.ts';
import { generateSamplePdf } from '../../resources/sample/generate-sample.ts';
import { REVIEWER, seedIdentity, tempDir, tempWorkspace } from '../support/workspace.ts';
import { snapshot } from '../support/snapshot.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((f) => f()));

describe('a change with no identity unlocked', () => {
  it('is refused for every kind of change, with how to choose, and changes nothing', async () => {
    const t = tempWorkspace();
    cleanups.push(t.cleanup);
    const c = await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' });
    const pdf = t.write('go300.pdf', await generateSamplePdf());
    const [imp] = await t.call('documents.import', { caseId: c.id, paths: [pdf] });
    const key = t.write('lee.pub.pem', t.ws.services.identities.list()[0]!.publicKeyPem);
    await t.call('identity.lock', {});
    const before = snapshot(t.ws.ctx.db);
    const attempts: Array<[string, unknown]> = [
      ['cases.create', { agencyName: 'Other Police Department', ori: 'IL0000002', state: 'IL' }],
      ['cases.update', { id: c.id, patch: { agencyName: 'Renamed Police Department' } }],
      ['cases.archive', { id: c.id, archived: true }],
      ['documents.import', { caseId: c.id, paths: [pdf] }],
      ['annotations.create', { caseId: c.id, documentId: imp.document.id, page: 3, quote: '(f) Choke holds.', itemIds: ['mandatory.chokehold'] }],
      ['determinations.set', { caseId: c.id, itemId: 'mandatory.chokehold', status: 'not_met', rationale: 'None.', noRuleFound: true }],
      ['rubrics.score', { caseId: c.id, rubricId: 'early-intervention-system', criterionId: 'eis.purpose', level: 0, rationale: 'None.' }],
      ['review.submit', { caseId: c.id }],
      ['review.settings', { singlePersonReview: true }],
      ['roster.import', { path: key }],
      ['bundle.export', { caseId: c.id, outPath: path.join(t.dataDir, '..', 'x.credence-case'), passphrase: 'whatever passphrase' }],
    ];
    for (const [method, input] of attempts) {
      const r = await t.ws.dispatch(method, input);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('No one is acting: every change is made by a person with their passphrase. Choose who you are (top right).') } });
    }
    expect(snapshot(t.ws.ctx.db)).toEqual(before);
    expect(fs.existsSync(path.join(t.dataDir, '..', 'x.credence-case'))).toBe(false);
    // Reading is open to anyone.
    expect(await t.call('cases.get', { id: c.id })).toMatchObject({ agencyName: 'Riverside Police Department' });
    expect(await t.call('review.settings', {})).toEqual({ singlePersonReview: false });
  });

  it('leaves the sample case to the system, credited as "Credence (sample)"', async () => {
    const t = tempWorkspace({ actingAs: null });
    cleanups.push(t.cleanup);
    const pdf = t.write('sample.pdf', await generateSamplePdf());
    const caseId = (await ensureSampleCase(t.ws, pdf))!;
    const audit = await t.call('audit.list', { caseId });
    expect(audit.map((e: { actor: string; action: string }) => [e.action, e.actor])).toEqual([
      ['cases.create', SAMPLE_ACTOR],
      ['documents.import', SAMPLE_ACTOR],
    ]);
    expect((await t.call('documents.list', { caseId }))[0].importedBy).toBe(SAMPLE_ACTOR);
    expect(t.ws.ctx.actor).toBe('');
    expect(await t.ws.dispatch('cases.update', { id: caseId, patch: { dueDate: '2027-01-01' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the CLI with no identity', () => {
  const dir = tempDir('credence-cli-noid-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const credence = (args: string[], env: Record<string, string>) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/run.ts'), ...args, '--data-dir', dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CREDENCE_DATA_DIR: '', CREDENCE_IDENTITY: '', CREDENCE_PASSPHRASE: '', ...env } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const create = ['cases', 'create', '--agency', 'Riverside Police Department', '--ori', 'IL9990000', '--state', 'IL', '--json'];
  const seeded = seedIdentity(dir);

  it('refuses a change naming no identity, saying how to name one, and writes nothing', () => {
    const r = credence(create, {});
    expect(r.code).toBe(1);
    expect(r.err).toContain('Say who acts with --identity ID or CREDENCE_IDENTITY; the passphrase comes from CREDENCE_PASSPHRASE or a prompt.');
    expect(JSON.parse(credence(['cases', 'list', '--json'], {}).out)).toEqual([]);
  });

  it('refuses a named identity with no passphrase and no terminal to ask in, and a wrong passphrase, writing nothing', () => {
    const none = credence(create, { CREDENCE_IDENTITY: seeded.identity.id });
    expect(none.code).toBe(2);
    expect(none.err).toContain(`Passphrase for ${REVIEWER.name} is needed: set CREDENCE_PASSPHRASE, or run in a terminal to be asked for it. Nothing changed.`);
    const wrong = credence([...create, '--identity', seeded.identity.id], { CREDENCE_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(`The passphrase is wrong for ${REVIEWER.name}.`);
    expect(JSON.parse(credence(['cases', 'list', '--json'], { CREDENCE_IDENTITY: seeded.identity.id }).out)).toEqual([]);
  });

  it('acts as CREDENCE_IDENTITY with CREDENCE_PASSPHRASE, credited to that person', () => {
    const made = credence(create, seeded.env);
    expect(made.code).toBe(0);
    const c = JSON.parse(made.out);
    const audit = credence(['audit', 'verify', '--case', c.id, '--json'], {});
    expect(JSON.parse(audit.out)).toMatchObject({ ok: true, entries: 1 });
  });
});
