// Evidence goes where it belongs: the highlight form opens beside the selection (never over it,
// never outside the viewer), starts with nothing ticked, takes several checklist items, and a
// reviewer with no mouse can select text and add the highlight from the keyboard.
import { test, expect } from '../support/test.ts';
import { selectAcross } from '../support/pages.ts';

type Box = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (a: Box, b: Box) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;

test('the popover sits beside the selection inside the viewer, near the top and the bottom of the view', async ({ app: page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
  const popover = page.getByRole('dialog', { name: 'Add highlight' });
  const viewerBody = await page.locator('.viewer-body').boundingBox();
  for (const [from, scrollTo] of [['GENERAL ORDER 300', 0], ['Except where deadly force', null]] as const) {
    if (scrollTo === null) {
      // Bring the line near the bottom of the view, where the form has no room below it.
      await page.evaluate((t) => {
        const c = document.querySelector('.viewer-container')!;
        const span = [...document.querySelectorAll('.page[data-page-number="1"] .textLayer span')].find((s) => s.textContent?.startsWith(t))!;
        c.scrollTop += span.getBoundingClientRect().bottom - c.getBoundingClientRect().bottom + 30;
      }, from);
    }
    await selectAcross(page, 1, from, 1, from);
    await expect(popover).toBeVisible();
    const sel = await page.evaluate(() => {
      const r = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    const box = (await popover.boundingBox())!;
    const pop = { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height };
    expect(overlaps(pop, sel), `${from}: the form covers the selection`).toBe(false);
    expect(inside(pop, { left: viewerBody!.x, top: viewerBody!.y, right: viewerBody!.x + viewerBody!.width, bottom: viewerBody!.y + viewerBody!.height }), `${from}: the form spills out of the viewer`).toBe(true);
    // Nothing ticked: the reviewer did not come from an item.
    await expect(popover.getByRole('checkbox', { checked: true })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
  }
});

test('keyboard only: select lines with Shift+Down, H opens the form, two items ticked, one highlight for both', async ({ app: page, harness }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
  await page.locator('.viewer-container').focus();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  const selected = await page.evaluate(() => window.getSelection()!.toString());
  expect(selected).toContain('Riverside Police Department');
  expect(selected).toContain('GENERAL ORDER 300');
  await page.keyboard.press('h');
  const popover = page.getByRole('dialog', { name: 'Add highlight' });
  await expect(popover).toBeVisible();
  await expect(popover.getByRole('checkbox').first()).toBeFocused();
  await page.keyboard.press('Space');
  await popover.getByRole('checkbox', { name: /Chokeholds prohibited/ }).check();
  await expect(popover.getByRole('group', { name: /Checklist items \(2\)/ })).toBeVisible();
  await popover.getByLabel('Note').fill('Header and title');
  await popover.getByLabel('Note').press('Enter');
  await expect(popover).toBeHidden();
  const info = (await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } };
  const list = (await harness.ws.dispatch('annotations.list', { caseId: info.value.sampleCaseId })) as { ok: true; value: Array<{ note: string; itemIds: string[] }> };
  const mine = list.value.find((a) => a.note === 'Header and title')!;
  expect(mine.itemIds).toHaveLength(2);
  expect(mine.itemIds).toContain('mandatory.chokehold');
});

test('one highlight for a checklist item and two rubric criteria; the criteria show it as evidence, not yet scored', async ({ app: page, harness }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300', { timeout: 20_000 });
  await selectAcross(page, 1, 'GENERAL ORDER 300', 1, 'GENERAL ORDER 300');
  const popover = page.getByRole('dialog', { name: 'Add highlight' });
  await expect(popover).toBeVisible();
  // Criteria are grouped under their rubric, beside the checklist items, nothing ticked.
  const eis = popover.getByRole('group', { name: 'Early intervention system' });
  await expect(eis.getByRole('checkbox')).toHaveCount(10);
  await expect(popover.getByRole('checkbox', { checked: true })).toHaveCount(0);
  // Typing narrows the items and criteria to the words typed; Enter goes on to the first left, and
  // a ticked one stays whatever is typed next.
  const all = await popover.getByRole('checkbox').count();
  const filter = popover.getByLabel('Filter items and criteria');
  await filter.fill('written purpose');
  await expect(popover.getByRole('checkbox')).toHaveCount(1);
  await filter.press('Enter');
  await expect(eis.getByRole('checkbox', { name: 'Written, non-disciplinary purpose' })).toBeFocused();
  await page.keyboard.press('Space');
  await filter.fill('no such words');
  await expect(popover).toContainText('No item or criterion has “no such words” in its name.');
  await expect(popover.getByRole('checkbox')).toHaveCount(1);
  await expect(eis.getByRole('checkbox', { name: 'Written, non-disciplinary purpose' })).toBeChecked();
  await filter.fill('');
  await expect(popover.getByRole('checkbox')).toHaveCount(all);
  await popover.getByRole('checkbox', { name: /Chokeholds prohibited/ }).check();
  await eis.getByRole('checkbox', { name: 'Written, non-disciplinary purpose' }).check();
  await eis.getByRole('checkbox', { name: 'Breadth of indicators' }).check();
  await expect(popover.getByRole('group', { name: 'Rubric criteria (2)' })).toBeVisible();
  await popover.screenshot({ path: test.info().outputPath('popover-criteria.png') });
  await popover.getByLabel('Note').fill('Order number');
  await popover.getByLabel('Note').press('Enter');
  await expect(popover).toBeHidden();

  const info = (await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } };
  const list = (await harness.ws.dispatch('annotations.list', { caseId: info.value.sampleCaseId })) as { ok: true; value: Array<{ id: string; note: string; itemIds: string[]; criteria: unknown[] }> };
  const mine = list.value.find((a) => a.note === 'Order number')!;
  expect(mine.itemIds).toEqual(['mandatory.chokehold']);
  expect(mine.criteria).toEqual([
    { rubricId: 'early-intervention-system', criterionId: 'eis.indicators' },
    { rubricId: 'early-intervention-system', criterionId: 'eis.purpose' },
  ]);

  // No score was needed; the rubric lists the passage against both criteria.
  await page.getByRole('tab', { name: 'Rubrics' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByLabel('Rubric').selectOption('early-intervention-system');
  const criteria = panel.getByRole('navigation', { name: 'Criteria of Early intervention system' });
  await expect(criteria.getByRole('listitem').filter({ hasText: 'Written, non-disciplinary purpose' })).toContainText('evidence, not yet scored');
  await expect(criteria.getByRole('listitem').filter({ hasText: 'Thresholds and time windows' })).toContainText('unscored');
  const purpose = panel.getByRole('region', { name: /Written, non-disciplinary purpose/ });
  await expect(purpose).toContainText('1 passage of evidence, not yet scored');
  await expect(panel.getByTestId('total-early-intervention-system')).toHaveText('Not assessed');
  // Scoring it later starts from the linked passage, already ticked.
  await expect(purpose.getByRole('checkbox', { checked: true })).toHaveCount(1);
  // The link is in the case's history, with the highlight.
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('Audit trail intact');
});
