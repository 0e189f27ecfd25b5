// A score is the acting identity's own: naming another scorer (a colleague, the lead, a name
// nobody holds) is refused with what to do instead, and records nothing — no score, no evidence
// link, no audit entry. Before, `rubrics.score {scorer}` filed the score under any name given,
// so one reviewer could fill in a second scorer's half of a blind comparison.
// Reading is the same: `rubrics.forCase {scorer}` naming someone else is refused, from a window and
// from the CLI, and says nothing of that scorer's levels or rationales — before, any window could
// read a colleague's scores and so see the other half of the comparison before the lead did.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../electron/services/workspace.ts';
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
      expect(new Set(levels(`${REVIEWER.name} <${REVIEWER.email}>`))).toEqual(new Set([null]));
      const w = openWorkspace({ dataDir: data, transport: 'cli' });
      try {
        expect(w.ctx.db.prepare('SELECT count(*) AS n FROM scores').get()).toEqual({ n: 0 });
      } finally {
        w.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const caseRubrics = () => t.ws.ctx.db.prepare('SELECT * FROM case_rubrics ORDER BY rowid').all();
const readRefusal = (actor: string, other: string) =>
  `Scores are shown only to the scorer who made them. You act as ${actor}, and these would be ${other}’s. To see where scorers differ, use “Compare scorers” (rubrics.agreement); to read them as ${other}, unlock that identity. Nothing was shown.`;

describe('reading another scorer’s scores from a window', () => {
  // Leo has scored, with a rationale Rita must not see before the comparison.
  beforeEach(async () => {
    t.actAs(LEAD);
    await t.call('rubrics.score', { caseId, rubricId: 'early-intervention-system', criterionId: 'eis.purpose', level: 2, rationale: 'Leo’s private reasoning.', evidenceIds: [evidence] });
    t.actAs(REVIEWER);
  });
  const read = (scorer?: string) => t.ws.rendererDispatch('rubrics.forCase', { caseId, ...(scorer === undefined ? {} : { scorer }) });

  it.each([
    ['a colleague who has scored', leo],
    ['a name nobody holds', 'ana'],
    ['the acting identity’s name without its e-mail', REVIEWER.name],
    ['the lead’s consensus', 'consensus'],
  ])('is refused for %s, with the same message whether or not they scored, and changes nothing', async (_what, other) => {
    const before = [snapshot(t.ws.ctx.db), caseRubrics()];
    const r = await read(other);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (r.ok) return;
    expect(r.error.message).toBe(readRefusal(rita, other));
    expect(JSON.stringify(r.error)).not.toContain('private reasoning');
    expect([snapshot(t.ws.ctx.db), caseRubrics()]).toEqual(before);
  });

  it('is refused when no one is acting, saying so', async () => {
    t.ws.services.session.lock();
    const r = await read(leo);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (r.ok) return;
    expect(r.error.message).toBe(`Scores are shown only to the scorer who made them. No one is acting, and these would be ${leo}’s. To see where scorers differ, use “Compare scorers” (rubrics.agreement); to read them as ${leo}, unlock that identity. Nothing was shown.`);
  });

  it('shows the acting identity its own scores, named or not, and never a colleague’s', async () => {
    await score();
    for (const r of [await read(), await read(rita)]) {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const eis = (r.value as Array<{ rubric: { id: string }; scorer: string; scores: Array<{ scorer: string; level: number; rationale: string }> }>).find((x) => x.rubric.id === 'early-intervention-system')!;
      expect(eis.scorer).toBe(rita);
      expect(eis.scores).toEqual([expect.objectContaining({ scorer: rita, level: 3, rationale: 'Non-disciplinary.' })]);
    }
    // Leo, unlocked, sees his.
    t.actAs(LEAD);
    const mine = await read(leo);
    expect(mine.ok && (mine.value as Array<{ scores: Array<{ level: number }> }>).flatMap((x) => x.scores.map((s) => s.level))).toEqual([2]);
  });
});

describe('reading another scorer’s scores from the CLI', () => {
  it('refuses `scores --scorer` naming someone else (exit 1), shows nothing of theirs, and keeps the own view', () => {
    const dir = tempDir('credence-scores-cli-');
    try {
      const data = path.join(dir, 'data');
      const lead = seedIdentity(data, LEAD).env;
      const { env } = seedIdentity(data);
      const run = (args: string[], as = env) => spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/run.ts'), ...args, '--data-dir', data], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...as } });
      const c = JSON.parse(run(['cases', 'create', '--agency', 'Riverside Police Department', '--ori', 'IL9990000', '--state', 'IL', '--json']).stdout);
      expect(run(['score', '--case', c.id, '--rubric', 'early-intervention-system', '--criterion', 'eis.purpose', '--level', '0', '--rationale', 'Leo’s private reasoning.'], lead).status).toBe(0);

      for (const args of [['--scorer', leo], ['--scorer', leo, '--json']]) {
        const r = run(['scores', '--case', c.id, ...args]);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain(readRefusal(rita, leo));
        expect(r.stdout + r.stderr).not.toContain('private reasoning');
        if (args.includes('--json')) expect(JSON.parse(r.stdout)).toEqual({ error: expect.objectContaining({ code: 'forbidden', message: readRefusal(rita, leo) }) });
      }
      // Named or not, the acting identity reads its own (nothing scored yet), and Leo his.
      const levels = (args: string[], as = env) => JSON.parse(run(['scores', '--case', c.id, ...args, '--json'], as).stdout).flatMap((x: { scores: Array<{ level: number | null }> }) => x.scores.map((s) => s.level));
      expect(new Set(levels(['--scorer', rita]))).toEqual(new Set([null]));
      expect(new Set(levels([]))).toEqual(new Set([null]));
      expect(levels([], lead).filter((l: number | null) => l !== null)).toEqual([0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
