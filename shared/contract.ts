// The one contract between the renderer and the main process, and the CLI's vocabulary too.
// Every method: a zod schema for its input and one for its output. Types are inferred from
// here and never written twice; the dispatcher parses every input against these schemas.
import { z } from 'zod';
import { agreement, caseRubric, rubricSummary, scoreRecord } from './schemas/rubric.ts';
import { annotationRecord, caseChecklist, criterionRef, determinationRecord, DETERMINATION_STATUSES, MAX_SELECTION_RECTS, packSummary, selectionRect, STANCES } from './schemas/checklist.ts';
import { GAP_KINDS, signSummary } from './schemas/sign-summary.ts';
import { CASE_STATUSES, caseCreateInput, caseRecord, caseUpdateInput } from './schemas/case.ts';
import { documentListItem, documentRecord, documentUpdateInput, importFileResult, importFilesInput, importInput, ocrFailureKind, searchHit } from './schemas/document.ts';
import { multiLineText, nameText } from './schemas/text.ts';
import { RULE_IDS } from './domain/prereview/types.ts';

const id = z.string().min(1).max(100);

// Files reach main only through main's own dialogs. A dialog answers an opaque handle (128
// random bits, base64url) that main maps to the chosen path for one use, for one purpose, for
// a few minutes; the renderer never sees or sends a path. The CLI, which runs as the user in
// their shell, names files by path through `localInputs` below, which no renderer transport
// accepts.
export const FILE_PURPOSES = ['pdf', 'checklist-pack', 'rubric-pack', 'roster-key', 'bundle-open', 'bundle-save', 'packet-open'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
export const fileHandle = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Choose the file in Credence’s own dialog.');
/** What a dialog answers: the handle, and the file's name (never its folder) to show. */
/** One document's pages fromPage..toPage (1-based; all of them when not said). */
const documentPages = {
  caseId: id,
  documentId: id,
  fromPage: z.number().int().min(1).max(1_000_000).optional(),
  toPage: z.number().int().min(1).max(1_000_000).optional(),
};
const firstNotAfterLast = [(i: { fromPage?: number; toPage?: number }) => i.fromPage === undefined || i.toPage === undefined || i.fromPage <= i.toPage, { message: 'The first page must not come after the last.' }] as const;
const chosenFile = z.object({ handle: z.string(), name: z.string() });
const passphrase = z.string().min(1, 'Enter your passphrase to sign the bundle.').max(1024);
const acceptUntrusted = z.string().trim().regex(/^[0-9A-Fa-f\s:]{64,100}$/, 'Give the signer’s key fingerprint (64 hex digits).').optional();
const identity = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(['reviewer', 'lead']), fingerprint: z.string(), fingerprintGrouped: z.string(), publicKeyPem: z.string(), createdAt: z.string(), retired: z.string().nullable() });
const auditEntry = z.object({ caseId: z.string(), seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), entity: z.string(), entityId: z.string(), stateHash: z.string(), prevHash: z.string(), hash: z.string() });
// verdict: trusted (valid, by a key in the roster), untrusted (valid, by an unknown key), invalid.
// signer.name is the roster's name for the key, never the manifest's; `claimed` is the manifest's.
const verification = z.object({
  verdict: z.enum(['trusted', 'untrusted', 'invalid']),
  ok: z.boolean(),
  reason: z.string().nullable(),
  caseId: z.string().nullable(),
  agency: z.string().nullable(),
  signer: z.object({ name: z.string().nullable(), fingerprint: z.string(), fingerprintGrouped: z.string(), claimed: z.object({ name: z.string(), email: z.string() }).nullable() }).nullable(),
  signerInRoster: z.boolean(),
  createdAt: z.string().nullable(),
  files: z.array(z.object({ name: z.string(), ok: z.boolean(), problem: z.string().optional() })),
  summary: z.object({ decided: z.number().int(), total: z.number().int(), items: z.array(z.object({ title: z.string(), kind: z.string(), determination: z.string() })) }).nullable(),
});
const lintCategory = z.object({
  stance: z.enum(['prohibited_outright', 'prohibited_except_deadly_force', 'permitted', 'not_addressed']),
  evidence: z.array(
    z.object({
      page: z.number().int(),
      quote: z.string(),
      reason: z.string(),
      decision: z.enum(['accepted', 'dismissed']).nullable(),
      decisionReason: z.string(),
      annotationId: z.string().nullable(),
      /** The passage's page was read by OCR from a scanned image. */
      ocr: z.boolean(),
      /** The passage's page carries a scanner's own OCR as its text (not read by Credence). */
      scannerText: z.boolean().default(false),
    }),
  ),
});

const ruleId = z.enum(RULE_IDS);
/** A passage a pre-review finding rests on, with the reviewer's decision on it. */
const prereviewPassage = z.object({
  page: z.number().int(),
  endPage: z.number().int(),
  quote: z.string(),
  reason: z.string(),
  decision: z.enum(['accepted', 'dismissed']).nullable(),
  decisionReason: z.string(),
  annotationId: z.string().nullable(),
  /** The passage's page was read from a scanned image by OCR: check it against the image. */
  ocr: z.boolean().default(false),
  /** The passage's page carries a scanner's own OCR as its text (not read by Credence): check it against the image. */
  scannerText: z.boolean().default(false),
});
const prereviewDocFinding = z.object({
  stance: z.string(),
  evidence: z.array(prereviewPassage),
  mentions: z.array(z.object({ page: z.number().int(), quote: z.string(), why: z.string() })),
  unreadPages: z.array(z.number().int()),
});
const prereviewCaseFinding = z.object({
  stance: z.string(),
  decidedBy: z.object({ documentId: z.string(), title: z.string() }).nullable(),
  describedOnly: z.boolean(),
  conflicts: z.array(z.object({ documentId: z.string(), title: z.string(), stance: z.string() })),
  unread: z.array(z.string()),
});

export const contract = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), dataDir: z.string(), sampleCaseId: z.string().nullable(), actor: z.string() }),
  },
  'cases.list': {
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    output: z.array(caseRecord),
  },
  'cases.get': { input: z.object({ id }).strict(), output: caseRecord },
  'cases.create': { input: caseCreateInput, output: caseRecord },
  'cases.update': { input: caseUpdateInput, output: caseRecord },
  'cases.archive': { input: z.object({ id, archived: z.boolean() }).strict(), output: caseRecord },
  /** Only a draft case with nothing decided, and only with its agency's name typed back; archive the rest. */
  'cases.delete': {
    input: z.object({ id, confirmAgencyName: z.string().max(300) }).strict(),
    output: z.object({ id: z.string(), agencyName: z.string(), deleted: z.literal(true) }),
  },
  'documents.list': { input: z.object({ caseId: id }).strict(), output: z.array(documentListItem) },
  'documents.import': {
    input: z
      .object({
        caseId: id,
        handles: z.array(fileHandle).min(1, 'Choose at least one PDF to import.').max(500),
        password: z.string().optional(),
        importId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    output: z.array(importFileResult),
  },
  'documents.importFiles': { input: importFilesInput, output: z.array(importFileResult) },
  'documents.replace': {
    input: z.object({ caseId: id, documentId: id, handle: fileHandle, password: z.string().optional() }).strict(),
    /** waiting: highlights that follow their words once OCR has read the new version's scanned pages. */
    output: z.object({ documentId: z.string(), kept: z.number().int(), relocated: z.number().int(), edited: z.number().int(), orphaned: z.number().int(), waiting: z.number().int() }),
  },
  /** Opens the system file chooser for one PDF (Electron only): a handle for documents.replace, null when cancelled. */
  'dialog.choosePdf': { input: z.object({}).strict(), output: chosenFile.nullable() },
  /** Opens the system file chooser for a review packet (.zip): a handle for packet.verify, null when cancelled. */
  'dialog.choosePacket': { input: z.object({}).strict(), output: chosenFile.nullable() },
  /** Opens the system file chooser for a pack or a public key; main picks the title and file kinds. */
  'dialog.chooseFile': { input: z.object({ purpose: z.enum(['checklist-pack', 'rubric-pack', 'roster-key']) }).strict(), output: chosenFile.nullable() },
  /** Where to write a case bundle: a handle for bundle.export, null when cancelled. */
  'dialog.chooseBundleDestination': { input: z.object({ defaultName: nameText().max(200) }).strict(), output: chosenFile.nullable() },
  /** A case bundle to open: a handle for bundle.import, null when cancelled. */
  'dialog.chooseBundle': { input: z.object({}).strict(), output: chosenFile.nullable() },
  /**
   * The password kept with an encrypted document (null when it needs none or it is not known), so
   * the viewer can open the stored file.
   */
  'documents.password': { input: z.object({ caseId: id, documentId: id }).strict(), output: z.object({ password: z.string().nullable() }) },
  /**
   * Keeps the password that opened an encrypted document in the viewer (one imported before
   * passwords were kept, or from an older bundle); its scanned pages that could not be drawn are
   * queued for OCR again.
   */
  'documents.rememberPassword': {
    input: z.object({ caseId: id, documentId: id, password: z.string().min(1, 'Type the PDF’s password.').max(1024, 'A PDF password is at most 1,024 characters.') }).strict(),
    output: z.object({ queued: z.number().int() }),
  },
  'documents.cancelImport': { input: z.object({ importId: id }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'documents.update': { input: documentUpdateInput, output: documentRecord },
  /** Unlinks a document from one case (other cases keep it); its highlights there are kept, marked document-removed. */
  'documents.removeFromCase': {
    input: z.object({ caseId: id, documentId: id }).strict(),
    output: z.object({ caseId: z.string(), documentId: z.string(), title: z.string(), highlights: z.number().int(), determinations: z.number().int() }),
  },
  /** Undoes documents.removeFromCase: the document and the highlights resting on it come back. */
  'documents.restoreToCase': { input: z.object({ caseId: id, documentId: id }).strict(), output: documentRecord },
  /** Opens the system file chooser (Electron only): a handle per chosen PDF for documents.import, empty when cancelled. */
  'dialog.choosePdfs': { input: z.object({}).strict(), output: z.array(chosenFile) },
  'checklists.packs': { input: z.object({}).strict(), output: z.array(packSummary) },
  'checklists.importPack': { input: z.object({ handle: fileHandle }).strict(), output: packSummary },
  'checklists.forCase': { input: z.object({ caseId: id }).strict(), output: caseChecklist },
  'annotations.list': { input: z.object({ caseId: id, documentId: id.optional() }).strict(), output: z.array(annotationRecord) },
  'annotations.create': {
    input: z
      .object({
        caseId: id,
        documentId: id,
        page: z.number().int().min(1, 'Pages count from 1.'),
        endPage: z.number().int().min(1).optional(),
        quote: z.string().trim().min(3, 'Select or type at least a few words of the passage.').max(20_000),
        itemIds: z.array(z.string().min(1)).max(50).default([]),
        /** Rubric criteria the passage is evidence for: linked now, scored later (a score needs a level and a rationale). */
        criteria: z.array(criterionRef).max(50).default([]),
        stance: z.enum(STANCES).default('supports'),
        note: multiLineText().max(5_000).default(''),
        /**
         * Where the selection was drawn, in PDF units (pages from 1): the boxes of the selected
         * glyphs as the viewer's text layer laid them out. Stored as the highlight's shape, and
         * used to pick the right occurrence when the quote appears more than once.
         */
        rects: z.array(selectionRect).min(1).max(MAX_SELECTION_RECTS).optional(),
      })
      .strict(),
    output: annotationRecord,
  },
  'annotations.update': {
    input: z.object({ id, itemIds: z.array(z.string().min(1)).max(50).optional(), stance: z.enum(STANCES).optional(), note: multiLineText().max(5_000).optional() }).strict(),
    output: annotationRecord,
  },
  'annotations.delete': { input: z.object({ id }).strict(), output: annotationRecord },
  'annotations.restore': { input: z.object({ id }).strict(), output: annotationRecord },
  'determinations.set': {
    input: z
      .object({
        caseId: id,
        itemId: z.string().min(1),
        status: z.enum(DETERMINATION_STATUSES),
        rationale: multiLineText().trim().min(1, 'Write the rationale for this determination.').max(20_000),
        noRuleFound: z.boolean().default(false),
        evidenceIds: z.array(id).max(200).default([]),
      })
      .strict(),
    output: determinationRecord,
  },
  'determinations.clear': { input: z.object({ caseId: id, itemId: z.string().min(1) }).strict(), output: z.object({ cleared: z.boolean() }) },
  'lint.forCase': {
    input: z.object({ caseId: id }).strict(),
    output: z.array(
      z.object({
        documentId: z.string(),
        documentTitle: z.string(),
        isDirective: z.boolean(),
        /** Scanned pages (1-based) with no text yet, waiting for OCR, stopped or failed: the verdict does not cover them. */
        unreadPages: z.array(z.number().int()),
        chokehold: lintCategory,
        vascular: lintCategory,
      }),
    ),
  },
  'lint.decide': {
    input: z
      .object({ caseId: id, documentId: id, category: z.enum(['chokehold', 'vascular']), page: z.number().int().min(1), quote: z.string().min(1), decision: z.enum(['accepted', 'dismissed']), reason: multiLineText().max(2_000).default('') })
      .strict(),
    output: z.object({ annotationId: z.string().nullable() }),
  },
  /**
   * Every rule of the pre-review for each of a case's documents, the case's stance per rule and a
   * suggested determination per item. Answers at once: documents not yet read are `pending` (a
   * worker reads them; `prereview.progress` says when each is done).
   */
  'prereview.forCase': {
    input: z.object({ caseId: id }).strict(),
    output: z.object({
      rulesVersion: z.string(),
      /** Documents read / documents in the case (the worker is still running while done < total). */
      progress: z.object({ done: z.number().int(), total: z.number().int() }),
      /** The case pack's items that name a rule ("prereview": id), in pack order; an item naming two rules (chokeholds and vascular restraints) has a row for each. */
      items: z.array(z.object({ itemId: z.string(), title: z.string(), ruleId })),
      documents: z.array(
        z.object({
          documentId: z.string(),
          title: z.string(),
          isDirective: z.boolean(),
          pending: z.boolean(),
          /** Why the pre-review could not read this document (it then has no rules). */
          error: z.string().optional(),
          pagesWithoutText: z.array(z.number().int()),
          /** Of those, pages OCR failed on, pages whose OCR was stopped, and pages OCR read and found no words on (the rest wait for OCR). */
          ocrFailedPages: z.array(z.number().int()).default([]),
          ocrStoppedPages: z.array(z.number().int()).default([]),
          ocrEmptyPages: z.array(z.number().int()).default([]),
          rules: z.partialRecord(ruleId, prereviewDocFinding),
        }),
      ),
      case: z.record(ruleId, prereviewCaseFinding),
      suggestions: z.array(
        z.object({
          itemId: z.string(),
          ruleId,
          status: z.enum(DETERMINATION_STATUSES),
          rationale: z.string(),
          evidence: z.array(z.object({ documentId: z.string(), page: z.number().int(), quote: z.string() })),
          /** The item's current determination came from this suggestion (prereview.adopt). */
          adopted: z.boolean(),
        }),
      ),
    }),
  },
  /** Accept (a highlight and evidence on the item naming the rule) or dismiss (with a reason) one passage. */
  'prereview.decide': {
    input: z
      .object({
        caseId: id,
        documentId: id,
        rule: ruleId,
        page: z.number().int().min(1, 'Pages count from 1.'),
        quote: z.string().min(1, 'Give the passage’s words.'),
        decision: z.enum(['accepted', 'dismissed']),
        reason: multiLineText().max(2_000).default(''),
      })
      .strict(),
    output: z.object({ annotationId: z.string().nullable() }),
  },
  /** Records an item's suggested determination (as suggested, or with the reviewer's rationale or status). */
  'prereview.adopt': {
    input: z
      .object({
        caseId: id,
        itemId: z.string().min(1).max(100),
        rationale: multiLineText().trim().min(1, 'Write the rationale for this determination.').max(20_000).optional(),
        status: z.enum(DETERMINATION_STATUSES).optional(),
      })
      .strict(),
    output: determinationRecord,
  },
  /** The 8 Can't Wait scorecard of the case, from its pre-review stances (PREREVIEW.md). */
  'prereview.scorecard': {
    input: z.object({ caseId: id }).strict(),
    output: z.array(
      z.object({
        indicator: z.string(),
        label: z.string(),
        answer: z.enum(['yes', 'partial', 'no']),
        basis: z.array(z.object({ ruleId, stance: z.string() })),
        pages: z.array(z.object({ documentId: z.string(), title: z.string(), page: z.number().int(), ruleId })),
        describedOnly: z.boolean(),
        unread: z.array(z.string()),
        note: z.string(),
      }),
    ),
  },
  'rubrics.list': { input: z.object({}).strict(), output: z.array(rubricSummary) },
  'rubrics.importPack': { input: z.object({ handle: fileHandle }).strict(), output: rubricSummary },
  'rubrics.forCase': { input: z.object({ caseId: id, scorer: nameText().trim().min(1).max(100).optional() }).strict(), output: z.array(caseRubric) },
  'rubrics.score': {
    input: z
      .object({
        caseId: id,
        rubricId: z.string().min(1),
        criterionId: z.string().min(1),
        level: z.number().int().min(0, 'Levels run from 0 to 3.').max(3, 'Levels run from 0 to 3.'),
        rationale: multiLineText().trim().min(1, 'Write why this level.').max(20_000),
        evidenceIds: z.array(id).max(200).default([]),
        scorer: nameText().trim().min(1).max(100).optional(),
      })
      .strict(),
    output: scoreRecord,
  },
  'rubrics.agreement': { input: z.object({ caseId: id, rubricId: z.string().min(1) }).strict(), output: agreement },
  'rubrics.consensus': {
    input: z
      .object({
        caseId: id,
        rubricId: z.string().min(1),
        criterionId: z.string().min(1),
        level: z.number().int().min(0).max(3),
        rationale: multiLineText().trim().min(1, 'Write why the team settled on this level.').max(20_000),
        evidenceIds: z.array(id).max(200).default([]),
      })
      .strict(),
    output: scoreRecord,
  },
  'identity.create': {
    input: z
      .object({
        name: nameText().trim().min(2, 'Give your full name.').max(200),
        email: z.string().trim().email('Give an email address, such as lead@example.org.'),
        role: z.enum(['reviewer', 'lead']),
        passphrase: z.string().min(8, 'Use a passphrase of at least 8 characters.').max(1024),
      })
      .strict(),
    output: identity,
  },
  'identity.changePassphrase': {
    input: z.object({ identityId: id, current: z.string().min(1, 'Enter the current passphrase.'), next: z.string().min(8, 'Use a passphrase of at least 8 characters.').max(1024) }).strict(),
    output: identity,
  },
  'identity.list': { input: z.object({}).strict(), output: z.array(identity) },
  /** Unlocks an identity for this session with its passphrase (null locks); it locks again after 30 idle minutes. */
  'identity.use': { input: z.object({ identityId: id.nullable(), passphrase: z.string().max(1024).optional() }).strict(), output: identity.nullable() },
  'identity.lock': { input: z.object({}).strict(), output: z.null() },
  'identity.current': { input: z.object({}).strict(), output: identity.nullable() },
  'roster.import': { input: z.object({ handle: fileHandle, name: nameText().trim().min(1).max(200).optional() }).strict(), output: z.object({ fingerprint: z.string(), fingerprintGrouped: z.string() }) },
  'roster.list': { input: z.object({}).strict(), output: z.array(z.object({ fingerprint: z.string(), fingerprintGrouped: z.string(), name: z.string(), importedAt: z.string() })) },
  'review.state': {
    input: z.object({ caseId: id }).strict(),
    output: z.object({
      status: z.enum(CASE_STATUSES),
      next: z.string(),
      history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), from: z.string(), to: z.string(), comment: z.string() })),
      singlePersonReview: z.boolean(),
      packet: z.object({ id: z.string(), createdAt: z.string() }).nullable(),
    }),
  },
  'review.submit': { input: z.object({ caseId: id }).strict(), output: caseRecord },
  'review.return': { input: z.object({ caseId: id, comment: multiLineText().max(20_000) }).strict(), output: caseRecord },
  'review.approve': { input: z.object({ caseId: id }).strict(), output: caseRecord },
  /** The gaps signing would cover (undecided items, unscored criteria, stale or contradicted determinations). */
  'review.signSummary': { input: z.object({ caseId: id }).strict(), output: signSummary },
  /** Refused unless every gap in review.signSummary is named in `acknowledge`. */
  'review.sign': {
    input: z.object({ caseId: id, passphrase: z.string().min(1, 'Enter your passphrase to sign.'), acknowledge: z.array(z.enum(GAP_KINDS)).max(GAP_KINDS.length * 2).default([]) }).strict(),
    output: caseRecord,
  },
  /** From the window: main asks where to write in its own save dialog. */
  // The window is told the written file's name only; `path` is for the CLI (a local call).
  'review.export': { input: z.object({ caseId: id }).strict(), output: z.object({ name: z.string(), path: z.string().optional(), bytes: z.number().int() }) },
  'review.settings': { input: z.object({ singlePersonReview: z.boolean().optional() }).strict(), output: z.object({ singlePersonReview: z.boolean() }) },
  'audit.list': { input: z.object({ caseId: id }).strict(), output: z.array(auditEntry) },
  /** The audit trail worded for people, one sentence per entry (shared/domain/history-wording.ts). */
  'audit.history': {
    input: z.object({ caseId: id }).strict(),
    output: z.array(z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), entity: z.string(), entityId: z.string(), sentence: z.string() })),
  },
  'audit.verify': { input: z.object({ caseId: id }).strict(), output: z.object({ ok: z.boolean(), entries: z.number().int(), head: z.string(), problem: z.string().nullable() }) },
  /** Signed with the acting identity's key, hence the passphrase. */
  'bundle.export': {
    input: z.object({ caseId: id, handle: fileHandle, passphrase }).strict(),
    /** passwords: how many encrypted documents' passwords the bundle carries (said to the person: it is signed, not encrypted). */
    output: z.object({ name: z.string(), path: z.string().optional(), bytes: z.number().int(), documents: z.number().int(), passwords: z.number().int(), signer: z.object({ fingerprint: z.string(), fingerprintGrouped: z.string(), name: z.string() }) }),
  },
  /**
   * A bundle signed by a key outside the roster and the workspace's identities is refused unless
   * its fingerprint is accepted here. That refusal carries a fresh handle for the same file in
   * `fields.handle`, so the window can ask the person and try again without a second dialog.
   */
  'bundle.import': {
    input: z.object({ handle: fileHandle, acceptUntrusted }).strict(),
    output: z.object({
      caseId: z.string(),
      agencyName: z.string(),
      replaced: z.boolean(),
      documents: z.number().int(),
      signer: z.object({ fingerprint: z.string(), fingerprintGrouped: z.string(), name: z.string().nullable(), trust: z.enum(['roster', 'own-identity', 'accepted']) }),
    }),
  },
  'packet.verify': {
    input: z
      .object({ handle: fileHandle.optional(), bytes: z.instanceof(Uint8Array).optional() })
      .strict()
      .refine((x) => !!x.handle !== !!x.bytes, 'Choose a packet or drop one.'),
    output: verification,
  },
  'search.query': {
    input: z
      .object({ caseId: id, query: z.string().trim().min(1, 'Type something to search for.').max(500), limit: z.number().int().min(1).max(200).default(50) })
      .strict(),
    output: z.array(searchHit),
  },
  /** Where a page's text came from and, for OCR pages, its words with boxes (fractions of the page as shown). */
  'ocr.pageWords': {
    input: z.object({ caseId: id, documentId: id, page: z.number().int().min(1).max(1_000_000) }).strict(),
    output: z.object({
      source: z.enum(['pdf', 'ocr', 'none']),
      /** Where an OCR page is in the queue (null for a page with its own text layer), and why it failed or stopped. */
      status: z.enum(['pending', 'done', 'failed', 'cancelled']).nullable(),
      error: z.string().nullable(),
      /** For a failed page, what helps (ocrFailureKind); null otherwise. */
      failureKind: ocrFailureKind.nullable(),
      engine: z.string().nullable(),
      engineVersion: z.string().nullable(),
      langDataSha256: z.string().nullable(),
      meanConfidence: z.number().nullable(),
      /** Degrees clockwise the page image was turned to read it (0 when it was read as shown). */
      rotation: z.number().int(),
      /**
       * Whether the page has a text of its own to go back to (ocr.useFileText): read by OCR over
       * it (the file's text kept), or waiting for such a reading (the file's text still shown).
       */
      fileText: z.boolean(),
      words: z.array(z.object({ text: z.string(), box: z.tuple([z.number(), z.number(), z.number(), z.number()]), confidence: z.number() })),
    }),
  },
  /** Queues a case's (or one document's) unread, failed or cancelled pages; with redo, its OCR pages too. */
  'ocr.run': { input: z.object({ caseId: id, documentId: id.optional(), redo: z.boolean().optional() }).strict(), output: z.object({ queued: z.number().int() }) },
  'ocr.cancel': { input: z.object({ caseId: id, documentId: id }).strict(), output: z.object({ cancelled: z.number().int() }) },
  /**
   * Queues pages that have a text layer of their own (all of the document's, or fromPage..toPage)
   * to be read by OCR, whose text then replaces the file's: for a scanner's poor OCR layer. Pages
   * already read by OCR, or waiting for it, are left as they are (`ocr.run` with redo reads them again).
   */
  'ocr.readTextLayer': {
    input: z
      .object({
        ...documentPages,
        /** Only the pages (of the range) found to carry a scanner's own OCR (documents.list's scannerText). */
        onlyScannerText: z.literal(true).optional(),
      })
      .strict()
      .refine(...firstNotAfterLast),
    output: z.object({ queued: z.number().int(), alreadyOcr: z.number().int(), fromPage: z.number().int(), toPage: z.number().int() }),
  },
  /**
   * Puts pages read by OCR over their own text (ocr.readTextLayer) back on the file's text, kept
   * when the reading replaced it (all of the document's, or fromPage..toPage); pages waiting for
   * such a reading stop waiting. Highlights move back with the words. `withoutFileText`: pages of
   * the range read by OCR that have no file text to go back to (a scan's pages).
   */
  'ocr.useFileText': {
    input: z.object(documentPages).strict().refine(...firstNotAfterLast),
    output: z.object({ restored: z.number().int(), withoutFileText: z.number().int(), fromPage: z.number().int(), toPage: z.number().int() }),
  },
} as const;

/**
 * The same methods as the CLI and the tests call them: by file path, for a user in their own
 * shell. Only the local dispatcher (never IPC, never the browser bridge) parses these.
 */
export const localInputs = {
  'documents.import': importInput.strict(),
  'documents.replace': z.object({ caseId: id, documentId: id, path: z.string().min(1), password: z.string().optional() }).strict(),
  'checklists.importPack': z.object({ path: z.string().min(1) }).strict(),
  'rubrics.importPack': z.object({ path: z.string().min(1) }).strict(),
  'roster.import': z.object({ path: z.string().min(1), name: nameText().trim().min(1).max(200).optional() }).strict(),
  'review.export': z.object({ caseId: id, outPath: z.string().min(1, 'Say where to write the packet (--out FILE.zip).') }).strict(),
  'bundle.export': z.object({ caseId: id, outPath: z.string().min(1), passphrase }).strict(),
  'bundle.import': z.object({ path: z.string().min(1), acceptUntrusted }).strict(),
  'packet.verify': z
    .object({ path: z.string().min(1).optional(), bytes: z.instanceof(Uint8Array).optional() })
    .strict()
    .refine((x) => !!x.path !== !!x.bytes, 'Give the packet as a path or as bytes.'),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type LocalMethod = keyof typeof localInputs;
/** What the renderer sends. */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What a renderer call parses to. */
export type RendererInput<M extends Method> = z.output<Contract[M]['input']>;
/** What a local (CLI, test) call parses to: by path where the method takes files. */
export type LocalInput<M extends Method> = M extends LocalMethod ? z.output<(typeof localInputs)[M]> : RendererInput<M>;
/** What the services work with, after main turned a handle back into its path. */
export type ParsedInput<M extends Method> = LocalInput<M>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;
export const isLocalMethod = (name: Method): name is LocalMethod => Object.hasOwn(localInputs, name);

export const METHODS = Object.keys(contract) as Method[];
export const isMethod = (name: unknown): name is Method => typeof name === 'string' && Object.hasOwn(contract, name);

// Events flow from main to renderer only: progress of long work.
export const events = {
  'import.progress': z.object({
    importId: z.string(),
    caseId: z.string(),
    file: z.string(),
    fileIndex: z.number().int(),
    fileCount: z.number().int(),
    pagesDone: z.number().int(),
    pagesTotal: z.number().int(),
    phase: z.enum(['reading', 'extracting', 'indexing', 'done', 'failed']),
  }),
  /** A case's documents read by the pre-review worker so far, sent as each finishes. */
  'prereview.progress': z.object({ caseId: z.string(), done: z.number().int(), total: z.number().int() }),
  /** A document was found to have pages whose text is a scanner's own OCR (looked for in the background after its import). */
  'documents.surveyed': z.object({ caseId: z.string(), documentId: z.string(), scannerPages: z.number().int() }),
  /**
   * One page of a document's OCR: begun, read, failed (with why), or the rest cancelled; `queued`:
   * the document's pages were queued again (Resume, Retry, --redo); `fileText`: pages (from `page`)
   * went back to the file's own text (ocr.useFileText), once for all of them.
   */
  'ocr.progress': z.object({
    caseId: z.string(),
    documentId: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    page: z.number().int(),
    phase: z.enum(['queued', 'recognising', 'done', 'failed', 'cancelled', 'fileText']),
    error: z.string().optional(),
  }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name);

export { IPC_EVENT, IPC_INVOKE, type CredenceBridge } from './channels.ts';
