// A lead signing while a scanned policy's pages have no text yet signs over pages nobody searched
// or pre-reviewed: the sign summary names them as a gap of their own ("unread-pages"), per
// document and why (waiting for OCR, stopped, failed), review.sign refuses until it is
// acknowledged by name, and the gap is gone once OCR has read the pages.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { LEAD, TEST_PASSPHRASE, tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;
beforeAll(async () => {
  // OCR does not start by itself here: the pages wait until the test starts it.
  t = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Calder County Sheriff', ori: 'IL0000321', state: 'IL' })).id;
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('calder-directive-12.pdf', await scannedPdf([['Chokeholds are prohibited.'], ['Officers shall render aid.']], { dpi: 150 }))] });
  documentId = r.document.id;
}, 120_000);
afterAll(() => t?.cleanup());

const gapOf = async () => ((await t.call('review.signSummary', { caseId })).gaps as Array<{ kind: string; count: number; title: string; statement: string; entries: string[] }>).find((g) => g.kind === 'unread-pages');

it('names scanned pages without text as a gap, per document and why', async () => {
  expect(await gapOf()).toEqual({
    kind: 'unread-pages',
    count: 2,
    title: '2 scanned pages have no text yet: OCR has not read them, so they were neither searched nor pre-reviewed',
    statement: 'I sign with 2 scanned pages unread',
    entries: ['calder-directive-12: pages 1, 2 waiting for OCR'],
  });
  await t.call('ocr.cancel', { caseId, documentId });
  expect((await gapOf())!.entries).toEqual(['calder-directive-12: pages 1, 2 OCR stopped']);
});

it('refuses to sign until the lead acknowledges it by name', async () => {
  const lead = t.ws.services.identities.create({ ...LEAD, passphrase: TEST_PASSPHRASE });
  for (const itemId of ['mandatory.chokehold', 'mandatory.adherence-to-law']) {
    await t.call('determinations.set', { caseId, itemId, status: 'needs_information', rationale: 'The scanned directive is not read yet.', evidenceIds: [] });
  }
  await t.call('review.submit', { caseId });
  await t.call('identity.use', { identityId: lead.id, passphrase: TEST_PASSPHRASE });
  await t.call('review.approve', { caseId });
  const others = ((await t.call('review.signSummary', { caseId })).gaps as Array<{ kind: string }>).map((g) => g.kind).filter((k) => k !== 'unread-pages');
  const refused = await t.ws.dispatch('review.sign', { caseId, passphrase: TEST_PASSPHRASE, acknowledge: others });
  expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('2 scanned pages have no text yet') } });
  if (!refused.ok) expect(refused.error.message).toContain('(unread-pages)');
  // Once OCR has read the pages, the gap is gone.
  await t.call('ocr.run', { caseId, documentId });
  t.ws.services.ocr.start();
  await t.ws.services.ocr.whenIdle();
  expect(await gapOf()).toBeUndefined();
}, 120_000);
