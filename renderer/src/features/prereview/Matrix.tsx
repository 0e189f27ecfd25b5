// The matrix: items down the side, the case's verdict then each document across, and the
// suggested determination at the end. A WAI-ARIA grid with one tab stop (roving tabindex): the
// arrow keys move between cells, Home/End to the row's ends, Enter or Space selects the cell.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { DETERMINATION_LABEL } from '../../../../shared/schemas/checklist.ts';
import { IconWarning } from '../../ui/icons.tsx';
import { StanceChip } from './StanceChip.tsx';
import { cellOf, moveFocus, suggestionFor, type Column, type Position, type Prereview, type Row } from './model.ts';

interface Props {
  data: Prereview;
  rows: Row[];
  columns: Column[];
  selected: Position | null;
  /** `byKeyboard`: chosen with Enter or Space, so the keyboard goes on into the cell's passages. */
  onSelect(at: Position, byKeyboard?: boolean): void;
}

export function Matrix({ data, rows, columns, selected, onSelect }: Props) {
  // The last column holds the item's suggested determination.
  const cols = columns.length + 1;
  const [focus, setFocus] = useState<Position>(selected ?? { row: 0, col: 0 });
  const grid = useRef<HTMLTableElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    grid.current?.querySelector<HTMLElement>(`[data-cell="${focus.row}:${focus.col}"]`)?.focus();
  }, [focus]);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(focus, true);
      return;
    }
    const next = moveFocus(focus, e.key, e.ctrlKey || e.metaKey, rows.length, cols);
    if (!next) return;
    e.preventDefault();
    moved.current = true;
    setFocus(next);
  };

  const cellProps = (row: number, col: number) => ({
    role: 'gridcell',
    tabIndex: focus.row === row && focus.col === col ? 0 : -1,
    'data-cell': `${row}:${col}`,
    'aria-selected': selected?.row === row && selected?.col === col,
    onClick: () => {
      setFocus({ row, col });
      onSelect({ row, col });
    },
    onFocus: () => (focus.row === row && focus.col === col ? undefined : setFocus({ row, col })),
  });

  return (
    <table ref={grid} role="grid" className="pr-matrix" aria-label="Pre-review: stance of each checklist item in each document" aria-rowcount={rows.length + 1} onKeyDown={onKey}>
      <thead>
        <tr role="row">
          <th role="columnheader" scope="col" className="corner">
            Checklist item
          </th>
          {columns.map((c) => (
            <th key={c.key} role="columnheader" scope="col" className={c.kind === 'case' ? 'case-col' : c.isDirective ? undefined : 'non-directive'}>
              {c.kind === 'case' ? (
                <span title="What governs across the case's directives">Case</span>
              ) : (
                <>
                  <span className="col-title" title={c.title}>
                    {c.title}
                  </span>
                  {!c.isDirective && <span className="col-note">not a directive (FAQ)</span>}
                </>
              )}
            </th>
          ))}
          <th role="columnheader" scope="col">
            Suggested
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, ri) => {
          const s = suggestionFor(data, r);
          return (
            <tr key={r.key} role="row">
              <th role="rowheader" scope="row" title={r.itemTitle}>
                <span className="row-label">{r.label}</span>
              </th>
              {columns.map((c, ci) => {
                const cell = cellOf(data, r, c);
                return (
                  <td key={c.key} {...cellProps(ri, ci)} className={`${c.kind === 'case' ? 'case-col' : c.isDirective ? '' : 'non-directive'}${cell.conflict ? ' conflict' : ''}`}>
                    <StanceChip label={cell.label} tone={cell.tone} />
                    {cell.conflict && (
                      <span className="pr-conflict">
                        <IconWarning /> conflict
                      </span>
                    )}
                    {cell.notes.map((n) => (
                      <span key={n} className="pr-note">
                        {n}
                      </span>
                    ))}
                  </td>
                );
              })}
              <td {...cellProps(ri, columns.length)} className="suggested">
                {s ? (
                  <span className={s.adopted ? 'adopted' : undefined}>
                    {s.adopted ? 'Adopted: ' : ''}
                    {DETERMINATION_LABEL[s.status]}
                  </span>
                ) : (
                  <span className="subtle">none</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
