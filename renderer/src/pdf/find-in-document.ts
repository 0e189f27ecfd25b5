// Find in document with the case search's own tokenisation (shared/domain/search/tokenize.ts):
// counts come from each page's text joined exactly as the extractor joins it for the index, and
// highlights from the same matches located in the text layer, so a hit starts and ends on the
// matched word and the viewer counts what the case search counts.
import { PageTextBuilder, type TextPiece } from '../../../shared/domain/search/page-text.ts';
import { findMatches, type Match, type Pattern } from '../../../shared/domain/search/tokenize.ts';

interface PdfLike {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }> }>;
}

/** Each page's text as the index holds it, read once per document. */
export function pageTexts(pdf: PdfLike) {
  const cache = new Map<number, Promise<string>>();
  return (n: number): Promise<string> => {
    let t = cache.get(n);
    if (!t) {
      t = pdf.getPage(n).then(async (page) => {
        const b = new PageTextBuilder();
        for (const it of (await page.getTextContent()).items) if (typeof (it as TextPiece).str === 'string') b.add(it as TextPiece);
        return b.text();
      });
      cache.set(n, t);
    }
    return t;
  };
}

/** A page's text layer as one string, joined by the extractor's rule, with where each text node starts. */
export function textLayerText(layer: Element): { text: string; nodes: Array<{ node: Text; start: number }> } {
  const nodes: Array<{ node: Text; start: number }> = [];
  const parts: string[] = [];
  let length = 0;
  let pendingSpace = false;
  let endsWhite = false;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
    endsWhite = /\s/.test(s[s.length - 1]!);
  };
  const walker = layer.ownerDocument.createTreeWalker(layer, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      const data = (n as Text).data;
      if (!data) continue;
      if (pendingSpace && !endsWhite) push(' ');
      nodes.push({ node: n as Text, start: length });
      push(data);
      pendingSpace = true;
    } else if ((n as Element).tagName === 'BR') {
      push('\n');
      pendingSpace = false;
    }
  }
  return { text: parts.join(''), nodes };
}

/** The DOM range of one match in a text layer. */
export function matchRange(nodes: Array<{ node: Text; start: number }>, m: Match): Range | null {
  const at = (offset: number, isEnd: boolean) => {
    for (const { node, start } of nodes) {
      const end = start + node.data.length;
      if (isEnd ? offset > start && offset <= end : offset >= start && offset < end) return { node, offset: offset - start };
    }
    return null;
  };
  const a = at(m.start, false);
  const b = at(m.end, true);
  if (!a || !b) return null;
  const range = a.node.ownerDocument.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/**
 * Draws the matches on one rendered page: boxes from the matched characters' own client
 * rectangles, in the page's CSS pixels (the origin the highlights layer uses). Answers how many
 * matches the text layer holds.
 */
export function drawFindHits(pageDiv: HTMLElement, patterns: Pattern[], selected: number | null): number {
  let layer = pageDiv.querySelector<HTMLDivElement>(':scope > .credence-find');
  const textLayer = pageDiv.querySelector('.textLayer');
  if (!textLayer) return 0;
  if (!layer) {
    layer = pageDiv.ownerDocument.createElement('div');
    layer.className = 'credence-find';
    pageDiv.appendChild(layer);
  }
  layer.replaceChildren();
  if (patterns.length === 0) return 0;
  const { text, nodes } = textLayerText(textLayer);
  const matches = findMatches(text, patterns);
  const page = pageDiv.getBoundingClientRect();
  const ox = page.left + pageDiv.clientLeft;
  const oy = page.top + pageDiv.clientTop;
  matches.forEach((m, i) => {
    const range = matchRange(nodes, m);
    if (!range) return;
    // A box per line: a scanned page's text layer has a span per word and per space, whose boxes
    // overlap a little, and drawn apart they showed darker bars (and outlines) between the words.
    const rects = Array.from(range.getClientRects())
      .filter((r) => r.width >= 0.5 && r.height >= 0.5)
      .map((r) => ({ x: r.left - ox, y: r.top - oy, w: r.width, h: r.height }));
    for (const r of lineBoxes(rects)) {
      const el = pageDiv.ownerDocument.createElement('div');
      el.className = i === selected ? 'find-hit selected' : 'find-hit';
      el.dataset.match = String(i);
      Object.assign(el.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.w}px`, height: `${r.h}px` });
      layer!.appendChild(el);
    }
  });
  return matches.length;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * One box per line of a match: boxes that follow one another along a line (sharing most of their
 * height, the next starting within half a line's height of where the last ends) are joined. A
 * scanned page's words are spans of their own heights ("ten" shorter than "days,"), so boxes of
 * one line differ in height and are joined by overlap, not by equal bands.
 */
export function lineBoxes(rects: Box[]): Box[] {
  const out: Box[] = [];
  for (const r of rects) {
    const last = out[out.length - 1];
    if (last) {
      const overlap = Math.min(last.y + last.h, r.y + r.h) - Math.max(last.y, r.y);
      const sameLine = overlap >= 0.5 * Math.min(last.h, r.h);
      const gap = r.x - (last.x + last.w);
      if (sameLine && gap <= 0.5 * Math.max(last.h, r.h) && r.x + r.w >= last.x) {
        const x = Math.min(last.x, r.x);
        const y = Math.min(last.y, r.y);
        out[out.length - 1] = { x, y, w: Math.max(last.x + last.w, r.x + r.w) - x, h: Math.max(last.y + last.h, r.y + r.h) - y };
        continue;
      }
    }
    out.push(r);
  }
  return out;
}
