// Finds, in the background, the pages of each document whose text is a scanner's own OCR, so the
// documents list and the packet's sources.json can say which findings rest on someone else's
// reading of an image ("Seotember", "policv", "lllinois") before a reviewer happens to open the
// page. The import does not wait for it: the look costs about half the text's reading again
// (page operator lists; survey-pool.ts). One document at a time, in the extractor process at
// background priority; documents imported before this existed are looked at when a workspace opens.
import { surveyScannerText } from '../extraction/survey-pool.ts';
import { ExtractionError } from '../extraction/extract-pool.ts';
import { blobPath } from './blob-store.ts';
import { createDocumentPasswords } from './document-passwords.ts';
import type { ServiceContext } from '../context.ts';
import type { ExtractLimits } from '../extraction/limits.ts';
import { SCANNER_RUNS_LISTED, type DocumentListItem } from '../../../shared/schemas/document.ts';
import { runsOf } from '../../../shared/domain/page-runs.ts';
import { surveyedPages } from './scanner-text-sql.ts';
import { scannerTextPages } from '../ocr/ocr-read-pages.ts';

type ScannerText = NonNullable<DocumentListItem['scannerText']>;

export interface ScannerTextSurveyOptions {
  workerPath: string;
  limits?: ExtractLimits;
  /** After a document's look is stored (found or not, or failed). */
  onSurveyed?: (documentId: string, found: number) => void;
}

export function createScannerTextSurvey(ctx: ServiceContext, opts: ScannerTextSurveyOptions) {
  const { db } = ctx;
  const passwords = createDocumentPasswords(db);
  // Staged documents are not there yet (an import in progress, in this process or another).
  const unsurveyed = db.prepare<[], { id: string }>(
    `SELECT d.id FROM documents d
     WHERE NOT EXISTS (SELECT 1 FROM scanner_text_survey s WHERE s.document_id = d.id)
       AND NOT EXISTS (SELECT 1 FROM document_staging g WHERE g.document_id = d.id)
     ORDER BY d.imported_at, d.id`,
  );
  const docRow = db.prepare<[string], { sha256: string; byte_size: number }>(
    `SELECT sha256, byte_size FROM documents d WHERE id = ? AND NOT EXISTS (SELECT 1 FROM document_staging g WHERE g.document_id = d.id)`,
  );
  const surveyed = db.prepare<[string], { pages: string; error: string | null }>('SELECT pages, error FROM scanner_text_survey WHERE document_id = ?');
  // Pages with a text layer of their own: those OCR does not read (needs_ocr 0), and those waiting
  // to be read over their own text ('pdf'), which keep the file's text until Credence's lands.
  const ownText = db
    .prepare<[string], number>(
      `SELECT p.page_index FROM pages p WHERE p.document_id = ?
         AND (p.needs_ocr = 0 OR EXISTS (SELECT 1 FROM page_ocr o WHERE o.document_id = p.document_id AND o.page_index = p.page_index AND o.source = 'pdf'))
       ORDER BY p.page_index`,
    )
    .pluck();
  const record = db.prepare(
    `INSERT INTO scanner_text_survey (document_id, pages, error, surveyed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET pages = excluded.pages, error = excluded.error, surveyed_at = excluded.surveyed_at`,
  );
  // A scanner page since read by Credence (its OCR landed) no longer carries the scanner's text;
  // one waiting to be read, or whose reading failed or stopped, still does.
  const stillScanner = scannerTextPages(db);

  const queue: string[] = [];
  let running = false;
  let closed = false;
  let current: AbortController | null = null;
  const idle: Array<() => void> = [];

  async function lookAt(documentId: string): Promise<void> {
    const doc = docRow.get(documentId);
    if (!doc || surveyed.get(documentId)) return;
    const pages = ownText.all(documentId);
    current = new AbortController();
    let found: number[] = [];
    let error: string | null = null;
    try {
      found = await surveyScannerText({ path: blobPath(ctx.paths.blobs, doc.sha256), byteLength: doc.byte_size, sha256: doc.sha256 }, pages, {
        workerPath: opts.workerPath,
        password: passwords.get(documentId) ?? undefined,
        signal: current.signal,
        limits: opts.limits,
      });
    } catch (err) {
      // Stopped by the workspace closing: looked at again when it next opens.
      if (closed || (err instanceof ExtractionError && err.code === 'cancelled')) return;
      error = err instanceof Error ? err.message : String(err);
    } finally {
      current = null;
    }
    if (closed || !db.open) return;
    try {
      ctx.writeTransaction(() => {
        // Removed (a staged import dropped) while it was looked at: nothing to record.
        if (docRow.get(documentId)) record.run(documentId, JSON.stringify(found), error, ctx.now().toISOString());
      });
    } catch {
      // The disk is full or the database busy: looked at again when the workspace next opens.
      return;
    }
    opts.onSurveyed?.(documentId, found.length);
  }

  async function pump(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (let id = queue.shift(); id !== undefined && !closed; id = queue.shift()) await lookAt(id);
    } finally {
      running = false;
      if (queue.length === 0 || closed) for (const resolve of idle.splice(0)) resolve();
    }
  }

  return {
    /** Looks at these documents not looked at yet, or (none named) every such document of the workspace. */
    start(documentIds?: string[]): void {
      if (closed || !ctx.writable) return;
      for (const id of documentIds ?? unsurveyed.all().map((r) => r.id)) if (!queue.includes(id) && !surveyed.get(id)) queue.push(id);
      void pump();
    },
    /** Looks at these documents, if not yet, and resolves once they (and anything queued before) are done. */
    complete(documentIds: string[]): Promise<void> {
      this.start(documentIds);
      return this.settled();
    },
    /** A document whose look failed is looked at again (its password is now kept, say). */
    retryFailed(documentId: string): void {
      if (closed || !ctx.writable) return;
      ctx.writeTransaction(() => db.prepare('DELETE FROM scanner_text_survey WHERE document_id = ? AND error IS NOT NULL').run(documentId));
      this.start([documentId]);
    },
    /** Resolves once nothing is waiting to be looked at (tests, the CLI). */
    settled(): Promise<void> {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
    /** The document's pages that carry a scanner's text now; null when none do, or it was not looked at yet. */
    scannerText(documentId: string): ScannerText | null {
      const pages = [...stillScanner(documentId)];
      if (pages.length === 0) return null;
      return { count: pages.length, runs: runsOf(pages).slice(0, SCANNER_RUNS_LISTED) };
    },
    /** 0-based pages the look found (read since or not); null when it has not been looked at, or the look failed. */
    foundPages(documentId: string): number[] | null {
      const row = surveyed.get(documentId);
      return row && row.error === null ? surveyedPages(row.pages) : null;
    },
    close(): void {
      closed = true;
      queue.length = 0;
      current?.abort();
      for (const resolve of idle.splice(0)) resolve();
    },
  };
}
export type ScannerTextSurvey = ReturnType<typeof createScannerTextSurvey>;
