// Home: every case in the workspace, filterable and sortable, with New case at hand.
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { CaseRecord } from '../../../../shared/schemas/case.ts';
import { call, messageOf, onEvent } from '../../api/client.ts';
import { CaseForm } from './CaseForm.tsx';
import { IdentityPicker } from '../identity/IdentityPicker.tsx';
import { ImportBundleFlow } from '../bundle/BundleDialogs.tsx';
import { STATUS_LABEL, formatDate } from './labels.ts';
import { DeleteCaseDialog } from './DeleteCaseDialog.tsx';
import { localToday, overdueLabel } from '../../../../shared/domain/due-date.ts';
import { IconSortDown, IconSortUp } from '../../ui/icons.tsx';

type SortKey = 'agencyName' | 'ori' | 'state' | 'status' | 'dueDate' | 'documentCount' | 'updatedAt';
const COLUMNS: Array<[SortKey, string]> = [
  ['agencyName', 'Agency'],
  ['ori', 'ORI'],
  ['state', 'State'],
  ['status', 'Status'],
  ['dueDate', 'Due'],
  ['documentCount', 'Documents'],
  ['updatedAt', 'Last changed'],
];

export function CaseList({ onOpen, onVerify, onSettings }: { onOpen: (id: string) => void; onVerify: () => void; onSettings: () => void }) {
  const [cases, setCases] = useState<CaseRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'updatedAt', dir: -1 });
  const [creating, setCreating] = useState(false);
  const [bundle, setBundle] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<CaseRecord | null>(null);
  const today = localToday();

  const load = useCallback(() => {
    call('cases.list', { includeArchived: showArchived })
      .then((c) => {
        setCases(c);
        setError(null);
      })
      .catch((e) => setError(messageOf(e)));
  }, [showArchived]);
  useEffect(load, [load]);
  // A background import that finishes while the list is open changes its document counts.
  useEffect(() => onEvent('import.progress', (p) => (p.phase === 'done' || p.phase === 'failed') && load()), [load]);

  const visible = useMemo(() => {
    if (!cases) return [];
    const q = filter.trim().toLowerCase();
    const rows = q
      ? cases.filter((c) => [c.agencyName, c.ori, c.state, c.status, c.dueDate ?? ''].some((v) => v.toLowerCase().includes(q)))
      : cases;
    return [...rows].sort((a, b) => {
      const av = a[sort.key] ?? '';
      const bv = b[sort.key] ?? '';
      // Cases without a due date sort last whichever way the column is sorted.
      if (sort.key === 'dueDate' && (av === '' || bv === '')) return av === bv ? 0 : av === '' ? 1 : -1;
      return (av < bv ? -1 : av > bv ? 1 : 0) * sort.dir;
    });
  }, [cases, filter, sort]);

  const toggleSort = (key: SortKey) => setSort((s) => ({ key, dir: s.key === key ? (s.dir === 1 ? -1 : 1) : 1 }));

  const rowKeys = (e: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (e.key === 'Enter') onOpen(id);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const row = e.currentTarget;
      const next = (e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
      next?.focus();
    }
  };

  async function restore(id: string) {
    try {
      await call('cases.archive', { id, archived: false });
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <main className="case-list">
      <header className="bar">
        <h1>Cases</h1>
        <input
          type="search"
          className="filter"
          placeholder="Filter by agency, ORI, state, status…"
          aria-label="Filter cases"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="toggle">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived
        </label>
        <button className="primary" onClick={() => setCreating(true)}>
          New case
        </button>
        <button
          onClick={async () => {
            try {
              const file = await call('dialog.chooseBundle', {});
              if (file) setBundle(file.handle);
            } catch (e) {
              setError(messageOf(e));
            }
          }}
        >
          Import case bundle
        </button>
        <button onClick={onVerify}>Verify a packet</button>
        <button onClick={onSettings}>Settings</button>
        <span className="spacer" />
        <IdentityPicker />
      </header>
      {error && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}
      {cases && cases.length === 0 && (
        <section className="empty">
          <h2>No cases yet</h2>
          <p>Create a case for the agency you are reviewing, then add its policy PDFs.</p>
          <button className="primary" onClick={() => setCreating(true)}>
            New case
          </button>
        </section>
      )}
      {cases && cases.length > 0 && (
        <table className="cases" aria-label="Cases">
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th key={key} aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                  <button className="sort" onClick={() => toggleSort(key)}>
                    {label}
                    {sort.key === key && <> {sort.dir === 1 ? <IconSortUp /> : <IconSortDown />}</>}
                  </button>
                </th>
              ))}
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((c) => (
              <tr key={c.id} tabIndex={0} onClick={() => onOpen(c.id)} onKeyDown={(e) => rowKeys(e, c.id)} aria-label={`Open case ${c.agencyName}`} className={c.archived ? 'archived' : ''}>
                <td>
                  {c.agencyName}
                  {c.isSample && <span className="chip subtle">sample</span>}
                  {c.archived && <span className="chip subtle">archived</span>}
                </td>
                <td className="mono">{c.ori}</td>
                <td>{c.state}</td>
                <td>
                  <span className={`chip status-${c.status}`}>{STATUS_LABEL[c.status]}</span>
                </td>
                <td>
                  {formatDate(c.dueDate)}
                  {overdueLabel(c, today) && (
                    <span className="chip overdue" title={overdueLabel(c, today)!}>
                      overdue
                    </span>
                  )}
                </td>
                <td className="num">{c.documentCount}</td>
                <td>{formatDate(c.updatedAt)}</td>
                <td>
                  {c.archived && (
                    <button
                      onClick={(e) => {
                        e.stopPropagation();
                        void restore(c.id);
                      }}
                    >
                      Restore
                    </button>
                  )}
                  <button
                    aria-label={`Delete the case for ${c.agencyName}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      setDeleting(c);
                    }}
                    onKeyDown={(e) => e.stopPropagation()}
                  >
                    Delete…
                  </button>
                </td>
              </tr>
            ))}
            {visible.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length + 1} className="none">
                  No case matches “{filter}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {bundle && (
        <ImportBundleFlow
          key={bundle}
          file={bundle}
          onOpen={(id) => {
            setBundle(null);
            onOpen(id);
          }}
          onClose={() => {
            setBundle(null);
            load();
          }}
        />
      )}
      {deleting && (
        <DeleteCaseDialog
          caseRecord={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            load();
          }}
          onArchived={() => {
            setDeleting(null);
            load();
          }}
        />
      )}
      {creating && (
        <CaseForm
          onOpenExisting={(id) => {
            setCreating(false);
            onOpen(id);
          }}
          onCancel={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            onOpen(c.id);
          }}
        />
      )}
    </main>
  );
}
