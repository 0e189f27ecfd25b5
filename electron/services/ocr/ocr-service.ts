// The OCR queue: pages without a usable text layer wait in `page_ocr` (status pending) and are
// read in the background, page by page, through the engine pool. Each page is drawn in a fresh
// child process (a V8 heap abort there ends that page, not the app) and read by tesseract.js's own worker threads, so the main thread only moves
// messages and writes rows. A finished page's text goes straight into `pages.text` (and so into
// the search index and pre-review) in its own short write transaction; the queue's state lives
// only in the database, so a crash or a restart loses at most the pages being read at the time,
// and they are still pending when the workspace opens again.
import { OCR_NICE } from '../background-priority.ts';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ParsedInput } from '../../../shared/contract.ts';
import { OCR_FAILURES_LISTED, OCR_UNREAD_RUNS_LISTED, type DocumentListItem } from '../../../shared/schemas/document.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import type { CasesService } from '../cases/cases-service.ts';
import { blobPath } from '../documents/blob-store.ts';
import { surveyedPages } from '../documents/scanner-text-sql.ts';
import { createDocumentPasswords } from '../documents/document-passwords.ts';
import { defaultPoolSize, OcrAborted, type OcrEngineInfo, type OcrPageResult, type OcrPool } from './engine.ts';
import { OCR_MESSAGES, ocrFailureKind, type OcrFailureKind, type OcrLimits } from './limits.ts';
import type { RenderJob, RenderOut } from './render-worker.ts';
import { ocrPageItems } from './page-items.ts';
import { nextTurn } from '../next-turn.ts';
import { spawnChild, type Child, type ChildExit } from '../isolation/spawn-child.ts';
import { createOcrHostPool } from './engine-client.ts';
import { ocrReadPages } from './ocr-read-pages.ts';
import { createPageClaims, type PageKey } from './page-claims.ts';

/** Where the render worker's source sits when running from source (tests, CLI). The app passes its built copy. */
export const SOURCE_RENDER_WORKER_PATH = fileURLToPath(new URL('./render-worker.ts', import.meta.url));

export interface OcrServiceOptions {
  limits: OcrLimits;
  renderWorkerPath: string;
  /** The thread tesseract.js reads in; its source otherwise. */
  tesseractWorkerPath?: string;
  /** The engine's process (engine-host.ts, or the app's built copy); its source otherwise. */
  engineHostPath?: string;
  /** Pages read at once; the engine's machine-sized default otherwise. */
  poolSize?: number;
  /** Told when a document's page text changed, so results computed from the old text are dropped. */
  onTextChanged?: (documentId: string) => void;
  /**
   * Called inside the transaction that replaced pages' text (1-based pages), so what is anchored
   * to the document's text (highlights) moves with it in the same commit: once for all the pages
   * changed together. `why`: a reading landed, or pages went back to the file's own text.
   */
  onPageText?: (documentId: string, pages: number[], why: 'ocr' | 'file-text') => void;
  /**
   * Called inside the transaction that finished a page (read, failed or cancelled), so what waits
   * for a document's OCR to end (a revised version's highlights) runs in the same commit.
   */
  onPageSettled?: (documentId: string) => void;
  /** Stands in for the engine (tests that need a page to hang or fail on purpose). */
  createPool?: (cacheDir: string) => OcrPool;
}

export type OcrSummary = NonNullable<DocumentListItem['ocr']>;

/** The failures an OCR run without --redo reads again: a passing fault, or a page limit that may have been raised (applyDocumentLimit judges again). */
const RETRIED: ReadonlySet<OcrFailureKind> = new Set(['retry', 'page_limit']);

type Phase = 'queued' | 'recognising' | 'done' | 'failed' | 'cancelled' | 'fileText';
type Rendered = Extract<RenderOut, { type: 'rendered' }>;

class PageFailure extends Error {}
const CANCEL = Symbol('cancelled by the person');
const BLANK_PAGE: OcrPageResult = { text: '', words: [], meanConfidence: null, rotation: 0, skewDegrees: 0, readings: 0 };
/** How often a drawing renderer's resident size is read (a runaway page grows ~150 MB a second). */
const RENDER_MEMORY_POLL_MS = 250;
/** How often a process looks again at pages another process (the CLI, the app) is reading. */
export const ELSEWHERE_POLL_MS = 2_000;

export function createOcrService(ctx: ServiceContext, cases: CasesService, opts: OcrServiceOptions) {
  const { db } = ctx;
  const passwords = createDocumentPasswords(db);
  /**
   * Documents whose file would not open for want of its password, with the password (or none)
   * that failed: while the kept password is still that one, their other pending pages fail at
   * once with the same reason instead of each starting a renderer to fail. A password kept since
   * (here or by another process) is tried.
   */
  const locked = new Map<string, string | null>();
  const { limits } = opts;
  let pool: OcrPool | null = null;
  let closed = false;
  let active = 0;
  const inflight = new Map<string, AbortController>();
  const idle: Array<() => void> = [];
  const key = (documentId: string, page: number) => `${documentId}:${page}`;

  const poolNow = (): OcrPool => {
    // The engine reads in a process of its own (engine-host.ts), not in this one's threads.
    pool ??= opts.createPool?.(path.join(ctx.paths.tmp, 'ocr-cache')) ?? createOcrHostPool({ size: opts.poolSize, cacheDir: path.join(ctx.paths.tmp, 'ocr-cache'), workerPath: opts.tesseractWorkerPath, hostPath: opts.engineHostPath, workerMemoryMb: limits.engineMemoryMb });
    return pool;
  };

  const archivedHolding = db.prepare<[string], { agency_name: string }>(
    `SELECT c.agency_name FROM case_documents cd JOIN cases c ON c.id = cd.case_id WHERE cd.document_id = ? AND c.archived_at IS NOT NULL ORDER BY c.agency_name LIMIT 1`,
  );
  /**
   * A document's page text is every case's that holds it: an archived case's evidence must not
   * change under it, whichever case asks (the change is audited in each; workspace.ts).
   */
  function refuseIfArchived(caseId: string, documentId: string, what: string) {
    if (cases.get(caseId).archived) throw new ServiceError('conflict', `This case is archived. Restore it to ${what}.`);
    inCase(caseId, documentId);
    const other = archivedHolding.get(documentId);
    if (other) throw new ServiceError('conflict', `This document is also in an archived case (${other.agency_name}), whose evidence would change. Restore that case to ${what}.`);
  }

  /** The pages asked for (1-based; the whole document when not said), within the document. */
  function pageRangeOf(input: { documentId: string; fromPage?: number; toPage?: number }): { fromPage: number; toPage: number } {
    const pageCount = (db.prepare<[string], { page_count: number }>('SELECT page_count FROM documents WHERE id = ?').get(input.documentId)!).page_count;
    const fromPage = input.fromPage ?? 1;
    const toPage = input.toPage ?? pageCount;
    if (fromPage > pageCount || toPage > pageCount) {
      throw new ServiceError('invalid_input', `The document has ${pageCount} page${pageCount === 1 ? '' : 's'}; choose pages from 1 to ${pageCount}.`);
    }
    return { fromPage, toPage };
  }

  const casesOf = db.prepare<[string], { case_id: string }>('SELECT case_id FROM case_documents WHERE document_id = ? ORDER BY case_id');
  const counts = db.prepare<[string], { total: number; finished: number }>(
    `SELECT count(*) AS total, coalesce(sum(status IN ('done', 'failed')), 0) AS finished FROM page_ocr WHERE document_id = ?`,
  );
  function progress(documentId: string, page: number, phase: Phase, error?: string) {
    const c = counts.get(documentId)!;
    for (const { case_id } of casesOf.all(documentId)) {
      ctx.emit('ocr.progress', { caseId: case_id, documentId, done: c.finished, total: c.total, page: page + 1, phase, ...(error ? { error } : {}) });
    }
  }

  const nextPending = db.prepare<[number], { document_id: string; page_index: number; sha256: string }>(
    `SELECT o.document_id, o.page_index, d.sha256 FROM page_ocr o JOIN documents d ON d.id = o.document_id
     WHERE o.status = 'pending' ORDER BY d.imported_at, o.document_id, o.page_index LIMIT ?`,
  );
  // While the CLI waits for some documents, only their pages are read (others wait for the app).
  let scope: string[] | null = null;
  const nextPendingIn = db.prepare<[string, number], { document_id: string; page_index: number; sha256: string }>(
    `SELECT o.document_id, o.page_index, d.sha256 FROM page_ocr o JOIN documents d ON d.id = o.document_id
     WHERE o.status = 'pending' AND o.document_id IN (SELECT value FROM json_each(?)) ORDER BY d.imported_at, o.document_id, o.page_index LIMIT ?`,
  );
  const pendingNow = (n: number) => (scope ? nextPendingIn.all(JSON.stringify(scope), n) : nextPending.all(n));
  // A page is claimed before it is read (page-claims.ts), so the app and the CLI never read the
  // same page. The lease outlasts the longest a page can go unrenewed: drawn, then waiting for
  // the engine behind another page, then read (each under the page time limit).
  const readPagesOf = ocrReadPages(db);
  const claims = createPageClaims(db, { now: () => ctx.now().getTime(), leaseMs: 2 * limits.pageTimeMs + 30_000 });
  type Pending = { document_id: string; page_index: number; sha256: string };
  const takeablePending = db.prepare<{ me: string; lapsed: number; n: number }, Pending>(
    `SELECT o.document_id, o.page_index, d.sha256 FROM page_ocr o JOIN documents d ON d.id = o.document_id
     WHERE o.status = 'pending' AND ${claims.takeable} ORDER BY d.imported_at, o.document_id, o.page_index LIMIT @n`,
  );
  const takeablePendingIn = db.prepare<{ me: string; lapsed: number; n: number; scope: string }, Pending>(
    `SELECT o.document_id, o.page_index, d.sha256 FROM page_ocr o JOIN documents d ON d.id = o.document_id
     WHERE o.status = 'pending' AND o.document_id IN (SELECT value FROM json_each(@scope)) AND ${claims.takeable}
     ORDER BY d.imported_at, o.document_id, o.page_index LIMIT @n`,
  );
  /** Claims up to n pending pages no other process is reading, skipping those this one reads now. */
  function takePages(n: number): Pending[] {
    const pick = () => {
      const p = { ...claims.params(), n: n + inflight.size };
      const rows = scope ? takeablePendingIn.all({ ...p, scope: JSON.stringify(scope) }) : takeablePending.all(p);
      return rows.filter((r) => !inflight.has(key(r.document_id, r.page_index))).slice(0, n);
    };
    // Looked at first without the write lock: most calls find nothing to take (each page's end,
    // the app opening), and the lock may be another process's for a moment.
    if (pick().length === 0 && !claims.anyLeftBehind()) return [];
    return ctx.writeTransaction(() => claims.take(pick));
  }
  /** Best effort: a claim that cannot be written lapses by itself. */
  const quietly = (fn: () => void) => {
    try {
      ctx.writeTransaction(fn);
    } catch {
      // A busy or full database, or one closing.
    }
  };
  const stillPending = db.prepare<[string, number], { status: string }>('SELECT status FROM page_ocr WHERE document_id = ? AND page_index = ?');
  const setText = db.prepare('UPDATE pages SET text = ?, items = ? WHERE document_id = ? AND page_index = ?');
  const setDone = db.prepare(
    `UPDATE page_ocr SET source = 'ocr', status = 'done', engine = ?, engine_version = ?, lang_sha256 = ?, mean_confidence = ?,
       rotation = ?, skew_degrees = ?, words = ?, error = NULL, updated_at = ?, claim_owner = NULL, claimed_at = NULL WHERE document_id = ? AND page_index = ?`,
  );
  const setFailed = db.prepare(
    `UPDATE page_ocr SET status = 'failed', error = ?, updated_at = ?, claim_owner = NULL, claimed_at = NULL WHERE document_id = ? AND page_index = ? AND status = 'pending'`,
  );

  /** A read page as the rows store it: its text items and its words, serialised. */
  interface Stored {
    r: OcrPageResult;
    items: string;
    words: string;
  }
  const serialise = (r: OcrPageResult, viewport: Rendered['viewport']): Stored => ({
    r,
    items: JSON.stringify(ocrPageItems(r, viewport)),
    words: JSON.stringify(r.words.map((w) => [w.text, ...w.box, w.confidence])),
  });

  // A page read over its own text (source 'pdf') keeps that text beside the reading, for the way
  // back (useFileText); a page read again keeps what it kept the first time.
  const keepFileText = db.prepare(
    `UPDATE page_ocr SET (file_text, file_items) = (SELECT text, items FROM pages p WHERE p.document_id = page_ocr.document_id AND p.page_index = page_ocr.page_index)
     WHERE document_id = ? AND page_index = ? AND source = 'pdf'`,
  );

  function writeDone(documentId: string, page: number, { r, items, words }: Stored, info: OcrEngineInfo): boolean {
    return ctx.writeTransaction(() => {
      // Cancelled (or finished by another process) while it was being read: the result is not wanted.
      if (stillPending.get(documentId, page)?.status !== 'pending') return false;
      keepFileText.run(documentId, page);
      setText.run(r.text, items, documentId, page);
      opts.onPageText?.(documentId, [page + 1], 'ocr');
      setDone.run(info.name, info.version, info.langDataSha256, r.meanConfidence, r.rotation, r.skewDegrees, words, ctx.now().toISOString(), documentId, page);
      opts.onPageSettled?.(documentId);
      return true;
    });
  }

  // Page-drawing processes, kept between pages while pages draw well: starting one costs the main
  // thread 20–35 ms (fork of a large process) and the renderer ~300 ms to load pdf.js and parse the
  // file. A page that fails, is cancelled or runs out of time ends its renderer; the next page
  // starts a fresh one. All end when the queue runs dry or the workspace closes.
  interface Drawer {
    child: Child;
    reply: ((m: RenderOut) => void) | null;
    gone: ((e: ChildExit) => void) | null;
  }
  const idleDrawers: Drawer[] = [];
  function newDrawer(): Drawer {
    const d: Drawer = { child: null as unknown as Child, reply: null, gone: null };
    d.child = spawnChild(
      opts.renderWorkerPath,
      { heapMb: limits.renderHeapMb, name: 'Credence OCR page renderer', background: true, nice: OCR_NICE },
      {
        onMessage: (m) => d.reply?.(m as RenderOut),
        onExit: (e) => {
          const i = idleDrawers.indexOf(d);
          if (i >= 0) idleDrawers.splice(i, 1);
          d.gone?.(e);
        },
      },
    );
    return d;
  }
  const endDrawers = () => {
    for (const d of idleDrawers.splice(0)) d.child.kill();
  };

  function render(job: RenderJob, signal: AbortSignal): Promise<Rendered> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const d = idleDrawers.pop() ?? newDrawer();
      let settled = false;
      const settle = (fn: () => void, keep: boolean) => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        signal.removeEventListener('abort', onAbort);
        d.reply = null;
        d.gone = null;
        if (keep && !closed) idleDrawers.push(d);
        else d.child.kill();
        fn();
      };
      const onAbort = () => settle(() => reject(signal.reason), false);
      // The renderer's resident size, read from outside while it draws: its canvas and decoded
      // images are native memory that its heap limit does not count (limits.ts renderMemoryMb).
      let overCap = false;
      const poll = setInterval(() => {
        const rss = d.child.rssBytes();
        if (!overCap && rss !== null && rss > limits.renderMemoryMb * 1024 * 1024) {
          overCap = true;
          d.child.kill();
        }
      }, RENDER_MEMORY_POLL_MS);
      poll.unref();
      d.gone = (e: ChildExit) =>
        settle(
          () =>
            reject(
              new PageFailure(
                overCap
                  ? OCR_MESSAGES.renderMemory(job.pageIndex + 1, limits.renderMemoryMb)
                  : e.outOfMemory
                    ? OCR_MESSAGES.renderMemory(job.pageIndex + 1, limits.renderHeapMb)
                    : `Page ${job.pageIndex + 1} could not be drawn for OCR (the renderer stopped, exit ${e.code ?? e.signal}).`,
              ),
            ),
          false,
        );
      d.reply = (m: RenderOut) => settle(() => (m.type === 'rendered' ? resolve(m as Rendered) : reject(new PageFailure(m.message))), m.type === 'rendered');
      signal.addEventListener('abort', onAbort, { once: true });
      d.child.send(job);
    });
  }

  // Pages are drawn as many at a time as the engine reads, first come first served: with one
  // worker, the page drawn ahead reaches the engine after the one before it, so pages land in order.
  let drawing = 0;
  const drawQueue: Array<() => void> = [];
  async function drawInTurn(job: RenderJob, signal: AbortSignal): Promise<Rendered> {
    if (drawing >= (opts.poolSize ?? defaultPoolSize())) await new Promise<void>((resolve) => drawQueue.push(resolve));
    drawing++;
    try {
      return await render(job, signal);
    } finally {
      drawing--;
      drawQueue.shift()?.();
    }
  }

  async function readPage(documentId: string, page: number, sha256: string): Promise<void> {
    // Cancelled (or read by another process) since the queue was looked at.
    if (stillPending.get(documentId, page)?.status !== 'pending') return;
    const controller = new AbortController();
    inflight.set(key(documentId, page), controller);
    // The time limit covers drawing the page, then reading it from when a worker takes it (the
    // page drawn ahead waits for the engine, and that wait is not the page's fault).
    let timer: NodeJS.Timeout | undefined;
    const mine: PageKey = { document_id: documentId, page_index: page };
    // Stored or failed: the row's claim went with it. Otherwise (stopped, dropped) it is let go below.
    let settled = false;
    const arm = (renew = true) => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new PageFailure(OCR_MESSAGES.timeout(page + 1, limits.pageTimeMs))), limits.pageTimeMs);
      // Still reading it (the engine has just taken it): another process must not take it over.
      if (renew && !closed) quietly(() => claims.renew(mine));
    };
    arm(false);
    progress(documentId, page, 'recognising');
    try {
      const engine = poolNow();
      // The engine starts while the page is drawn, not after: as many workers as pages are being
      // read (a no-op once they run).
      void engine.warm(inflight.size);
      // Each step at a page's boundary (starting its renderer, storing its result) takes its own
      // turn of the event loop: run back to back they held the main thread for 40–90 ms a page.
      await nextTurn();
      const kept = passwords.get(documentId);
      if (locked.has(documentId) && locked.get(documentId) === kept) throw new PageFailure(OCR_MESSAGES.needsPassword);
      const password = kept ?? undefined;
      const rendered = await drawInTurn({ blobPath: blobPath(ctx.paths.blobs, sha256), pageIndex: page, dpi: limits.dpi, maxPixels: limits.maxPixels, password }, controller.signal);
      // Clean white paper (render-page.ts `blank`) holds nothing to read: stored as read, with no
      // words and no confidence, without the engine's ~0.5 s.
      const result: OcrPageResult = rendered.blank
        ? BLANK_PAGE
        : await engine.recognize(Buffer.from(rendered.png.buffer, rendered.png.byteOffset, rendered.png.byteLength), { signal: controller.signal, dpi: rendered.dpi, skewRadians: rendered.skewRadians, onStart: arm });
      if (closed) return;
      await nextTurn();
      if (closed) return;
      // Serialising a page's words is allocation, and the collection it sets off ran inside the
      // transaction that stores them (a page's store measured 5–30 ms): each gets its own turn.
      const stored = serialise(result, rendered.viewport);
      await nextTurn();
      if (closed) return;
      if (writeDone(documentId, page, stored, engine.info)) {
        settled = true;
        opts.onTextChanged?.(documentId);
        progress(documentId, page, 'done');
      }
    } catch (err) {
      // The workspace is closing: the page stays pending and is read when it opens again.
      if (closed) return;
      const reason = controller.signal.aborted ? controller.signal.reason : err;
      if (reason === CANCEL) return;
      const message =
        reason instanceof PageFailure ? reason.message : reason instanceof OcrAborted ? reason.message : `Page ${page + 1} could not be read by OCR (${reason instanceof Error ? reason.message : String(reason)}).`;
      if (message === OCR_MESSAGES.needsPassword) locked.set(documentId, passwords.get(documentId));
      try {
        ctx.writeTransaction(() => {
          setFailed.run(message, ctx.now().toISOString(), documentId, page);
          opts.onPageSettled?.(documentId);
        });
        settled = true;
      } catch {
        // A full disk or a closed database: the page stays pending and is tried again next time.
        return;
      }
      progress(documentId, page, 'failed', message);
    } finally {
      clearTimeout(timer);
      inflight.delete(key(documentId, page));
      if (!settled && !closed) quietly(() => claims.release(mine));
    }
  }

  function pump(): void {
    if (closed || !ctx.writable) return settleIdle();
    // One page more than the engine reads at once: the next page is drawn (in its own process)
    // while the engine reads this one, so a core is not left idle between pages.
    const size = (opts.poolSize ?? defaultPoolSize()) + 1;
    if (active >= size) return;
    let rows: Pending[];
    try {
      rows = takePages(size - active);
    } catch {
      // The database is busy (another process writing) or full: look again shortly.
      rows = [];
      watchSoon();
    }
    for (const r of rows) {
      active++;
      void readPage(r.document_id, r.page_index, r.sha256).finally(() => {
        active--;
        pump();
      });
    }
    watchElsewhere();
    if (active === 0) settleIdle();
  }

  // Pages another process is reading: looked at again every ELSEWHERE_POLL_MS, so each that lands
  // there is announced here (the list and an open viewer update), one whose process has ended is
  // taken over, and a wait for the queue (the CLI's) lasts until they are read.
  let watched = new Map<string, PageKey>();
  let watchTimer: NodeJS.Timeout | null = null;
  const pageState = db.prepare<[string, number], { status: string; error: string | null }>('SELECT status, error FROM page_ocr WHERE document_id = ? AND page_index = ?');
  function watchSoon() {
    if (closed || watchTimer) return;
    watchTimer = setTimeout(() => {
      watchTimer = null;
      pump();
    }, ELSEWHERE_POLL_MS);
  }
  function watchElsewhere() {
    let now: PageKey[];
    try {
      now = claims.elsewhere().filter((r) => !scope || scope.includes(r.document_id));
    } catch {
      return watchSoon();
    }
    const next = new Map(now.map((r) => [key(r.document_id, r.page_index), r]));
    for (const [k, r] of watched) {
      if (next.has(k)) continue;
      const s = pageState.get(r.document_id, r.page_index);
      if (s?.status === 'done') progress(r.document_id, r.page_index, 'done');
      else if (s?.status === 'failed') progress(r.document_id, r.page_index, 'failed', s.error ?? undefined);
    }
    watched = next;
    if (watched.size > 0) watchSoon();
  }

  function settleIdle() {
    if (active > 0) return;
    // Nothing left to read here: the workers' memory (~100 MB each) and the renderers go until the next page.
    const p = pool;
    pool = null;
    void p?.close();
    endDrawers();
    // Whoever waits for the queue waits on until pages another process reads have landed too.
    if (watched.size === 0) for (const resolve of idle.splice(0)) resolve();
  }

  /** Pages beyond the per-document limit fail at once, saying why. */
  function applyDocumentLimit(documentId: string) {
    const over = db
      .prepare<[string, number], { page_index: number }>(`SELECT page_index FROM page_ocr WHERE document_id = ? AND status = 'pending' ORDER BY page_index LIMIT -1 OFFSET ?`)
      .all(documentId, limits.documentPages);
    const at = ctx.now().toISOString();
    for (const r of over) setFailed.run(OCR_MESSAGES.overDocumentLimit(r.page_index + 1, limits.documentPages), at, documentId, r.page_index);
  }

  const inCase = (caseId: string, documentId: string) => {
    if (!db.prepare('SELECT 1 FROM case_documents WHERE case_id = ? AND document_id = ?').get(caseId, documentId)) {
      throw new ServiceError('not_found', `No document ${documentId} in this case.`);
    }
  };
  // A page that failed or was stopped while being read again (--redo) keeps its earlier OCR text:
  // it is counted once, as OCR text, and its failure is listed as kept; so is one read over its
  // own text layer (source 'pdf'), which keeps the file's text.
  const summaryRow = db.prepare<[string], { n: number; ocr: number; pending: number; failed: number; failedKept: number; stopped: number; fileText: number; conf: number | null }>(
    `SELECT count(*) AS n, coalesce(sum(source = 'ocr'), 0) AS ocr, coalesce(sum(status = 'pending'), 0) AS pending,
            coalesce(sum(status = 'failed'), 0) AS failed, coalesce(sum(status = 'failed' AND source != 'none'), 0) AS failedKept,
            coalesce(sum(status = 'cancelled'), 0) AS stopped,
            coalesce(sum(source = 'pdf' OR (source = 'ocr' AND file_text IS NOT NULL)), 0) AS fileText,
            avg(CASE WHEN source = 'ocr' THEN mean_confidence END) AS conf
     FROM page_ocr WHERE document_id = ?`,
  );
  const weakestRow = db.prepare<[string], { page_index: number; mean_confidence: number }>(
    `SELECT page_index, mean_confidence FROM page_ocr WHERE document_id = ? AND source = 'ocr' AND mean_confidence IS NOT NULL ORDER BY mean_confidence, page_index LIMIT 1`,
  );
  // Consecutive pages without text, found as islands: a page's number less its rank among such
  // pages is the same along a run. Pages with a text layer of their own have no row and so break runs.
  const unreadRunRows = db.prepare<[string, number], { first: number; last: number }>(
    `SELECT min(page_index) + 1 AS first, max(page_index) + 1 AS last FROM
       (SELECT page_index, page_index - row_number() OVER (ORDER BY page_index) AS island FROM page_ocr WHERE document_id = ? AND source = 'none')
     GROUP BY island ORDER BY first LIMIT ?`,
  );
  const failureRows = db.prepare<[string, number], { page_index: number; error: string | null; source: string }>(
    `SELECT page_index, error, source FROM page_ocr WHERE document_id = ? AND status = 'failed' ORDER BY page_index LIMIT ?`,
  );
  const failuresOf = (documentId: string, limit: number) =>
    failureRows.all(documentId, limit).map((r) => ({ page: r.page_index + 1, error: r.error ?? 'The reason was not recorded.', kept: r.source !== 'none', kind: ocrFailureKind(r.error) }));
  // Looked at until the first failure a retry may mend: a document past the page limit has
  // thousands of failures of one kind, and this runs each time the documents list is read.
  const failureReasons = db.prepare<[string], { page_index: number; error: string | null }>(`SELECT page_index, error FROM page_ocr WHERE document_id = ? AND status = 'failed' ORDER BY page_index`);
  const requeue = db.prepare(`UPDATE page_ocr SET status = 'pending', error = NULL, updated_at = ?, claim_owner = NULL, claimed_at = NULL WHERE document_id = ? AND page_index = ? AND status = 'failed'`);
  const anyRetryable = (documentId: string) => {
    for (const r of failureReasons.iterate(documentId)) if (ocrFailureKind(r.error) === 'retry') return true;
    return false;
  };

  return {
    /** Registers the pages of a newly imported document that need OCR (inside the import's transaction). */
    enqueueImported(documentId: string, pages: number[]) {
      const add = db.prepare(`INSERT OR IGNORE INTO page_ocr (document_id, page_index, source, status, updated_at) VALUES (?, ?, 'none', 'pending', ?)`);
      const at = ctx.now().toISOString();
      for (const p of pages) add.run(documentId, p, at);
      applyDocumentLimit(documentId);
    },
    /** Starts reading whatever is pending (after an import, or when a workspace opens again). */
    start: () => pump(),
    /** Resolves when nothing is pending or being read (the CLI waits for it). */
    whenIdle(): Promise<void> {
      if (closed || (active === 0 && pendingNow(1).length === 0)) return Promise.resolve();
      return new Promise((resolve) => {
        idle.push(resolve);
        pump();
      });
    },
    /** Reads the pending pages of these documents only, and resolves when none is left (the CLI). */
    async drain(documentIds: string[]): Promise<void> {
      scope = documentIds;
      try {
        await new Promise<void>((resolve) => {
          idle.push(resolve);
          pump();
        });
      } finally {
        scope = null;
      }
    },
    /** Pages of these documents another process (the app, another command) is reading now. */
    readElsewhere: (documentIds: string[]): number => [...watched.values()].filter((w) => documentIds.includes(w.document_id)).length,
    /** The pages (1-based) whose text OCR read. */
    ocrPages: (documentId: string): Set<number> => readPagesOf(documentId),
    /** Every page of a document that failed, with why, and whether it kept an earlier OCR text. */
    failures: (documentId: string) => failuresOf(documentId, -1),
    run(input: ParsedInput<'ocr.run'>): { queued: number } {
      cases.get(input.caseId);
      if (input.documentId) inCase(input.caseId, input.documentId);
      const docs = input.documentId
        ? [input.documentId]
        : db.prepare<[string], { document_id: string }>('SELECT document_id FROM case_documents WHERE case_id = ?').all(input.caseId).map((r) => r.document_id);
      const at = ctx.now().toISOString();
      let queued = 0;
      const again: string[] = [];
      ctx.writeTransaction(() => {
        for (const d of docs) {
          // A page read again keeps its present text until the new reading replaces it.
          const which = input.redo ? `status != 'pending'` : `status = 'cancelled'`;
          let changed = db.prepare(`UPDATE page_ocr SET status = 'pending', error = NULL, updated_at = ?, claim_owner = NULL, claimed_at = NULL WHERE document_id = ? AND ${which}`).run(at, d).changes;
          // Without --redo, a failed page is read again only where that may work: not a damaged
          // file's page (a new copy is needed) nor a locked one (entering the password reads it).
          if (!input.redo) for (const r of failureReasons.all(d)) if (RETRIED.has(ocrFailureKind(r.error))) changed += requeue.run(at, d, r.page_index).changes;
          if (changed > 0) again.push(d);
          applyDocumentLimit(d);
          queued += (db.prepare(`SELECT count(*) AS n FROM page_ocr WHERE document_id = ? AND status = 'pending'`).get(d) as { n: number }).n;
        }
      });
      // Pages that said "stopped" or "failed" now wait: the list and the open viewer are told.
      for (const d of again) progress(d, 0, 'queued');
      if (queued > 0) setImmediate(pump);
      return { queued };
    },
    /**
     * Queues pages with a text layer of their own to be read by OCR (readTextLayer in the
     * contract). Each becomes a page whose text comes from OCR (needs_ocr), waiting with source
     * 'pdf': the file's text stands until the reading lands and replaces it (highlights carried
     * to the new text in the same commit), and stays if the reading fails or is stopped.
     */
    readTextLayer(input: ParsedInput<'ocr.readTextLayer'>): { queued: number; alreadyOcr: number; fromPage: number; toPage: number } {
      // Its evidence would change under it: the text its highlights and findings rest on.
      refuseIfArchived(input.caseId, input.documentId, 'read its pages by OCR');
      const { fromPage, toPage } = pageRangeOf(input);
      const at = ctx.now().toISOString();
      const out = ctx.writeTransaction(() => {
        // Pages asked for: the range, or the scanner's pages in it.
        let asked = toPage - fromPage + 1;
        let own = db
          .prepare<[string, number, number], { page_index: number }>(
            `SELECT p.page_index FROM pages p WHERE p.document_id = ? AND p.page_index BETWEEN ? AND ?
               AND NOT EXISTS (SELECT 1 FROM page_ocr o WHERE o.document_id = p.document_id AND o.page_index = p.page_index) ORDER BY p.page_index`,
          )
          .all(input.documentId, fromPage - 1, toPage - 1);
        if (input.onlyScannerText) {
          const survey = db.prepare<[string], { pages: string; error: string | null }>('SELECT pages, error FROM scanner_text_survey WHERE document_id = ?').get(input.documentId);
          if (!survey) throw new ServiceError('conflict', "Credence has not looked at this document for a scanner's text yet; try again in a moment, or choose the pages.");
          if (survey.error !== null) throw new ServiceError('conflict', `Credence could not look at this document for a scanner's text: ${survey.error} Choose the pages to read instead.`);
          const scanner = surveyedPages(survey.pages).filter((p) => p >= fromPage - 1 && p <= toPage - 1);
          const found = new Set(scanner);
          own = own.filter((r) => found.has(r.page_index));
          asked = scanner.length;
        }
        const mark = db.prepare('UPDATE pages SET needs_ocr = 1 WHERE document_id = ? AND page_index = ?');
        const add = db.prepare(`INSERT INTO page_ocr (document_id, page_index, source, status, updated_at) VALUES (?, ?, 'pdf', 'pending', ?)`);
        for (const r of own) {
          mark.run(input.documentId, r.page_index);
          add.run(input.documentId, r.page_index, at);
        }
        if (own.length > 0) applyDocumentLimit(input.documentId);
        return { queued: own.length, alreadyOcr: asked - own.length, fromPage, toPage };
      });
      if (out.queued > 0) {
        opts.onTextChanged?.(input.documentId);
        progress(input.documentId, fromPage - 1, 'queued');
        setImmediate(pump);
      }
      return out;
    },
    /**
     * Puts pages read by OCR over their own text back on the file's text (useFileText in the
     * contract): the text kept when the reading replaced it, with its highlights carried back in
     * the same commit. A page still waiting for that reading (or whose reading failed or was
     * stopped) already shows the file's text: it stops waiting. Pages OCR read for want of any
     * text (a scan), or read before Credence kept the file's text, are counted, not changed.
     */
    useFileText(input: ParsedInput<'ocr.useFileText'>): { restored: number; withoutFileText: number; fromPage: number; toPage: number } {
      refuseIfArchived(input.caseId, input.documentId, 'change which text its pages use');
      const { fromPage, toPage } = pageRangeOf(input);
      const restoredPages: number[] = [];
      const out = ctx.writeTransaction(() => {
        const rows = db
          .prepare<[string, number, number], { page_index: number; source: string; file_text: string | null; file_items: string | null }>(
            'SELECT page_index, source, file_text, file_items FROM page_ocr WHERE document_id = ? AND page_index BETWEEN ? AND ? ORDER BY page_index',
          )
          .all(input.documentId, fromPage - 1, toPage - 1);
        const back = rows.filter((r) => r.source === 'pdf' || (r.source === 'ocr' && r.file_text !== null && r.file_items !== null));
        const unmark = db.prepare('UPDATE pages SET needs_ocr = 0 WHERE document_id = ? AND page_index = ?');
        const drop = db.prepare('DELETE FROM page_ocr WHERE document_id = ? AND page_index = ?');
        const textChanged: number[] = [];
        for (const r of back) {
          drop.run(input.documentId, r.page_index);
          unmark.run(input.documentId, r.page_index);
          if (r.source === 'ocr') {
            setText.run(r.file_text, r.file_items, input.documentId, r.page_index);
            textChanged.push(r.page_index + 1);
          }
          restoredPages.push(r.page_index);
        }
        // Highlights follow their words once, over every page that changed: page by page, each
        // page's shift would move every later highlight again (a 300-page manual, 300 passes).
        if (textChanged.length > 0) opts.onPageText?.(input.documentId, textChanged, 'file-text');
        if (back.length > 0) opts.onPageSettled?.(input.documentId);
        return { restored: back.length, withoutFileText: rows.length - back.length, fromPage, toPage };
      });
      // A reading under way is not wanted now (its result would find no page waiting for it).
      for (const p of restoredPages) inflight.get(key(input.documentId, p))?.abort(CANCEL);
      if (out.restored > 0) {
        opts.onTextChanged?.(input.documentId);
        // Said once for every page (the list reloads, an open viewer draws its pages again), not
        // once a page: a 300-page range would reload the list 300 times.
        progress(input.documentId, restoredPages[0]!, 'fileText');
      }
      return out;
    },
    /**
     * The pages that failed for want of the file's password, queued again now that it is kept
     * (documents.rememberPassword, or a case bundle that carries it): no other failure is retried for
     * it. Runs in the caller's transaction. `start: false` only queues them, for a caller that starts
     * reading when its workspace reads on its own (a bundle import).
     */
    retryLocked(documentId: string, { start = true }: { start?: boolean } = {}): { queued: number } {
      locked.delete(documentId);
      // Which failures those are is ocrFailureKind's to say (today's reason and the renderer's older words alike).
      const queued = ctx.writeTransaction(() => {
        const at = ctx.now().toISOString();
        let n = 0;
        for (const r of failureReasons.all(documentId)) if (ocrFailureKind(r.error) === 'password') n += requeue.run(at, documentId, r.page_index).changes;
        if (n > 0) applyDocumentLimit(documentId);
        return n;
      });
      if (queued > 0) {
        progress(documentId, 0, 'queued');
        if (start) setImmediate(pump);
      }
      return { queued };
    },
    cancel(input: ParsedInput<'ocr.cancel'>): { cancelled: number } {
      cases.get(input.caseId);
      inCase(input.caseId, input.documentId);
      const n = ctx.writeTransaction(() => {
        const changes = db
          .prepare(`UPDATE page_ocr SET status = 'cancelled', error = ?, updated_at = ?, claim_owner = NULL, claimed_at = NULL WHERE document_id = ? AND status = 'pending'`)
          .run(OCR_MESSAGES.cancelled, ctx.now().toISOString(), input.documentId).changes;
        if (changes > 0) opts.onPageSettled?.(input.documentId);
        return changes;
      });
      for (const [k, c] of inflight) if (k.startsWith(`${input.documentId}:`)) c.abort(CANCEL);
      if (n > 0) progress(input.documentId, 0, 'cancelled');
      return { cancelled: n };
    },
    pageWords(input: ParsedInput<'ocr.pageWords'>) {
      cases.get(input.caseId);
      inCase(input.caseId, input.documentId);
      const pageCount = (db.prepare('SELECT page_count FROM documents WHERE id = ?').get(input.documentId) as { page_count: number }).page_count;
      if (input.page > pageCount) throw new ServiceError('not_found', `The document has ${pageCount} pages; there is no page ${input.page}.`);
      const row = db
        .prepare<
          [string, number],
          { source: 'ocr' | 'none' | 'pdf'; status: 'pending' | 'done' | 'failed' | 'cancelled'; error: string | null; engine: string | null; engine_version: string | null; lang_sha256: string | null; mean_confidence: number | null; words: string; rotation: number; file_text: number }
        >('SELECT source, status, error, engine, engine_version, lang_sha256, mean_confidence, words, rotation, file_text IS NOT NULL AS file_text FROM page_ocr WHERE document_id = ? AND page_index = ?')
        .get(input.documentId, input.page - 1);
      if (!row) return { source: 'pdf' as const, status: null, error: null, failureKind: null, engine: null, engineVersion: null, langDataSha256: null, meanConfidence: null, rotation: 0, fileText: false, words: [] };
      const words = (JSON.parse(row.words) as Array<[string, number, number, number, number, number]>).map(([text, x0, y0, x1, y1, confidence]) => ({
        text,
        box: [x0, y0, x1, y1] as [number, number, number, number],
        confidence,
      }));
      return {
        source: row.source,
        // Where the page is in the queue, and why it failed or stopped: a scanned page with no
        // text layer says so in the viewer instead of showing an image that cannot be selected.
        status: row.status,
        error: row.status === 'failed' || row.status === 'cancelled' ? row.error : null,
        failureKind: row.status === 'failed' ? ocrFailureKind(row.error) : null,
        engine: row.engine,
        engineVersion: row.engine_version,
        langDataSha256: row.lang_sha256,
        meanConfidence: row.mean_confidence,
        rotation: row.rotation,
        fileText: row.source === 'pdf' || (row.source === 'ocr' && row.file_text === 1),
        words,
      };
    },
    /** The documents list's `ocr` field: null when every page has a text layer of its own. */
    summary(documentId: string): OcrSummary | null {
      const r = summaryRow.get(documentId)!;
      if (r.n === 0) return null;
      // Running while it has pages waiting and this process is reading (any document's pages), or
      // another process (the CLI, the app) is reading this document's: a page being read is still
      // pending, and one stopped mid-read is not (its read is dropped).
      const running = r.pending > 0 && !closed && (active > 0 || [...watched.values()].some((w) => w.document_id === documentId));
      const weakest = weakestRow.get(documentId);
      return {
        total: r.n,
        pagesOcr: r.ocr,
        pending: r.pending,
        failed: r.failed,
        failedKept: r.failedKept,
        stopped: r.stopped,
        fileText: r.fileText,
        failures: r.failed > 0 ? failuresOf(documentId, OCR_FAILURES_LISTED) : [],
        retryable: r.failed > 0 && anyRetryable(documentId),
        meanConfidence: r.conf === null ? null : Math.round(r.conf * 10) / 10,
        weakestPage: weakest ? { page: weakest.page_index + 1, confidence: Math.round(weakest.mean_confidence * 10) / 10 } : null,
        unreadRuns: r.n > r.ocr ? unreadRunRows.all(documentId, OCR_UNREAD_RUNS_LISTED).map((u): [number, number] => [u.first, u.last]) : [],
        running,
      };
    },
    /** Stops reading; pages in progress stay pending for the next time the workspace opens. */
    close(): Promise<void> {
      if (!closed && ctx.writable) quietly(() => claims.releaseAll());
      closed = true;
      claims.end();
      clearTimeout(watchTimer ?? undefined);
      watchTimer = null;
      watched.clear();
      for (const c of inflight.values()) c.abort(new PageFailure('The workspace closed.'));
      endDrawers();
      const p = pool;
      pool = null;
      for (const resolve of idle.splice(0)) resolve();
      return p?.close() ?? Promise.resolve();
    },
  };
}
export type OcrService = ReturnType<typeof createOcrService>;
