// What the viewer's find boxes (.find-hit, drawn from the matched words' glyph boxes, a box per
// line) cover: the text-layer spans met along each box's middle, left to right, i.e. what the
// reviewer sees marked on the page. Spans with no letter or digit (spaces, marks) are left out.
import type { Page } from '@playwright/test';

export async function wordsUnderFindHits(page: Page, pageNumber: number): Promise<string> {
  return page.evaluate((n) => {
    const hits = [...document.querySelectorAll(`.page[data-page-number="${n}"] .find-hit`)];
    return hits
      .map((h) => {
        const r = h.getBoundingClientRect();
        const met: Element[] = [];
        // Every 2 px across the box, 3 px in from its edges (a neighbour's glyph may touch them).
        for (let x = r.x + 3; x <= r.right - 3; x += 2) {
          for (const e of document.elementsFromPoint(x, r.y + r.height / 2)) {
            if (e.closest('.textLayer') && e.tagName === 'SPAN' && /[\p{L}\p{N}]/u.test(e.textContent ?? '') && !met.includes(e)) met.push(e);
          }
        }
        return met.map((e) => e.textContent!.trim()).join(' ');
      })
      .join(' ');
  }, pageNumber);
}
