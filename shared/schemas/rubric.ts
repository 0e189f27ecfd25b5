import { z } from 'zod';
import { nameText } from './text.ts';

const level = z.object({ level: z.number().int().min(0).max(3), descriptor: z.string().min(3, 'Say what evidence earns this level.') });

export const rubricCriterion = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,63}$/, 'Criterion ids are lower-case letters, digits, dots and hyphens.'),
  title: nameText().min(3),
  description: z.string().min(3),
  weight: z.number().positive('A weight is a positive number.').max(100),
  levels: z
    .array(level)
    .length(4, 'Give exactly four levels, 0 to 3.')
    .refine((ls) => ls.every((l, i) => l.level === i), 'Levels must be 0, 1, 2 and 3, in order.'),
  sources: z.array(z.string().min(3)).min(1, 'Every criterion needs at least one source.'),
});
export type RubricCriterion = z.infer<typeof rubricCriterion>;

export const rubricPack = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'Rubric ids are lower-case letters, digits and hyphens.'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'Use a version like 1.0.0.'),
    title: nameText().min(3),
    publisher: nameText().min(1),
    description: z.string().optional(),
    /** The checklist item whose evidence this rubric scores, to offer those highlights first. */
    checklistItemId: z.string().optional(),
    /** Bands by weighted percentage, highest threshold first is not required: sorted on use. */
    bands: z.array(z.object({ min: z.number().min(0).max(100), label: nameText().min(1) })).min(1),
    criteria: z.array(rubricCriterion).min(1),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.criteria.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `Duplicate criterion id "${c.id}".` });
      seen.add(c.id);
    });
    if (!p.bands.some((b) => b.min === 0)) ctx.addIssue({ code: 'custom', path: ['bands'], message: 'One band must start at 0 so every total has a band.' });
  });
export type RubricPack = z.infer<typeof rubricPack>;

export const rubricSummary = z.object({ id: z.string(), version: z.string(), title: z.string(), publisher: z.string(), source: z.enum(['bundled', 'imported']), criteria: z.array(z.object({ id: z.string(), title: z.string(), weight: z.number() })) });

export const scoreRecord = z.object({
  rubricId: z.string(),
  criterionId: z.string(),
  scorer: z.string(),
  level: z.number().int().min(0).max(3),
  rationale: z.string(),
  evidenceIds: z.array(z.string()),
  decidedAt: z.string(),
});
export type ScoreRecord = z.infer<typeof scoreRecord>;

/**
 * A total and band exist only when every criterion is scored (`assessed: 'complete'`); a rubric
 * nobody scored is not assessed, and a partly scored one says how far it got, never a band.
 */
export const RUBRIC_ASSESSED = ['none', 'partial', 'complete'] as const;
export const rubricTotals = z.object({ assessed: z.enum(RUBRIC_ASSESSED), scored: z.number().int(), criteria: z.number().int(), percent: z.number().nullable(), band: z.string().nullable(), points: z.number(), maxPoints: z.number() });
export type RubricTotals = z.infer<typeof rubricTotals>;

export const caseRubric = z.object({
  rubric: rubricPack,
  scorer: z.string(),
  scores: z.array(scoreRecord),
  /** Highlights linked to each criterion (by criterion id) as evidence, scored or not. */
  evidence: z.record(z.string(), z.array(z.string())),
  totals: rubricTotals,
  chartSvg: z.string(),
});
export type CaseRubric = z.infer<typeof caseRubric>;

export const agreement = z.object({
  rubricId: z.string(),
  scorers: z.array(z.string()),
  /** Quadratic-weighted kappa between the two scorers over criteria both scored; null when undefined. */
  kappa: z.number().nullable(),
  compared: z.number().int(),
  differences: z.array(z.object({ criterionId: z.string(), title: z.string(), levels: z.record(z.string(), z.number().int()) })),
  consensus: z.array(scoreRecord),
});
export type Agreement = z.infer<typeof agreement>;

export const CONSENSUS = 'consensus';
