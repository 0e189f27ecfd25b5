// A scanned policy read as well as a digital one: imported, OCRed in the background with its
// progress in the documents list, found by a phrase that exists only in the scan, opened with the
// hit highlighted on the image, and a sentence selected on the image made into evidence. A word
// selected on the scan is highlighted over the word's own box, at 100 and 200 %, on an upright
// page and on one fed through the scanner sideways.
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/test.ts';
import type { Harness } from '../support/bridge.ts';
import { scannedPdf, typedPdf, type ScanOptions } from '../../fixtures/scans.ts';
import { wordsUnderFindHits } from '../support/find-hits.ts';
import { billboardScan } from '../../fixtures/hostile-scans.ts';
import { encrypt, hasQpdf } from '../../fixtures/pdfs.ts';
import { turnedBox } from '../../../renderer/src/pdf/ocr-text-layer.ts';

type Box = { left: number; top: number; right: number; bottom: number };

// Large type on one page: OCR takes seconds a page on a busy machine. "Marlow" is in no other document.
const SCAN = [
  'MARLOW TOWNSHIP POLICE',
  'General Order 7.2 Use of Force',
  '7.2.4 Neck restraints',
  'Choke holds are prohibited unless',
  'deadly force is authorized by law.',
  'Officers shall render aid at once.',
];
// OCR of a page takes seconds, more on a loaded machine: wait for the work, never for a clock.
const OCR_WAIT = 180_000;

async function importScan(page: Page, harness: Harness, name: string, opts: ScanOptions = {}) {
  const file = path.join(path.dirname(harness.dataDir), name);
  fs.writeFileSync(file, await scannedPdf([SCAN], { dpi: 150, fontSize: 22, ...opts }));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const docs = page.getByRole('list', { name: 'Policy documents' });
  const item = docs.getByRole('listitem').filter({ hasText: name });
  await expect(item).toBeVisible({ timeout: 60_000 });
  return item;
}

async function caseId(harness: Harness): Promise<string> {
  const info = (await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } };
  return info.value.sampleCaseId;
}

/** The OCR words of page 1 of the document open in the viewer, as the viewer got them. */
async function pageWords(harness: Harness, documentId: string) {
  const r = (await harness.ws.dispatch('ocr.pageWords', { caseId: await caseId(harness), documentId, page: 1 })) as {
    ok: true;
    value: { source: string; meanConfidence: number | null; rotation: number; words: Array<{ text: string; box: [number, number, number, number]; confidence: number }> };
  };
  return r.value;
}

async function documentIdOf(harness: Harness, originalName: string): Promise<string> {
  const r = (await harness.ws.dispatch('documents.list', { caseId: await caseId(harness) })) as { ok: true; value: Array<{ id: string; originalName: string }> };
  return r.value.find((d) => d.originalName === originalName)!.id;
}

/** Selects, in page 1's text layer, from the first `from` to the end of the first `to` after it; answers the selection's client rectangles. */
async function select(page: Page, from: string, to: string): Promise<Box[]> {
  return page.evaluate(
    ([from, to]) => {
      const layer = document.querySelector('.page[data-page-number="1"] .textLayer')!;
      const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      const starts: number[] = [];
      let text = '';
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
      const a = text.indexOf(from);
      const b = text.indexOf(to, Math.max(0, a)) + to.length;
      if (a < 0 || b < to.length) throw new Error(`"${from}" … "${to}" is not in the OCR text layer: ${text}`);
      const range = document.createRange();
      range.setStart(...at(a, false));
      range.setEnd(...at(b, true));
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return [...range.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
    },
    [from, to] as const,
  );
}

async function drawn(page: Page, id: string): Promise<Box[]> {
  return page.locator(`.page[data-page-number="1"] .hl[data-annotation-id="${id}"]`).evaluateAll((els) =>
    els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })),
  );
}

/** Adds a highlight from the popover for the current selection (ticking `item` if given) and answers its id. */
async function addHighlight(page: Page, item?: RegExp): Promise<string> {
  const before = new Set(await page.locator('.hl').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.annotationId!)));
  await page.locator('.viewer-container').dispatchEvent('mouseup');
  const popover = page.getByRole('dialog', { name: 'Add highlight' });
  await expect(popover).toBeVisible();
  if (item) await popover.getByRole('checkbox', { name: item }).check();
  await popover.getByLabel('Note').press('Enter');
  await expect(popover).toBeHidden();
  let id = '';
  await expect
    .poll(async () => {
      const ids = await page.locator('.page[data-page-number="1"] .hl').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.annotationId!));
      id = ids.find((x) => !before.has(x)) ?? '';
      return id;
    })
    .not.toBe('');
  return id;
}

/** A word's OCR box on screen: its fractions of the upright page times the page's drawing area. */
async function onScreen(page: Page, box: [number, number, number, number]): Promise<Box> {
  return page.locator('.page[data-page-number="1"]').evaluate((div, b) => {
    const r = div.getBoundingClientRect();
    const x = r.left + div.clientLeft;
    const y = r.top + div.clientTop;
    return { left: x + b[0] * div.clientWidth, top: y + b[1] * div.clientHeight, right: x + b[2] * div.clientWidth, bottom: y + b[3] * div.clientHeight };
  }, box);
}

async function setZoom(page: Page, percent: string) {
  const input = page.getByLabel('Zoom percent');
  await input.fill(percent);
  await input.press('Enter');
  await expect(input).toHaveValue(percent);
}

test('a scanned policy: OCR progress, a phrase only in the scan found and shown on the image, a sentence on the image made evidence', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const item = await importScan(page, harness, 'marlow-go-7-2-scan.pdf');
  // Progress in the list while the page is read, then what the document's text rests on.
  await expect(item.getByText(/OCR \d+\/1|OCR text: 1 page/)).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('ocr-1-progress.png') });
  await expect(item.getByText(/OCR text: 1 page, \d+ % confidence/)).toBeVisible({ timeout: OCR_WAIT });

  // The scan opens with its page badged as OCR text, in words.
  await expect(page.locator('.page[data-page-number="1"] .ocr-badge')).toHaveText(/^OCR text, \d+ % confidence$/, { timeout: 30_000 });

  // A phrase that exists only in the scan: found, said to be OCR text, opened highlighted on the image.
  await page.getByLabel('Search this case').fill('Marlow');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = page.getByRole('button', { name: /p\. 1/ }).filter({ hasText: /Marlow/i });
  await expect(hit).toBeVisible();
  await expect(hit.getByText('OCR text')).toBeVisible();
  await hit.click();
  const found = page.locator('.page[data-page-number="1"] .find-hit');
  await expect(found.first()).toBeVisible({ timeout: 30_000 });
  expect(await wordsUnderFindHits(page, 1)).toMatch(/marlow/i);
  await page.screenshot({ path: testInfo.outputPath('ocr-2-search-hit.png') });

  const words = await pageWords(harness, await documentIdOf(harness, 'marlow-go-7-2-scan.pdf'));
  expect(words.source).toBe('ocr');

  // Pre-review reads the scan too: its chokehold passage says it is OCR text, and accepting it
  // draws the evidence over the words on the image.
  const checklist = page.getByRole('tabpanel');
  await checklist.getByRole('button', { name: /Chokeholds prohibited except where/ }).click();
  const lint = checklist.getByRole('region', { name: 'Chokehold lint findings' });
  const finding = lint.locator('.lint-doc').filter({ hasText: 'marlow-go-7-2-scan' }).locator('.finding').filter({ hasText: /Choke holds are prohibited/i }).first();
  await expect(finding.getByText('OCR text')).toBeVisible({ timeout: 30_000 });
  const before = new Set(await page.locator('.hl').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.annotationId!)));
  await finding.getByRole('button', { name: 'Accept' }).click();
  await expect(finding).toContainText('accepted as evidence');
  const choke = words.words.find((w) => /^choke$/i.test(w.text))!;
  const chokeBox = await onScreen(page, choke.box);
  await expect
    .poll(async () => {
      const fresh = await page.locator('.page[data-page-number="1"] .hl').evaluateAll((els) =>
        els.filter((e) => (e as HTMLElement).dataset.annotationId).map((e) => ({ id: (e as HTMLElement).dataset.annotationId!, ...e.getBoundingClientRect().toJSON() })),
      );
      const mid = { x: (chokeBox.left + chokeBox.right) / 2, y: (chokeBox.top + chokeBox.bottom) / 2 };
      return fresh.some((r) => !before.has(r.id) && r.left <= mid.x && r.right >= mid.x && r.top <= mid.y && r.bottom >= mid.y);
    })
    .toBe(true);
  await page.screenshot({ path: testInfo.outputPath('ocr-3-prereview-accepted.png') });

  // Four lines of the image selected: the popover quotes them whole, with no "…" (the text layer's
  // two spaces between words count for nothing), and copying them gives one space between words.
  await select(page, 'Order', 'law.');
  await page.locator('.viewer-container').dispatchEvent('mouseup');
  const popover = page.getByRole('dialog', { name: 'Add highlight' });
  await expect(popover.getByText(/law\.”/)).toHaveText(/^“Order .+ Choke holds are prohibited unless deadly force is authorized by law\.” p\. 1$/);
  const copied = await page.evaluate(() => {
    const data = new DataTransfer();
    window.getSelection()!.anchorNode!.parentElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  });
  expect(copied).toMatch(/^Order .+\s+Choke holds are prohibited unless\s+deadly force is authorized by law\.$/s);
  expect(copied).not.toMatch(/ {2}/);
  await popover.getByLabel('Note').press('Escape');
  await expect(popover).toBeHidden();

  // A sentence running over two lines of the image, selected and made evidence on the chokehold item.
  const selection = await select(page, 'Choke', 'law.');
  expect(selection.length).toBeGreaterThanOrEqual(2);
  const id = await addHighlight(page, /Chokeholds prohibited/);
  const list = (await harness.ws.dispatch('annotations.list', { caseId: await caseId(harness) })) as { ok: true; value: Array<{ id: string; quote: string; itemIds: string[]; pageFrom: number }> };
  const evidence = list.value.find((a) => a.id === id)!;
  expect(evidence.quote.replace(/\s+/g, ' ')).toMatch(/^Choke holds are prohibited unless deadly force is authorized by law\.$/i);
  expect(evidence.itemIds).toContain('mandatory.chokehold');
  expect(evidence.pageFrom).toBe(1);
  // The highlight is drawn over the selected words on the image, both lines of it.
  const boxes = await drawn(page, id);
  // One box per line of the image, not two per word.
  expect(boxes).toHaveLength(2);
  for (const s of selection) expect(boxes.some((d) => d.left <= s.left + 2 && d.right >= s.right - 2 && d.top <= s.top + 2 && d.bottom >= s.bottom - 2)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('ocr-4-evidence.png') });
  // Cited on the item (its detail is open beside the viewer), each passage from the scan still
  // says it is OCR text: the accepted pre-review finding and the highlight alike.
  const cited = checklist.locator('.evidence-list li').filter({ hasText: /Choke holds are prohibited/i });
  await expect(cited).toHaveCount(2);
  for (const li of await cited.all()) await expect(li.getByText('OCR text', { exact: true })).toBeVisible();

  // Unsure words, on demand: marked with a dotted box and a question mark, not colour alone.
  const unsure = page.getByRole('button', { name: /^Unsure words/ });
  await expect(unsure).toHaveAttribute('aria-pressed', 'false');
  await unsure.click();
  await expect(unsure).toHaveAttribute('aria-pressed', 'true');
  const marked = await page.locator('.page[data-page-number="1"] .ocr-unsure').count();
  const low = words.words.filter((w) => w.confidence < 70).length;
  expect(marked).toBe(low);
  await expect(page.locator('.page[data-page-number="1"] .ocr-badge')).toHaveText(new RegExp(`; ${low === 0 ? 'no' : low} words? under 70 % marked$`));
  await page.screenshot({ path: testInfo.outputPath('ocr-5-low-confidence.png') });
  // The badge, the chips and the toggle pass an axe scan like the rest of the workspace.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
});

test('a word selected on a scanned page is highlighted over the word’s own box, at 100 and 200 %', async ({ app: page, harness }) => {
  test.setTimeout(OCR_WAIT + 60_000);
  const item = await importScan(page, harness, 'scan-geometry.pdf');
  await expect(item.getByText(/OCR text: 1 page/)).toBeVisible({ timeout: OCR_WAIT });
  const words = await pageWords(harness, await documentIdOf(harness, 'scan-geometry.pdf'));
  expect(words.source).toBe('ocr');
  const word = words.words.find((w) => w.text === 'prohibited')!;
  expect(word, `OCR read: ${words.words.map((w) => w.text).join(' ')}`).toBeTruthy();
  let id = '';
  for (const zoom of ['100', '200']) {
    await setZoom(page, zoom);
    await expect(page.locator('.page[data-page-number="1"] .textLayer')).toContainText('prohibited', { timeout: 30_000 });
    // Selected once the text layer at this zoom is laid out: its words have no size for a moment
    // after the zoom changes (the clean-clone CI caught a selection with no boxes once).
    let selection: Awaited<ReturnType<typeof select>> = [];
    await expect.poll(async () => (selection = await select(page, 'prohibited', 'prohibited')).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const box = await onScreen(page, word.box);
    if (!id) id = await addHighlight(page);
    await expect
      .poll(async () => {
        const d = await drawn(page, id);
        if (d.length !== 1) return `${d.length} boxes drawn`;
        const h = d[0]!;
        const width = box.right - box.left;
        // Along the line the highlight is the word's box (to 2 px); across it, it covers the word.
        return {
          left: Math.abs(h.left - box.left) <= 2,
          right: Math.abs(h.right - box.right) <= 2,
          covers: h.top <= box.top + 1 && h.bottom >= box.bottom - 1,
          notTaller: h.bottom - h.top <= (box.bottom - box.top) * 2,
          sameAsSelection: Math.abs(selection[0]!.left - h.left) <= 1.5 && Math.abs(selection[0]!.right - h.right) <= 1.5,
          wordWide: width > 10,
        };
      })
      .toEqual({ left: true, right: true, covers: true, notTaller: true, sameAsSelection: true, wordWide: true });
  }
});

test('a page fed sideways: after OCR a word selected on it is highlighted over the printed word, at 100 and 200 %', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  // The sheet lies landscape with the typed page turned a quarter clockwise on it: its lines run down the sheet.
  const item = await importScan(page, harness, 'scan-sideways.pdf', { rotate90Page: 1 });
  await expect(item.getByText(/OCR text: 1 page/)).toBeVisible({ timeout: OCR_WAIT });
  const words = await pageWords(harness, await documentIdOf(harness, 'scan-sideways.pdf'));
  expect(words).toMatchObject({ source: 'ocr', rotation: 270 });
  const word = words.words.find((w) => w.text === 'prohibited')!;
  expect(word, `OCR read: ${words.words.map((w) => w.text).join(' ')}`).toBeTruthy();
  // On the sheet as shown the word runs down the page: its box is taller than it is wide.
  expect(word.box[3] - word.box[1]).toBeGreaterThan(word.box[2] - word.box[0]);
  await expect(page.locator('.page[data-page-number="1"] .ocr-badge')).toHaveText(/^OCR text, \d+ % confidence/, { timeout: 30_000 });
  let id = '';
  for (const zoom of ['100', '200']) {
    await setZoom(page, zoom);
    await expect(page.locator('.page[data-page-number="1"] .textLayer')).toContainText('prohibited', { timeout: 30_000 });
    // Selected once the text layer at this zoom is laid out: its words have no size for a moment
    // after the zoom changes (the clean-clone CI caught a selection with no boxes once).
    let selection: Awaited<ReturnType<typeof select>> = [];
    await expect.poll(async () => (selection = await select(page, 'prohibited', 'prohibited')).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const box = await onScreen(page, word.box);
    if (!id) id = await addHighlight(page);
    await expect
      .poll(async () => {
        const d = await drawn(page, id);
        if (d.length !== 1) return `${d.length} boxes drawn`;
        const h = d[0]!;
        const length = box.bottom - box.top;
        // Along the line (down the sheet) the highlight is the word's box (to 2 px); across it, it covers the word.
        return {
          top: Math.abs(h.top - box.top) <= 2,
          bottom: Math.abs(h.bottom - box.bottom) <= 2,
          covers: h.left <= box.left + 1 && h.right >= box.right - 1,
          notWider: h.right - h.left <= (box.right - box.left) * 2,
          sameAsSelection: Math.abs(selection[0]!.top - h.top) <= 1.5 && Math.abs(selection[0]!.bottom - h.bottom) <= 1.5,
          wordLong: length > 10,
        };
      })
      .toEqual({ top: true, bottom: true, covers: true, notWider: true, sameAsSelection: true, wordLong: true });
    await page.locator(`.page[data-page-number="1"] .hl[data-annotation-id="${id}"]`).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`ocr-sideways-${zoom}.png`) });
  }

  // Turned a quarter to the left for reading: the sheet stands upright, and the highlight and the
  // text layer turn with the image (the unsure-word marks too: tests/unit/pdf/ocr-text-layer.test.ts).
  const sheet = page.locator('.page[data-page-number="1"]');
  const landscape = await sheet.evaluate((d) => d.clientWidth > d.clientHeight);
  expect(landscape).toBe(true);
  await page.getByRole('button', { name: 'Rotate pages counterclockwise' }).click();
  await expect.poll(() => sheet.evaluate((d) => d.clientWidth < d.clientHeight)).toBe(true);
  await expect(page.locator('.page[data-page-number="1"] .textLayer')).toContainText('prohibited', { timeout: 30_000 });
  const upright = await onScreen(page, turnedBox(word.box, 270));
  await expect
    .poll(async () => {
      const d = await drawn(page, id);
      if (d.length !== 1) return `${d.length} boxes drawn`;
      const h = d[0]!;
      // Now the word runs across the page: along it the highlight is the word's box; across it, it covers the word.
      return { left: Math.abs(h.left - upright.left) <= 2, right: Math.abs(h.right - upright.right) <= 2, covers: h.top <= upright.top + 1 && h.bottom >= upright.bottom - 1, wide: h.right - h.left > h.bottom - h.top };
    })
    .toEqual({ left: true, right: true, covers: true, wide: true });
  await page.getByRole('button', { name: 'Fit width' }).click();
  await page.locator(`.page[data-page-number="1"] .hl[data-annotation-id="${id}"]`).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('ocr-sideways-turned.png') });
});

test('OCR stopped from the documents list says how many pages are left, badges the unread page, and resumes', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  // Held at the engine's door, so Stop is pressed while OCR is under way, not after it ended.
  const release = harness.holdOcr();
  const file = path.join(path.dirname(harness.dataDir), 'scan-three.pdf');
  fs.writeFileSync(file, await scannedPdf([SCAN, SCAN, SCAN], { dpi: 150, fontSize: 22 }));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const item = page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: 'scan-three.pdf' });
  await expect(item.getByRole('status')).toHaveText('OCR 0/3', { timeout: 60_000 });
  // By keyboard: Stop is replaced by Resume, and the focus goes to Resume, not to the page's body.
  await item.getByRole('button', { name: 'Stop OCR of scan-three' }).focus();
  await page.keyboard.press('Enter');

  // Stopped: no progress chip and no Stop that has nothing to stop; the pages left, and Resume.
  await expect(item.getByText('OCR stopped: 3 pages left')).toBeVisible({ timeout: 30_000 });
  await expect(item.getByRole('button', { name: 'Resume OCR of scan-three' })).toBeFocused();
  await expect(item.getByRole('button', { name: /Stop OCR/ })).toHaveCount(0);
  await expect(item.getByRole('status')).toHaveCount(0);
  // The chokehold lint found nothing in no text: it says so, with the pages it could not read.
  await expect(item.getByText('chokehold: not in the text read (3 pages unread)')).toBeVisible({ timeout: 30_000 });
  // Searching now finds nothing, and says the scan's pages were not searched: "no matches" is not
  // "the policy does not say it". Once OCR has read them, the same search is run again by itself.
  await page.getByLabel('Search this case').fill('Marlow');
  await page.getByLabel('Search this case').press('Enter');
  await expect(page.getByText('No matches for “Marlow”.')).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'scanned pages' })).toHaveText('3 scanned pages have no text yet and were not searched:scan-three: pages 1–3 not read yet (OCR stopped) Resume OCR');
  // The open scan's page says it has no text yet and why, instead of an image that ignores the mouse.
  const badge = page.locator('.page[data-page-number="1"] .ocr-badge');
  await expect(badge).toHaveText('OCR stopped: no text on this page yet', { timeout: 30_000 });
  await expect(badge).toHaveAttribute('title', /Resume OCR from the documents list/);
  await page.screenshot({ path: testInfo.outputPath('ocr-stopped.png') });

  await expect(page.locator('.page[data-page-number="2"] .ocr-badge')).toHaveText('OCR stopped: no text on this page yet', { timeout: 30_000 });
  // Resumed while still held: every page's badge says it waits again at once, not "stopped".
  await item.getByRole('button', { name: 'Resume OCR of scan-three' }).focus();
  await page.keyboard.press('Enter');
  await expect(item.getByRole('status')).toHaveText('OCR 0/3', { timeout: 30_000 });
  await expect(item.getByRole('button', { name: 'Stop OCR of scan-three' })).toBeFocused();
  await expect(page.locator('.page[data-page-number="2"] .ocr-badge')).toHaveText('Waiting for OCR: no text on this page yet', { timeout: 30_000 });
  release();
  await expect(item.getByText(/OCR text: 3 pages, \d+ % confidence/)).toBeVisible({ timeout: OCR_WAIT });
  await expect(item.getByText(/OCR stopped/)).toHaveCount(0);
  await expect(item.getByText(/pages? unread/)).toHaveCount(0);
  await expect(badge).toHaveText(/^OCR text, \d+ % confidence$/, { timeout: 30_000 });
  await expect(page.getByText(/ on 3 pages for “Marlow”/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('note').filter({ hasText: 'scanned pages' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('ocr-resumed.png') });
});

test('a page OCR cannot read says why in the documents list and on the page, and the rest is read', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  // Page 2 is 200 inches square: drawing it for OCR would take gigabytes, so it is refused.
  const file = path.join(path.dirname(harness.dataDir), 'billboard.pdf');
  fs.writeFileSync(file, await billboardScan(['Officers shall intervene']));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const item = page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: 'billboard.pdf' });
  const failed = item.locator('.ocr-failed');
  // The first reason in the chip, cut short; all of it in the chip's tooltip and description.
  await expect(failed).toHaveText(/^OCR failed on 1 page \(Page 2 is 200 × 200 inches: .*…\)$/, { timeout: OCR_WAIT });
  await expect(failed).toHaveAttribute('aria-description', /^Page 2 is 200 × 200 inches: .* ask the agency for a copy at a normal page size\.$/);
  await expect(item.getByText('OCR text: 1 page')).toBeVisible({ timeout: OCR_WAIT });
  // Read again, the page would be refused again: no Retry, but what will help instead.
  await expect(item.getByText('Retrying will not help: ask the agency for another copy.')).toBeVisible();
  await expect(item.getByRole('button', { name: /Retry OCR/ })).toHaveCount(0);
  // The reason is the list's, not an event's: it is still there when the case is opened again.
  await page.getByRole('button', { name: 'Cases' }).click();
  await page.getByRole('row', { name: /Riverside/ }).click();
  await expect(failed).toHaveText(/^OCR failed on 1 page \(Page 2 is 200 × 200 inches/, { timeout: 30_000 });
  await expect(failed).toHaveAttribute('title', /^Page 2 is 200 × 200 inches/);
  await item.click();
  await page.getByLabel('Page number').fill('2');
  await page.keyboard.press('Enter');
  const badge = page.locator('.page[data-page-number="2"] .ocr-badge');
  await expect(badge).toHaveText('OCR failed: no text on this page', { timeout: 30_000 });
  await expect(badge).toHaveAttribute('title', /^Page 2 is 200 × 200 inches.* ask the agency for a copy at a normal page size\.$/);
  // On a page far wider than the window, the badge is where the window shows, not off at the right.
  await expect(badge).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('ocr-failed.png') });
});

test('a password-protected scan: read by OCR with the password given at import; one whose password was not kept asks for it in the viewer', async ({ app: page, harness }, testInfo) => {
  test.skip(!hasQpdf(), 'qpdf is not installed (apt-get install -y qpdf); it makes the encrypted PDF');
  const name = 'locked-marlow-scan.pdf';
  const file = path.join(path.dirname(harness.dataDir), name);
  fs.writeFileSync(file, encrypt(await scannedPdf([SCAN], { dpi: 150, fontSize: 22 }), 'marlow 7.2'));
  harness.choose([file]);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const failures = page.getByRole('alert').filter({ hasText: '1 file was not imported' });
  await failures.getByLabel(`Password for ${name}`).fill('marlow 7.2');
  await failures.getByRole('button', { name: 'Open with password' }).click();
  const item = page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: name });
  // Its scanned page is drawn with the kept password and read: before, every page failed "No password given".
  await expect(item).toContainText('OCR text: 1 page', { timeout: OCR_WAIT });
  await item.getByText(name).click();
  await expect(page.locator('.page[data-page-number="1"] .textLayer')).toContainText('Choke holds', { timeout: 30_000 });

  // As a document imported before passwords were kept: the viewer asks, says when it is wrong, and keeps the right one.
  const documentId = await documentIdOf(harness, name);
  harness.ws.ctx.db.prepare('DELETE FROM document_passwords WHERE document_id = ?').run(documentId);
  await page.reload();
  await page.getByRole('row', { name: /Riverside/ }).click();
  // Read again without it, the page fails saying what helps, with no Retry that would fail again.
  await harness.ws.dispatch('ocr.run', { caseId: await caseId(harness), documentId, redo: true });
  const listed = page.getByRole('list', { name: 'Policy documents' }).getByRole('listitem').filter({ hasText: name });
  await expect(listed).toContainText('Open the document and enter its password: these pages are then read.', { timeout: OCR_WAIT });
  await expect(listed.getByRole('button', { name: /Retry OCR/ })).toHaveCount(0);
  await page.getByRole('list', { name: 'Policy documents' }).getByText(name).click();
  const locked = page.getByRole('group', { name: 'Password needed' });
  await expect(locked).toContainText('This PDF is password-protected.');
  await expect(locked.getByLabel(/^Password for /)).toBeFocused();
  await page.keyboard.type('not it');
  await page.keyboard.press('Enter');
  await expect(locked).toContainText('That password does not open this PDF.');
  await page.screenshot({ path: testInfo.outputPath('locked-scan-asks.png') });
  await locked.getByLabel(/^Password for /).fill('marlow 7.2');
  await locked.getByRole('button', { name: 'Open with password' }).click();
  await expect(locked).toHaveCount(0);
  await expect(page.locator('.page[data-page-number="1"] .textLayer')).toContainText('Choke holds', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('locked-scan-opened.png') });
  // Kept once main has opened the stored file with it too.
  const kept = async () => ((await harness.ws.dispatch('documents.password', { caseId: await caseId(harness), documentId })) as { ok: true; value: { password: string | null } }).value.password;
  await expect.poll(kept).toBe('marlow 7.2');
  await expect(page.locator('.error.banner')).toHaveCount(0);
  // Kept, the page that failed for want of it is read again.
  await expect(listed).not.toContainText('enter its password', { timeout: OCR_WAIT });
  await expect(listed).toContainText('OCR text: 1 page');
  fs.rmSync(file);
});

/** Eight digital policies more, so that at 1280×720 the list runs past the fold (the sample case has a few already). */
async function fillList(page: Page, harness: Harness) {
  const files = [];
  for (let i = 1; i <= 8; i++) {
    const file = path.join(path.dirname(harness.dataDir), `general-order-${i}.pdf`);
    fs.writeFileSync(file, await typedPdf([[`General Order ${i}`, 'Officers shall report each use of force.']]));
    files.push(file);
  }
  harness.choose(files);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const docs = page.getByRole('list', { name: 'Policy documents' });
  await expect(docs.getByRole('listitem').filter({ hasText: 'general-order-8.pdf' })).toBeVisible({ timeout: 60_000 });
  return docs;
}

/** The list's scroll back at its top, as a reviewer reading it from the start leaves it. */
async function scrollToTop(docs: ReturnType<Page['getByRole']>) {
  await docs.evaluate((el) => {
    for (let e: Element | null = el; e; e = e.parentElement) e.scrollTop = 0;
  });
}

test('at 1280×720 a scanned policy imported into a long list is scrolled into sight, with its OCR progress', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const docs = await fillList(page, harness);
  await scrollToTop(docs);
  const item = await importScan(page, harness, 'zz-marlow-scan.pdf');
  await expect(item).toBeInViewport();
  await expect(item.getByText(/OCR \d+\/1|OCR text: 1 page/)).toBeInViewport({ timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('ocr-1280x720.png') });
});

test('at 1280×720 a scan being read below the fold says so at the top of the list, and Show brings its row into sight', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const docs = await fillList(page, harness);
  // Held at the engine's door, so the scan is still being read while the reviewer looks.
  const release = harness.holdOcr();
  const item = await importScan(page, harness, 'zz-calder-scan.pdf');
  await expect(item.getByRole('status')).toHaveText('OCR 0/1', { timeout: 60_000 });
  // The reviewer goes back to the top of the list and opens the first policy: the scan's row, and
  // its progress, are below the fold.
  await scrollToTop(docs);
  const first = docs.getByRole('listitem').first();
  await first.click();
  await expect(first).toHaveAttribute('aria-current', 'true');
  await expect(item).not.toBeInViewport();
  // The list still says a scan is being read, and how far, without scrolling.
  const line = page.getByRole('group', { name: 'Scans being read' });
  await expect(line.getByRole('status')).toHaveText('Reading by OCR: zz-calder-scan');
  const show = line.getByRole('button', { name: 'Show zz-calder-scan in the list: OCR 0 of 1 pages' });
  await expect(show).toHaveText('zz-calder-scan 0/1');
  const box = (await show.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  await expect(show).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: testInfo.outputPath('ocr-line-1280x720.png') });
  const axe = await new AxeBuilder({ page }).include('.ocr-reading').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  // By keyboard: Show brings the row into sight and puts the focus on it (Enter opens it), without
  // taking the viewer away from the policy being read.
  await show.focus();
  await page.keyboard.press('Enter');
  await expect(item).toBeInViewport({ ratio: 1 });
  await expect(item).toBeFocused();
  await expect(first).toHaveAttribute('aria-current', 'true');
  await expect(item.getByRole('status')).toBeInViewport();
  release();
  await expect(item.getByText(/OCR text: 1 page/)).toBeVisible({ timeout: OCR_WAIT });
  // Read: the line goes away.
  await expect(line).toHaveCount(0);
});

test('five scans imported at once: the reading line names two and counts the rest, without crowding the list', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const release = harness.holdOcr();
  const names = ['zz-scan-a', 'zz-scan-b', 'zz-scan-c', 'zz-scan-d', 'zz-scan-e'];
  const files = [];
  for (const name of names) {
    const file = path.join(path.dirname(harness.dataDir), `${name}.pdf`);
    // Each its own file (the same bytes twice are one document).
    fs.writeFileSync(file, await scannedPdf([[...SCAN, name]], { dpi: 150, fontSize: 22 }));
    files.push(file);
  }
  harness.choose(files);
  await page.getByRole('button', { name: 'Add PDFs' }).click();
  const docs = page.getByRole('list', { name: 'Policy documents' });
  await expect(docs.getByRole('listitem').filter({ hasText: 'zz-scan-e.pdf' })).toBeVisible({ timeout: 60_000 });
  const line = page.getByRole('group', { name: 'Scans being read' });
  await expect(line.getByRole('status')).toHaveText(/^Reading (5 scans )?by OCR/, { timeout: 60_000 });
  // Two names, then the other three counted; each has its own row in the list below.
  await expect(line.getByRole('button')).toHaveCount(2);
  await expect(line.getByRole('button').first()).toHaveText(/^zz-scan-a /);
  await expect(line.getByText('and 3 more')).toBeVisible();
  // A few lines' height, not a third of the list.
  expect((await line.boundingBox())!.height).toBeLessThan(100);
  await page.screenshot({ path: testInfo.outputPath('ocr-line-five.png') });
  release();
  await expect(line).toHaveCount(0, { timeout: OCR_WAIT });
});

test('a scan whose file declares 72 dpi (a letter page 24 inches wide) is read, and a phrase on it is highlighted over its words', async ({ app: page, harness }, testInfo) => {
  test.setTimeout(OCR_WAIT + 120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  // Scanned at 200 dpi: 65 megapixels at the app's 300, over the cap, so it is drawn under it.
  const item = await importScan(page, harness, 'marlow-declared-72.pdf', { dpi: 200, declaredDpi: 72 });
  await expect(item.getByText(/OCR text: 1 page, \d+ % confidence/)).toBeVisible({ timeout: OCR_WAIT });
  await expect(item.locator('.ocr-failed')).toHaveCount(0);
  await page.getByLabel('Search this case').fill('Marlow');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = page.getByRole('button', { name: /p\. 1/ }).filter({ hasText: /Marlow/i });
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.locator('.page[data-page-number="1"] .find-hit').first()).toBeVisible({ timeout: 30_000 });
  expect(await wordsUnderFindHits(page, 1)).toMatch(/marlow/i);
  await page.screenshot({ path: testInfo.outputPath('ocr-declared-72.png') });
});
