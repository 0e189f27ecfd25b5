// The Pre-review screen: every checklist item that names a rule, read across all of the case's
// documents. The matrix on the left, the selected cell's passages and the item's suggested
// determination on the right. It listens for the worker's progress and reloads as documents are
// read; the workspace's `version` reloads it after any change made elsewhere.
import { useEffect, useMemo, useState } from 'react';
import type { CaseChecklist } from '../../../../shared/schemas/checklist.ts';
import { call, messageOf, onEvent } from '../../api/client.ts';
import { CellDetail } from './CellDetail.tsx';
import { Matrix } from './Matrix.tsx';
import { columnsOf, rowsOf, type Position, type Prereview } from './model.ts';
import type { PrereviewActions } from './actions.ts';
import { Scorecard } from './Scorecard.tsx';

interface Props {
  caseId: string;
  /** Only the shown screen asks for the pre-review (it starts the worker on a case never read). */
  active: boolean;
  version: number;
  checklist: CaseChecklist | null;
  readOnly: boolean;
  actions: PrereviewActions;
  /** Opens the viewer on a page (the scorecard's deciding pages). */
  onOpenPage: (documentId: string, page: number) => void;
}

export function PrereviewScreen({ caseId, active, version, checklist, readOnly, actions, onOpenPage }: Props) {
  const [data, setData] = useState<Prereview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Position | null>(null);
  // Bumped when a cell is chosen by keyboard: its first passage then takes the focus, so A and D work at once.
  const [focusPassages, setFocusPassages] = useState(0);
  const [ignored, setIgnored] = useState<Set<string>>(new Set());
  const [tick, setTick] = useState(0);
  const [seen, setSeen] = useState(false);
  if (active && !seen) setSeen(true);

  useEffect(() => {
    if (!seen) return;
    let stale = false;
    call('prereview.forCase', { caseId })
      .then((d) => {
        if (stale) return;
        setData(d);
        setError(null);
      })
      .catch((e) => !stale && setError(messageOf(e)));
    return () => {
      stale = true;
    };
  }, [caseId, version, tick, seen]);

  useEffect(() => onEvent('prereview.progress', (p) => p.caseId === caseId && setTick((t) => t + 1)), [caseId]);
  // Progress events drive the reloads; a slow poll covers a missed one while the worker runs.
  const running = !!data && data.progress.done < data.progress.total;
  useEffect(() => {
    if (!running || !active) return;
    const t = setTimeout(() => setTick((x) => x + 1), 2000);
    return () => clearTimeout(t);
  }, [running, active, data]);

  const rows = useMemo(() => (data ? rowsOf(data) : []), [data]);
  const columns = useMemo(() => (data ? columnsOf(data) : []), [data]);
  const at = selected && rows[selected.row] ? selected : null;

  return (
    <section className="prereview" aria-labelledby="prereview-title">
      <div className="prereview-head">
        <h2 id="prereview-title">Pre-review</h2>
        <span className="prereview-progress" role="status" aria-live="polite">
          {data && (running ? `Reading the policies: ${data.progress.done} of ${data.progress.total} documents` : `${data.progress.total} of ${data.progress.total} documents read`)}
        </span>
        {running && data && <progress max={data.progress.total} value={data.progress.done} aria-label="Pre-review progress" />}
        <span className="subtle prereview-hint">Suggestions from reading every document: you decide what becomes evidence and what is recorded.</span>
      </div>
      {data && <Scorecard caseId={caseId} refreshKey={data} onOpenPage={onOpenPage} />}
      {error && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p className="subtle banner">Reading the policies…</p>}
      {data && rows.length === 0 && <p className="subtle banner">No item of this case’s checklist names a pre-review rule.</p>}
      {data && rows.length > 0 && (
        <div className="prereview-body">
          <div className="matrix-scroll">
            {data.documents.length === 0 && <p className="subtle">No documents yet: add the agency’s policies to read them here.</p>}
            <Matrix
              data={data}
              rows={rows}
              columns={columns}
              selected={at}
              onSelect={(p, byKeyboard) => {
                setSelected(p);
                if (byKeyboard) setFocusPassages((n) => n + 1);
              }}
            />
          </div>
          <div className="cell-detail" role="region" aria-label="Selected cell">
            {at ? (
              // The suggestion column shows the item against the case's verdict.
              <CellDetail
                data={data}
                row={rows[at.row]!}
                column={columns[at.col < columns.length ? at.col : 0]!}
                checklist={checklist}
                readOnly={readOnly}
                ignored={ignored.has(rows[at.row]!.itemId)}
                actions={actions}
                focusPassages={focusPassages}
                onIgnore={() => setIgnored((s) => new Set(s).add(rows[at.row]!.itemId))}
              />
            ) : (
              <p className="subtle">Choose a cell (arrow keys, then Enter) to see the passages it rests on and the item’s suggested determination.</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
