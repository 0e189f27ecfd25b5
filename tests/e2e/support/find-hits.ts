// What the viewer's find boxes (.find-hit, drawn from the matched words' glyph boxes) cover: the
// text-layer words under their centres, i.e. what the reviewer sees marked on the page.
import type { Page } from '@playwright/test';

export async function wordsUnderFindHits(page: Page, pageNumber: number): Promise<string> {
  return page.evaluate((n) => {
    const hits = [...document.querySelectorAll(`.page[data-page-number="${n}"] .find-hit`)];
    return hits
      .map((h) => {
        const r = h.getBoundingClientRect();
        return document
          .elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2)
          .filter((e) => e.closest('.textLayer') && e.tagName === 'SPAN')
          .map((e) => e.textContent)
          .join(' ');
      })
      .join(' ');
  }, pageNumber);
}
