import { z } from 'zod';
import { nameText } from './text.ts';
import { US_STATE_CODES } from '../us-states.ts';

export const AGENCY_TYPES = ['municipal', 'county', 'state', 'tribal', 'campus', 'other'] as const;
export const JURISDICTIONS = ['urban', 'rural'] as const;
export const CASE_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'signed', 'exported'] as const;

export const DEFAULT_CHECKLIST_PACK = { id: 'eo13929-doj-2020', version: '1.0.0' } as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31.')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'That date does not exist.');

export const stateCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(US_STATE_CODES, { message: 'Use a two-letter US state or territory code, such as IL.' }));

/** An ORI is the FBI's 9-character agency identifier: the state's two letters, then 7 letters or digits. */
export const ori = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(
    z
      .string()
      .length(9, 'An ORI has exactly 9 characters, such as IL0160000.')
      .regex(/^[A-Z]{2}[A-Z0-9]{7}$/, 'An ORI is two letters for the state, then 7 letters or digits (IL0160000).'),
  );

const fields = {
  agencyName: nameText().trim().min(2, 'Give the agency its full name.').max(200, 'Keep the agency name under 200 characters.'),
  ori,
  state: stateCode,
  agencyType: z.enum(AGENCY_TYPES).nullable(),
  jurisdiction: z.enum(JURISDICTIONS).nullable(),
  dueDate: isoDate.nullable(),
};

/** The ORI's prefix must name the case's state: a mismatch is nearly always a typo. */
function checkOriState(c: { ori?: string; state?: string }, ctx: z.RefinementCtx): void {
  if (c.ori && c.state && c.ori.slice(0, 2) !== c.state) {
    ctx.addIssue({
      code: 'custom',
      path: ['ori'],
      message: `The ORI starts with ${c.ori.slice(0, 2)} but the state is ${c.state}: correct one of them.`,
    });
  }
}

// Defaults only on create: an update's patch must never reset a field it does not name.
export const caseCreateInput = z
  .object({
    ...fields,
    agencyType: fields.agencyType.default(null),
    jurisdiction: fields.jurisdiction.default(null),
    dueDate: fields.dueDate.default(null),
    /** Create even when a case for this ORI exists (the reviewer was warned and chose to). */
    allowDuplicateOri: z.boolean().default(false),
  })
  .superRefine(checkOriState);
export type CaseCreateInput = z.input<typeof caseCreateInput>;

export const caseUpdateInput = z.object({
  id: z.string().min(1),
  patch: z.object(fields).partial().superRefine(checkOriState),
});

export const caseRecord = z.object({
  id: z.string(),
  agencyName: z.string(),
  ori: z.string(),
  state: z.string(),
  agencyType: z.enum(AGENCY_TYPES).nullable(),
  jurisdiction: z.enum(JURISDICTIONS).nullable(),
  checklistPackId: z.string(),
  checklistPackVersion: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  archived: z.boolean(),
  isSample: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  documentCount: z.number().int(),
});
export type CaseRecord = z.infer<typeof caseRecord>;
