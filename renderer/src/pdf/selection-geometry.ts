// The boxes of a text selection in the viewer, in PDF units per page: taken from the glyph boxes
// of the selected characters in pdf.js's text layer (Range.getClientRects on each selected text
// node), so a highlight covers exactly what the reviewer selected, at any zoom or rotation.
import type { SelectionRect } from '../../../shared/schemas/checklist.ts';

export interface PageViewport {
  convertToPdfPoint(x: number, y: number): number[];
}

/** `viewportOf(n)` gives page n's viewport (the one the page is drawn with), or null. */
export function selectionRects(range: Range, viewportOf: (pageNumber: number) => PageViewport | null): SelectionRect[] {
  const out: SelectionRect[] = [];
  const seen = new Set<string>();
  for (const node of selectedTextNodes(range)) {
    const layer = node.parentElement?.closest<HTMLElement>('.textLayer');
    const pageDiv = layer?.closest<HTMLElement>('.page');
    const pageNumber = Number(pageDiv?.dataset.pageNumber);
    const viewport = Number.isInteger(pageNumber) ? viewportOf(pageNumber) : null;
    if (!pageDiv || !viewport) continue;
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : node.length;
    if (end <= start) continue;
    const part = node.ownerDocument.createRange();
    part.setStart(node, start);
    part.setEnd(node, end);
    // The page's drawing area starts inside its border: the same origin the highlights layer uses.
    const page = pageDiv.getBoundingClientRect();
    const ox = page.left + pageDiv.clientLeft;
    const oy = page.top + pageDiv.clientTop;
    for (const r of Array.from(part.getClientRects())) {
      if (r.width < 0.5 || r.height < 0.5) continue;
      const [x1, y1] = viewport.convertToPdfPoint(r.left - ox, r.top - oy) as [number, number];
      const [x2, y2] = viewport.convertToPdfPoint(r.right - ox, r.bottom - oy) as [number, number];
      const box = { page: pageNumber, x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
      const key = [box.page, box.x, box.y, box.w, box.h].map((n) => Math.round(n * 2)).join(',');
      if (box.w <= 0 || box.h <= 0 || seen.has(key)) continue;
      seen.add(key);
      out.push(box);
    }
  }
  return mergeAdjacent(out);
}

/**
 * Joins boxes that continue one another along a line (same page, same band across the line, the
 * one starting where the other ends): a scanned page's text layer has a span per word and per
 * space, and a highlight over a sentence is a box per line, not two per word.
 */
export function mergeAdjacent(rects: SelectionRect[], tolerance = 0.5): SelectionRect[] {
  const out: SelectionRect[] = [];
  const near = (a: number, b: number) => Math.abs(a - b) <= tolerance;
  for (const r of rects) {
    const last = out[out.length - 1];
    if (last && last.page === r.page) {
      const sameRow = near(last.y, r.y) && near(last.h, r.h) && r.x <= last.x + last.w + tolerance && r.x + r.w >= last.x - tolerance;
      const sameColumn = near(last.x, r.x) && near(last.w, r.w) && r.y <= last.y + last.h + tolerance && r.y + r.h >= last.y - tolerance;
      if (sameRow || sameColumn) {
        const x = Math.min(last.x, r.x);
        const y = Math.min(last.y, r.y);
        out[out.length - 1] = { page: r.page, x, y, w: Math.max(last.x + last.w, r.x + r.w) - x, h: Math.max(last.y + last.h, r.y + r.h) - y };
        continue;
      }
    }
    out.push(r);
  }
  return out;
}

function selectedTextNodes(range: Range): Text[] {
  const root = range.commonAncestorContainer;
  if (root.nodeType === Node.TEXT_NODE) return [root as Text];
  const nodes: Text[] = [];
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (range.intersectsNode(n)) nodes.push(n as Text);
  return nodes;
}
