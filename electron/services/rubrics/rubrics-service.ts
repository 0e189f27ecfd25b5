// Rubric packs and scoring: each scorer's scores kept apart (blind), weighted totals and bands,
// the chart, two scorers' agreement (quadratic-weighted kappa) and the lead's consensus.
import { fileURLToPath } from 'node:url';
import { quadraticWeightedKappa } from '../../../shared/domain/kappa.ts';
import { rubricChartSvg, totals } from '../../../shared/domain/rubric-scoring.ts';
import { CONSENSUS, rubricPack, type Agreement, type CaseRubric, type RubricPack, type ScoreRecord } from '../../../shared/schemas/rubric.ts';
import { ServiceError } from '../../../shared/result.ts';
import { parsePackFile, readBundledPacks } from '../pack-files.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ServiceContext } from '../context.ts';

export const SOURCE_RUBRICS_DIR = fileURLToPath(new URL('../../../resources/rubrics/', import.meta.url));

const semver = (v: string) => v.split('.').map(Number) as [number, number, number];
const newer = (a: string, b: string) => {
  const [x, y] = [semver(a), semver(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

interface ScoreRow {
  rubric_id: string;
  criterion_id: string;
  scorer: string;
  level: number;
  rationale: string;
  decided_at: string;
  evidence: string | null;
}

export function createRubricsService(ctx: ServiceContext, cases: CasesService, bundledDir: string) {
  const { db } = ctx;
  const bundled: RubricPack[] = readBundledPacks(bundledDir, rubricPack, 'rubric');
  const imported = () => db.prepare<[], { json: string }>('SELECT json FROM rubric_packs').all().map((r) => rubricPack.parse(JSON.parse(r.json)));
  const all = () => [...bundled.map((p) => ({ p, source: 'bundled' as const })), ...imported().map((p) => ({ p, source: 'imported' as const }))];

  function get(id: string, version: string): RubricPack {
    const hit = all().find((x) => x.p.id === id && x.p.version === version);
    if (!hit) throw new ServiceError('not_found', `Rubric ${id} version ${version} is not installed. Import it to score this case with it.`);
    return hit.p;
  }

  /** The version a case uses: recorded the first time the case meets the rubric, never changed after. */
  function versionFor(caseId: string, rubricId: string): string {
    const row = db.prepare<[string, string], { version: string }>('SELECT version FROM case_rubrics WHERE case_id = ? AND rubric_id = ?').get(caseId, rubricId);
    if (row) return row.version;
    const latest = all()
      .filter((x) => x.p.id === rubricId)
      .map((x) => x.p.version)
      .sort(newer)
      .at(-1);
    if (!latest) throw new ServiceError('not_found', `No rubric called ${rubricId} is installed.`);
    db.prepare('INSERT INTO case_rubrics (case_id, rubric_id, version) VALUES (?, ?, ?)').run(caseId, rubricId, latest);
    return latest;
  }

  const rubricIds = () => [...new Set(all().map((x) => x.p.id))].sort();

  const scoreRows = (caseId: string, rubricId: string) =>
    db
      .prepare<[string, string], ScoreRow>(
        `SELECT s.*, (SELECT group_concat(annotation_id, char(31)) FROM score_evidence e WHERE e.case_id = s.case_id AND e.rubric_id = s.rubric_id
           AND e.criterion_id = s.criterion_id AND e.scorer = s.scorer) AS evidence
         FROM scores s WHERE s.case_id = ? AND s.rubric_id = ?`,
      )
      .all(caseId, rubricId);
  const toScore = (r: ScoreRow): ScoreRecord => ({ rubricId: r.rubric_id, criterionId: r.criterion_id, scorer: r.scorer, level: r.level, rationale: r.rationale, evidenceIds: r.evidence ? r.evidence.split('\u001f').sort() : [], decidedAt: r.decided_at });

  /** Highlights linked to each criterion as evidence, whether or not anyone scored it yet (deleted ones left out). */
  const linkedEvidence = (caseId: string, rubricId: string): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    const rows = db
      .prepare<[string, string], { criterion_id: string; annotation_id: string }>(
        `SELECT ce.criterion_id, ce.annotation_id FROM criterion_evidence ce JOIN annotations a ON a.id = ce.annotation_id
         WHERE ce.case_id = ? AND ce.rubric_id = ? AND a.status != 'deleted' ORDER BY ce.criterion_id, a.start_offset`,
      )
      .all(caseId, rubricId);
    for (const r of rows) (out[r.criterion_id] ??= []).push(r.annotation_id);
    return out;
  };

  function view(caseId: string, rubricId: string, scorer: string): CaseRubric {
    const rubric = get(rubricId, versionFor(caseId, rubricId));
    // Blind scoring: a scorer sees only their own scores.
    const scores = scoreRows(caseId, rubricId).filter((r) => r.scorer === scorer).map(toScore);
    const levels = new Map(scores.map((s) => [s.criterionId, s.level]));
    return { rubric, scorer, scores, evidence: linkedEvidence(caseId, rubricId), totals: totals(rubric, levels), chartSvg: rubricChartSvg(rubric, levels) };
  }

  function writeScore(caseId: string, rubricId: string, criterionId: string, scorer: string, level: number, rationale: string, evidenceIds: string[]): ScoreRecord {
    const c = cases.get(caseId);
    if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it to score it.');
    const rubric = get(rubricId, versionFor(caseId, rubricId));
    const criterion = rubric.criteria.find((x) => x.id === criterionId);
    if (!criterion) throw new ServiceError('not_found', `No criterion ${criterionId} in the ${rubric.title} rubric.`);
    const ids = [...new Set(evidenceIds)];
    for (const id of ids) {
      const a = db.prepare<[string], { case_id: string; status: string }>('SELECT case_id, status FROM annotations WHERE id = ?').get(id);
      if (!a || a.case_id !== caseId || a.status === 'deleted') throw new ServiceError('invalid_input', `Highlight ${id} is not evidence in this case.`, { evidenceIds: 'Choose highlights from this case.' });
    }
    if (level > 0 && ids.length === 0) {
      throw new ServiceError('invalid_input', `Level ${level} for “${criterion.title}” needs at least one highlighted passage as evidence (only level 0 may rest on absence).`, { evidenceIds: 'Link at least one highlight.' });
    }
    db.transaction(() => {
      db.prepare(
        `INSERT INTO scores (case_id, rubric_id, criterion_id, scorer, level, rationale, decided_at, scorer_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id, rubric_id, criterion_id, scorer) DO UPDATE SET level = excluded.level, rationale = excluded.rationale, decided_at = excluded.decided_at, scorer_fingerprint = excluded.scorer_fingerprint`,
      ).run(caseId, rubricId, criterionId, scorer, level, rationale, ctx.now().toISOString(), ctx.actorFingerprint);
      db.prepare('DELETE FROM score_evidence WHERE case_id = ? AND rubric_id = ? AND criterion_id = ? AND scorer = ?').run(caseId, rubricId, criterionId, scorer);
      const ins = db.prepare('INSERT INTO score_evidence (case_id, rubric_id, criterion_id, scorer, annotation_id) VALUES (?, ?, ?, ?, ?)');
      for (const id of ids) ins.run(caseId, rubricId, criterionId, scorer, id);
      cases.touch(caseId);
    })();
    return toScore(scoreRows(caseId, rubricId).find((r) => r.criterion_id === criterionId && r.scorer === scorer)!);
  }

  function forCase(caseId: string, scorer: string): CaseRubric[] {
    cases.get(caseId);
    return rubricIds().map((id) => view(caseId, id, scorer));
  }

  return {
    /** Whether the rubric (in the version the case uses, or would use) has the criterion. */
    criterionExists(caseId: string, ref: { rubricId: string; criterionId: string }): boolean {
      const row = db.prepare<[string, string], { version: string }>('SELECT version FROM case_rubrics WHERE case_id = ? AND rubric_id = ?').get(caseId, ref.rubricId);
      const versions = all().filter((x) => x.p.id === ref.rubricId && (!row || x.p.version === row.version));
      return versions.length > 0 && versions.sort((a, b) => newer(a.p.version, b.p.version)).at(-1)!.p.criteria.some((c) => c.id === ref.criterionId);
    },
    list() {
      return all().map(({ p, source }) => ({ id: p.id, version: p.version, title: p.title, publisher: p.publisher, source, criteria: p.criteria.map((c) => ({ id: c.id, title: c.title, weight: c.weight })) }));
    },
    import(file: string) {
      const p = parsePackFile(file, rubricPack, 'rubric pack');
      if (all().some((x) => x.p.id === p.id && x.p.version === p.version)) throw new ServiceError('conflict', `Rubric ${p.id} version ${p.version} is already installed. Give a revised rubric a new version number.`);
      db.prepare('INSERT INTO rubric_packs (id, version, title, json, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)').run(p.id, p.version, p.title, JSON.stringify(p), ctx.actor, ctx.now().toISOString());
      return { id: p.id, version: p.version, title: p.title, publisher: p.publisher, source: 'imported' as const, criteria: p.criteria.map((c) => ({ id: c.id, title: c.title, weight: c.weight })) };
    },
    /** Any scorer's view, for the workspace's own uses (sign-off, history); a window or the CLI reads through `own`. */
    forCase,
    /**
     * The acting identity's own scores. Naming another scorer is refused before anything is read
     * or recorded: the comparison is blind only if nobody can look at a colleague's levels and
     * rationales before the lead compares them. The message echoes only the name given, so it says
     * nothing of whether that scorer exists or has scored.
     */
    own(caseId: string, named?: string): CaseRubric[] {
      const scorer = ctx.actor;
      if (named !== undefined && named !== scorer) {
        const who = scorer ? `You act as ${scorer}, and these would be ${named}’s.` : `No one is acting, and these would be ${named}’s.`;
        throw new ServiceError('forbidden', `Scores are shown only to the scorer who made them. ${who} To see where scorers differ, use “Compare scorers” (rubrics.agreement); to read them as ${named}, unlock that identity. Nothing was shown.`, { scorer: scorer ? `You see the scores of ${scorer}.` : 'Choose who you are to see your scores.' });
      }
      return forCase(caseId, scorer);
    },
    score(input: { caseId: string; rubricId: string; criterionId: string; level: number; rationale: string; evidenceIds: string[]; scorer?: string }): ScoreRecord {
      // A score is its maker's: blind comparison and kappa mean something only if nobody can file
      // a score under a colleague's name. `scorer` may only confirm who acts.
      const scorer = ctx.actor;
      if (input.scorer !== undefined && input.scorer !== scorer) {
        throw new ServiceError('forbidden', `A score is recorded under the identity that makes it: ${scorer}, not ${input.scorer}. To score as ${input.scorer}, unlock that identity. Nothing was recorded.`, { scorer: `Scores are recorded as ${scorer}.` });
      }
      return writeScore(input.caseId, input.rubricId, input.criterionId, scorer, input.level, input.rationale, input.evidenceIds);
    },
    consensus(input: { caseId: string; rubricId: string; criterionId: string; level: number; rationale: string; evidenceIds: string[] }): ScoreRecord {
      return writeScore(input.caseId, input.rubricId, input.criterionId, CONSENSUS, input.level, input.rationale, input.evidenceIds);
    },
    agreement(caseId: string, rubricId: string): Agreement {
      const rubric = get(rubricId, versionFor(caseId, rubricId));
      const rows = scoreRows(caseId, rubricId);
      const scorers = [...new Set(rows.map((r) => r.scorer).filter((s) => s !== CONSENSUS))].sort();
      const level = (s: string, c: string) => rows.find((r) => r.scorer === s && r.criterion_id === c)?.level;
      const [a, b] = scorers;
      const both = a && b ? rubric.criteria.filter((c) => level(a, c.id) !== undefined && level(b, c.id) !== undefined) : [];
      const kappa = a && b ? quadraticWeightedKappa(both.map((c) => level(a, c.id)!), both.map((c) => level(b, c.id)!)) : null;
      const differences = rubric.criteria
        .map((c) => ({ criterionId: c.id, title: c.title, levels: Object.fromEntries(scorers.map((s) => [s, level(s, c.id)]).filter(([, l]) => l !== undefined)) as Record<string, number> }))
        .filter((d) => new Set(Object.values(d.levels)).size > 1);
      return { rubricId, scorers, kappa, compared: both.length, differences, consensus: rows.filter((r) => r.scorer === CONSENSUS).map(toScore) };
    },
  };
}
export type RubricsService = ReturnType<typeof createRubricsService>;
