// Find in document counts and highlights with the case search's own tokenisation: a hit covers
// exactly the matched word's glyphs in the text layer (not one character off), at 100 % and 200 %,
// and the viewer's count equals the case search's count for the document.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/test.ts';
import { textPdf } from '../../fixtures/pdfs.ts';

type Box = { left: number; top: number; right: number; bottom: number };

const PAGES = [
  { lines: ['Use of Force', 'Chokeholds are prohibited unless deadly force is justified.', 'A chokehold, or choke hold, restricts breathing; see the policies.'] },
  { lines: ['Training policy', 'No chokehold is taught. Each policy is reviewed yearly.'] },
];

async function importPdf(page: Page, harness: { dataDir: string; choose(paths: string[]): void }) {
  const file = path.join(path.dirname(harness.dataDir), 'find-words.pdf');
  fs.writeFileSync(file, await textPdf(PAGES, 'Find Words Directive'));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  await expect(page.getByTestId('page-count')).toHaveText('2', { timeout: 60_000 });
  fs.rmSync(file);
}

/** The case search's count of matches in one document, from the results' heading for it. */
async function caseSearchCount(page: Page, query: string): Promise<number> {
  await page.getByLabel('Search this case').fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const text = await page.getByRole('region', { name: 'Matches in Find Words Directive' }).locator('.doc-matches').textContent();
  return Number(/(\d+) match/.exec(text ?? '')?.[1]);
}

/** The client rectangles of every whole word matching `word` in page n's text layer, found independently of the viewer. */
function wordBoxes(page: Page, n: number, word: RegExp): Promise<Box[]> {
  return page.evaluate(
    ([n, source]) => {
      const layer = document.querySelector(`.page[data-page-number="${n}"] .textLayer`)!;
      const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
      const out: Box[] = [];
      for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
        for (const m of t.data.matchAll(new RegExp(source as string, 'gi'))) {
          const r = document.createRange();
          r.setStart(t, m.index!);
          r.setEnd(t, m.index! + m[0].length);
          for (const b of r.getClientRects()) out.push({ left: b.left, top: b.top, right: b.right, bottom: b.bottom });
        }
      }
      return out;
    },
    [n, word.source] as const,
  );
}

function hitBoxes(page: Page, n: number): Promise<Box[]> {
  return page.locator(`.page[data-page-number="${n}"] .find-hit`).evaluateAll((els) =>
    els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })),
  );
}

const rounded = (boxes: Box[]) =>
  boxes.map((b) => [b.left, b.top, b.right, b.bottom].map((v) => Math.round(v * 2) / 2)).sort((a, b) => a[1]! - b[1]! || a[0]! - b[0]!);

async function setZoom(page: Page, percent: string) {
  const input = page.getByLabel('Zoom percent');
  await input.fill(percent);
  await input.press('Enter');
  await expect(input).toHaveValue(percent);
}

test('find in document highlights exactly the matched words and counts what the case search counts', async ({ app: page, harness }, testInfo) => {
  await importPdf(page, harness);
  const searched = await caseSearchCount(page, 'chokehold');
  // "Chokeholds", "chokehold" and "choke hold" (the same word written open) on page 1, "chokehold" on page 2.
  expect(searched).toBe(4);

  // Opening the hit on page 1 finds the same words in the viewer.
  await page.getByRole('region', { name: 'Matches in Find Words Directive' }).getByRole('button', { name: /p\. 1/ }).click();
  await expect(page.getByLabel('Find in document')).toHaveValue('chokehold');
  await expect(page.locator('.find-status')).toHaveText(`1 of ${searched}`);

  for (const zoom of ['100', '200']) {
    await setZoom(page, zoom);
    await page.getByLabel('Page number').fill('1');
    await page.getByLabel('Page number').press('Enter');
    // The drawn boxes are the words' own glyph boxes: no character more or less on either side.
    const word = /\bchokeholds?\b|\bchoke holds?\b/;
    await expect.poll(async () => rounded(await hitBoxes(page, 1)), { timeout: 20_000 }).toEqual(rounded(await wordBoxes(page, 1, word)));
    expect((await hitBoxes(page, 1)).length).toBe(3);
    await page.locator('.page[data-page-number="1"]').screenshot({ path: testInfo.outputPath(`find-${zoom}.png`) });
  }

  // Enter walks the matches; the last wraps to the first.
  const find = page.getByLabel('Find in document');
  await find.focus();
  await find.press('Enter');
  await expect(page.locator('.find-status')).toHaveText(`2 of ${searched}`);
  await find.press('Enter');
  await expect(page.locator('.find-status')).toHaveText(`3 of ${searched}`);
  await find.press('Enter');
  await expect(page.locator('.find-status')).toHaveText(`4 of ${searched}`);
  await expect(page.locator('.viewer-container')).toHaveAttribute('data-current-page', '2');
  await find.press('Enter');
  await expect(page.locator('.find-status')).toHaveText(`1 of ${searched}`);

  // Stemming counts alike on both sides: "policies" finds "policy" and "policies".
  const policies = await caseSearchCount(page, 'policies');
  expect(policies).toBe(3);
  await find.fill('policies');
  await expect(page.locator('.find-status')).toHaveText(new RegExp(`of ${policies}$`));
});
