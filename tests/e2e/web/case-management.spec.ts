// Managing documents and cases as a reviewer does: fixing a title in place, taking a document
// out of the case and undoing it, and being stopped before opening a second case for an ORI.
import { test, expect } from '../support/test.ts';
import { expectSampleCaseOpen } from '../support/pages.ts';

const unwrap = <T>(r: { ok: true; value: unknown } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};

test('a document title is fixed inline: Esc cancels, Enter saves, the file name stays visible and the rename is in the history', async ({ app: page, harness }) => {
  await expectSampleCaseOpen(page);
  const list = page.getByRole('list', { name: 'Policy documents' });
  const item = list.getByRole('listitem').first();
  await expect(item).toContainText('riverside-general-order-300.pdf');
  const before = (await item.locator('.doc-title').textContent())!;

  await item.getByRole('button', { name: /^Rename / }).click();
  const field = item.getByRole('textbox', { name: 'Title of riverside-general-order-300.pdf' });
  await expect(field).toBeFocused();
  await field.fill('Something else');
  await field.press('Escape');
  await expect(item.locator('.doc-title')).toHaveText(before);

  await item.getByRole('button', { name: /^Rename / }).click();
  await item.getByRole('textbox').fill('GO 300 Response to Resistance (sample)');
  await item.getByRole('textbox').press('Enter');
  await expect(item.locator('.doc-title')).toHaveText('GO 300 Response to Resistance (sample)');
  await expect(item).toContainText('riverside-general-order-300.pdf');
  await page.screenshot({ path: test.info().outputPath('documents-pane.png') });

  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByText('renamed or renumbered a document: now “GO 300 Response to Resistance (sample)”')).toBeVisible();
});

test('a document removed from the case keeps its highlight, marked, and Undo brings it back', async ({ app: page, harness }) => {
  await expectSampleCaseOpen(page);
  const info = unwrap<{ sampleCaseId: string }>(await harness.ws.dispatch('app.info', {}));
  const caseId = info.sampleCaseId;
  const [doc] = unwrap<Array<{ id: string; title: string }>>(await harness.ws.dispatch('documents.list', { caseId }));
  const text = (harness.ws.ctx.db.prepare('SELECT text FROM pages WHERE document_id = ? AND page_index = 0').get(doc!.id) as { text: string }).text;
  const quote = text.split('\n').find((l) => l.trim().length > 20)!.trim();
  unwrap(await harness.ws.dispatch('annotations.create', { caseId, documentId: doc!.id, page: 1, quote, itemIds: ['mandatory.chokehold'] }));
  // Reopen the case so the workspace reads the new highlight.
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('row', { name: /Open case Riverside Police Department \(sample\)/ }).click();
  await expectSampleCaseOpen(page);

  // A search run before the removal answers for the case as it is after it: no hit that opens nothing.
  await page.getByLabel('Search this case').fill('chokehold');
  await page.getByLabel('Search this case').press('Enter');
  await expect(page.getByRole('region', { name: `Matches in ${doc!.title}` })).toBeVisible();
  const list = page.getByRole('list', { name: 'Policy documents' });
  await list.getByRole('button', { name: `Remove ${doc!.title} from this case` }).click();
  await expect(page.getByText('No matches for “chokehold”.')).toBeVisible();
  await expect(page.getByRole('region', { name: `Matches in ${doc!.title}` })).toHaveCount(0);
  const notice = page.locator('.doc-removed');
  await expect(notice).toContainText(`Removed “${doc!.title}” from this case (other cases keep it). Its highlight is kept, marked “document removed”.`);
  await expect(page.getByText('No policies yet.')).toBeVisible();
  const removed = unwrap<Array<{ status: string }>>(await harness.ws.dispatch('annotations.list', { caseId }));
  expect(removed.map((a) => a.status)).toEqual(['document-removed']);
  await page.screenshot({ path: test.info().outputPath('document-removed.png') });

  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(list).toContainText(doc!.title);
  await expect(page.getByRole('region', { name: `Matches in ${doc!.title}` })).toBeVisible();
  const back = unwrap<Array<{ status: string }>>(await harness.ws.dispatch('annotations.list', { caseId }));
  expect(back.map((a) => a.status)).toEqual(['active']);
  const trail = unwrap<Array<{ action: string }>>(await harness.ws.dispatch('audit.list', { caseId })).map((e) => e.action);
  expect(trail).toEqual(expect.arrayContaining(['documents.removeFromCase', 'documents.restoreToCase']));
});

test('a second case for an ORI is offered the existing case first, and made only on "Create anyway"', async ({ app: page, harness }) => {
  await expectSampleCaseOpen(page);
  await page.getByRole('button', { name: 'Back to cases' }).click();
  const newCase = { agencyName: 'Riverside Police Dept', ori: 'IL9990000', state: 'IL', agencyType: 'municipal', jurisdiction: 'urban' };
  await page.getByRole('button', { name: 'New case' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByLabel('Agency name').fill(newCase.agencyName);
  await dialog.getByLabel('ORI').fill(newCase.ori);
  await dialog.getByLabel('State').selectOption(newCase.state);
  await dialog.getByLabel('Agency type').selectOption(newCase.agencyType);
  await dialog.getByLabel('Jurisdiction').selectOption(newCase.jurisdiction);
  await dialog.getByRole('button', { name: 'Create case' }).click();
  const warning = dialog.getByRole('alert').filter({ hasText: 'A case for IL9990000 exists' });
  await expect(warning).toContainText('A case for IL9990000 exists: Riverside Police Department (sample).');
  await page.screenshot({ path: test.info().outputPath('duplicate-ori.png') });
  expect(unwrap<unknown[]>(await harness.ws.dispatch('cases.list', { includeArchived: true }))).toHaveLength(1);
  await warning.getByRole('button', { name: 'Open it' }).click();
  await expectSampleCaseOpen(page);

  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('button', { name: 'New case' }).first().click();
  await dialog.getByLabel('Agency name').fill(newCase.agencyName);
  await dialog.getByLabel('ORI').fill(newCase.ori);
  await dialog.getByLabel('State').selectOption(newCase.state);
  await dialog.getByLabel('Agency type').selectOption(newCase.agencyType);
  await dialog.getByLabel('Jurisdiction').selectOption(newCase.jurisdiction);
  await dialog.getByRole('button', { name: 'Create case' }).click();
  await dialog.getByRole('button', { name: 'Create anyway' }).click();
  await expect(page.getByRole('heading', { name: /Riverside Police Dept/ })).toBeVisible();
  expect(unwrap<unknown[]>(await harness.ws.dispatch('cases.list', { includeArchived: true }))).toHaveLength(2);
});

test('an overdue case says so in the list and its header, and an empty case can be deleted by typing its name', async ({ app: page, harness }) => {
  await expectSampleCaseOpen(page);
  const made = unwrap<{ id: string }>(await harness.ws.dispatch('cases.create', { agencyName: 'Oakton Police Department', ori: 'IL0000001', state: 'IL', dueDate: '2020-01-31' }));
  await page.getByRole('button', { name: 'Back to cases' }).click();
  const row = page.getByRole('row', { name: 'Open case Oakton Police Department' });
  await expect(row).toContainText('overdue');
  await row.click();
  await expect(page.locator('header.bar').getByText(/Overdue by \d+ days \(due 2020-01-31\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Back to cases' }).click();

  await page.getByRole('button', { name: 'Delete the case for Oakton Police Department' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the case for Oakton Police Department?' });
  await expect(dialog).toContainText('only a draft case in which nothing has been decided');
  await expect(dialog.getByRole('button', { name: 'Delete case' })).toBeDisabled();
  await dialog.getByLabel('Type Oakton Police Department to confirm').fill('Oakton Police Department');
  await dialog.getByRole('button', { name: 'Delete case' }).click();
  await expect(row).toHaveCount(0);
  expect(unwrap<Array<{ id: string }>>(await harness.ws.dispatch('cases.list', { includeArchived: true })).map((c) => c.id)).not.toContain(made.id);
});
