import { z } from 'zod';
import { nameText } from './text.ts';

export const documentRecord = z.object({
  id: z.string(),
  title: z.string(),
  originalName: z.string(),
  pageCount: z.number().int(),
  pagesNeedingOcr: z.number().int(),
  sha256: z.string(),
  fingerprint: z.string(),
  importedBy: z.string(),
  importedAt: z.string(),
  agencyDocNumber: z.string().nullable(),
  effectiveDate: z.string().nullable(),
});
export type DocumentRecord = z.infer<typeof documentRecord>;

/** How many of a document's OCR failures its list entry names, with why (the count is exact). */
export const OCR_FAILURES_LISTED = 20;
/** How many runs of pages without text yet a document's list entry names ("pages 3–5, 9"). */
export const OCR_UNREAD_RUNS_LISTED = 10;

/**
 * What helps a page OCR failed on: reading it again (`retry`: it ran out of time, the engine or the
 * renderer stopped), another copy of the file (`new_copy`: too large, a damaged image, over a
 * memory cap; it fails the same way every time), the file in parts (`page_limit`), or the file's
 * password (`password`: entered in the viewer, it reads them).
 */
export const ocrFailureKind = z.enum(['retry', 'new_copy', 'page_limit', 'password']);
export type OcrFailureKind = z.infer<typeof ocrFailureKind>;

/** A document's OCR as the documents list shows it ("OCR 34/120"); null when every page has a text layer. */
export const documentOcr = z
  .object({
    /** Pages without a text layer of their own, in any state. */
    total: z.number().int(),
    /** Pages whose text is OCR text (including those whose reading again failed or was stopped). */
    pagesOcr: z.number().int(),
    pending: z.number().int(),
    failed: z.number().int(),
    /** Of those, pages that failed while being read again and keep their earlier OCR text. */
    failedKept: z.number().int(),
    /** Pages whose reading was stopped (Stop), waiting for Resume. */
    stopped: z.number().int(),
    /**
     * Pages with a text of their own to go back to (ocr.useFileText): read by OCR over it, its
     * text kept, or waiting to be read so.
     */
    fileText: z.number().int(),
    /** The first OCR_FAILURES_LISTED failures with why; `kept`: the page's earlier OCR text stays (a reading again failed). */
    failures: z.array(z.object({ page: z.number().int(), error: z.string(), kept: z.boolean(), kind: ocrFailureKind })).max(OCR_FAILURES_LISTED),
    /** Some failed page (listed or not) may be read if tried again: Retry OCR is worth offering. */
    retryable: z.boolean(),
    meanConfidence: z.number().nullable(),
    /** The OCR page read with the least confidence: a damaged image reads as confident-looking garbage in the mean. */
    weakestPage: z.object({ page: z.number().int(), confidence: z.number() }).nullable(),
    /** Pages with no text yet (waiting, stopped or failed), as runs [first, last], 1-based: the first OCR_UNREAD_RUNS_LISTED; there are `total - pagesOcr`. */
    unreadRuns: z.array(z.tuple([z.number().int(), z.number().int()])).max(OCR_UNREAD_RUNS_LISTED),
    running: z.boolean(),
  })
  .nullable();
/** How many runs of scanner pages a document's list entry names ("pages 1–4, 9"). */
export const SCANNER_RUNS_LISTED = 10;

/**
 * Pages whose own text is a scanner's OCR (invisible text over the page image, often misread),
 * found in the background after the import; pages since read by Credence are not counted. Null
 * when there are none, or the document has not been looked at yet.
 */
export const documentScannerText = z
  .object({
    count: z.number().int(),
    /** The first SCANNER_RUNS_LISTED runs, [first, last], 1-based. */
    runs: z.array(z.tuple([z.number().int(), z.number().int()])).max(SCANNER_RUNS_LISTED),
  })
  .nullable();
export const documentListItem = documentRecord.extend({ ocr: documentOcr, scannerText: documentScannerText });
export type DocumentListItem = z.infer<typeof documentListItem>;

export const importFileResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), file: z.string(), document: documentRecord, alreadyInWorkspace: z.boolean() }),
  z.object({
    ok: z.literal(false),
    file: z.string(),
    code: z.string(),
    message: z.string(),
    /** A file that needs its password (the window): a fresh single-use handle for the same file, to try again with one. */
    retryHandle: z.string().optional(),
  }),
]);
export type ImportFileResult = z.infer<typeof importFileResult>;

export const importInput = z.object({
  caseId: z.string().min(1),
  paths: z.array(z.string().min(1)).min(1, 'Choose at least one PDF to import.').max(500),
  password: z.string().optional(),
  /** Chosen by the caller so it can cancel and match progress events. */
  importId: z.string().min(1).max(100).optional(),
});

/** Files dropped on the window: the page has their bytes, not their paths (the sandbox hides paths). */
export const importFilesInput = z.object({
  caseId: z.string().min(1),
  files: z
    .array(
      z.object({
        name: z.string().min(1).max(255),
        bytes: z.instanceof(Uint8Array, { message: 'Expected the file’s bytes.' }).refine((b) => b.byteLength <= 1024 ** 3, 'Files over 1 GB cannot be dropped; use Add PDFs.'),
      }),
    )
    .min(1, 'Drop at least one PDF.')
    .max(100),
  password: z.string().optional(),
  importId: z.string().min(1).max(100).optional(),
});

export const documentUpdateInput = z.object({
  id: z.string().min(1),
  title: nameText().trim().min(1, 'A document needs a title.').max(300).optional(),
  agencyDocNumber: nameText().trim().max(100).nullable().optional(),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2020-06-15.').nullable().optional(),
});

export const searchHit = z.object({
  documentId: z.string(),
  documentTitle: z.string(),
  page: z.number().int(), // 1-based, as people count pages
  snippet: z.string(), // text with [[ ]] around matched terms
  score: z.number(),
  // How often the query's words occur on the page, counted by shared/domain/search/tokenize.ts:
  // the viewer's find counts with the same code, so the two numbers agree.
  matches: z.number().int().min(0),
  /** The page's text came from OCR, not the PDF's own text layer. */
  ocr: z.boolean(),
  /** The page's text is the scanner's own OCR, carried in the file (not read by Credence): it may be misread. */
  scannerText: z.boolean().default(false),
});
export type SearchHit = z.infer<typeof searchHit>;
