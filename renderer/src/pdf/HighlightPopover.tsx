// The small form that opens over a text selection: link it to a checklist item, with a stance
// and a note. Enter adds the highlight, Esc closes.
import { useEffect, useRef, useState } from 'react';
import type { EvidenceStance, SelectionRect } from '../../../shared/schemas/checklist.ts';
import { STANCE_ICON, STANCE_LABEL } from '../features/checklist/stance.ts';

export interface PendingSelection {
  page: number;
  endPage: number;
  quote: string;
  rects: SelectionRect[];
  left: number;
  top: number;
}

interface Props {
  selection: PendingSelection;
  items: Array<{ id: string; title: string; group: string }>;
  defaultItemId: string | null;
  onSubmit: (v: { itemIds: string[]; stance: EvidenceStance; note: string }) => Promise<void>;
  onClose: () => void;
}

export function HighlightPopover({ selection, items, defaultItemId, onSubmit, onClose }: Props) {
  const [itemId, setItemId] = useState(defaultItemId ?? '');
  const [stance, setStance] = useState<EvidenceStance>('supports');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const groups = new Map<string, typeof items>();
  for (const i of items) groups.set(i.group, [...(groups.get(i.group) ?? []), i]);

  return (
    <form
      className="popover"
      role="dialog"
      aria-label="Add highlight"
      style={{ left: selection.left, top: selection.top }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await onSubmit({ itemIds: itemId ? [itemId] : [], stance, note });
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        }
      }}
    >
      <p className="popover-quote">
        “{selection.quote.replace(/\s+/g, ' ').slice(0, 120)}
        {selection.quote.length > 120 ? '…' : ''}” <span className="subtle">p. {selection.page}{selection.endPage !== selection.page ? `–${selection.endPage}` : ''}</span>
      </p>
      <label>
        Checklist item
        <select ref={first} value={itemId} onChange={(e) => setItemId(e.target.value)}>
          <option value="">(none yet)</option>
          {[...groups.entries()].map(([g, list]) => (
            <optgroup key={g} label={g}>
              {list.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <fieldset className="stances">
        <legend>Stance</legend>
        {(['supports', 'contradicts', 'context'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="stance" value={s} checked={stance === s} onChange={() => setStance(s)} /> <span aria-hidden="true">{STANCE_ICON[s]}</span> {STANCE_LABEL[s]}
          </label>
        ))}
      </fieldset>
      <label>
        Note <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Optional" />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Add highlight
        </button>
      </div>
    </form>
  );
}
