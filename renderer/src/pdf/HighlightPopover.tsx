// The small form that opens beside a text selection: link it to one or more checklist items and
// rubric criteria (evidence for a criterion now, its score later), with a stance and a note. Enter adds the highlight, Esc closes. It sits below the selection,
// or above it when there is no room below, and always inside the viewer; its list of items
// scrolls within it rather than spilling out.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CriterionRef, EvidenceStance, SelectionRect } from '../../../shared/schemas/checklist.ts';
import { STANCE_LABEL } from '../features/checklist/stance.ts';
import { StanceIcon } from '../ui/icons.tsx';
import { quotePreview } from '../../../shared/domain/quote-text.ts';

export interface PendingSelection {
  page: number;
  endPage: number;
  quote: string;
  rects: SelectionRect[];
  /** The selection's box, relative to the viewer body. */
  anchor: { left: number; top: number; bottom: number };
  /** The viewer body's size. */
  bounds: { width: number; height: number };
}

const WIDTH = 330;
const GAP = 6;

/** Where the popover goes: under the selection if it fits, else over it, else where it covers least; always inside the bounds. */
export function placePopover(anchor: PendingSelection['anchor'], bounds: PendingSelection['bounds'], height: number): { left: number; top: number } {
  const left = Math.max(8, Math.min(anchor.left, bounds.width - WIDTH - 8));
  const below = anchor.bottom + GAP;
  const above = anchor.top - GAP - height;
  let top: number;
  if (below + height <= bounds.height - 4) top = below;
  else if (above >= 4) top = above;
  else top = bounds.height - anchor.bottom > anchor.top ? below : Math.max(4, above);
  return { left, top: Math.max(4, Math.min(top, bounds.height - Math.min(height, bounds.height) - 4)) };
}

/** A rubric criterion offered in the form, grouped under its rubric's title. */
export interface CriterionChoice extends CriterionRef {
  title: string;
  rubricTitle: string;
}

interface Props {
  selection: PendingSelection;
  items: Array<{ id: string; title: string; group: string }>;
  criteria: CriterionChoice[];
  defaultItemId: string | null;
  onSubmit: (v: { itemIds: string[]; criteria: CriterionRef[]; stance: EvidenceStance; note: string }) => Promise<void>;
  onClose: () => void;
}

const keyOf = (c: CriterionRef) => `${c.rubricId}/${c.criterionId}`;

export function HighlightPopover({ selection, items, criteria, defaultItemId, onSubmit, onClose }: Props) {
  // Nothing chosen unless the reviewer came here from an item.
  const [itemIds, setItemIds] = useState<string[]>(defaultItemId ? [defaultItemId] : []);
  const [criterionKeys, setCriterionKeys] = useState<string[]>([]);
  const [stance, setStance] = useState<EvidenceStance>('supports');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  // 21 items and 18 criteria share a box a few lines high: typing narrows them (a ticked one stays).
  const [filter, setFilter] = useState('');
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (text: string, ticked: boolean) => ticked || words.every((w) => text.toLowerCase().includes(w));
  const form = useRef<HTMLFormElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => setPlace(placePopover(selection.anchor, selection.bounds, form.current?.offsetHeight ?? 300)), [selection]);
  // Focus once placed (a hidden element takes no focus): the ticked item, else the first.
  const placed = place !== null;
  useEffect(() => {
    if (placed) (form.current?.querySelector<HTMLInputElement>('input[type="checkbox"]:checked') ?? form.current?.querySelector<HTMLInputElement>('input[type="checkbox"]'))?.focus();
  }, [placed]);

  const groups = new Map<string, typeof items>();
  for (const i of items) if (shown(`${i.title} ${i.group}`, itemIds.includes(i.id))) groups.set(i.group, [...(groups.get(i.group) ?? []), i]);
  const rubrics = new Map<string, CriterionChoice[]>();
  for (const c of criteria) if (shown(`${c.title} ${c.rubricTitle}`, criterionKeys.includes(keyOf(c)))) rubrics.set(c.rubricTitle, [...(rubrics.get(c.rubricTitle) ?? []), c]);
  // Ticked ones stay in view whatever is typed; the note says when nothing else has the words.
  const nothingShown = words.length > 0 && !items.some((i) => shown(`${i.title} ${i.group}`, false)) && !criteria.some((c) => shown(`${c.title} ${c.rubricTitle}`, false));

  return (
    <form
      className="popover"
      role="dialog"
      aria-label="Add highlight"
      ref={form}
      style={{ left: place?.left ?? 0, top: place?.top ?? 0, visibility: place ? 'visible' : 'hidden', maxHeight: selection.bounds.height - 8 }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await onSubmit({ itemIds, criteria: criteria.filter((c) => criterionKeys.includes(keyOf(c))).map(({ rubricId, criterionId }) => ({ rubricId, criterionId })), stance, note });
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        }
      }}
    >
      <p className="popover-quote">
        “{quotePreview(selection.quote, 120)}” <span className="subtle">p. {selection.page}{selection.endPage !== selection.page ? `–${selection.endPage}` : ''}</span>
      </p>
      <input
        type="search"
        className="pick-filter"
        aria-label="Filter items and criteria"
        placeholder="Filter items and criteria…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          // Enter goes on to the first item left (Space ticks it, Enter then adds the highlight).
          if (e.key === 'Enter') {
            e.preventDefault();
            form.current?.querySelector<HTMLInputElement>('.pick-scroll input[type="checkbox"]')?.focus();
          }
        }}
      />
      {/* Items and criteria scroll together in one box, so the form keeps its height beside the selection. */}
      <div className="pick-scroll">
      {nothingShown && <p className="subtle">No item or criterion has “{filter.trim()}” in its name.</p>}
      {groups.size > 0 && (
      <fieldset className="item-picks">
        <legend>Checklist items{itemIds.length ? ` (${itemIds.length})` : ''}</legend>
        <div className="item-pick-list">
          {[...groups.entries()].map(([g, list]) => (
            <div key={g} role="group" aria-label={g}>
              <div className="item-pick-group" aria-hidden="true">
                {g}
              </div>
              {list.map((i) => (
                <label key={i.id}>
                  <input
                    type="checkbox"
                    value={i.id}
                    checked={itemIds.includes(i.id)}
                    onChange={(e) => setItemIds((ids) => (e.target.checked ? [...ids, i.id] : ids.filter((x) => x !== i.id)))}
                  />{' '}
                  {i.title}
                </label>
              ))}
            </div>
          ))}
        </div>
      </fieldset>
      )}
      {rubrics.size > 0 && (
        <fieldset className="item-picks">
          <legend>Rubric criteria{criterionKeys.length ? ` (${criterionKeys.length})` : ''}</legend>
          <div className="item-pick-list">
            {[...rubrics.entries()].map(([title, list]) => (
              <div key={title} role="group" aria-label={title}>
                <div className="item-pick-group" aria-hidden="true">
                  {title}
                </div>
                {list.map((c) => (
                  <label key={keyOf(c)}>
                    <input
                      type="checkbox"
                      value={keyOf(c)}
                      checked={criterionKeys.includes(keyOf(c))}
                      onChange={(e) => setCriterionKeys((ks) => (e.target.checked ? [...ks, keyOf(c)] : ks.filter((k) => k !== keyOf(c))))}
                    />{' '}
                    {c.title}
                  </label>
                ))}
              </div>
            ))}
          </div>
        </fieldset>
      )}
      </div>
      <fieldset className="stances">
        <legend>Stance</legend>
        {(['supports', 'contradicts', 'context'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="stance" value={s} checked={stance === s} onChange={() => setStance(s)} /> <StanceIcon stance={s} /> {STANCE_LABEL[s]}
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
