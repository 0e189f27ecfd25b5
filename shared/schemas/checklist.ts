import { z } from 'zod';
import { nameText } from './text.ts';
import { RULE_IDS, type RuleId } from '../domain/prereview/types.ts';

export const DETERMINATION_STATUSES = ['met', 'partially_met', 'not_met', 'not_applicable', 'needs_information'] as const;
export type DeterminationStatus = (typeof DETERMINATION_STATUSES)[number];
export const DETERMINATION_LABEL: Record<DeterminationStatus, string> = {
  met: 'Met',
  partially_met: 'Partially met',
  not_met: 'Not met',
  not_applicable: 'Not applicable',
  needs_information: 'Needs information',
};
export const ITEM_KINDS = ['mandatory', 'should-consider', 'reporting', 'topic'] as const;
export const STANCES = ['supports', 'contradicts', 'context'] as const;
export type EvidenceStance = (typeof STANCES)[number];

const citation = z.object({
  source: z.string().min(1, 'Name the source, such as "EO 13929".'),
  section: z.string().min(1, 'Give the section, such as "sec. 2(c)(ii)".'),
  url: z.string().url().optional(),
});

export const checklistItem = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,79}$/, 'Item ids are lower-case letters, digits, dots and hyphens, such as "mandatory.chokehold".'),
  title: nameText().min(3).max(200),
  kind: z.enum(ITEM_KINDS),
  group: nameText().min(1).max(100),
  orderText: z.string().min(1).optional(),
  citations: z.array(citation).min(1, 'Every item needs at least one citation.'),
  guidance: z.string().min(1, 'Give the reviewer guidance for this item.'),
  allowedDeterminations: z.array(z.enum(DETERMINATION_STATUSES)).min(1),
  /** Which policy lint, if any, offers findings for this item. */
  lint: z.enum(['chokehold']).optional(),
  /**
   * The pre-review rule(s) that answer this item, by id (a state's pack reuses rules by id). An
   * item answered by two rules names both, the first deciding its suggested determination
   * (chokeholds: the airway rule first, vascular restraints beside it).
   */
  prereview: z
    .union([z.string(), z.array(z.string()).min(1).max(RULE_IDS.length)])
    .superRefine((v, ctx) => {
      const ids = typeof v === 'string' ? [v] : v;
      for (const id of ids) {
        if (!(RULE_IDS as readonly string[]).includes(id)) ctx.addIssue({ code: 'custom', message: `Unknown pre-review rule ${JSON.stringify(id.slice(0, 60))}. Known rules: ${RULE_IDS.join(', ')}.` });
      }
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'A pre-review rule is named twice.' });
    })
    .optional(),
});

/** The rules an item names, first the one that decides its suggestion; none for an item no rule answers. */
export const itemRules = (item: { prereview?: string | string[] }): RuleId[] => (item.prereview === undefined ? [] : ((typeof item.prereview === 'string' ? [item.prereview] : item.prereview) as RuleId[]));
export type ChecklistItem = z.infer<typeof checklistItem>;

export const checklistPack = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'Pack ids are lower-case letters, digits and hyphens.'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'Use a version like 1.0.0.'),
    title: nameText().min(3),
    publisher: nameText().min(1),
    description: z.string().optional(),
    items: z.array(checklistItem).min(1),
  })
  .superRefine((pack, ctx) => {
    const seen = new Map<string, number>();
    pack.items.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `Duplicate item id "${item.id}" (also item ${seen.get(item.id)}).` });
      seen.set(item.id, i);
      if (item.kind === 'mandatory' && !(item.allowedDeterminations.includes('met') && item.allowedDeterminations.includes('not_met'))) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'allowedDeterminations'], message: 'A mandatory item must allow both Met and Not met.' });
      }
    });
  });
export type ChecklistPack = z.infer<typeof checklistPack>;

export const packSummary = z.object({ id: z.string(), version: z.string(), title: z.string(), publisher: z.string(), itemCount: z.number().int(), source: z.enum(['bundled', 'imported']) });
export type PackSummary = z.infer<typeof packSummary>;

export const rect = z.object({ page: z.number().int(), x: z.number(), y: z.number(), w: z.number(), h: z.number() });

/** A PDF page is at most 14,400 units (200 inches) on a side; anything beyond is not a glyph. */
const coord = z.number().finite().min(-14_400).max(14_400);
export const MAX_SELECTION_RECTS = 2_000;
/** One box of a selection, in PDF units with the origin at the page's bottom left; pages from 1. */
export const selectionRect = z.object({ page: z.number().int().min(1), x: coord, y: coord, w: z.number().finite().positive().max(14_400), h: z.number().finite().positive().max(14_400) }).strict();
export type SelectionRect = z.infer<typeof selectionRect>;

/** A rubric criterion named from outside the rubric: which rubric, which criterion. */
export const criterionRef = z.object({ rubricId: z.string().min(1).max(100), criterionId: z.string().min(1).max(100) }).strict();
export type CriterionRef = z.infer<typeof criterionRef>;

export const annotationRecord = z.object({
  id: z.string(),
  caseId: z.string(),
  documentId: z.string(),
  documentTitle: z.string(),
  docSha256: z.string(),
  pageFrom: z.number().int(), // 1-based
  pageTo: z.number().int(),
  rects: z.array(rect),
  quote: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  startOffset: z.number().int(),
  endOffset: z.number().int(),
  extractorVersion: z.string(),
  stance: z.enum(STANCES),
  note: z.string(),
  itemIds: z.array(z.string()),
  /** Rubric criteria the passage is evidence for, linked before (or without) any score. */
  criteria: z.array(criterionRef),
  /** document-removed: stored as active, but its document was taken out of the case (undo puts it back). */
  status: z.enum(['active', 'orphaned', 'deleted', 'document-removed']),
  /** It lies on a page whose text OCR read from a scanned image: check it against the image. */
  ocr: z.boolean().default(false),
  /** It lies on a page whose text is a scanner's own OCR, carried in the file: check it against the image. */
  scannerText: z.boolean().default(false),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type AnnotationRecord = z.infer<typeof annotationRecord>;

export const determinationRecord = z.object({
  itemId: z.string(),
  status: z.enum(DETERMINATION_STATUSES),
  rationale: z.string(),
  noRuleFound: z.boolean(),
  evidenceIds: z.array(z.string()),
  decidedBy: z.string(),
  decidedAt: z.string(),
  stale: z.boolean(),
});
export type DeterminationRecord = z.infer<typeof determinationRecord>;

export const checklistEntry = z.object({
  item: checklistItem,
  determination: determinationRecord.nullable(),
  evidence: z.array(annotationRecord),
  flags: z.object({ undecided: z.boolean(), stale: z.boolean(), contradicted: z.boolean() }),
});
export type ChecklistEntry = z.infer<typeof checklistEntry>;

export const caseChecklist = z.object({
  pack: z.object({ id: z.string(), version: z.string(), title: z.string(), publisher: z.string() }),
  entries: z.array(checklistEntry),
  progress: z.object({ decided: z.number().int(), total: z.number().int(), mandatoryDecided: z.number().int(), mandatoryTotal: z.number().int() }),
});
export type CaseChecklist = z.infer<typeof caseChecklist>;
