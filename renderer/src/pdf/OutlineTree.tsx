// The PDF's own bookmarks as a tree (the WAI-ARIA tree pattern): one tab stop, Up/Down move
// through the visible entries, Right opens an entry or steps into it, Left closes it or steps
// out to its parent, Home/End jump, Enter or a click goes to the bookmark's page.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';

export interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

interface Row {
  node: OutlineNode;
  key: string;
  level: number;
  parent: string | null;
  hasChildren: boolean;
}

export function OutlineTree({ outline, onOpen }: { outline: OutlineNode[]; onOpen: (node: OutlineNode) => Promise<void> | void }) {
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const [active, setActive] = useState('0');
  const tree = useRef<HTMLUListElement>(null);

  // The entries a reader can see now: children only under open parents.
  const rows = useMemo(() => {
    const out: Row[] = [];
    const walk = (nodes: OutlineNode[], level: number, parent: string | null) =>
      nodes.forEach((node, i) => {
        const key = parent === null ? String(i) : `${parent}.${i}`;
        out.push({ node, key, level, parent, hasChildren: node.items.length > 0 });
        if (node.items.length && open.has(key)) walk(node.items, level + 1, key);
      });
    walk(outline, 1, null);
    return out;
  }, [outline, open]);

  const focus = (key: string) => {
    setActive(key);
    tree.current?.querySelector<HTMLElement>(`[data-key="${key}"]`)?.focus();
  };
  const toggle = (key: string, to: boolean) =>
    setOpen((s) => {
      const next = new Set(s);
      if (to) next.add(key);
      else next.delete(key);
      return next;
    });

  const onKey = (e: KeyboardEvent, row: Row, i: number) => {
    const go = (j: number) => rows[j] && focus(rows[j]!.key);
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(rows.length - 1);
    else if (e.key === 'ArrowRight') {
      if (row.hasChildren && !open.has(row.key)) toggle(row.key, true);
      else if (row.hasChildren) go(i + 1);
    } else if (e.key === 'ArrowLeft') {
      if (row.hasChildren && open.has(row.key)) toggle(row.key, false);
      else if (row.parent !== null) focus(row.parent);
    } else if (e.key === 'Enter' || e.key === ' ') {
      // Going to the page scrolls the viewer; the reader stays in the tree to pick again.
      void Promise.resolve(onOpen(row.node)).then(() => focus(row.key));
    }
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <ul ref={tree} role="tree" aria-label="Outline" className="outline-tree">
      {rows.map((row, i) => (
        <li
          key={row.key}
          data-key={row.key}
          role="treeitem"
          aria-level={row.level}
          aria-expanded={row.hasChildren ? open.has(row.key) : undefined}
          aria-selected={active === row.key}
          tabIndex={active === row.key ? 0 : -1}
          style={{ paddingLeft: `${(row.level - 1) * 14 + 4}px` }}
          onKeyDown={(e) => onKey(e, row, i)}
          onFocus={() => setActive(row.key)}
          onClick={() => onOpen(row.node)}
        >
          <span
            className={`twisty${row.hasChildren ? '' : ' leaf'}`}
            aria-hidden="true"
            onClick={(e) => {
              if (!row.hasChildren) return;
              e.stopPropagation();
              toggle(row.key, !open.has(row.key));
            }}
          >
            <svg width="10" height="10" viewBox="0 0 10 10" style={{ transform: open.has(row.key) ? 'rotate(90deg)' : undefined }}>
              <path d="M3 1.5 7 5 3 8.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
            </svg>
          </span>
          {row.node.title}
        </li>
      ))}
    </ul>
  );
}

/** Every bookmark in reading order, children after their parent. */
export function flatten(outline: OutlineNode[]): OutlineNode[] {
  return outline.flatMap((n) => [n, ...flatten(n.items)]);
}
