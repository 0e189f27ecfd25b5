// Does a screen fit the window? Controls and headings whole (nothing cut off at the window's edge
// or inside its box), an axe scan without serious findings, and a screenshot in the test's own
// output folder (never the checkout) for a person to look at. Shared by the layout specs.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect } from './test.ts';

/** Controls and headings whose text is wider than their box, or that reach past the window. */
/** `sideways`: a selector for a box meant to scroll sideways (a wide table): what is inside may lie past its edge. */
export async function clipped(page: Page, sideways?: string): Promise<string[]> {
  return page.evaluate((sideways) => {
    const out: string[] = [];
    // Laid out and shown; a zero width still counts (a heading squeezed to nothing is clipped).
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('.visually-hidden, [aria-hidden="true"]');
    };
    // Past the window's edge, or past the visible part of a box that clips or scrolls: a control
    // a reviewer would have to scroll sideways to find. The PDF itself may scroll sideways.
    const outside = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 || r.left < -1) return `the window (${Math.round(r.left)}–${Math.round(r.right)} of ${window.innerWidth})`;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX === 'visible') continue;
        const b = p.getBoundingClientRect();
        if (r.right > b.left + p.clientWidth + 1 - p.scrollLeft || r.left < b.left - 1) return `its box ${p.tagName.toLowerCase()}.${p.className}`;
      }
      return null;
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 40) || el.getAttribute('aria-label')}”`;
    const dialog = document.querySelector('dialog[open]');
    const scope = dialog ?? document;
    for (const el of scope.querySelectorAll('button, h1, h2, h3, h4, label, select, input, [role="tab"], [role="menuitem"], th, .chip')) {
      if (!visible(el) || el.closest('.textLayer, .pdfViewer')) continue;
      if (!el.matches('input, select') && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(`${name(el)} is clipped (${el.scrollWidth} > ${el.clientWidth})`);
      const past = sideways && el.closest(sideways) ? null : outside(el);
      if (past) out.push(`${name(el)} reaches past ${past}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    return out;
  }, sideways);
}

export async function check(page: Page, testInfo: TestInfo, screen: string, opts: { sideways?: string } = {}) {
  await page.screenshot({ path: testInfo.outputPath(`${screen}.png`) });
  expect(await clipped(page, opts.sideways), screen).toEqual([]);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}
