// A score is the acting identity's own: naming another scorer (a colleague, the lead, a name
// nobody holds) is refused with what to do instead, and records nothing — no score, no evidence
// link, no audit entry. Before, `rubrics.score {scorer}` filed the score under any name given,
// so one reviewer could fill in a second scorer's half of a blind comparison.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../resources/sample/generate-sample.ts';
import { LEAD, REVIEWER, seedIdentity, tempDir, tempWorkspace } from '../support/workspace.ts';
import { snapshot } from '../support/snapshot.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let evidence: string;
beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' })).id;
  const [imp] = await t.call('documents.import', { caseId, paths: [t.write('go300.pdf', await generateSamplePdf())] });
  evidence = (await t.call('annotations.create', { caseId, documentId: imp.document.id, page: 3, quote: 'The Department maintains a non-disciplinary early intervention system', itemIds: ['topic.early-warning'] })).id;
  // The lead exists in this workspace: their name is a real scorer's.
  t.actAs(LEAD);
  t.actAs(REVIEWER);
});
afterEach(() => t.cleanup());

const score = (scorer?: string) => t.ws.dispatch('rubrics.score', { caseId, rubricId: 'early-intervention-system', criterionId: 'eis.purpose', level: 3, rationale: 'Non-disciplinary.', evidenceIds: [evidence], ...(scorer === undefined ? {} : { scorer }) });
const rita = `${REVIEWER.name} <${REVIEWER.email}>`;
const leo = `${LEAD.name} <${LEAD.email}>`;

describe('scoring under another name', () => {
  it.each([
    ['another identity of the workspace', leo],
    ['a name nobody holds', 'ana'],
    ['the acting identity’s name without its e-mail', REVIEWER.name],
  ])('is refused for %s, saying whose the score would be, and changes nothing', async (_what, other) => {
    const before = snapshot(t.ws.ctx.db);
    const r = await score(other);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (r.ok) return;
    expect(r.error.message).toBe(`A score is recorded under the identity that makes it: ${rita}, not ${other}. To score as ${other}, unlock that identity. Nothing was recorded.`);
    expect(snapshot(t.ws.ctx.db)).toEqual(before);
  });

  it('is accepted under the acting identity, named or not, and credited to it', async () => {
    expect(await score()).toMatchObject({ ok: true, value: { scorer: rita, level: 3 } });
    expect(await score(rita)).toMatchObject({ ok: true, value: { scorer: rita } });
    const rows = t.ws.ctx.db.prepare('SELECT scorer, scorer_fingerprint FROM scores').all();
    expect(rows).toEqual([{ scorer: rita, scorer_fingerprint: t.ws.services.identities.list().find((i) => i.email === REVIEWER.email)!.fingerprint }]);
  });
});

describe('the CLI', () => {
  it('refuses `score --scorer` naming someone else (exit 1) and writes nothing', () => {
    const dir = tempDir('credence-scorer-cli-');
    try {
      const data = path.join(dir, 'data');
      const { env } = seedIdentity(data);
      const run = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/run.ts'), ...args, '--data-dir', data], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
      const c = JSON.parse(run(['cases', 'create', '--agency', 'Riverside Police Department', '--ori', 'IL9990000', '--state', 'IL', '--json']).stdout);
      const r = run(['score', '--case', c.id, '--rubric', 'early-intervention-system', '--criterion', 'eis.purpose', '--level', '3', '--rationale', 'r', '--scorer', 'Someone Else']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('A score is recorded under the identity that makes it');
      const levels = (scorer: string) => JSON.parse(run(['scores', '--case', c.id, '--scorer', scorer, '--json']).stdout).flatMap((x: { scores: Array<{ level: number | null }> }) => x.scores.map((s) => s.level));
      expect(new Set(levels('Someone Else'))).toEqual(new Set([null]));
      expect(new Set(levels(`${REVIEWER.name} <${REVIEWER.email}>`))).toEqual(new Set([null]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
