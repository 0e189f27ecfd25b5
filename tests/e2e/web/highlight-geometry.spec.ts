// A highlight covers exactly what the reviewer selected: on two-column definitions, a table, a
// list and a page rotated 90°, at 55 %, 100 % and 200 %, the boxes drawn for a highlight are
// compared, in pixels, with the client rectangles of the selection itself.
import fs from 'node:fs';
import path from 'node:path';
import { degrees, PDFDocument } from 'pdf-lib';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/test.ts';
import type { Harness } from '../support/bridge.ts';
import { LAYOUT, layoutPdf } from '../../fixtures/layout-pdfs.ts';
import { corpusFile, corpusPresent } from '../../support/workspace.ts';

type Box = { left: number; top: number; right: number; bottom: number };
const ZOOMS = ['55', '100', '200'];

async function importAndOpen(page: Page, harness: Harness, name: string, bytes: Uint8Array, pages: number) {
  const file = path.join(path.dirname(harness.dataDir), name);
  fs.writeFileSync(file, bytes);
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  // Importing a real policy takes a while on a busy machine: wait for it, not for a clock.
  await expect(page.getByTestId('page-count')).toHaveText(String(pages), { timeout: 60_000 });
}

async function setZoom(page: Page, percent: string) {
  const input = page.getByLabel('Zoom percent');
  await input.fill(percent);
  await input.press('Enter');
  await expect(input).toHaveValue(percent);
}

async function goToPage(page: Page, n: number, text: string) {
  await page.getByLabel('Page number').fill(String(n));
  await page.getByLabel('Page number').press('Enter');
  await expect(page.locator(`.page[data-page-number="${n}"] .textLayer`)).toContainText(text.slice(0, 12), { timeout: 20_000 });
}

/**
 * Selects from the first `from` to the end of the first `to` after it in the page's text layer,
 * as a mouse drag would, and answers the selection's own client rectangles.
 */
async function select(page: Page, n: number, from: string, to: string): Promise<Box[]> {
  return page.evaluate(
    ([n, from, to]) => {
      const layer = document.querySelector(`.page[data-page-number="${n}"] .textLayer`)!;
      const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let text = '';
      const starts: number[] = [];
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        starts.push(text.length);
        nodes.push(t as Text);
        text += (t as Text).data;
      }
      const at = (offset: number, end: boolean) => {
        let i = nodes.length - 1;
        while (i > 0 && (starts[i]! > offset || (end && starts[i] === offset))) i--;
        return [nodes[i]!, offset - starts[i]!] as const;
      };
      const a = text.indexOf(from as string);
      const b = text.indexOf(to as string, a) + (to as string).length;
      if (a < 0 || b < (to as string).length) throw new Error(`"${from}" … "${to}" is not on page ${n}: ${text.slice(0, 200)}`);
      const range = document.createRange();
      range.setStart(...at(a, false));
      range.setEnd(...at(b, true));
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return [...range.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
    },
    [n, from, to] as const,
  );
}

async function drawn(page: Page, n: number, id: string): Promise<Box[]> {
  return page.locator(`.page[data-page-number="${n}"] .hl[data-annotation-id="${id}"]`).evaluateAll((els) =>
    els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })),
  );
}

/** Sample points of `a` (shrunk by `inset`) that fall outside every box of `b` grown by `slack`. */
function uncovered(a: Box[], b: Box[], inset: number, slack: number): number {
  let misses = 0;
  for (const r of a) {
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 3; j++) {
        const x = r.left + inset + ((r.right - r.left - 2 * inset) * (i + 0.5)) / 5;
        const y = r.top + inset + ((r.bottom - r.top - 2 * inset) * (j + 0.5)) / 3;
        if (!b.some((s) => x >= s.left - slack && x <= s.right + slack && y >= s.top - slack && y <= s.bottom + slack)) misses++;
      }
    }
  }
  return misses;
}

/**
 * The selection of `from`…`to` and the drawn highlight cover each other, to within a pixel and a
 * half. Both are measured afresh on every look, one right after the other: a selection measured
 * once, before a zoom's relayout or a scroll settled, would be compared with boxes drawn after
 * it (CI saw that once: the two sets offset by a constant, for the whole wait).
 */
async function expectSameBoxes(page: Page, n: number, id: string, from: string, to: string) {
  await expect
    .poll(async () => {
      const selection = await select(page, n, from, to);
      if (selection.length === 0) return 'nothing selected';
      const d = await drawn(page, n, id);
      if (d.length === 0) return 'nothing drawn';
      // The highlight's 2px underline sits inside its box, so its inner points are compared.
      return { selectionNotCovered: uncovered(selection, d, 1, 1.5), drawnOutsideSelection: uncovered(d, selection, 2, 1.5) };
    })
    .toEqual({ selectionNotCovered: 0, drawnOutsideSelection: 0 });
}

/** The ids of the sample case's highlights, as the workspace has them. */
async function highlightIds(harness: Harness): Promise<Set<string>> {
  const info = (await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } };
  const list = (await harness.ws.dispatch('annotations.list', { caseId: info.value.sampleCaseId })) as { ok: true; value: Array<{ id: string }> };
  return new Set(list.value.map((a) => a.id));
}

/**
 * Selects, adds the highlight from the popover, and answers its id. The new id is the one the
 * workspace did not have before, not the first highlight drawn on the page that was not drawn
 * before: an earlier highlight on the same page, not yet redrawn after a zoom when that was
 * looked at, was once taken for the new one (CI: the boxes "24 and 15 points apart" for the
 * whole wait, twice, sessions apart).
 */
async function highlight(page: Page, harness: Harness, n: number, from: string, to: string): Promise<string> {
  const before = await highlightIds(harness);
  // Selected once the page has settled after a zoom or a scroll: the same boxes twice running
  // (selected mid-relayout, the text has no boxes yet, or boxes where it no longer is).
  let last = '';
  await expect
    .poll(async () => {
      const boxes = JSON.stringify(await select(page, n, from, to));
      const settled = boxes !== '[]' && boxes === last;
      last = boxes;
      return settled;
    })
    .toBe(true);
  await page.locator('.viewer-container').dispatchEvent('mouseup');
  const popover = page.getByRole('dialog', { name: 'Add highlight' });
  await popover.getByLabel('Note').press('Enter');
  await expect(popover).toBeHidden();
  let id = '';
  await expect
    .poll(async () => {
      id = [...(await highlightIds(harness))].find((x) => !before.has(x)) ?? '';
      return id;
    })
    .not.toBe('');
  return id;
}

async function checkPassage(page: Page, harness: Harness, n: number, from: string, to: string, createAt: string) {
  await setZoom(page, createAt);
  await goToPage(page, n, from);
  const id = await highlight(page, harness, n, from, to);
  await expectSameBoxes(page, n, id, from, to);
  for (const z of ZOOMS.filter((x) => x !== createAt)) {
    await setZoom(page, z);
    await goToPage(page, n, from);
    await expectSameBoxes(page, n, id, from, to);
  }
  return id;
}

test('highlights cover exactly the selection: two columns, a table, a list and a rotated page, at 55, 100 and 200 %', async ({ app: page, harness }) => {
  await importAndOpen(page, harness, 'layout.pdf', await layoutPdf(), 4);
  await checkPassage(page, harness, LAYOUT.definitions.page, LAYOUT.definitions.from, LAYOUT.definitions.to, '100');
  await checkPassage(page, harness, LAYOUT.table.page, LAYOUT.table.from, LAYOUT.table.to, '55');
  await checkPassage(page, harness, LAYOUT.list.page, LAYOUT.list.from, LAYOUT.list.to, '200');
  await checkPassage(page, harness, LAYOUT.rotated.page, LAYOUT.rotated.from, LAYOUT.rotated.to, '100');

  // A phrase that occurs twice: the highlight is anchored to the occurrence that was selected
  // (the second definition), not the first one in the text.
  const second = await checkPassage(page, harness, LAYOUT.repeated.page, 'upon the totality', 'circumstances.', '100');
  const caseId = (await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } };
  const list = (await harness.ws.dispatch('annotations.list', { caseId: caseId.value.sampleCaseId })) as { ok: true; value: Array<{ id: string; prefix: string; quote: string }> };
  const a = list.value.find((x) => x.id === second)!;
  expect(a.quote.replace(/\s+/g, ' ')).toBe('upon the totality of the circumstances.');
  expect(a.prefix).toContain('objectively reasonable based');
});

test('highlights cover exactly the selection on real policies (205-P definitions and list, a page turned 90°)', async ({ app: page, harness }) => {
  test.skip(!corpusPresent(), 'the agency policy corpus is not present (set CREDENCE_CORPUS, default ../shared/corpus)');
  const original = fs.readFileSync(corpusFile('IL_HanoverParkPD_205-P_Use_of_Force_2020.pdf'));
  // The same policy with page 3 turned a quarter, as a scanner or a publisher might store it.
  const turned = await PDFDocument.load(original);
  turned.getPage(2).setRotation(degrees(90));
  const bytes = await turned.save();
  await importAndOpen(page, harness, '205-P-turned.pdf', bytes, turned.getPageCount());
  await checkPassage(page, harness, 1, 'Objectively Reasonable', 'totality of the', '100');
  await checkPassage(page, harness, 1, 'Non-Deadly Force', 'restrain another', '55');
  await checkPassage(page, harness, 3, 'Training and experience', 'stature of the offender', '200');
});
