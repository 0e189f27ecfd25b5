// The case's policy documents, and importing more: progress per file with a Cancel button,
// and every failed file listed with its reason.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { EventPayload } from '../../../../shared/contract.ts';
import type { CaseRecord } from '../../../../shared/schemas/case.ts';
import type { DocumentListItem, DocumentRecord, ImportFileResult, OcrFailureKind } from '../../../../shared/schemas/document.ts';
import { ocrFailureText } from '../../../../shared/domain/ocr-failure.ts';
import { PasswordRetry } from './PasswordRetry.tsx';
import { ScannerTextNote } from './ScannerTextNote.tsx';
import { confidenceText } from './weakest-page.ts';
import { call, messageOf, onEvent } from '../../api/client.ts';
import { Modal } from '../../ui/Modal.tsx';

interface Props {
  caseRecord: CaseRecord;
  documents: DocumentListItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onChanged: () => void;
  /** Reads only the documents list again (OCR progress: counts and reasons), not the whole workspace. */
  onListChanged: () => void;
  /** Puts a removal on the workspace's undo stack (Ctrl+Z), besides the pane's own Undo button. */
  recordUndo?: (entry: { label: string; undo: () => Promise<unknown>; redo: () => Promise<unknown> }) => void;
}

/** What the pane says after a removal, with the way back. */
interface Removal {
  documentId: string;
  title: string;
  highlights: number;
  determinations: number;
}

type Progress = EventPayload<'import.progress'>;
/** The latest OCR progress of a document. */
interface OcrLive {
  done: number;
  total: number;
}
/** How often the list is read again while a document's pages land by OCR. */
const OCR_REFRESH_MS = 5000;
/** How often the chokehold badge is worked out again while a document's pages land. */
const LINT_WHILE_OCR_MS = 30_000;

const LINT_SHORT: Record<string, string> = {
  prohibited_outright: 'prohibited',
  prohibited_except_deadly_force: 'only where deadly force is allowed',
  permitted: 'permitted',
  not_addressed: 'not addressed',
};

/** The chokehold lint's verdict on a document, and how many of its scanned pages it could not read. */
interface LintBadge {
  chokehold: string;
  vascular: string;
  isDirective: boolean;
  unread: number;
}

/**
 * "chokehold: prohibited", with "(2 pages unread)" while scanned pages have no text yet: a verdict
 * on part of a document must not read as the whole document's. Nothing found shows no badge,
 * unless pages were unread: then it is "not in the text read", as the pre-review says.
 */
function LintBadgeChip({ lint }: { lint: LintBadge | undefined }) {
  if (!lint || (lint.chokehold === 'not_addressed' && lint.unread === 0)) return null;
  const verdict = lint.chokehold === 'not_addressed' ? 'not in the text read' : LINT_SHORT[lint.chokehold];
  const unread = lint.unread > 0 ? ` (${lint.unread} ${lint.unread === 1 ? 'page' : 'pages'} unread)` : '';
  const why = lint.unread > 0 ? `. ${lint.unread === 1 ? 'One scanned page has' : `${lint.unread} scanned pages have`} no text yet (OCR), so the lint did not read ${lint.unread === 1 ? 'it' : 'them'}.` : '';
  return (
    <span className="chip lint-badge" title={`Chokehold lint — airway: ${LINT_SHORT[lint.chokehold]}; blood flow: ${LINT_SHORT[lint.vascular]}${why}`}>
      chokehold: {verdict}
      {unread}
    </span>
  );
}

/**
 * How far a document's OCR has got while it is being read, else null. Live progress counts only
 * while the list says pages are waiting: a page that lands just after a stop must not bring back
 * "OCR 3/10" and a Stop that has nothing to stop.
 */
function ocrProgress(ocr: DocumentListItem['ocr'], live: OcrLive | null): OcrLive | null {
  if (!ocr || !(ocr.running || (live !== null && live.done < live.total && ocr.pending > 0))) return null;
  return { done: live?.done ?? ocr.total - ocr.pending, total: live?.total ?? ocr.total };
}

/**
 * "Reading by OCR: calder-directive-12 34/120", one short line kept at the top of the list
 * while a scan is read, so its progress shows even when its row is below the fold (at 1280×720 a
 * long list puts it there), with the scans waiting their turn. Each name brings its row into
 * sight. The sentence is announced when it changes (with the names); the page counts are
 * announced by the rows' own progress, not twice.
 */
/** Scans named on the reading line at most, those being read first. */
const MAX_NAMED_ON_READING_LINE = 2;

function OcrReadingLine({ reading, onShow }: { reading: Array<{ d: DocumentListItem; p: OcrLive | null }>; onShow: (id: string) => void }) {
  const n = reading.filter((r) => r.p).length;
  const all = n > 0 ? [...reading].sort((a, b) => Number(!a.p) - Number(!b.p)) : [];
  const waiting = all.length - n;
  // Kept at the top of the list, the line must not crowd it: twenty scans imported at once show
  // the first two, those being read first, then how many more (each has its row below).
  const shown = all.slice(0, MAX_NAMED_ON_READING_LINE);
  const more = all.length - shown.length;
  // The live region stays on the page when nothing is read, so its first words are announced.
  return (
    <div className={n > 0 ? 'ocr-reading' : undefined} role={n > 0 ? 'group' : undefined} aria-label={n > 0 ? 'Scans being read' : undefined}>
      <span role="status">
        {n > 0 && `Reading ${n === 1 ? '' : `${n} scans `}by OCR${waiting > 0 ? `, ${waiting} waiting` : ''}:`}
        {n > 0 && <span className="visually-hidden"> {shown.map(({ d }) => d.title).join(', ')}</span>}
      </span>
      {shown.map(({ d, p }) => (
        <button
          key={d.id}
          className="ocr-reading-doc"
          aria-label={`Show ${d.title} in the list: ${p ? `OCR ${p.done} of ${p.total} pages` : `waiting for OCR, ${d.ocr?.pending} ${d.ocr?.pending === 1 ? 'page' : 'pages'}`}`}
          title={`Show ${d.title} in the list`}
          onClick={() => onShow(d.id)}
        >
          <span className="ocr-reading-name">{d.title}</span> {p ? `${p.done}/${p.total}` : 'waiting'}
        </button>
      ))}
      {more > 0 && <span className="ocr-reading-more">and {more} more</span>}
    </div>
  );
}

/** Whether all of an element is inside the part of its scrolling ancestors and the window on screen. */
function inSight(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.scrollHeight <= p.clientHeight) continue;
    const v = p.getBoundingClientRect();
    if (r.top < v.top || r.bottom > v.bottom) return false;
  }
  return r.top >= 0 && r.bottom <= window.innerHeight;
}

export function DocumentsPane({ caseRecord, documents, selectedId, onSelect, onChanged, onListChanged, recordUndo }: Props) {
  const [importId, setImportId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failures, setFailures] = useState<ImportFileResult[]>([]);
  // The bytes of the files last dropped, so one that needs its password can be tried again with it.
  const dropped = useRef(new Map<string, Uint8Array<ArrayBuffer>>());
  const [error, setError] = useState<string | null>(null);
  const importing = importId !== null;
  const [ocrLive, setOcrLive] = useState<Map<string, OcrLive>>(new Map());
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;
  const onListChangedRef = useRef(onListChanged);
  onListChangedRef.current = onListChanged;
  // While pages land, only this list is read again (counts, reasons, the chokehold badge), and at
  // most every few seconds, the last change always included: reading the whole workspace again
  // (checklist, highlights, pre-review) each time would compete with OCR for the machine.
  const lastRefresh = useRef(0);
  const trailing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshList = () => {
    if (trailing.current) return;
    const wait = Math.max(0, lastRefresh.current + OCR_REFRESH_MS - Date.now());
    trailing.current = setTimeout(() => {
      trailing.current = null;
      lastRefresh.current = Date.now();
      onListChangedRef.current();
    }, wait);
  };
  useEffect(() => () => clearTimeout(trailing.current ?? undefined), []);
  // OCR runs in the background after import: pages done of total as they land; when a document's
  // OCR ends or is stopped, the whole workspace is read again (its counts, confidence, pre-review).
  useEffect(
    () =>
      onEvent('ocr.progress', (p) => {
        if (p.caseId !== caseRecord.id) return;
        setOcrLive((m) => {
          // Stopped: the list (read again below) says how many pages are left. Back on the file's
          // text: those pages have left the OCR count.
          if (p.phase === 'cancelled' || p.phase === 'fileText') {
            const next = new Map(m);
            next.delete(p.documentId);
            return next;
          }
          return new Map(m).set(p.documentId, { done: p.done, total: p.total });
        });
        if (p.done >= p.total || p.phase === 'cancelled' || p.phase === 'fileText') onChangedRef.current();
        else if (p.phase === 'done' || p.phase === 'failed' || p.phase === 'queued') refreshList();
      }),
    [caseRecord.id],
  );
  // The pages carrying a scanner's own OCR are found after the import, in the background.
  useEffect(() => onEvent('documents.surveyed', (p) => p.caseId === caseRecord.id && refreshList()), [caseRecord.id]);
  // The selected document's row is kept in sight when the selection changes or its row appears:
  // a policy just imported is selected, and at 1280×720 a long list puts it below the fold, with
  // its OCR progress. Scrolling the list by hand afterwards is left alone.
  const list = useRef<HTMLUListElement>(null);
  const selectedShown = documents.some((d) => d.id === selectedId);
  useEffect(() => {
    const row = selectedShown ? list.current?.querySelector<HTMLElement>('li[aria-current="true"]') : null;
    // Centred, not just brought to the edge: the selected row grows (its actions, then its OCR
    // progress), and a row already in sight is not moved under the reviewer's pointer.
    if (row && !inSight(row)) row.scrollIntoView({ block: 'center' });
  }, [selectedId, selectedShown]);
  // Scans being read, and those waiting their turn (not stopped ones: someone chose that).
  const reading = documents.flatMap((d) => {
    const p = ocrProgress(d.ocr, ocrLive.get(d.id) ?? null);
    return p || (d.ocr && d.ocr.pending > 0 && d.ocr.stopped === 0) ? [{ d, p }] : [];
  });
  /** Show on the reading line: the row centred (below the line kept at the top) and focused, not opened (Enter opens it). */
  function showRow(id: string) {
    const row = list.current?.children[documents.findIndex((d) => d.id === id)] as HTMLElement | undefined;
    row?.scrollIntoView({ block: 'center' });
    row?.focus({ preventScroll: true });
  }
  // OCR runs before this list is on screen (the sample's scan starts with the app): a document's
  // OCR that ended between the list being read and the line above listening would leave it
  // saying "OCR 0/1". The list is read once more now that every later end is heard.
  useEffect(() => {
    if (documents.some((d) => d.ocr && d.ocr.pending > 0)) onChangedRef.current();
    // Once per case shown: later changes are heard through the events above.
  }, [caseRecord.id]);
  async function ocrAction(method: 'ocr.run' | 'ocr.cancel' | 'ocr.readTextLayer', documentId: string) {
    setError(null);
    try {
      if (method === 'ocr.readTextLayer') await call(method, { caseId: caseRecord.id, documentId, onlyScannerText: true });
      else await call(method, { caseId: caseRecord.id, documentId });
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => onEvent('import.progress', (p) => setProgress((cur) => (p.importId === importIdRef.current ? p : cur))), []);
  const importIdRef = useRef<string | null>(null);

  const [dragging, setDragging] = useState(false);
  const [replaced, setReplaced] = useState<string | null>(null);
  const [editing, setEditing] = useState<DocumentRecord | null>(null);
  // The chokehold lint reads every document after import; its verdict shows as a badge. A scan's
  // text arrives later, by OCR: the verdict is read again when the list comes back with more OCR
  // pages, at most every 30 s while a document is being read (each reading pre-reviews the whole
  // growing document, work that competes with OCR) and at once when its OCR ends.
  const [lint, setLint] = useState<Map<string, LintBadge>>(new Map());
  const docKey = documents.map((d) => `${d.id}:${d.ocr?.running ? `r${Math.floor(Date.now() / LINT_WHILE_OCR_MS)}` : (d.ocr?.pagesOcr ?? 0)}`).join(',');
  useEffect(() => {
    if (!docKey) return;
    // A slower answer for an older list must not overwrite a newer one.
    let live = true;
    call('lint.forCase', { caseId: caseRecord.id })
      .then((r) => live && setLint(new Map(r.map((d) => [d.documentId, { chokehold: d.chokehold.stance, vascular: d.vascular.stance, isDirective: d.isDirective, unread: d.unreadPages.length }]))))
      .catch(() => live && setLint(new Map()));
    return () => {
      live = false;
    };
  }, [caseRecord.id, docKey]);

  // Inline title editing: Enter saves, Esc (or leaving the field) cancels.
  const [renaming, setRenaming] = useState<{ id: string; draft: string } | null>(null);
  const [removal, setRemoval] = useState<Removal | null>(null);

  async function saveTitle() {
    if (!renaming) return;
    const d = documents.find((x) => x.id === renaming.id);
    const title = renaming.draft.trim();
    if (!d || title === d.title) return setRenaming(null);
    if (!title) return setError('A document needs a title. Press Esc to keep the old one.');
    try {
      await call('documents.update', { id: d.id, title });
      setRenaming(null);
      setError(null);
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  /** Out of this case only; its highlights stay, marked, and Undo brings everything back. */
  async function remove(d: DocumentRecord) {
    setError(null);
    try {
      const r = await call('documents.removeFromCase', { caseId: caseRecord.id, documentId: d.id });
      setRemoval(r);
      recordUndo?.({
        label: `remove ${d.title}`,
        undo: () => call('documents.restoreToCase', { caseId: caseRecord.id, documentId: d.id }),
        redo: () => call('documents.removeFromCase', { caseId: caseRecord.id, documentId: d.id }),
      });
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function undoRemoval() {
    if (!removal) return;
    try {
      await call('documents.restoreToCase', { caseId: caseRecord.id, documentId: removal.documentId });
      setRemoval(null);
      onChanged();
      onSelect(removal.documentId);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  /** A revised version takes the old one's place; highlights follow their words. */
  async function replace(d: DocumentRecord) {
    setError(null);
    setReplaced(null);
    try {
      const file = await call('dialog.choosePdf', {});
      if (!file) return;
      const r = await call('documents.replace', { caseId: caseRecord.id, documentId: d.id, handle: file.handle });
      setReplaced(
        r.waiting > 0
          ? `Replaced “${d.title}”. Its scanned pages are being read by OCR: ${r.waiting} highlight${r.waiting === 1 ? '' : 's'} will follow ${r.waiting === 1 ? 'its' : 'their'} words onto the new version once they are read.`
          : `Replaced “${d.title}”. Highlights: ${r.kept + r.relocated} carried forward unchanged, ${r.edited} re-found in edited text, ${r.orphaned} orphaned.` +
              (r.edited + r.orphaned > 0 ? ' Determinations resting on them are marked stale.' : ''),
      );
      onChanged();
      onSelect(r.documentId);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  /**
   * Runs one import batch with progress, failures and selection of the first new document.
   * `retrying`: one file of the last batch tried again (with its password); the others' failures stay.
   */
  async function runImport(start: (importId: string) => Promise<ImportFileResult[]>, retrying?: string) {
    const id = crypto.randomUUID();
    importIdRef.current = id;
    setImportId(id);
    if (!retrying) setFailures([]);
    try {
      const results = await start(id);
      const failed = results.filter((r) => !r.ok);
      setFailures((before) => (retrying ? [...before.filter((f) => f.file !== retrying), ...failed] : failed));
      const firstNew = results.find((r) => r.ok);
      onChanged();
      if (firstNew?.ok) onSelect(firstNew.document.id);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      importIdRef.current = null;
      setImportId(null);
      setProgress(null);
    }
  }

  async function add() {
    if (importing) return;
    setError(null);
    try {
      const chosen = await call('dialog.choosePdfs', {});
      if (chosen.length > 0) await runImport((importId) => call('documents.import', { caseId: caseRecord.id, handles: chosen.map((c) => c.handle), importId }));
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function drop(files: FileList) {
    setDragging(false);
    if (importing || caseRecord.archived || files.length === 0) return;
    setError(null);
    const list = await Promise.all([...files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    dropped.current = new Map(list.map((f) => [f.name, f.bytes]));
    await runImport((importId) => call('documents.importFiles', { caseId: caseRecord.id, files: list, importId }));
  }

  /** The file of a failure that asks for a password, tried again with one. */
  function retryWithPassword(f: Extract<ImportFileResult, { ok: false }>, password: string) {
    setError(null);
    const bytes = dropped.current.get(f.file);
    if (f.retryHandle) void runImport((importId) => call('documents.import', { caseId: caseRecord.id, handles: [f.retryHandle!], password, importId }), f.file);
    else if (bytes) void runImport((importId) => call('documents.importFiles', { caseId: caseRecord.id, files: [{ name: f.file, bytes }], password, importId }), f.file);
  }
  const needsPassword = (f: ImportFileResult): f is Extract<ImportFileResult, { ok: false }> =>
    !f.ok && (f.code === 'password_required' || f.code === 'password_incorrect') && (!!f.retryHandle || dropped.current.has(f.file));

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        addRef.current?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const listKeys = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const li = e.currentTarget;
      ((e.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling) as HTMLElement | null)?.focus();
    }
  };

  return (
    <div
      className={`documents${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = caseRecord.archived ? 'none' : 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        void drop(e.dataTransfer.files);
      }}
    >
      {dragging && <div className="drop-hint" aria-hidden="true">Drop PDFs to add them to this case</div>}
      <div className="pane-title">
        <h2>Policies</h2>
        <button ref={addRef} onClick={() => void add()} disabled={importing || caseRecord.archived} title="Add policy PDFs (Ctrl+O)">
          Add PDFs
        </button>
      </div>
      <OcrReadingLine reading={reading} onShow={showRow} />
      {importing && (
        <div className="import-progress" role="status" aria-live="polite">
          <div>
            {progress
              ? `${progress.file} (${progress.fileIndex + 1} of ${progress.fileCount}): ${progress.phase === 'extracting' ? `pages ${progress.pagesDone} of ${progress.pagesTotal}` : progress.phase}`
              : 'Starting import…'}
          </div>
          <progress max={progress?.pagesTotal || 1} value={progress?.pagesDone ?? 0} aria-label="Import progress" />
          <button onClick={() => importId && void call('documents.cancelImport', { importId })}>Cancel import</button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {editing && (
        <DocumentDetails
          document={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
      {removal && (
        <p className="notice doc-removed" role="status">
          Removed “{removal.title}” from this case (other cases keep it).
          {removal.highlights > 0 &&
            ` ${removal.highlights === 1 ? 'Its highlight is' : `Its ${removal.highlights} highlights are`} kept, marked “document removed”${removal.determinations > 0 ? `; ${removal.determinations === 1 ? '1 determination resting on them is' : `${removal.determinations} determinations resting on them are`} stale until it is back` : ''}.`}{' '}
          <button onClick={() => void undoRemoval()}>Undo</button> <button onClick={() => setRemoval(null)}>Dismiss</button>
        </p>
      )}
      {replaced && (
        <p className="notice" role="status">
          {replaced} <button onClick={() => setReplaced(null)}>Dismiss</button>
        </p>
      )}
      {failures.length > 0 && (
        <div className="import-failures" role="alert">
          <strong>
            {failures.length} {failures.length === 1 ? 'file was' : 'files were'} not imported:
          </strong>
          <ul>
            {failures.map((f) => (
              <li key={f.file}>
                {!f.ok && f.message}
                {needsPassword(f) && <PasswordRetry key={f.retryHandle ?? f.code} file={f.file} disabled={importing} onSubmit={(password) => retryWithPassword(f, password)} />}
              </li>
            ))}
          </ul>
          <button onClick={() => setFailures([])}>Dismiss</button>
        </div>
      )}
      {documents.length === 0 && !importing ? (
        <p className="empty-hint">No policies yet. Add the agency’s policy PDFs, or drop them here, to start the review.</p>
      ) : (
        <ul className="doc-list" aria-label="Policy documents" ref={list}>
          {documents.map((d) => (
            <li
              key={d.id}
              tabIndex={0}
              aria-current={d.id === selectedId ? 'true' : undefined}
              className={d.id === selectedId ? 'selected' : ''}
              onClick={() => onSelect(d.id)}
              onKeyDown={(e) => {
                if (e.target !== e.currentTarget) return;
                if (e.key === 'Enter') onSelect(d.id);
                if (e.key === 'F2' && !caseRecord.archived) setRenaming({ id: d.id, draft: d.title });
                listKeys(e);
              }}
            >
              {renaming?.id === d.id ? (
                <input
                  className="doc-title-input"
                  aria-label={`Title of ${d.originalName}`}
                  aria-describedby={`doc-rename-hint-${d.id}`}
                  value={renaming.draft}
                  autoFocus
                  maxLength={300}
                  onClick={(e) => e.stopPropagation()}
                  onChange={(e) => setRenaming({ id: d.id, draft: e.target.value })}
                  onBlur={() => setRenaming(null)}
                  onKeyDown={(e) => {
                    e.stopPropagation();
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void saveTitle();
                    }
                    if (e.key === 'Escape') {
                      e.preventDefault();
                      setRenaming(null);
                      setError(null);
                    }
                  }}
                />
              ) : (
                <span className="doc-title" onDoubleClick={() => !caseRecord.archived && setRenaming({ id: d.id, draft: d.title })}>
                  {d.title}
                </span>
              )}
              {renaming?.id === d.id && (
                <span className="doc-meta" id={`doc-rename-hint-${d.id}`}>
                  Enter saves, Esc cancels
                </span>
              )}
              <span className="doc-file" title="The file's original name">
                {d.originalName}
              </span>
              {!caseRecord.archived && renaming?.id !== d.id && (
                <span className="doc-actions">
                  <button
                    className="doc-action"
                    aria-label={`Rename ${d.title}`}
                    title="Rename (F2)"
                    onClick={(e) => {
                      e.stopPropagation();
                      setRenaming({ id: d.id, draft: d.title });
                    }}
                  >
                    Rename
                  </button>
                  <button
                    className="doc-action"
                    aria-label={`Edit details of ${d.title}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      setEditing(d);
                    }}
                  >
                    Details…
                  </button>
                  <button
                    className="doc-action"
                    aria-label={`Replace ${d.title} with a revised version`}
                    onClick={(e) => {
                      e.stopPropagation();
                      void replace(d);
                    }}
                  >
                    Replace…
                  </button>
                  <button
                    className="doc-action"
                    aria-label={`Remove ${d.title} from this case`}
                    title="Remove from this case (other cases keep it); Undo brings it back"
                    onClick={(e) => {
                      e.stopPropagation();
                      void remove(d);
                    }}
                  >
                    Remove
                  </button>
                </span>
              )}
              <span className="doc-meta">
                {d.agencyDocNumber && <span className="mono">{d.agencyDocNumber} · </span>}
                {d.pageCount} {d.pageCount === 1 ? 'page' : 'pages'}
                {d.ocr ? (
                  <OcrStatus
                    ocr={d.ocr}
                    live={ocrLive.get(d.id) ?? null}
                    title={d.title}
                    readOnly={caseRecord.archived}
                    onRun={() => void ocrAction('ocr.run', d.id)}
                    onCancel={() => void ocrAction('ocr.cancel', d.id)}
                  />
                ) : (
                  d.pagesNeedingOcr > 0 && <span className="chip warn">{d.pagesNeedingOcr} pages need OCR</span>
                )}
                {d.scannerText && (
                  <ScannerTextNote
                    found={d.scannerText}
                    title={d.title}
                    readOnly={caseRecord.archived}
                    onRead={() => void ocrAction('ocr.readTextLayer', d.id)}
                  />
                )}
                <LintBadgeChip lint={lint.get(d.id)} />
                {lint.get(d.id) && !lint.get(d.id)!.isDirective && <span className="chip warn">not a directive</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What to do about failures a retry cannot mend, by kind (ocrFailureKind): said once each. */
const NO_RETRY_ADVICE: Record<OcrFailureKind, string> = {
  retry: '',
  new_copy: 'Retrying will not help: ask the agency for another copy.',
  page_limit: 'Too many pages for OCR: ask the agency for the file in smaller parts.',
  password: 'Open the document and enter its password: these pages are then read.',
};

/**
 * A scanned document's OCR, in words: "OCR 34/120" while it runs (with Stop), pages left after a
 * stop (with Resume), pages that failed and why (with Retry where reading again may work, else what will), and when done how many pages are
 * OCR text and the engine's mean confidence.
 */
function OcrStatus({ ocr, live, title, readOnly, onRun, onCancel }: { ocr: NonNullable<DocumentListItem['ocr']>; live: OcrLive | null; title: string; readOnly: boolean; onRun: () => void; onCancel: () => void }) {
  const progress = ocrProgress(ocr, live);
  const running = progress !== null;
  // Pages a person stopped (Resume), or pages waiting that this window is not reading (another
  // process is, or the workspace is read-only): said apart, so "stopped" means someone stopped it.
  const left = ocr.pending + ocr.stopped;
  const kept = ocr.failedKept;
  const failedNoText = ocr.failed - kept;
  const reasons = ocr.failures.map((f) => ocrFailureText(f));
  if (ocr.failed > ocr.failures.length) reasons.push(`…and ${ocr.failed - ocr.failures.length} more${ocr.retryable ? '; Retry OCR reads them all again' : ''}.`);
  // Retry is offered only where reading again may work; otherwise the list says what will.
  const advice = ocr.retryable ? [] : [...new Set(ocr.failures.map((f) => NO_RETRY_ADVICE[f.kind]).filter(Boolean))];
  const first = ocr.failures[0] ? ocrFailureText(ocr.failures[0], { sayKept: false }) : '';
  const short = first.length > 90 ? `${first.slice(0, 89).trimEnd()}…` : first;
  const failedWords = [failedNoText > 0 ? `OCR failed on ${failedNoText} ${failedNoText === 1 ? 'page' : 'pages'}` : '', kept > 0 ? `${failedNoText > 0 ? 'reading' : 'Reading'} again failed on ${kept} ${kept === 1 ? 'page' : 'pages'} (earlier text kept)` : ''].filter(Boolean).join('; ');
  // Stop, Resume and Retry each replace themselves (Stop becomes Resume, Resume becomes Stop): the
  // pressed button leaves the page and the focus would fall to the document's body. It goes to
  // the button that takes its place, or to the failure chip, unless the person has moved on.
  const box = useRef<HTMLSpanElement>(null);
  const keepFocus = useRef(false);
  useEffect(() => {
    if (!keepFocus.current || !box.current) return;
    const active = document.activeElement;
    if (active && box.current.contains(active)) return; // the pressed button is still there
    keepFocus.current = false;
    if (active && active !== document.body) return; // focus went somewhere on purpose
    box.current.querySelector<HTMLElement>('button.doc-action, .ocr-failed')?.focus();
  });
  const stop = (e: { stopPropagation(): void }) => {
    e.stopPropagation();
    keepFocus.current = true;
  };
  return (
    <span className="ocr-status" ref={box}>
      {progress && (
        <>
          <span className="chip ocr-progress" role="status" aria-label={`OCR of ${title}: ${progress.done} of ${progress.total} pages`}>
            OCR {progress.done}/{progress.total}
          </span>
          {!readOnly && (
            <button className="doc-action" aria-label={`Stop OCR of ${title}`} onClick={(e) => (stop(e), onCancel())}>
              Stop
            </button>
          )}
        </>
      )}
      {!running && ocr.stopped > 0 && (
        <>
          <span className="chip warn ocr-stopped">OCR stopped: {left} {left === 1 ? 'page' : 'pages'} left</span>
          {!readOnly && (
            <button className="doc-action" aria-label={`Resume OCR of ${title}`} onClick={(e) => (stop(e), onRun())}>
              Resume OCR
            </button>
          )}
        </>
      )}
      {!running && ocr.stopped === 0 && ocr.pending > 0 && (
        <>
          <span className="chip ocr-waiting">Waiting for OCR: {ocr.pending} {ocr.pending === 1 ? 'page' : 'pages'}</span>
          {!readOnly && (
            <button className="doc-action" aria-label={`Read ${title} by OCR now`} onClick={(e) => (stop(e), onRun())}>
              Read now
            </button>
          )}
        </>
      )}
      {ocr.failed > 0 && (
        <>
          {/* Focusable, so the reasons in its description reach the keyboard and a screen reader, not only the mouse. */}
          <span className="chip warn ocr-failed" tabIndex={0} title={reasons.join('\n')} aria-description={reasons.join(' ')}>
            {failedWords}
            {short ? ` (${short}${ocr.failed > 1 ? '; more on hover' : ''})` : ''}
          </span>
          {ocr.retryable && !running && !readOnly && left === 0 && (
            <button className="doc-action" aria-label={`Retry OCR of ${title}`} onClick={(e) => (stop(e), onRun())}>
              Retry OCR
            </button>
          )}
          {advice.length > 0 && <span className="ocr-advice">{advice.join(' ')}</span>}
        </>
      )}
      {!running && ocr.pagesOcr > 0 && (
        <span className="chip ocr-done" title="The text of these pages was read from the scanned images">
          OCR text: {ocr.pagesOcr} {ocr.pagesOcr === 1 ? 'page' : 'pages'}
          {ocr.meanConfidence !== null ? `, ${confidenceText(ocr)}` : ''}
        </span>
      )}
    </span>
  );
}

/** Title (from the PDF, else the file name), the agency's document number and effective date. */
function DocumentDetails({ document: d, onClose, onSaved }: { document: DocumentRecord; onClose: () => void; onSaved: () => void }) {
  const [title, setTitle] = useState(d.title);
  const [number, setNumber] = useState(d.agencyDocNumber ?? '');
  const [effective, setEffective] = useState(d.effectiveDate ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      id="doc-details"
      title="Document details"
      submitLabel="Save"
      error={error}
      onClose={onClose}
      onSubmit={async () => {
        try {
          await call('documents.update', { id: d.id, title, agencyDocNumber: number.trim() || null, effectiveDate: effective || null });
          onSaved();
        } catch (err) {
          setError(messageOf(err));
        }
      }}
    >
      <p className="subtle">
        {d.originalName} · {d.pageCount} pages · SHA-256 <code>{d.sha256.slice(0, 16)}…</code> · imported by {d.importedBy}
      </p>
      <div className="field">
        <label htmlFor="doc-title">Title</label>
        <input id="doc-title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="doc-number">Agency document number</label>
          <input id="doc-number" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="e.g. GO 1.06" />
        </div>
        <div className="field">
          <label htmlFor="doc-effective">Effective date</label>
          <input id="doc-effective" type="date" value={effective} onChange={(e) => setEffective(e.target.value)} />
        </div>
      </div>
    </Modal>
  );
}
