// The selected cell: its stance and why (which document decides the case, conflicts, pages that
// need OCR), its passages, and the item's suggested determination.
import type { CaseChecklist } from '../../../../shared/schemas/checklist.ts';
import { IconWarning } from '../../ui/icons.tsx';
import { prereviewStance } from '../checklist/stance.ts';
import { Passages } from './Passages.tsx';
import { StanceChip } from './StanceChip.tsx';
import { SuggestedDetermination } from './SuggestedDetermination.tsx';
import { cellOf, passagesOf, suggestionFor, unreadPagesNotes, type Column, type Prereview, type Row } from './model.ts';
import type { PrereviewActions } from './actions.ts';

interface Props {
  data: Prereview;
  row: Row;
  column: Column;
  checklist: CaseChecklist | null;
  readOnly: boolean;
  ignored: boolean;
  actions: PrereviewActions;
  /** Changes when the cell was chosen by keyboard: its first undecided passage takes the focus. */
  focusPassages?: number;
  onIgnore(): void;
}

export function CellDetail({ data, row, column, checklist, readOnly, ignored, actions, focusPassages, onIgnore }: Props) {
  const cell = cellOf(data, row, column);
  const found = passagesOf(data, row, column);
  const caseFinding = column.kind === 'case' ? data.case[row.ruleId] : null;
  const doc = column.kind === 'document' ? data.documents.find((d) => d.documentId === column.documentId) : null;
  const suggestion = suggestionFor(data, row);
  const entry = checklist?.entries.find((e) => e.item.id === row.itemId);
  const titleOf = (id: string) => data.documents.find((d) => d.documentId === id)?.title ?? 'a removed document';

  return (
    <div className="cell-detail-body">
      <h3 className="detail-title">
        {row.label} <span className="subtle">· {column.kind === 'case' ? 'the case' : column.title}</span>
      </h3>
      <p className="subtle item-of">{row.itemTitle}</p>
      <p className="detail-stance">
        <StanceChip label={cell.label} tone={cell.tone} />
        {cell.notes.map((n) => (
          <span key={n} className="pr-note inline">
            {n}
          </span>
        ))}
      </p>
      {caseFinding && (
        <div className="case-finding">
          <p>{caseFinding.decidedBy ? <>Decided by <strong>{caseFinding.decidedBy.title}</strong>: for a prohibition the most permissive rule governs, for a requirement the strongest.</> : 'No document sets a rule for this item.'}</p>
          {caseFinding.conflicts.length > 0 && (
            <div className="conflicts" role="note">
              <p className="pr-conflict">
                <IconWarning /> Conflict between documents
              </p>
              <ul>
                {caseFinding.conflicts.map((c) => (
                  <li key={c.documentId}>
                    {c.title}: {prereviewStance(c.stance).label}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {caseFinding.unread.length > 0 && <p className="subtle">Not read in full (pages without text; OCR reads them, or says why not in Documents): {caseFinding.unread.join(', ')}.</p>}
        </div>
      )}
      {doc && doc.pagesWithoutText.length > 0 && (
        <p className="subtle">
          Pages without text in this document: {doc.pagesWithoutText.length > 12 ? `${doc.pagesWithoutText.slice(0, 12).join(', ')}…` : doc.pagesWithoutText.join(', ')} ({unreadPagesNotes(doc, doc.pagesWithoutText).join('; ')}).
        </p>
      )}
      {doc?.pending && <p className="subtle">This document is still being read.</p>}
      {found && <Passages document={found.document} ruleId={row.ruleId} itemTitle={row.itemTitle} passages={found.passages} mentions={found.mentions} readOnly={readOnly} actions={actions} focusToken={focusPassages} />}
      {suggestion && !ignored && <SuggestedDetermination suggestion={suggestion} itemTitle={row.itemTitle} entry={entry} documentTitle={titleOf} readOnly={readOnly} reading={data.progress.done < data.progress.total} actions={actions} onIgnore={onIgnore} />}
      {suggestion && ignored && <p className="subtle">Suggestion ignored for now; nothing was recorded.</p>}
    </div>
  );
}
