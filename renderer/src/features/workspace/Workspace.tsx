// A case's workspace: documents and search | the PDF viewer | case details, in three
// resizable panes whose sizes are remembered.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Group, Panel, Separator, type Layout } from 'react-resizable-panels';
import type { CaseRecord } from '../../../../shared/schemas/case.ts';
import type { DocumentRecord } from '../../../../shared/schemas/document.ts';
import { call, messageOf } from '../../api/client.ts';
import { CaseForm } from '../cases/CaseForm.tsx';
import { STATUS_LABEL } from '../cases/labels.ts';
import { DocumentsPane } from '../documents/DocumentsPane.tsx';
import { SearchPanel } from '../search/SearchPanel.tsx';
import { PdfViewer, type ViewerTarget } from '../../pdf/PdfViewer.tsx';
import { CaseDetails } from './CaseDetails.tsx';

const LAYOUT_KEY = 'credence.workspaceLayout';

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
  const [docs, setDocs] = useState<DocumentRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<ViewerTarget | null>(null);
  const [editing, setEditing] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    try {
      const [cc, dd] = await Promise.all([call('cases.get', { id: caseId }), call('documents.list', { caseId })]);
      setCase(cc);
      setDocs(dd);
      setTarget((t) => t ?? (dd[0] ? { documentId: dd[0].id, page: 1 } : null));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [caseId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

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
  return (
    <main className="workspace">
      <header className="bar">
        <button onClick={onClose} aria-label="Back to cases">
          ← Cases
        </button>
        <h1>
          {c.agencyName} <span className="mono subtle">{c.ori}</span>
        </h1>
        <span className={`chip status-${c.status}`}>{STATUS_LABEL[c.status]}</span>
        {c.archived && <span className="chip subtle">Archived</span>}
        <span className="spacer" />
        <button onClick={() => setEditing(true)}>Edit case</button>
        <button onClick={() => void toggleArchive()}>{c.archived ? 'Restore case' : 'Archive case'}</button>
      </header>
      {error && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}
      <Group
        className="panes"
        orientation="horizontal"
        defaultLayout={savedLayout()}
        onLayoutChanged={(layout) => localStorage.setItem(LAYOUT_KEY, JSON.stringify(layout))}
      >
        <Panel id="left" defaultSize="24" minSize="15">
          <section className="pane left" aria-label="Documents and search">
            <DocumentsPane
              caseRecord={c}
              documents={docs}
              selectedId={current?.id ?? null}
              onSelect={(id) => setTarget({ documentId: id, page: 1 })}
              onChanged={() => void reload()}
            />
            <SearchPanel caseId={c.id} inputRef={searchRef} hasDocuments={docs.length > 0} onOpenHit={(h, query) => setTarget({ documentId: h.documentId, page: h.page, query })} />
          </section>
        </Panel>
        <Separator className="separator" aria-label="Resize documents pane" />
        <Panel id="centre" defaultSize="52" minSize="30">
          <section className="pane centre" aria-label="Document viewer">
            {current && target ? (
              <PdfViewer key={current.id} document={current} target={target} />
            ) : (
              <div className="empty">
                <h2>No document open</h2>
                <p>{docs.length === 0 ? 'Add the agency’s policy PDFs with “Add PDFs” on the left (Ctrl+O).' : 'Choose a document on the left to read it here.'}</p>
              </div>
            )}
          </section>
        </Panel>
        <Separator className="separator" aria-label="Resize details pane" />
        <Panel id="right" defaultSize="24" minSize="15">
          <section className="pane right" aria-label="Case details">
            <CaseDetails caseRecord={c} documents={docs} />
          </section>
        </Panel>
      </Group>
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
