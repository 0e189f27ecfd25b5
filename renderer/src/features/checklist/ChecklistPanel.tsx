// The checklist: progress, filters, items grouped with the two mandatory conditions first and
// set apart, and the open item's detail.
import { IconCross, IconWarning } from '../../ui/icons.tsx';
import { useState } from 'react';
import { DETERMINATION_LABEL, type CaseChecklist, type ChecklistEntry } from '../../../../shared/schemas/checklist.ts';
import { ItemDetail, type ItemActions } from './ItemDetail.tsx';
import { Scorecard } from '../prereview/Scorecard.tsx';

type Filter = 'all' | 'undecided' | 'stale' | 'contradicted';
const FILTERS: Array<[Filter, string]> = [
  ['all', 'All'],
  ['undecided', 'Undecided'],
  ['stale', 'Stale'],
  ['contradicted', 'Contradicted'],
];

interface Props {
  checklist: CaseChecklist;
  openItemId: string | null;
  onOpenItem: (id: string | null) => void;
  actions: ItemActions;
  caseId: string;
  readOnly: boolean;
  /** Opens the viewer on a page (the scorecard's deciding passages). */
  onOpenPage?: (documentId: string, page: number) => void;
}

function Flags({ e }: { e: ChecklistEntry }) {
  return (
    <span className="flags">
      {e.flags.stale && <span className="chip warn" title="Evidence this rests on has changed"><IconWarning /> stale</span>}
      {e.flags.contradicted && <span className="chip contra" title="A highlight contradicts this item"><IconCross /> contradicted</span>}
    </span>
  );
}

export function ChecklistPanel({ checklist, openItemId, onOpenItem, actions, caseId, readOnly, onOpenPage }: Props) {
  const [filter, setFilter] = useState<Filter>('all');
  const open = checklist.entries.find((e) => e.item.id === openItemId);
  if (open) return <ItemDetail entry={open} onBack={() => onOpenItem(null)} actions={actions} caseId={caseId} readOnly={readOnly} />;

  const { progress } = checklist;
  const shown = checklist.entries.filter((e) => filter === 'all' || e.flags[filter]);
  const groups = new Map<string, ChecklistEntry[]>();
  for (const e of shown) groups.set(e.item.group, [...(groups.get(e.item.group) ?? []), e]);

  return (
    <div className="checklist">
      <p className="progress-line">
        <strong>
          {progress.decided} of {progress.total}
        </strong>{' '}
        items decided · mandatory {progress.mandatoryDecided} of {progress.mandatoryTotal}
      </p>
      <progress max={progress.total} value={progress.decided} aria-label="Checklist progress" />
      <p className="subtle pack-name" title={checklist.pack.publisher}>
        {checklist.pack.title} · v{checklist.pack.version}
      </p>
      {onOpenPage && <Scorecard caseId={caseId} refreshKey={checklist} onOpenPage={onOpenPage} />}
      <div className="filters" role="group" aria-label="Show items">
        {FILTERS.map(([f, label]) => (
          <button key={f} aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {label}
            {f !== 'all' && ` (${checklist.entries.filter((e) => e.flags[f]).length})`}
          </button>
        ))}
      </div>
      {shown.length === 0 && <p className="subtle">No items are {filter}.</p>}
      {[...groups.entries()].map(([group, entries]) => (
        <section key={group} className={`item-group${entries[0]!.item.kind === 'mandatory' ? ' mandatory' : ''}`} aria-label={group}>
          <h3>{group}</h3>
          <ul>
            {entries.map((e) => (
              <li key={e.item.id}>
                <button className="item-row" onClick={() => onOpenItem(e.item.id)}>
                  <span className={`det det-${e.determination?.status ?? 'none'}`}>{e.determination ? DETERMINATION_LABEL[e.determination.status] : 'Undecided'}</span>
                  <span className="item-title">{e.item.title}</span>
                  <span className="evidence-count" title="Evidence highlights">
                    {e.evidence.length} {e.evidence.length === 1 ? 'passage' : 'passages'}
                  </span>
                  <Flags e={e} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
