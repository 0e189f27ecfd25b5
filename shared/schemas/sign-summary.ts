import { z } from 'zod';
import { RUBRIC_ASSESSED } from './rubric.ts';

/**
 * What a lead signs over. Each kind of gap must be acknowledged by name before `review.sign`
 * signs; the packet records which were acknowledged.
 */
export const GAP_KINDS = ['undecided-items', 'unscored-criteria', 'stale-evidence', 'contradicted-determinations', 'unread-pages', 'scanner-text-evidence'] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export const signGap = z.object({
  kind: z.enum(GAP_KINDS),
  count: z.number().int(),
  /** What is missing, for a heading: "18 checklist items are undecided". */
  title: z.string(),
  /** What the lead confirms by ticking: "I sign with 18 items undecided". */
  statement: z.string(),
  /** One line per item, criterion or determination concerned. */
  entries: z.array(z.string()),
});
export type SignGap = z.infer<typeof signGap>;

export const signSummary = z.object({
  caseId: z.string(),
  status: z.string(),
  decided: z.number().int(),
  total: z.number().int(),
  rubrics: z.array(z.object({ id: z.string(), title: z.string(), assessed: z.enum(RUBRIC_ASSESSED), criteriaScored: z.number().int(), criteriaTotal: z.number().int(), scoredBy: z.string().nullable() })),
  gaps: z.array(signGap),
});
export type SignSummary = z.infer<typeof signSummary>;

/** An acknowledged gap as the packet records it. */
export const acknowledgedGap = z.object({ kind: z.enum(GAP_KINDS), count: z.number().int(), statement: z.string() });
export type AcknowledgedGap = z.infer<typeof acknowledgedGap>;
