// A case's workspace: documents and search | the PDF viewer | checklist and case details, in
// three resizable panes whose sizes are remembered. Evidence and determination edits go
// through `actions`, which records how to undo each one.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Group, Panel, Separator, usePanelRef, type Layout } from 'react-resizable-panels';
import type { CaseRecord } from '../../../../shared/schemas/case.ts';
import type { AnnotationRecord, CaseChecklist } from '../../../../shared/schemas/checklist.ts';
import type { DocumentListItem } from '../../../../shared/schemas/document.ts';
import type { CaseRubric } from '../../../../shared/schemas/rubric.ts';
import { call, messageOf } from '../../api/client.ts';
import { CaseForm } from '../cases/CaseForm.tsx';
import { STATUS_LABEL } from '../cases/labels.ts';
import { localToday, overdueLabel } from '../../../../shared/domain/due-date.ts';
import { ChecklistPanel } from '../checklist/ChecklistPanel.tsx';
import { RubricsPanel } from '../rubrics/RubricsPanel.tsx';
import type { ItemActions } from '../checklist/ItemDetail.tsx';
import { DocumentsPane } from '../documents/DocumentsPane.tsx';
import { SearchPanel } from '../search/SearchPanel.tsx';
import { PdfViewer, type NewHighlight, type ViewerTarget } from '../../pdf/PdfViewer.tsx';
import { CaseDetails } from './CaseDetails.tsx';
import { useUndo } from './undo.ts';
import { IdentityPicker } from '../identity/IdentityPicker.tsx';
import { WorkflowBar } from '../review/WorkflowBar.tsx';
import { HistoryPanel } from '../review/HistoryPanel.tsx';
import { ExportBundleDialog } from '../bundle/BundleDialogs.tsx';
import type { Output } from '../../../../shared/contract.ts';
import { MenuButton } from '../../ui/MenuButton.tsx';
import { IconBack, IconMore, IconPane, IconRedo, IconUndo } from '../../ui/icons.tsx';
import { PrereviewScreen } from '../prereview/PrereviewScreen.tsx';
import { PassageBar } from '../prereview/PassageBar.tsx';
import type { OpenedPassage, PrereviewActions } from '../prereview/actions.ts';

const LAYOUT_KEY = 'credence.workspaceLayout';

type Tab = 'checklist' | 'rubrics' | 'history' | 'case';
const TABS: Array<[Tab, string]> = [
  ['checklist', 'Checklist'],
  ['rubrics', 'Rubrics'],
  ['history', 'History'],
  ['case', 'Case'],
];

function savedLayout(): Layout | undefined {
  try {
    const raw = localStorage.getItem(LAYOUT_KEY);
    return raw ? (JSON.parse(raw) as Layout) : undefined;
  } catch {
    return undefined;
  }
}

export function Workspace({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const [c, setCase] = useState<CaseRecord | null>(null);
  const [docs, setDocs] = useState<DocumentListItem[]>([]);
  const [annotations, setAnnotations] = useState<AnnotationRecord[]>([]);
  const [checklist, setChecklist] = useState<CaseChecklist | null>(null);
  const [rubricChoices, setRubricChoices] = useState<CaseRubric[]>([]);
  const [checklistError, setChecklistError] = useState<string | null>(null);
  const checklistRef = useRef(checklist);
  checklistRef.current = checklist;
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<ViewerTarget | null>(null);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<Tab>('checklist');
  const [identity, setIdentity] = useState<Output<'identity.current'>>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [actor, setActor] = useState('reviewer');
  useEffect(() => {
    call('app.info', {}).then((i) => setActor(i.actor)).catch(() => {});
  }, []);
  const [openItemId, setOpenItemId] = useState<string | null>(null);
  // Reading and annotating the documents, or the Pre-review matrix over all of them.
  const [view, setView] = useState<'read' | 'prereview'>('read');
  const [passage, setPassage] = useState<OpenedPassage | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const leftPanel = usePanelRef();
  const rightPanel = usePanelRef();
  const [collapsed, setCollapsed] = useState({ left: false, right: false });

  const reload = useCallback(async () => {
    try {
      const [cc, dd, aa] = await Promise.all([call('cases.get', { id: caseId }), call('documents.list', { caseId }), call('annotations.list', { caseId })]);
      setCase(cc);
      setDocs(dd);
      setAnnotations(aa);
      setTarget((t) => t ?? (dd[0] ? { documentId: dd[0].id, page: 1, resume: true } : null));
    } catch (e) {
      setError(messageOf(e));
    }
    setVersion((v) => v + 1);
    try {
      setIdentity(await call('identity.current', {}));
      setChecklist(await call('checklists.forCase', { caseId }));
      // The criteria a highlight can be evidence for, in the rubric versions this case uses.
      setRubricChoices(await call('rubrics.forCase', { caseId }));
      setChecklistError(null);
    } catch (e) {
      setChecklistError(messageOf(e));
    }
  }, [caseId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  /** The documents list alone (OCR progress), without reading the rest of the workspace again. */
  const reloadDocuments = useCallback(async () => {
    try {
      setDocs(await call('documents.list', { caseId }));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [caseId]);

  const undo = useUndo(() => void reload(), `${identity?.id ?? ''}|${c?.status ?? ''}`);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
      }
      // In a text field, Ctrl+Z belongs to the field.
      const typing = e.target instanceof HTMLElement && (e.target.matches('input, textarea, select') || e.target.isContentEditable);
      if (mod && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        void (e.shiftKey ? undo.redo() : undo.undo());
      }
      if (mod && e.key.toLowerCase() === 'y' && !typing) {
        e.preventDefault();
        void undo.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  const actions: ItemActions & { createHighlight(h: NewHighlight & { documentId: string }): Promise<void> } = useMemo(
    () => ({
      async createHighlight(h) {
        const a = await call('annotations.create', { caseId, documentId: h.documentId, page: h.page, endPage: h.endPage, quote: h.quote, itemIds: h.itemIds, criteria: h.criteria, stance: h.stance, note: h.note, rects: h.rects });
        undo.record({ label: 'add highlight', undo: () => call('annotations.delete', { id: a.id }), redo: () => call('annotations.restore', { id: a.id }) });
        if (h.itemIds[0]) {
          setTab('checklist');
          setOpenItemId(h.itemIds[0]);
        }
        await reload();
      },
      async deleteHighlight(a) {
        await call('annotations.delete', { id: a.id });
        undo.record({ label: 'delete highlight', undo: () => call('annotations.restore', { id: a.id }), redo: () => call('annotations.delete', { id: a.id }) });
        await reload();
      },
      async determine(input, previous) {
        await call('determinations.set', { caseId, ...input });
        const again = () => call('determinations.set', { caseId, ...input });
        const back = previous
          ? () => call('determinations.set', { caseId, itemId: previous.itemId, status: previous.status, rationale: previous.rationale, noRuleFound: previous.noRuleFound, evidenceIds: previous.evidenceIds })
          : () => call('determinations.clear', { caseId, itemId: input.itemId });
        undo.record({ label: 'determination', undo: back, redo: again });
        await reload();
      },
      async decideLint(input) {
        await call('lint.decide', { caseId, ...input });
        await reload();
      },
      openEvidence(a) {
        setTarget({ documentId: a.documentId, page: a.pageFrom, annotationId: a.id });
      },
    }),
    [caseId, reload, undo],
  );

  const prereviewActions: PrereviewActions = useMemo(
    () => ({
      async decide(input) {
        const out = await call('prereview.decide', { caseId, ...input });
        await reload();
        return out;
      },
      async adopt(input) {
        // Undo puts back what the item held before (or nothing); redo adopts again.
        const previous = checklistRef.current?.entries.find((e) => e.item.id === input.itemId)?.determination ?? null;
        await call('prereview.adopt', { caseId, ...input });
        undo.record({
          label: 'adopt suggested determination',
          undo: previous
            ? () => call('determinations.set', { caseId, itemId: previous.itemId, status: previous.status, rationale: previous.rationale, noRuleFound: previous.noRuleFound, evidenceIds: previous.evidenceIds })
            : () => call('determinations.clear', { caseId, itemId: input.itemId }),
          redo: () => call('prereview.adopt', { caseId, ...input }),
        });
        await reload();
      },
      openPassage(p) {
        setPassage(p);
        setView('read');
        setTarget({ documentId: p.documentId, page: p.page, passage: p.quote, annotationId: p.annotationId ?? undefined });
      },
    }),
    [caseId, reload, undo],
  );

  async function toggleArchive() {
    if (!c) return;
    try {
      setCase(await call('cases.archive', { id: c.id, archived: !c.archived }));
    } catch (e) {
      setError(messageOf(e));
    }
  }

  if (error && !c) {
    return (
      <main className="workspace">
        <p className="error banner" role="alert">
          {error}
        </p>
        <button onClick={onClose}>Back to cases</button>
      </main>
    );
  }
  if (!c) return <main className="workspace loading" aria-busy="true" />;

  const current = docs.find((d) => d.id === target?.documentId) ?? null;
  const items = checklist?.entries.map((e) => ({ id: e.item.id, title: e.item.title, group: e.item.group })) ?? [];
  const criteria = rubricChoices.flatMap((r) => r.rubric.criteria.map((c) => ({ rubricId: r.rubric.id, criterionId: c.id, title: c.title, rubricTitle: r.rubric.title })));
  return (
    <main className="workspace">
      <header className="bar workspace-bar">
        <button onClick={onClose} aria-label="Back to cases" className="back">
          <IconBack /> Cases
        </button>
        <h1>
          <span className="agency">{c.agencyName}</span> <span className="mono subtle">{c.ori}</span>
        </h1>
        <span className={`chip status-${c.status}`}>{STATUS_LABEL[c.status]}</span>
        {c.archived && <span className="chip subtle">Archived</span>}
        {overdueLabel(c, localToday()) && <span className="chip overdue">{overdueLabel(c, localToday())}</span>}
        <span className="spacer" />
        <span className="undo-status" role="status" aria-live="polite">
          {undo.message}
        </span>
        <button className="icon-button" aria-label="Undo" onClick={() => void undo.undo()} disabled={!undo.canUndo} title="Undo (Ctrl+Z)">
          <IconUndo />
        </button>
        <button className="icon-button" aria-label="Redo" onClick={() => void undo.redo()} disabled={!undo.canRedo} title="Redo (Ctrl+Shift+Z)">
          <IconRedo />
        </button>
        <IdentityPicker onChange={(i) => (setIdentity(i), void reload())} />
        {/* Secondary actions wait in a menu so the agency's name keeps its room on a laptop. */}
        <MenuButton
          label="More actions"
          icon={<IconMore />}
          actions={[
            { label: 'Export bundle', title: 'The whole case in one file, for a reviewer or lead on another machine', onSelect: () => setExporting(true) },
            { label: 'Edit case', onSelect: () => setEditing(true) },
            { label: c.archived ? 'Restore case' : 'Archive case', onSelect: () => void toggleArchive() },
          ]}
        />
      </header>
      {notice && (
        <p className="notice banner" role="status">
          {notice} <button onClick={() => setNotice(null)}>Dismiss</button>
        </p>
      )}
      <WorkflowBar caseRecord={c} checklist={checklist} identity={identity} version={version} onChanged={() => void reload()}>
        <div className="view-switch" role="group" aria-label="Workspace view">
          <button type="button" aria-pressed={view === 'read'} onClick={() => setView('read')}>
            Documents and checklist
          </button>
          <button type="button" aria-pressed={view === 'prereview'} onClick={() => setView('prereview')}>
            Pre-review
          </button>
        </div>
      </WorkflowBar>
      {error && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}
      <div className="view-body" hidden={view !== 'prereview'}>
        <PrereviewScreen caseId={c.id} active={view === 'prereview'} version={version} checklist={checklist} readOnly={c.archived} actions={prereviewActions} onOpenPage={(documentId, page) => (setView('read'), setTarget({ documentId, page }))} />
      </div>
      <div className="view-body" hidden={view !== 'read'}>
      <Group className="panes" orientation="horizontal" defaultLayout={savedLayout()} onLayoutChanged={(layout) => localStorage.setItem(LAYOUT_KEY, JSON.stringify(layout))}>
        <Panel id="left" defaultSize="18" minSize="12" collapsible panelRef={leftPanel} onResize={(size) => setCollapsed((x) => (x.left === (size.inPixels === 0) ? x : { ...x, left: size.inPixels === 0 }))}>
          <section className="pane left" aria-label="Documents and search" hidden={collapsed.left}>
            <DocumentsPane caseRecord={c} documents={docs} selectedId={current?.id ?? null} onSelect={(id) => setTarget({ documentId: id, page: 1, resume: true })} onChanged={() => void reload()} onListChanged={() => void reloadDocuments()} recordUndo={undo.record} />
            <SearchPanel caseId={c.id} inputRef={searchRef} documents={docs} readOnly={c.archived} onDocumentsChanged={() => void reload()} onOpenHit={(h, query) => setTarget({ documentId: h.documentId, page: h.page, query })} />
          </section>
        </Panel>
        <Separator className="separator" aria-label="Resize documents pane" />
        <Panel id="centre" defaultSize="54" minSize="30">
          <section className="pane centre" aria-label="Document viewer">
            <PaneToggle side="left" name="documents pane" collapsed={collapsed.left} onToggle={() => (collapsed.left ? leftPanel.current?.expand() : leftPanel.current?.collapse())} />
            <div className="centre-body">
            {passage && current?.id === passage.documentId && (
              <PassageBar passage={passage} readOnly={c.archived} actions={prereviewActions} onDecided={setPassage} onBack={() => setView('prereview')} onClose={() => setPassage(null)} />
            )}
            {current && target ? (
              <PdfViewer
                key={current.id}
                caseId={c.id}
                document={current}
                target={target}
                annotations={annotations.filter((a) => a.documentId === current.id)}
                items={items}
                criteria={criteria}
                defaultItemId={openItemId}
                readOnly={c.archived}
                onCreateHighlight={(h) => actions.createHighlight({ ...h, documentId: current.id })}
              />
            ) : (
              <div className="empty">
                <h2>No document open</h2>
                <p>{docs.length === 0 ? 'Add the agency’s policy PDFs with “Add PDFs” on the left (Ctrl+O), or drop them there.' : 'Choose a document on the left to read it here.'}</p>
              </div>
            )}
            </div>
            <PaneToggle side="right" name="checklist pane" collapsed={collapsed.right} onToggle={() => (collapsed.right ? rightPanel.current?.expand() : rightPanel.current?.collapse())} />
          </section>
        </Panel>
        <Separator className="separator" aria-label="Resize checklist pane" />
        <Panel id="right" defaultSize="28" minSize="18" collapsible panelRef={rightPanel} onResize={(size) => setCollapsed((x) => (x.right === (size.inPixels === 0) ? x : { ...x, right: size.inPixels === 0 }))}>
          <section className="pane right" aria-label="Checklist and case details" hidden={collapsed.right}>
            <div className="tabs" role="tablist" aria-label="Right pane">
              {TABS.map(([id, label]) => (
                <button key={id} role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls="tabpanel-right" onClick={() => setTab(id)}>
                  {label}
                </button>
              ))}
            </div>
            <div id="tabpanel-right" role="tabpanel" aria-labelledby={`tab-${tab}`}>
              {tab === 'case' && <CaseDetails caseRecord={c} documents={docs} />}
              {tab === 'history' && <HistoryPanel caseId={c.id} version={version} />}
              {tab === 'rubrics' && <RubricsPanel key={identity?.id ?? 'none'} caseId={c.id} highlights={annotations} documents={docs} readOnly={c.archived} defaultScorer={identity ? `${identity.name} <${identity.email}>` : actor || '(no identity)'} />}
              {tab === 'checklist' &&
                (checklistError ? (
                  <p className="error" role="alert">
                    {checklistError}
                  </p>
                ) : checklist ? (
                  <ChecklistPanel checklist={checklist} openItemId={openItemId} onOpenItem={setOpenItemId} actions={actions} caseId={c.id} readOnly={c.archived} onOpenPage={(documentId, page) => setTarget({ documentId, page })} />
                ) : (
                  <p className="subtle">Loading the checklist…</p>
                ))}
            </div>
          </section>
        </Panel>
      </Group>
      </div>
      {exporting && (
        <ExportBundleDialog
          caseRecord={c}
          signer={identity}
          onClose={() => setExporting(false)}
          onDone={(message) => {
            setExporting(false);
            setError(null);
            setNotice(message);
          }}
        />
      )}
      {editing && (
        <CaseForm
          existing={c}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setCase(saved);
          }}
        />
      )}
    </main>
  );
}

/** A slim strip beside the viewer with the button that shuts or reopens the pane on that side. */
function PaneToggle({ side, name, collapsed, onToggle }: { side: 'left' | 'right'; name: string; collapsed: boolean; onToggle: () => void }) {
  const label = `${collapsed ? 'Expand' : 'Collapse'} ${name}`;
  return (
    <div className={`pane-toggle ${side}`}>
      <button type="button" className="icon-button" aria-label={label} title={label} aria-expanded={!collapsed} onClick={onToggle}>
        <IconPane side={side} />
      </button>
    </div>
  );
}
