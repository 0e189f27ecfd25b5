// Importing policy PDFs into a case: check, store the blob, extract (a child process reading the
// blob), then write the rows: the document staged (012_document_staging), its pages a slice per
// turn of the event loop, and last, in one transaction, its link to the case, its OCR queue and
// its audit entry. A file that fails at any step leaves no row and no blob, and the rest of the
// batch carries on.
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedInput } from '../../../shared/contract.ts';
import type { DocumentListItem, DocumentRecord, ImportFileResult } from '../../../shared/schemas/document.ts';
import { ServiceError } from '../../../shared/result.ts';
import { stripNameControls } from '../../../shared/schemas/text.ts';
import type { ServiceContext } from '../context.ts';
import type { CasesService } from '../cases/cases-service.ts';
import { extractPdf, ExtractionError, opensWithPassword, REFUSAL_CODES, type Extracted } from '../extraction/extract-pool.ts';
import { EXTRACTOR_VERSION } from '../extraction/messages.ts';
import { blobPath, putBlobAsync, removeBlob, sha256HexAsync } from './blob-store.ts';
import { documentTitle } from '../../../shared/domain/document-title.ts';
import { checkPdfStructure, mentionsActiveContent, mentionsEncryption } from './pdf-checks.ts';
import { createDocumentPasswords } from './document-passwords.ts';
import { storageError } from '../../db/storage-errors.ts';
import { nextTurn } from '../next-turn.ts';
import { pidAlive } from '../workspace-folder.ts';

interface DocumentRow {
  id: string;
  title: string;
  original_name: string;
  page_count: number;
  pages_needing_ocr: number;
  sha256: string;
  byte_size: number;
  fingerprint: string;
  imported_by: string;
  imported_at: string;
  agency_doc_number: string | null;
  effective_date: string | null;
}

const toRecord = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  title: r.title,
  originalName: r.original_name,
  pageCount: r.page_count,
  pagesNeedingOcr: r.pages_needing_ocr,
  sha256: r.sha256,
  fingerprint: r.fingerprint,
  importedBy: r.imported_by,
  importedAt: r.imported_at,
  agencyDocNumber: r.agency_doc_number,
  effectiveDate: r.effective_date,
});

const CANCELLED = 'Import cancelled before this file was stored.';

/** Pages written per transaction while a document is staged, and the text (with boxes) a slice may hold. */
export const STAGE_SLICE = { pages: 32, chars: 200_000 };
/** A staging older than this was left behind (the largest file stages in seconds). */
const STAGING_ABANDONED_MS = 10 * 60_000;

/** Documents being staged by this process now, whichever workspace (tests open several at once). */
const stagingNow = new Set<string>();

class StagedElsewhere extends Error {}
class ImportCancelled extends Error {}

/** What a person reads for each way extraction can fail. */
function extractionMessage(err: ExtractionError): string {
  // Refused for what it would cost to read, or as damaged: the extractor's sentence says it all.
  if (REFUSAL_CODES.has(err.code)) return err.message;
  switch (err.code) {
    case 'password_required':
      return 'The PDF is password-protected. Enter its password and import it again.';
    case 'password_incorrect':
      return 'The password is wrong for this PDF. Check it with the agency and try again.';
    case 'too_many_pages':
      return `${err.message} Split it, or raise the limit with CREDENCE_PAGE_LIMIT.`;
    case 'cancelled':
      return CANCELLED;
    default:
      return `It is damaged and cannot be read (${err.message}). Ask for a new copy.`;
  }
}

/** What import tells OCR: the pages it must read, and when a batch is stored. */
export interface ImportOcrHooks {
  enqueueImported(documentId: string, pages: number[]): void;
  summary(documentId: string): DocumentListItem['ocr'];
  /** Pages whose text is a scanner's own OCR (scanner-text-survey.ts), for the documents list. */
  scannerText?(documentId: string): DocumentListItem['scannerText'];
  /** After a batch: start reading (the app) or leave the pages pending (the CLI decides itself). */
  afterImport(): void;
}

export function createDocumentsService(ctx: ServiceContext, cases: CasesService, workerPath: string, ocrHooks?: ImportOcrHooks) {
  const { db } = ctx;
  const running = new Map<string, AbortController>();
  const byId = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?');
  // A staged document is not there yet for anyone looking for the file: it is linked to nothing.
  const bySha = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE sha256 = ? AND id NOT IN (SELECT document_id FROM document_staging)');
  /** Whether any row, staged or not, rests on the blob. */
  const blobInUse = db.prepare<[string], { id: string }>('SELECT id FROM documents WHERE sha256 = ?');
  const stagedBySha = db.prepare<[string], { document_id: string; pid: number; started_at: string }>(
    'SELECT s.document_id, s.pid, s.started_at FROM document_staging s JOIN documents d ON d.id = s.document_id WHERE d.sha256 = ?',
  );
  const insertStaging = db.prepare('INSERT INTO document_staging (document_id, pid, started_at) VALUES (?, ?, ?)');
  const endStaging = db.prepare('DELETE FROM document_staging WHERE document_id = ?');
  /** Everything a staged document wrote (its pages leave the search index by their trigger). */
  const dropStaged = (id: string) => {
    db.prepare('DELETE FROM pages WHERE document_id = ?').run(id);
    endStaging.run(id);
    db.prepare('DELETE FROM documents WHERE id = ?').run(id);
  };
  /** Left behind: by this process only if it is not staging it now; by another if that process has ended (or the staging is too old to be alive). */
  const abandoned = (s: { document_id: string; pid: number; started_at: string }) =>
    s.pid === process.pid ? !stagingNow.has(s.document_id) : !pidAlive(s.pid) || ctx.now().getTime() - Date.parse(s.started_at) > STAGING_ABANDONED_MS;
  // Stagings left by a process that ended mid-import are cleared as the workspace opens.
  if (ctx.writable) {
    try {
      const left = db
        .prepare<[], { document_id: string; pid: number; started_at: string; sha256: string }>('SELECT s.document_id, s.pid, s.started_at, d.sha256 FROM document_staging s JOIN documents d ON d.id = s.document_id')
        .all();
      const gone = left.filter(abandoned);
      if (gone.length) ctx.writeTransaction(() => gone.forEach((s) => dropStaged(s.document_id)));
      // Its blob too, unless another document rests on it. An import of the same file starting
      // now in another process stores the blob again before it writes a row (see import below).
      for (const s of gone) if (!blobInUse.get(s.sha256)) removeBlob(ctx.paths.blobs, s.sha256);
    } catch {
      // A busy or full database: cleared the next time, and the files can still be imported.
    }
  }

  /** A document the case holds, or one its highlights still rest on (a removed or replaced version its evidence opens). */
  function viewable(caseId: string, documentId: string): void {
    cases.get(caseId);
    const held =
      db.prepare('SELECT 1 FROM case_documents WHERE case_id = ? AND document_id = ?').get(caseId, documentId) ||
      db.prepare('SELECT 1 FROM annotations WHERE case_id = ? AND document_id = ? LIMIT 1').get(caseId, documentId);
    if (!held) throw new ServiceError('not_found', `No document ${documentId} in this case.`);
  }

  /** Whether the stored copy of the document opens with `password` (opened apart, in the extractor's process). */
  const opensStored = (row: DocumentRow, password: string) =>
    opensWithPassword({ path: blobPath(ctx.paths.blobs, row.sha256), byteLength: row.byte_size, sha256: row.sha256 }, password, { workerPath });

  function get(id: string): DocumentRecord {
    const row = byId.get(id);
    if (!row) throw new ServiceError('not_found', `No document with id ${id} in this workspace.`);
    return toRecord(row);
  }

  const insertDoc = db.prepare(
    `INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, pages_needing_ocr, title, original_name,
       has_scripts, extractor_version, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPage = db.prepare('INSERT INTO pages (document_id, page_index, text, items, needs_ocr) VALUES (?, ?, ?, ?, ?)');
  const link = db.prepare('INSERT OR IGNORE INTO case_documents (case_id, document_id, added_by, added_at) VALUES (?, ?, ?, ?)');
  const passwords = createDocumentPasswords(db);

  /**
   * The document's row, staged: page_count and title are final, its pages follow a slice at a time.
   * `password`: the one that opened an encrypted file, kept with it (document-passwords.ts).
   */
  function stage(id: string, sha: string, size: number, name: string, x: Extracted, hasScripts: boolean, password: string | null) {
    const at = ctx.now().toISOString();
    const ocr = x.pages.filter((p) => p.needsOcr).length;
    // The first pages are read in index order whatever order the workers finished them in.
    const firstPages = x.pages.filter((p) => p.index < 2).sort((a, b) => a.index - b.index).map((p) => p.text);
    // PDF metadata and file names are the author's text: a title never keeps control characters.
    const title = stripNameControls(documentTitle(x.title, firstPages, name).title).trim() || 'Untitled document';
    insertDoc.run(id, sha, x.fingerprint, size, x.numPages, ocr, title, name, hasScripts ? 1 : 0, EXTRACTOR_VERSION, ctx.actor, at);
    insertStaging.run(id, process.pid, at);
    if (password !== null) passwords.remember(id, password);
  }

  /**
   * The pages in slices of at most STAGE_SLICE pages or characters (a page is never split), each
   * page's boxes serialised as its slice is taken: that work too is spread over the turns.
   */
  function* slices(pages: Extracted['pages']): Generator<Array<{ page: Extracted['pages'][number]; items: string }>> {
    let slice: Array<{ page: Extracted['pages'][number]; items: string }> = [];
    let chars = 0;
    for (const page of pages) {
      const items = JSON.stringify({ w: page.width, h: page.height, items: page.items });
      slice.push({ page, items });
      chars += items.length + page.text.length;
      if (slice.length >= STAGE_SLICE.pages || chars >= STAGE_SLICE.chars) {
        yield slice;
        slice = [];
        chars = 0;
      }
    }
    if (slice.length) yield slice;
  }

  /** The staged document becomes the case's: linked, queued for OCR and audited in one commit. */
  function finish(caseId: string, id: string, x: Extracted) {
    endStaging.run(id);
    // In the same transaction: a document is never linked without its pages' place in the OCR queue.
    ocrHooks?.enqueueImported(id, x.pages.filter((p) => p.needsOcr).map((p) => p.index));
    link.run(caseId, id, ctx.actor, ctx.now().toISOString());
    cases.touch(caseId);
    ctx.recordChange('documents.import', caseId, 'document', id, toRecord(byId.get(id)!));
  }

  async function importOne(
    caseId: string,
    file: string,
    fileIndex: number,
    fileCount: number,
    importId: string,
    password: string | undefined,
    signal: AbortSignal,
  ): Promise<ImportFileResult> {
    const name = path.basename(file);
    const progress = (phase: 'reading' | 'extracting' | 'indexing' | 'done' | 'failed', pagesDone = 0, pagesTotal = 0) =>
      ctx.emit('import.progress', { importId, caseId, file: name, fileIndex, fileCount, pagesDone, pagesTotal, phase });
    const failed = (code: string, message: string): ImportFileResult => {
      progress('failed');
      return { ok: false, file, code, message: `${name}: ${message}` };
    };
    progress('reading');
    let bytes: Uint8Array;
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) return failed('unreadable', 'This is a folder, not a file. Choose the PDF files inside it.');
      // Read, hashed and stored off the main thread or a slice at a time: a scan can be 100 MB.
      bytes = new Uint8Array(await fs.promises.readFile(file));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'The file does not exist (moved or renamed?).' : code === 'EACCES' ? 'You do not have permission to read this file.' : `It cannot be read (${code ?? String(err)}).`;
      return failed('unreadable', why);
    }
    const problem = checkPdfStructure(bytes);
    if (problem) return failed(problem.code, problem.reason);

    const sha = await sha256HexAsync(bytes);
    const linkExisting = (existing: DocumentRow): ImportFileResult => {
      link.run(caseId, existing.id, ctx.actor, ctx.now().toISOString());
      cases.touch(caseId);
      ctx.recordChange('documents.import', caseId, 'document', existing.id, toRecord(existing));
      return { ok: true, file, document: toRecord(existing), alreadyInWorkspace: true };
    };
    const existing = bySha.get(sha);
    // The same encrypted file imported again with its password, when the workspace has none for
    // it (imported before passwords were kept): kept now, if it opens the stored copy.
    const keepForExisting =
      existing && password && passwords.get(existing.id) === null && (await mentionsEncryption(bytes)) && (await opensStored(existing, password).catch(() => false)) ? password : null;
    if (existing) {
      const linked = ctx.writeTransaction(() => {
        if (keepForExisting !== null) passwords.remember(existing.id, keepForExisting);
        return linkExisting(existing);
      });
      progress('done', existing.page_count, existing.page_count);
      return linked;
    }

    // Stored first, so the extractors read the stored copy themselves (bytes sent to a child are
    // serialised on this thread). A file that fails from here on leaves no blob behind (unless
    // another process's document now rests on it).
    let wroteBlob = false;
    const forgetBlob = () => {
      // A workspace closed mid-import cannot say whether a row rests on the blob: it stays, and
      // the next import of the file finds it (its reader checks its hash).
      if (wroteBlob && db.open && !blobInUse.get(sha)) removeBlob(ctx.paths.blobs, sha);
      wroteBlob = false;
    };
    const storageFailure = (err: unknown): ImportFileResult => {
      forgetBlob();
      const plain = storageError(err);
      if (plain) return failed('storage', plain.message);
      return failed('storage', `It could not be saved in the workspace (${err instanceof Error ? err.message : String(err)}). Nothing was changed.`);
    };
    try {
      wroteBlob = await putBlobAsync(ctx.paths.blobs, ctx.paths.tmp, sha, bytes);
    } catch (err) {
      return storageFailure(err);
    }

    let extracted: Extracted;
    try {
      extracted = await extractPdf(
        { path: blobPath(ctx.paths.blobs, sha), byteLength: bytes.byteLength, sha256: sha },
        {
          workerPath,
          workers: ctx.config.extractWorkers,
          pageLimit: ctx.config.pageLimit,
          password,
          signal,
          onOpened: (n) => progress('extracting', 0, n),
          onPage: (done, total) => {
            // Every page for short files; every 1% for long ones, so the UI is not flooded.
            if (total < 100 || done % Math.ceil(total / 100) === 0 || done === total) progress('extracting', done, total);
          },
        },
      );
    } catch (err) {
      // A stored copy that is not this file (left by a crash, or altered) is no one's blob unless
      // a row rests on it: removed, so importing the file again stores it afresh.
      if (err instanceof ExtractionError && err.code === 'stored_copy') wroteBlob = true;
      forgetBlob();
      if (err instanceof ExtractionError) {
        return failed(err.code, extractionMessage(err));
      }
      throw err;
    }
    if (signal.aborted) {
      forgetBlob();
      return failed('cancelled', CANCELLED);
    }

    progress('indexing', extracted.numPages, extracted.numPages);
    const id = ctx.newId();
    try {
      const active = extracted.hasScripts || (await mentionsActiveContent(bytes));
      // The password opened the file (extraction would have failed otherwise): kept when the file needs it.
      const keptPassword = password !== undefined && password !== '' && (await mentionsEncryption(bytes)) ? password : null;
      // Another import of the same file that failed meanwhile removed the blob it found unused:
      // stored again (one stat when it is there), so no row is ever written without its blob.
      wroteBlob = (await putBlobAsync(ctx.paths.blobs, ctx.paths.tmp, sha, bytes)) || wroteBlob;
      // Under the write lock: another process may have stored the same file while this one
      // extracted it. Asked again under the lock, that copy is linked instead (and the blob, now
      // its blob, stays); one still being staged elsewhere is waited for by the person, not here.
      const raced = ctx.writeTransaction(() => {
        const stored = bySha.get(sha);
        if (stored) return linkExisting(stored);
        const staged = stagedBySha.get(sha);
        if (staged && abandoned(staged)) dropStaged(staged.document_id);
        else if (staged) throw new StagedElsewhere();
        stage(id, sha, bytes.byteLength, name, extracted, active, keptPassword);
        return null;
      });
      if (raced) {
        progress('done', extracted.numPages, extracted.numPages);
        return raced;
      }
    } catch (err) {
      if (err instanceof StagedElsewhere) {
        forgetBlob();
        return failed('busy', 'This file is being stored by another import right now (in another window or a credence command). Import it again when that one finishes: it will be added to this case without a second copy.');
      }
      return storageFailure(err);
    }
    stagingNow.add(id);
    try {
      for (const slice of slices(extracted.pages)) {
        if (signal.aborted) throw new ImportCancelled();
        ctx.writeTransaction(() => {
          for (const { page, items } of slice) insertPage.run(id, page.index, page.text, items, page.needsOcr ? 1 : 0);
        });
        await nextTurn();
      }
      if (signal.aborted) throw new ImportCancelled();
      ctx.writeTransaction(() => finish(caseId, id, extracted));
    } catch (err) {
      // Nothing of the document stays: not its staged rows, not its blob (unless another rests on it).
      // A workspace closed meanwhile keeps the staging, cleared when it opens again.
      try {
        if (db.open) ctx.writeTransaction(() => dropStaged(id));
      } catch {
        // Cleared when the workspace next opens, or when the file is imported again.
      }
      if (err instanceof ImportCancelled) {
        forgetBlob();
        return failed('cancelled', CANCELLED);
      }
      return storageFailure(err);
    } finally {
      stagingNow.delete(id);
    }
    progress('done', extracted.numPages, extracted.numPages);
    return { ok: true, file, document: get(id), alreadyInWorkspace: false };
  }

  return {
    get,
    /**
     * Whether an import is storing this file right now (a bundle naming it waits for that). A
     * staging left by a process that has ended is cleared instead, and the answer is no.
     */
    stagingInProgress(sha: string): boolean {
      const staged = stagedBySha.get(sha);
      if (!staged) return false;
      if (!abandoned(staged)) return true;
      ctx.writeTransaction(() => dropStaged(staged.document_id));
      return false;
    },
    list(input: ParsedInput<'documents.list'>): DocumentListItem[] {
      cases.get(input.caseId);
      return db
        .prepare<[string], DocumentRow>(
          `SELECT d.* FROM documents d JOIN case_documents cd ON cd.document_id = d.id WHERE cd.case_id = ? ORDER BY cd.added_at, d.title`,
        )
        .all(input.caseId)
        .map((r) => ({ ...toRecord(r), ocr: ocrHooks?.summary(r.id) ?? null, scannerText: ocrHooks?.scannerText?.(r.id) ?? null }));
    },
    async import(input: ParsedInput<'documents.import'>): Promise<ImportFileResult[]> {
      const c = cases.get(input.caseId);
      if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it before adding documents.');
      const importId = input.importId ?? ctx.newId();
      if (running.has(importId)) throw new ServiceError('conflict', 'An import with this id is already running.');
      const controller = new AbortController();
      running.set(importId, controller);
      try {
        const results: ImportFileResult[] = [];
        for (const [i, raw] of input.paths.entries()) {
          const file = path.resolve(raw);
          if (controller.signal.aborted) {
            results.push({ ok: false, file, code: 'cancelled', message: `${path.basename(file)}: ${CANCELLED}` });
            continue;
          }
          results.push(await importOne(input.caseId, file, i, input.paths.length, importId, input.password, controller.signal));
        }
        ocrHooks?.afterImport();
        return results;
      } finally {
        running.delete(importId);
      }
    },
    /**
     * Dropped files arrive as bytes: each is written under the workspace's tmp folder with its
     * own name (reduced to a plain file name), imported like any other file, then removed.
     */
    async importFiles(input: ParsedInput<'documents.importFiles'>): Promise<ImportFileResult[]> {
      const dir = path.join(ctx.paths.tmp, `drop-${ctx.newId()}`);
      const paths = input.files.map((f, i) => {
        const safe = path.basename(f.name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '').trim() || 'dropped.pdf';
        const p = path.join(dir, String(i), safe);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, f.bytes);
        return p;
      });
      try {
        const results = await this.import({ caseId: input.caseId, paths, password: input.password, importId: input.importId });
        return results.map((r, i) => ({ ...r, file: input.files[i]!.name }));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    cancel(importId: string): boolean {
      const c = running.get(importId);
      c?.abort();
      return !!c;
    },
    /** The workspace is closing: every import running is cancelled, which ends its extractor processes. */
    cancelAll(): void {
      for (const c of running.values()) c.abort();
    },
    update(input: ParsedInput<'documents.update'>): DocumentRecord {
      const d = get(input.id);
      db.prepare('UPDATE documents SET title = ?, agency_doc_number = ?, effective_date = ? WHERE id = ?').run(
        input.title ?? d.title,
        input.agencyDocNumber !== undefined ? input.agencyDocNumber : d.agencyDocNumber,
        input.effectiveDate !== undefined ? input.effectiveDate : d.effectiveDate,
        input.id,
      );
      return get(input.id);
    },
    /**
     * Takes a document out of one case: only the link goes; other cases keep the document, and
     * this case's highlights on it stay, read as document-removed, so undo brings them back.
     */
    removeFromCase(input: ParsedInput<'documents.removeFromCase'>) {
      const c = cases.get(input.caseId);
      if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it before changing its documents.');
      const d = get(input.documentId);
      if (!db.prepare('SELECT 1 FROM case_documents WHERE case_id = ? AND document_id = ?').get(input.caseId, input.documentId)) {
        throw new ServiceError('not_found', `“${d.title}” is not in this case (already removed?).`);
      }
      const evidence = `SELECT id FROM annotations WHERE case_id = ? AND document_id = ? AND status != 'deleted'`;
      const highlights = (db.prepare(`SELECT count(*) AS n FROM (${evidence})`).get(input.caseId, input.documentId) as { n: number }).n;
      const determinations = (db.prepare(`SELECT count(DISTINCT item_id) AS n FROM determination_evidence WHERE case_id = ? AND annotation_id IN (${evidence})`).get(input.caseId, input.caseId, input.documentId) as { n: number }).n;
      db.transaction(() => {
        db.prepare('DELETE FROM case_documents WHERE case_id = ? AND document_id = ?').run(input.caseId, input.documentId);
        cases.touch(input.caseId);
      })();
      return { caseId: input.caseId, documentId: input.documentId, title: d.title, highlights, determinations };
    },
    /** Undo of removeFromCase: only for a document this case held before (its trail or its highlights say so). */
    restoreToCase(input: ParsedInput<'documents.restoreToCase'>): DocumentRecord {
      const c = cases.get(input.caseId);
      if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it before changing its documents.');
      const d = get(input.documentId);
      if (db.prepare('SELECT 1 FROM case_documents WHERE case_id = ? AND document_id = ?').get(input.caseId, input.documentId)) {
        throw new ServiceError('conflict', `“${d.title}” is already in this case.`);
      }
      const heldBefore =
        db.prepare(`SELECT 1 FROM audit_log WHERE case_id = ? AND entity = 'document' AND entity_id = ? LIMIT 1`).get(input.caseId, input.documentId) ||
        db.prepare('SELECT 1 FROM annotations WHERE case_id = ? AND document_id = ? LIMIT 1').get(input.caseId, input.documentId);
      if (!heldBefore) throw new ServiceError('not_found', `“${d.title}” was never in this case. Import it to add it.`);
      db.transaction(() => {
        link.run(input.caseId, input.documentId, ctx.actor, ctx.now().toISOString());
        cases.touch(input.caseId);
      })();
      return d;
    },
    /** The password kept with an encrypted document the case can open (document-passwords.ts). */
    password(input: ParsedInput<'documents.password'>): { password: string | null } {
      viewable(input.caseId, input.documentId);
      return { password: passwords.get(input.documentId) };
    },
    /**
     * Keeps a password a person typed for an encrypted document (the viewer, `credence ocr
     * --password`), once the stored file opens with it here: a typo never replaces a password
     * that works. The file's own property, not a step of the review: it is not in the case's
     * trail and reopens nothing.
     */
    async rememberPassword(input: ParsedInput<'documents.rememberPassword'>): Promise<void> {
      viewable(input.caseId, input.documentId);
      const row = byId.get(input.documentId)!;
      if (!(await opensStored(row, input.password))) {
        throw new ServiceError('invalid_input', 'That password does not open this PDF. Check it with the agency and try again (a password already kept with it is unchanged).', { password: 'does not open the file' });
      }
      ctx.writeTransaction(() => passwords.remember(input.documentId, input.password));
    },
    /** Absolute path of a document's bytes, for the app:// protocol. Null when unknown. */
    blobFor(documentId: string): string | null {
      const row = byId.get(documentId);
      return row ? blobPath(ctx.paths.blobs, row.sha256) : null;
    },
  };
}
export type DocumentsService = ReturnType<typeof createDocumentsService>;
