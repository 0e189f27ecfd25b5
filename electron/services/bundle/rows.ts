// What a case bundle may hold, table by table. Each table has a strict row schema written here
// and its column list is that schema's keys, fixed in code: a row's own keys never reach SQL,
// and a key the schema does not name refuses the whole bundle. Identities, the trust roster and
// workspace settings have no entry, so no bundle can carry them. The values reuse the domain's
// enums and the pack schemas the app itself validates with.
import { MAX_PDF_PASSWORD_CHARS } from '../documents/document-passwords.ts';
import { z } from 'zod';
import { AGENCY_TYPES, CASE_STATUSES, JURISDICTIONS, ori, stateCode } from '../../../shared/schemas/case.ts';
import { checklistPack, DETERMINATION_STATUSES, rect, STANCES } from '../../../shared/schemas/checklist.ts';
import { rubricPack } from '../../../shared/schemas/rubric.ts';
import { RULE_IDS } from '../../../shared/domain/prereview/types.ts';

const text = (max = 1_000_000) => z.string().max(max);
const id = z.string().min(1).max(100);
const uuid = z.string().uuid();
const sha = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256');
const flag = z.union([z.literal(0), z.literal(1)]);
const count = z.number().int().min(0).max(1_000_000_000);
const at = z.string().min(1).max(40);
const json = <T extends z.ZodTypeAny>(schema: T) =>
  z.string().max(50_000_000).superRefine((s, ctx) => {
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
      return;
    }
    const r = schema.safeParse(v);
    if (!r.success) ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? 'invalid' });
  });
/** BLOB columns travel as base64 inside JSON. */
const bytes = z
  .object({ $bytes: z.string().max(300_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64') })
  .strict()
  .transform((b) => Buffer.from(b.$bytes, 'base64'));

/** The acting key's fingerprint (schema 6); absent in bundles from before, then null. */
const actorKey = sha.nullable().default(null);

/** Words OCR found on one page: far more than any printed page holds (a dense page has ~1,000). */
export const MAX_OCR_WORDS = 20_000;
const fraction = z.number().min(0, 'a word box lies outside the page (below 0)').max(1, 'a word box lies outside the page (above 1)');
/** [text, x0, y0, x1, y1, confidence]: the box as fractions of the page as shown, as page_ocr stores it. */
const ocrWord = z
  .tuple([z.string().min(1).max(500), fraction, fraction, fraction, fraction, z.number().min(0).max(100)])
  .refine(([, x0, y0, x1, y1]) => x0 <= x1 && y0 <= y1, 'a word box ends before it starts');
const ocrWords = z.array(ocrWord).max(MAX_OCR_WORDS, `more than ${MAX_OCR_WORDS.toLocaleString('en-US')} OCR words on one page`);

const pageItems = z.object({ w: z.number(), h: z.number(), items: z.array(z.array(z.number()).max(8)) }).strict();

export const ROWS = {
  documents: z
    .object({
      id,
      sha256: sha,
      fingerprint: text(200),
      byte_size: count,
      page_count: count,
      pages_needing_ocr: count,
      title: text(1000),
      original_name: text(1000),
      agency_doc_number: text(1000).nullable(),
      effective_date: text(40).nullable(),
      has_scripts: flag,
      extractor_version: text(100),
      imported_by: text(1000),
      imported_at: at,
    })
    .strict(),
  pages: z.object({ document_id: id, page_index: count, text: text(50_000_000), items: json(pageItems), needs_ocr: flag }).strict(),
  // The password of an encrypted document (migration 014): the lead's viewer and OCR open the file with it.
  document_passwords: z.object({ document_id: id, password: z.string().min(1).max(MAX_PDF_PASSWORD_CHARS) }).strict(),
  // Where an OCR page's text came from (engine, version, language data, confidence) and its words
  // with boxes: without them the receiving copy would show OCR text as if it were the PDF's own.
  page_ocr: z
    .object({
      document_id: id,
      page_index: count,
      // 'pdf': a page with a text layer of its own, waiting to be read by OCR at the reviewer's request (migration 015).
      source: z.enum(['ocr', 'none', 'pdf']),
      status: z.enum(['pending', 'done', 'failed', 'cancelled']),
      engine: text(100).nullable(),
      engine_version: text(100).nullable(),
      lang_sha256: sha.nullable(),
      mean_confidence: z.number().min(0).max(100).nullable(),
      rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
      skew_degrees: z.number().min(-90).max(90),
      words: json(ocrWords),
      error: text(2000).nullable(),
      updated_at: at,
      // The file's own text of a page read by OCR over it (migration 017), for the way back to it;
      // absent in bundles from before, then null (no way back, as in the workspace they came from).
      file_text: text(50_000_000).nullable().default(null),
      file_items: json(pageItems).nullable().default(null),
    })
    .strict()
    .superRefine((r, ctx) => {
      if ((r.file_text === null) !== (r.file_items === null)) ctx.addIssue({ code: 'custom', message: "a page's kept file text comes with its item positions" });
      if (r.file_text !== null && r.source !== 'ocr') ctx.addIssue({ code: 'custom', message: 'only a page read by OCR keeps the text it replaced' });
      // OCR text must say which engine read it; a page not read has no words to show.
      if (r.source === 'ocr' && (r.engine === null || r.engine_version === null || r.lang_sha256 === null || r.mean_confidence === null)) {
        ctx.addIssue({ code: 'custom', message: 'an OCR page must name its engine, version, language data and confidence' });
      }
      if (r.source !== 'ocr' && r.words !== '[]') ctx.addIssue({ code: 'custom', message: 'a page not read by OCR cannot carry OCR words' });
      if (r.status === 'done' && r.source !== 'ocr') ctx.addIssue({ code: 'custom', message: 'a page marked read by OCR has no OCR source' });
    }),
  checklist_packs: z.object({ id: text(100), version: text(40), title: text(1000), json: json(checklistPack), imported_by: text(1000), imported_at: at }).strict(),
  rubric_packs: z.object({ id: text(100), version: text(40), title: text(1000), json: json(rubricPack), imported_by: text(1000), imported_at: at }).strict(),
  cases: z
    .object({
      id: uuid,
      agency_name: z.string().min(2).max(200),
      ori,
      state: stateCode,
      agency_type: z.enum(AGENCY_TYPES).nullable(),
      jurisdiction: z.enum(JURISDICTIONS).nullable(),
      checklist_pack_id: text(100),
      checklist_pack_version: text(40),
      due_date: text(40).nullable(),
      status: z.enum(CASE_STATUSES),
      archived_at: at.nullable(),
      is_sample: flag,
      created_at: at,
      updated_at: at,
    })
    .strict(),
  case_documents: z.object({ case_id: uuid, document_id: id, added_by: text(1000), added_at: at }).strict(),
  annotations: z
    .object({
      id,
      case_id: uuid,
      document_id: id,
      doc_sha256: sha,
      page_from: count,
      page_to: count,
      rects: json(z.array(rect)),
      quote: text(),
      prefix: text(),
      suffix: text(),
      start_offset: count,
      end_offset: count,
      extractor_version: text(100),
      stance: z.enum(STANCES),
      note: text(),
      status: z.enum(['active', 'orphaned', 'deleted']),
      created_by: text(1000),
      created_at: at,
      updated_at: at,
    })
    .strict(),
  annotation_items: z.object({ annotation_id: id, item_id: text(100) }).strict(),
  determinations: z
    .object({ case_id: uuid, item_id: text(100), status: z.enum(DETERMINATION_STATUSES), rationale: text(), no_rule_found: flag, stale: flag, decided_by: text(1000), decided_at: at, decided_by_fingerprint: actorKey, adopted_from: z.enum(['suggested', 'edited']).nullable().default(null) })
    .strict(),
  determination_evidence: z.object({ case_id: uuid, item_id: text(100), annotation_id: id }).strict(),
  lint_decisions: z
    .object({
      case_id: uuid,
      document_id: id,
      category: z.enum(RULE_IDS),
      page: count,
      quote: text(),
      decision: z.enum(['accepted', 'dismissed']),
      reason: text(),
      annotation_id: id.nullable(),
      decided_by: text(1000),
      decided_at: at,
      decided_by_fingerprint: actorKey,
    })
    .strict(),
  case_rubrics: z.object({ case_id: uuid, rubric_id: text(100), version: text(40) }).strict(),
  scores: z.object({ case_id: uuid, rubric_id: text(100), criterion_id: text(100), scorer: text(1000), level: z.number().int().min(0).max(3), rationale: text(), decided_at: at, scorer_fingerprint: actorKey }).strict(),
  score_evidence: z.object({ case_id: uuid, rubric_id: text(100), criterion_id: text(100), scorer: text(1000), annotation_id: id }).strict(),
  criterion_evidence: z.object({ case_id: uuid, rubric_id: text(100), criterion_id: text(100), annotation_id: id }).strict(),
  // No id: the workspace numbers its own events, so an incoming number never meets another case's.
  review_events: z.object({ case_id: uuid, at, actor: text(1000), action: text(100), from_status: text(40), to_status: text(40), comment: text(), actor_fingerprint: actorKey }).strict(),
  audit_log: z
    .object({ case_id: uuid, seq: z.number().int().min(1), at, actor: text(1000), action: text(200), entity: text(100), entity_id: text(1000), state_hash: sha, prev_hash: sha, hash: sha })
    .strict(),
  packets: z.object({ id, case_id: uuid, created_at: at, signer_fingerprint: sha, zip: bytes }).strict(),
  // Highlights waiting for a scanned revision's OCR: without the row they would stay on the old
  // version for good in the receiving copy.
  carry_after_ocr: z.object({ case_id: uuid, from_document_id: id, to_document_id: id, requested_at: at }).strict(),
} as const;

export type Table = keyof typeof ROWS;
export type RowOf<T extends Table> = z.output<(typeof ROWS)[T]>;

/** The column list of each table: the schema's own keys, so SQL is never built from data. */
export const COLUMNS = Object.fromEntries(Object.entries(ROWS).map(([t, s]) => [t, Object.keys(s.shape)])) as Record<Table, string[]>;

/** The case's own tables, in the order rows must be inserted, with how each row names its case. */
export const CASE_TABLES = [
  ['cases', 'id = ?'],
  ['case_documents', 'case_id = ?'],
  ['annotations', 'case_id = ?'],
  ['annotation_items', 'annotation_id IN (SELECT id FROM annotations WHERE case_id = ?)'],
  ['determinations', 'case_id = ?'],
  ['determination_evidence', 'case_id = ?'],
  ['lint_decisions', 'case_id = ?'],
  ['case_rubrics', 'case_id = ?'],
  ['scores', 'case_id = ?'],
  ['score_evidence', 'case_id = ?'],
  ['criterion_evidence', 'case_id = ?'],
  ['review_events', 'case_id = ?'],
  ['audit_log', 'case_id = ?'],
  ['packets', 'case_id = ?'],
  ['carry_after_ocr', 'case_id = ?'],
] as const satisfies ReadonlyArray<readonly [Table, string]>;
export type CaseTable = (typeof CASE_TABLES)[number][0];

const LATER_TABLES = new Set<string>(['criterion_evidence', 'carry_after_ocr']);

/** bundle.json: strict at every level, so an unknown table or field refuses the bundle. */
export const bundleBody = z
  .object({
    schema: z.literal('credence.bundle/2'),
    exportedAt: at,
    caseId: uuid,
    documents: z.array(ROWS.documents).max(10_000),
    pages: z.array(ROWS.pages).max(10_000_000),
    // OCR provenance came later: a bundle from before it has none, and its scanned pages are read again.
    pageOcr: z.array(ROWS.page_ocr).max(10_000_000).default([]),
    // Kept passwords came later still: a bundle from before has none, and the viewer asks for them.
    documentPasswords: z.array(ROWS.document_passwords).max(10_000).default([]),
    checklistPacks: z.array(ROWS.checklist_packs).max(1),
    rubricPacks: z.array(ROWS.rubric_packs).max(100),
    // criterion_evidence and carry_after_ocr came later: a bundle from before them has none, and reads as such.
    tables: z
      .object(Object.fromEntries(CASE_TABLES.map(([t]) => [t, LATER_TABLES.has(t) ? z.array(ROWS[t]).default([]) : z.array(ROWS[t])])) as unknown as { [T in CaseTable]: z.ZodArray<(typeof ROWS)[T]> })
      .strict(),
  })
  .strict();
export type BundleBody = z.output<typeof bundleBody>;
