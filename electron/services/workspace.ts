// Opens a workspace (data folder) and wires the services into the one handler map that every
// transport dispatches to. Used by the Electron main process, the CLI and the tests alike.
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../db/open.ts';
import { startWalCheckpointer, type WalCheckpointer } from '../db/wal-checkpointer.ts';
import { createScannerTextSurvey } from './documents/scanner-text-survey.ts';
import type { MigrationReport } from '../db/migrate.ts';
import { createDispatcher, type Dispatch, type Handlers } from '../api/dispatcher.ts';
import type { EventName, EventPayload } from '../../shared/contract.ts';
import type { ServiceContext, WorkspacePaths } from './context.ts';
import { createCasesService } from './cases/cases-service.ts';
import { createDocumentsService } from './documents/documents-service.ts';
import { createSearchService } from './search/search-service.ts';
import { SOURCE_WORKER_PATH } from './extraction/extract-pool.ts';
import { createOcrService, SOURCE_RENDER_WORKER_PATH } from './ocr/ocr-service.ts';
import { ocrLimitsFromEnv, type OcrLimits } from './ocr/limits.ts';
import type { OcrPool } from './ocr/engine.ts';
import { readMeta } from './meta.ts';
import { createPacks, SOURCE_PACKS_DIR } from './checklists/packs.ts';
import { createChecklistService } from './checklists/checklist-service.ts';
import { createAnnotationsService } from './annotations/annotations-service.ts';
import { createCaseLint } from './lint/case-lint.ts';
import { createPrereview } from './prereview/prereview-service.ts';
import { createScorecard } from './prereview/scorecard-service.ts';
import { carryAfterOcr, carryForwardInPlace, createCarryForward, settleWaitingCarries } from './annotations/carry-forward.ts';
import { createRubricsService, SOURCE_RUBRICS_DIR } from './rubrics/rubrics-service.ts';
import { createIdentities } from './identity/identities-service.ts';
import { createAudit } from './audit/audit-service.ts';
import { createReview } from './review/review-service.ts';
import { createHistory } from './audit/history.ts';
import { readPacketFile, verifyPacket } from './packet/verify.ts';
import { createSession, HOW_TO_CHOOSE } from './identity/session.ts';
import { ACTS } from './identity/acting.ts';
import { createBundles } from './bundle/bundle.ts';
import { ServiceError } from '../../shared/result.ts';
import type { FilePurpose, Method } from '../../shared/contract.ts';
import { createFileHandles } from './file-handles.ts';
import { stripNameControls } from '../../shared/schemas/text.ts';
import { READ_ONLY_MESSAGE, storageError, workspaceFsError } from '../db/storage-errors.ts';
import { acquireAppLock, createProcessTmp, prepareFolder, type AccessCheck } from './workspace-folder.ts';
import { keepMainHeapSteady } from './main-thread-heap.ts';
import { lowerHelperThreadsOnce } from './background-priority.ts';

export const APP_VERSION = '0.1.0';

export interface WorkspaceOptions {
  dataDir: string;
  /** Which front end speaks, so a refusal for want of an identity says how to choose one there. */
  transport?: 'app' | 'cli';
  emit?: ServiceContext['emit'];
  workerPath?: string;
  /** The built pre-review worker (the app's); tests and the CLI run its source. */
  prereviewWorkerPath?: string;
  /** The built WAL checkpoint worker (the app's); tests run its source. */
  checkpointWorkerPath?: string;
  /** Folder of the bundled checklist packs (resources/checklists). */
  packsDir?: string;
  /** Folder of the bundled rubric packs (resources/rubrics). */
  rubricsDir?: string;
  pageLimit?: number;
  now?: () => Date;
  /** What only a desktop window can do (file chooser); other transports answer plainly. */
  platform?: {
    choosePdfs(): Promise<string[]>;
    choosePacketPath?(defaultName: string): Promise<string | null>;
    choosePacket?(): Promise<string | null>;
    chooseBundleSavePath?(defaultName: string): Promise<string | null>;
    chooseBundle?(): Promise<string | null>;
    chooseFile?(title: string, extensions: string[], kind: string): Promise<string | null>;
  };
  /** Clock for dialog handles' lifetime (tests move it). */
  clock?: () => number;
  log?: (msg: string, err: unknown) => void;
  /** The desktop app takes the workspace lock: one app per workspace (the CLI beside it is fine). */
  appLock?: boolean;
  /** How writability is checked (fs.accessSync); tests stand in for a read-only folder with it. */
  access?: AccessCheck;
  ocr?: {
    /**
     * Read pages in the background as soon as they are imported, and resume pending pages when
     * the workspace opens (the app). Otherwise pages wait until ocr.run or services.ocr.start().
     */
    auto?: boolean;
    limits?: Partial<OcrLimits>;
    poolSize?: number;
    /** The built render worker (the app); its source otherwise. */
    renderWorkerPath?: string;
    /** The built tesseract worker (the app); its source otherwise. */
    tesseractWorkerPath?: string;
    /** The built OCR engine process (the app); its source otherwise. */
    engineHostPath?: string;
    createPool?: (cacheDir: string) => OcrPool;
  };
}

export function workspacePaths(dataDir: string): WorkspacePaths {
  const root = path.resolve(dataDir);
  return {
    dataDir: root,
    database: path.join(root, 'credence.sqlite'),
    blobs: path.join(root, 'blobs'),
    tmp: path.join(root, 'tmp'),
    backups: path.join(root, 'backups'),
  };
}

export function openWorkspace(opts: WorkspaceOptions) {
  if (!opts.dataDir.trim()) throw new Error('No workspace folder was given. Choose one with --data-dir or CREDENCE_DATA_DIR.');
  keepMainHeapSteady();
  lowerHelperThreadsOnce();
  const paths = workspacePaths(opts.dataDir);
  const { writable } = prepareFolder(paths, opts.access);
  const releaseLock = writable && opts.appLock ? acquireAppLock(paths.dataDir) : () => {};
  let db: Db;
  let migration: MigrationReport;
  let ownTmp: string | null = null;
  try {
    if (writable) paths.tmp = ownTmp = createProcessTmp(paths.tmp);
    ({ db, migration } = openDatabase(paths.database, { backupDir: paths.backups, now: opts.now, readonly: !writable }));
  } catch (err) {
    releaseLock();
    if (ownTmp) fs.rmSync(ownTmp, { recursive: true, force: true });
    const plain = storageError(err);
    throw plain ? new Error(plain.message) : err;
  }
  // The app's WAL is checkpointed off the main thread (wal-checkpointer.ts); the CLI keeps
  // SQLite's automatic checkpoints.
  let checkpointer: WalCheckpointer | null = null;
  if (writable && (opts.transport ?? 'app') === 'app') {
    try {
      checkpointer = startWalCheckpointer(db, paths.database, { workerPath: opts.checkpointWorkerPath });
    } catch (err) {
      // No worker thread to be had: SQLite's own checkpoints, on this connection, as before.
      opts.log?.('The WAL checkpoint worker could not start; checkpoints stay on the main thread.', err);
    }
  }
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const ctx: ServiceContext = {
    db,
    paths,
    now: opts.now ?? (() => new Date()),
    newId: () => crypto.randomUUID(),
    actor: '',
    actorFingerprint: null,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      opts.emit?.(event, payload);
      for (const l of listeners) l(event, payload);
    },
    config: { pageLimit: opts.pageLimit ?? pageLimitFromEnv(), extractWorkers: Math.min(2, Math.max(1, os.availableParallelism())) },
    writable,
    writeTransaction: (fn) => db.transaction(fn).immediate(),
    // Bound below, once the audit trail and the workflow exist.
    recordChange: () => {
      throw new Error('The audit trail is not ready yet.');
    },
  };
  const cases = createCasesService(ctx);
  const ocrAuto = opts.ocr?.auto ?? false;
  // Bound below, once the lint (whose pre-review results rest on page text) exists.
  let textChanged = (_documentId: string) => {};
  const ocr = createOcrService(ctx, cases, {
    limits: ocrLimitsFromEnv(process.env, opts.ocr?.limits),
    renderWorkerPath: opts.ocr?.renderWorkerPath ?? SOURCE_RENDER_WORKER_PATH,
    tesseractWorkerPath: opts.ocr?.tesseractWorkerPath,
    engineHostPath: opts.ocr?.engineHostPath,
    poolSize: opts.ocr?.poolSize,
    createPool: opts.ocr?.createPool,
    onTextChanged: (d) => textChanged(d),
    // A page's text landed or was read again: the document's highlights follow their words.
    onPageText: (d, pages, why) => carryForwardInPlace(ctx, d, pages, why === 'file-text' ? 'annotations.backToFileText' : 'annotations.reread'),
    // The document's OCR ended: a revision that replaced another takes its highlights now, recorded
    // under its own name (not the call, e.g. ocr.cancel, that happened to end it).
    onPageSettled: (d) => call.exit(() => carryAfterOcr(ctx, d)),
  });
  // Pages whose text is a scanner's own OCR, looked for in the app after each import and as the
  // workspace opens (documents imported before, or by the CLI, which looks only when it imports):
  // the documents list and sources.json say so.
  const casesOfDocument = db.prepare<[string], string>('SELECT case_id FROM case_documents WHERE document_id = ?').pluck();
  const documentsOfCase = db.prepare<[string], string>('SELECT document_id FROM case_documents WHERE case_id = ?').pluck();
  const scannerSurvey = createScannerTextSurvey(ctx, {
    workerPath: opts.workerPath ?? SOURCE_WORKER_PATH,
    onSurveyed: (d, found) => {
      if (found === 0) return;
      for (const caseId of casesOfDocument.all(d)) ctx.emit('documents.surveyed', { caseId, documentId: d, scannerPages: found });
    },
  });
  /** Every document of the case looked at for a scanner's text, if not yet (a read-only workspace looks at none). */
  const surveyCase = (caseId: string) => (writable ? scannerSurvey.complete(documentsOfCase.all(caseId)) : Promise.resolve());
  const documents = createDocumentsService(ctx, cases, opts.workerPath ?? SOURCE_WORKER_PATH, {
    enqueueImported: (d, pages) => ocr.enqueueImported(d, pages),
    summary: (d) => ocr.summary(d),
    scannerText: (d) => scannerSurvey.scannerText(d),
    afterImport: () => {
      // Outside the import call's context: the background reading is not part of the import, and
      // what it records (highlights carried to new text) is recorded under its own name.
      if (ocrAuto) call.exit(() => ocr.start());
      if (ocrAuto) scannerSurvey.start();
    },
  });
  const search = createSearchService(ctx, cases);
  const packs = createPacks(ctx, opts.packsDir ?? SOURCE_PACKS_DIR);
  const checklist = createChecklistService(ctx, cases, packs);
  // Rubrics are created below; a highlight's criteria are checked against them only when one is made.
  const annotations = createAnnotationsService(ctx, cases, checklist.itemExists, (caseId, ref) => rubrics.criterionExists(caseId, ref));
  const prereview = createPrereview(ctx, cases, checklist, annotations, { workerPath: opts.prereviewWorkerPath });
  // A window wants its new documents pre-reviewed before it asks; a CLI command ends first.
  const backgroundPrereview = (opts.transport ?? 'app') === 'app';
  const lint = createCaseLint(ctx, cases, prereview);
  const scorecard = createScorecard(prereview);
  // A document's text changed (a page read by OCR): its stored pre-review no longer matches its text
  // hash and is read again when next asked; the app reads it at once when the document is finished.
  textChanged = (d) => {
    // No OCR rows at all (the last page put back on the file's text) is finished too.
    if (backgroundPrereview && (ocr.summary(d)?.pending ?? 0) === 0) void prereview.resultAsync(d).catch(() => {});
  };
  const carryForward = createCarryForward(ctx, documents);
  const rubrics = createRubricsService(ctx, cases, opts.rubricsDir ?? SOURCE_RUBRICS_DIR);
  const identities = createIdentities(ctx);
  const audit = createAudit(ctx);
  const session = createSession(ctx, identities, HOW_TO_CHOOSE[opts.transport ?? 'app']);
  const review = createReview(ctx, { cases, checklist, identities, rubrics, audit, session, scorecard });
  const bundles = createBundles(ctx, {
    identities,
    documents,
    audit,
    current: () => session.current,
    ocr: {
      enqueueImported: (d, pages) => ocr.enqueueImported(d, pages),
      settle: (d) => carryAfterOcr(ctx, d),
      retryLocked: (d) => ocr.retryLocked(d, { start: false }),
      afterImport: () => {
        if (ocrAuto) call.exit(() => ocr.start());
        if (ocrAuto) scannerSurvey.start();
      },
    },
  });
  const history = createHistory(ctx, { audit, cases, checklist, documents, rubrics });
  const services = { cases, documents, ocr, scannerSurvey, search, packs, checklist, annotations, lint, prereview, rubrics, identities, audit, review, session };

  // Files from a window arrive as dialog handles, from the CLI as paths; services see paths.
  const handles = createFileHandles(opts.clock);
  const offer = (purpose: FilePurpose, file: string | null) => (file ? handles.issue(file, purpose) : null);
  const fileOf = (i: { path: string } | { handle: string }, purpose: FilePurpose) => ('path' in i ? i.path : handles.take(i.handle, purpose));
  const PICKS: Record<'checklist-pack' | 'rubric-pack' | 'roster-key', [title: string, kind: string, ext: string]> = {
    'checklist-pack': ['Install a checklist pack', 'Checklist pack', 'json'],
    'rubric-pack': ['Install a rubric pack', 'Rubric pack', 'json'],
    'roster-key': ['Trust a review lead’s public key', 'Public key', 'pem'],
  };

  // A file written for the window: the page is told its name, never the folder it went to (the
  // person chose it in main's own dialog; a page has no use for the path, and a compromised one
  // would learn the layout of the disk). The CLI, in the user's own shell, gets the path too.
  const local = <T extends { path: string }>(r: T) => ({ ...r, name: path.basename(r.path) });
  const forWindow = <T extends { path: string }>(file: string, write: () => T): Omit<T, 'path'> & { name: string } => {
    let r: T;
    try {
      r = write();
    } catch (err) {
      if (err instanceof ServiceError) throw new ServiceError(err.code, err.message.split(file).join(path.basename(file)).split(path.dirname(file)).join('…'), err.fields);
      throw err;
    }
    const { path: _written, ...rest } = r;
    return { ...rest, name: path.basename(file) };
  };
  const handlers: Handlers = {
    'app.info': () => ({ version: APP_VERSION, dataDir: paths.dataDir, sampleCaseId: readMeta(db, 'sample_case_id'), actor: ctx.actor }),
    'cases.list': (i) => cases.list(i),
    'cases.get': (i) => cases.get(i.id),
    'cases.create': (i) => cases.create(i),
    'cases.update': (i) => cases.update(i),
    'cases.archive': (i) => cases.archive(i),
    'cases.delete': (i) => cases.remove(i),
    'documents.list': (i) => documents.list(i),
    'documents.import': async (i) => {
      if (!('handles' in i)) return documents.import(i);
      // Spend every handle before the first file is read, so a bad one refuses the whole batch.
      const paths = i.handles.map((h) => handles.take(h, 'pdf'));
      const results = await documents.import({ caseId: i.caseId, paths, password: i.password, importId: i.importId });
      // A file that needs its password is still the person's choice: the window asks for the
      // password and tries the same file again through a fresh single-use handle.
      const needsPassword = (r: (typeof results)[number]) => !r.ok && (r.code === 'password_required' || r.code === 'password_incorrect');
      return results.map((r) => ({ ...r, file: path.basename(r.file), ...(needsPassword(r) ? { retryHandle: handles.issue(r.file, 'pdf').handle } : {}) }));
    },
    'documents.importFiles': (i) => documents.importFiles(i),
    'documents.replace': (i) => carryForward.replace({ caseId: i.caseId, documentId: i.documentId, path: fileOf(i, 'pdf'), password: i.password }),
    'dialog.choosePdf': async () => {
      if (!opts.platform) throw new ServiceError('invalid_input', 'The file chooser exists only in the desktop app. Pass a file path instead.');
      return offer('pdf', (await opts.platform.choosePdfs())[0] ?? null);
    },
    'dialog.chooseBundleDestination': async (i) => {
      if (!opts.platform?.chooseBundleSavePath) throw new ServiceError('invalid_input', 'The file chooser exists only in the desktop app.');
      return offer('bundle-save', await opts.platform.chooseBundleSavePath(path.basename(i.defaultName)));
    },
    'dialog.chooseBundle': async () => {
      if (!opts.platform?.chooseBundle) throw new ServiceError('invalid_input', 'The file chooser exists only in the desktop app.');
      return offer('bundle-open', await opts.platform.chooseBundle());
    },
    'dialog.chooseFile': async (i) => {
      if (!opts.platform?.chooseFile) throw new ServiceError('invalid_input', 'The file chooser exists only in the desktop app.');
      const [title, kind, ext] = PICKS[i.purpose];
      return offer(i.purpose, await opts.platform.chooseFile(title, [ext], kind));
    },
    'dialog.choosePacket': async () => {
      if (!opts.platform?.choosePacket) throw new ServiceError('invalid_input', 'The file chooser exists only in the desktop app. Pass the packet path instead.');
      return offer('packet-open', await opts.platform.choosePacket());
    },
    'documents.cancelImport': (i) => ({ cancelled: documents.cancel(i.importId) }),
    'documents.password': (i) => documents.password(i),
    // Kept, then the scanned pages that could not be drawn without it are read again. Not a
    // change to the review (not audited, reopens nothing): any person may do it, in any case
    // state, but only in a workspace that can be written.
    'documents.rememberPassword': async (i) => {
      refuseIfReadOnly();
      await documents.rememberPassword(i);
      // A look for a scanner's text that the missing password stopped is made now.
      scannerSurvey.retryFailed(i.documentId);
      return ocr.retryLocked(i.documentId);
    },
    'documents.update': (i) => documents.update(i),
    'documents.removeFromCase': (i) => documents.removeFromCase(i),
    'documents.restoreToCase': (i) => documents.restoreToCase(i),
    'dialog.choosePdfs': async () => {
      if (!opts.platform) throw new ServiceError('invalid_input', 'The file chooser exists only in the desktop app. Pass file paths instead.');
      return (await opts.platform.choosePdfs()).map((f) => handles.issue(f, 'pdf'));
    },
    'search.query': (i) => search.query(i),
    'ocr.pageWords': (i) => ocr.pageWords(i),
    'ocr.run': (i) => ocr.run(i),
    'ocr.cancel': (i) => ocr.cancel(i),
    'ocr.readTextLayer': (i) => ocr.readTextLayer(i),
    'ocr.useFileText': (i) => ocr.useFileText(i),
    'checklists.packs': () => packs.list(),
    'checklists.importPack': (i) => packs.import(fileOf(i, 'checklist-pack')),
    'checklists.forCase': (i) => checklist.forCase(i.caseId),
    'annotations.list': (i) => annotations.list(i),
    'annotations.create': (i) => annotations.create(i),
    'annotations.update': (i) => annotations.update(i),
    'annotations.delete': (i) => annotations.remove(i.id),
    'annotations.restore': (i) => annotations.restore(i.id),
    'determinations.set': (i) => checklist.determine(i),
    'determinations.clear': (i) => ({ cleared: checklist.clear(i.caseId, i.itemId) }),
    'lint.forCase': async (i) => lint.forCase(i.caseId),
    'rubrics.list': () => rubrics.list(),
    'rubrics.importPack': (i) => rubrics.import(fileOf(i, 'rubric-pack')),
    'rubrics.forCase': (i) => rubrics.own(i.caseId, i.scorer),
    'rubrics.score': (i) => rubrics.score(i),
    'rubrics.agreement': (i) => rubrics.agreement(i.caseId, i.rubricId),
    'rubrics.consensus': (i) => rubrics.consensus(i),
    'identity.create': (i) => identities.create(i),
    'identity.list': () => identities.list(),
    'identity.changePassphrase': (i) => identities.changePassphrase(i.identityId, i.current, i.next),
    'identity.use': (i) => session.use(i.identityId, i.passphrase),
    'identity.lock': () => session.lock(),
    'identity.current': () => session.current,
    'roster.import': (i) => {
      const file = fileOf(i, 'roster-key');
      // A file name can hold control characters too; the default name is stripped like a typed one.
      return identities.importRosterKey(file, i.name ?? (stripNameControls(path.basename(file).replace(/\.(pub\.)?pem$/i, '')).trim() || 'Imported key'));
    },
    'roster.list': () => identities.roster(),
    'review.state': (i) => review.state(i.caseId),
    'review.submit': (i) => review.submit(i.caseId),
    'review.return': (i) => review.returnCase(i.caseId, i.comment),
    'review.approve': (i) => review.approve(i.caseId),
    // What the lead signs over includes evidence resting on a scanner's text: every document of the
    // case is looked at first (at once in the app, where it was looked at after its import).
    'review.signSummary': async (i) => {
      await surveyCase(i.caseId);
      return review.signSummary(i.caseId);
    },
    'review.sign': async (i) => {
      // sources.json says which pages carry a scanner's text, and the gaps include evidence on it.
      await surveyCase(i.caseId);
      return review.sign(i.caseId, i.passphrase, i.acknowledge);
    },
    'review.export': async (i) => {
      if ('outPath' in i) return local(review.exportPacket(i.caseId, i.outPath));
      // From a window: main asks where in its own save dialog; the page never names the file.
      if (!opts.platform?.choosePacketPath) throw new ServiceError('invalid_input', 'Say where to write the packet (--out FILE.zip).');
      const c = cases.get(i.caseId);
      const out = await opts.platform.choosePacketPath(`${c.agencyName.replace(/[^A-Za-z0-9]+/g, '-')}-review-packet.zip`);
      if (!out) throw new ServiceError('cancelled', 'Export cancelled.');
      return forWindow(out, () => review.exportPacket(i.caseId, out));
    },
    'review.settings': (i) => review.settings(i),
    'bundle.export': (i) => {
      if ('outPath' in i) return local(bundles.export(i.caseId, i.outPath, i.passphrase));
      const out = handles.take(i.handle, 'bundle-save');
      return forWindow(out, () => bundles.export(i.caseId, out, i.passphrase));
    },
    'bundle.import': (i) => {
      const file = fileOf(i, 'bundle-open');
      try {
        return bundles.import(file, i.acceptUntrusted);
      } catch (err) {
        // Asking the person to confirm an unknown signer does not end their choice of file: a
        // fresh single-use handle for the same file lets the window ask, then try again.
        if ('handle' in i && err instanceof ServiceError && err.fields?.acceptUntrusted) {
          throw new ServiceError(err.code, err.message, { ...err.fields, handle: handles.issue(file, 'bundle-open').handle });
        }
        throw err;
      }
    },
    'audit.list': (i) => audit.list(i.caseId),
    'audit.verify': (i) => audit.verify(i.caseId),
    'audit.history': (i) => history.forCase(i.caseId),
    'packet.verify': (i) => {
      if (i.bytes) return verifyPacket(i.bytes, { nameOf: (fp) => identities.roster().find((k) => k.fingerprint === fp)?.name ?? null, source: 'your trust roster' });
      const file = 'handle' in i && i.handle ? handles.take(i.handle, 'packet-open') : (i as { path: string }).path;
      return verifyPacket(readPacketFile(file), { nameOf: (fp) => identities.roster().find((k) => k.fingerprint === fp)?.name ?? null, source: 'your trust roster' });
    },
    'lint.decide': (i) => lint.decide(i),
    'prereview.forCase': (i) => prereview.forCase(i.caseId),
    'prereview.decide': (i) => prereview.decide(i),
    // The determination, the highlights it accepts and its audit entry — worded "adopted", or
    // "adopted, edited" when the reviewer changed the status or rationale — in one transaction.
    'prereview.adopt': (i) => {
      refuseIfReadOnly();
      return ctx.writeTransaction(() => {
        const { record: out, edited } = prereview.adopt(i);
        record(edited ? 'prereview.adopt-edited' : 'prereview.adopt', { caseId: i.caseId, entity: 'determination', entityId: i.itemId }, out);
        return out;
      });
    },
    'prereview.scorecard': (i) => scorecard.forCase(i.caseId),
  };
  // Every change to a case goes into its audit trail; a change to an approved or signed case
  // reopens it. One place, around the handlers, so no service can forget (imports, which are
  // asynchronous, record theirs inside their own write transactions: see below).
  type Touch = { caseId: string; entity: string; entityId: string };
  const holding = db.prepare<[string], { case_id: string }>('SELECT case_id FROM case_documents WHERE document_id = ? ORDER BY case_id');
  /** The document, in the trail of each case it serves (a change to its text or name is each one's). */
  const casesHolding = (documentId: string): Touch[] => holding.all(documentId).map((r) => ({ caseId: r.case_id, entity: 'document', entityId: documentId }));
  const AUDITED: Partial<Record<Method, (input: any, out: any) => Touch[]>> = {
    'cases.create': (_i, o) => [{ caseId: o.id, entity: 'case', entityId: o.id }],
    'cases.update': (_i, o) => [{ caseId: o.id, entity: 'case', entityId: o.id }],
    'cases.archive': (_i, o) => [{ caseId: o.id, entity: 'case', entityId: o.id }],
    // A document can serve several cases: a rename is recorded in the trail of each.
    'documents.update': (i) => casesHolding(i.id),
    'documents.removeFromCase': (i) => [{ caseId: i.caseId, entity: 'document', entityId: i.documentId }],
    'documents.restoreToCase': (i) => [{ caseId: i.caseId, entity: 'document', entityId: i.documentId }],
    // The file's own text of these pages is to be replaced by OCR's: what the review rests on changes.
    // In every case holding the document: its text is theirs too.
    'ocr.readTextLayer': (i, o) => (o.queued > 0 ? casesHolding(i.documentId) : []),
    // Back to the file's own text: what the review rests on changes again, in every case holding it.
    'ocr.useFileText': (i, o) => (o.restored > 0 ? casesHolding(i.documentId) : []),
    'annotations.create': (_i, o) => [{ caseId: o.caseId, entity: 'annotation', entityId: o.id }],
    'annotations.update': (_i, o) => [{ caseId: o.caseId, entity: 'annotation', entityId: o.id }],
    'annotations.delete': (_i, o) => [{ caseId: o.caseId, entity: 'annotation', entityId: o.id }],
    'annotations.restore': (_i, o) => [{ caseId: o.caseId, entity: 'annotation', entityId: o.id }],
    'determinations.set': (i) => [{ caseId: i.caseId, entity: 'determination', entityId: i.itemId }],
    'determinations.clear': (i) => [{ caseId: i.caseId, entity: 'determination', entityId: i.itemId }],
    'lint.decide': (i) => [{ caseId: i.caseId, entity: 'lint-finding', entityId: `${i.documentId}:${i.category}:${i.page}` }],
    // The decision is part of the entry, so the history can say accepted or dismissed.
    'prereview.decide': (i) => [{ caseId: i.caseId, entity: 'lint-finding', entityId: `${i.documentId}:${i.rule}:${i.page}:${i.decision}` }],
    'rubrics.score': (i) => [{ caseId: i.caseId, entity: 'score', entityId: `${i.rubricId}:${i.criterionId}` }],
    'rubrics.consensus': (i) => [{ caseId: i.caseId, entity: 'score', entityId: `${i.rubricId}:${i.criterionId}:consensus` }],
  };
  // The API call in progress, for changes recorded by services after asynchronous work (import).
  const call = new AsyncLocalStorage<{ method: Method }>();
  function record(method: string, t: Touch, state: unknown) {
    if (!db.inTransaction) throw new Error(`${method}: a change must be recorded inside its write transaction.`);
    if (method !== 'cases.create') review.reopenIfNeeded(t.caseId);
    audit.append(t.caseId, ctx.actor, method, t.entity, t.entityId, state);
  }
  ctx.recordChange = (action, caseId, entity, entityId, state) => record(call.getStore()?.method ?? action, { caseId, entity, entityId }, state);
  const refuseIfReadOnly = () => {
    if (!writable) throw new ServiceError('storage', READ_ONLY_MESSAGE);
  };
  // Imports extract in worker threads first, then write each file in a transaction of its own,
  // which records the file's audit entry itself (ctx.recordChange), under this call's name.
  for (const method of ['documents.import', 'documents.importFiles', 'documents.replace'] as const) {
    const inner = handlers[method] as (i: unknown) => unknown;
    (handlers as Record<Method, (i: unknown) => unknown>)[method] = async (input: unknown) => {
      refuseIfReadOnly();
      try {
        return await call.run({ method }, () => inner(input));
      } finally {
        // The case's new documents are read in the background, off the main thread; a refused
        // or cancelled import leaves nothing new to read.
        const caseId = (input as { caseId?: unknown }).caseId;
        if (backgroundPrereview && typeof caseId === 'string') {
          try {
            prereview.warm(caseId);
          } catch (err) {
            opts.log?.('background pre-review', err);
          }
        }
      }
    };
  }
  for (const [method, touched] of Object.entries(AUDITED) as Array<[Method, (i: unknown, o: unknown) => Touch[]]>) {
    const inner = handlers[method] as (i: unknown) => unknown;
    (handlers as Record<Method, (i: unknown) => unknown>)[method] = (input: unknown) => {
      refuseIfReadOnly();
      // The change, the reopening of an approved case and the audit entry: one IMMEDIATE
      // transaction, so the entry's sequence number is taken under the write lock and an entry
      // that cannot be written takes the change back with it.
      return db.transaction(() => {
        const out = inner(input);
        if (out instanceof Promise) throw new Error(`${method} is asynchronous: it must record its changes with ctx.recordChange.`);
        for (const t of touched(input, out)) record(method, t, out);
        return out;
      }).immediate();
    };
  }
  // Outside the audited transaction, so a refusal comes before any change or audit entry: every
  // change is made by an unlocked identity, and credited to it.
  for (const [method, changes] of Object.entries(ACTS) as Array<[Method, (i: unknown) => boolean]>) {
    const inner = handlers[method] as (i: unknown) => unknown;
    (handlers as Record<Method, (i: unknown) => unknown>)[method] = (input: unknown) => {
      if (changes(input)) {
        // A read-only workspace is said first: no identity could change it.
        refuseIfReadOnly();
        session.require();
      }
      return inner(input);
    };
  }
  // A full disk or a read-only folder is said plainly, whichever call meets it.
  for (const method of Object.keys(handlers) as Method[]) {
    const inner = handlers[method] as (i: unknown) => unknown;
    (handlers as Record<Method, (i: unknown) => unknown>)[method] = async (input: unknown) => {
      try {
        return await inner(input);
      } catch (err) {
        throw storageError(err) ?? (writable ? null : workspaceFsError(err)) ?? err;
      }
    };
  }
  // The CLI and tests call by path; IPC and the browser bridge get only rendererDispatch.
  const dispatch: Dispatch = createDispatcher(handlers, opts.log, 'local');
  const rendererDispatch = createDispatcher(handlers, opts.log, 'renderer');
  // The app, opening, carries highlights still waiting for a revision whose OCR has nothing left
  // to read (defensive: the carry normally runs in the commit that ends the reading).
  if (writable && ocrAuto) {
    try {
      settleWaitingCarries(ctx);
    } catch (err) {
      opts.log?.('carry highlights after OCR', err);
    }
  }
  // Pages left pending by a crash, a restart or an import with OCR off are read now.
  if (ocrAuto) setImmediate(() => ocr.start());
  if (ocrAuto) setImmediate(() => scannerSurvey.start());
  return {
    ctx,
    paths,
    migration,
    services,
    dispatch,
    rendererDispatch,
    subscribe(listener: (event: EventName, payload: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The app's WAL checkpoint worker, null for the CLI and a read-only workspace. */
    checkpointer,
    /** Cancels imports running, stops OCR (pages being read stay pending) and closes the database. */
    close() {
      documents.cancelAll();
      void ocr.close();
      scannerSurvey.close();
      prereview.close();
      checkpointer?.close();
      db.close();
      if (ownTmp) fs.rmSync(ownTmp, { recursive: true, force: true });
      releaseLock();
    },
  };
}
export type Workspace = ReturnType<typeof openWorkspace>;

/** CREDENCE_PAGE_LIMIT raises (or lowers) the largest PDF import accepts; 5,000 pages otherwise. */
export function pageLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CREDENCE_PAGE_LIMIT);
  return Number.isInteger(n) && n > 0 ? n : 5000;
}
