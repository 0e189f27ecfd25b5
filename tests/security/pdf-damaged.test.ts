// Damaged PDFs that pass the cheap structural check (their startxref points at a table) but whose
// entries are wrong. pdf.js repairs such files silently: one whose page tree it cannot read comes
// out as a single blank page, which used to be stored as a scan "needing OCR". It is now refused
// as damaged, while a damaged scan, whose pages still draw their images, imports as a scan.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkPdfStructure } from '../../electron/services/documents/pdf-checks.ts';
import { damagedPageTreePdf, damagedScanPdf } from '../fixtures/hostile-pdfs.ts';
import { numberedPdf, scannedPdf } from '../fixtures/pdfs.ts';
import { tempWorkspace } from '../support/workspace.ts';
import { importState } from './support/import-state.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => t.cleanup());

it('a file whose page tree cannot be read is refused as damaged, not stored as an empty scan', async () => {
  const broken = damagedPageTreePdf();
  expect(checkPdfStructure(broken)).toBeNull(); // only reading it shows the damage
  const good = t.write('good.pdf', await numberedPdf(2));
  const before = importState(t);
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('broken.pdf', broken)] });
  expect(r).toMatchObject({ ok: false, code: 'damaged' });
  expect(r.message).toBe(
    'broken.pdf: It is damaged (its cross-reference table is broken; its page tree is broken; its first page cannot be read), ' +
      'and what could be recovered of it has no text and no images, so it is not a scan. Re-save it from a PDF reader ("Print to PDF"), or ask the agency for a new copy.',
  );
  expect(importState(t)).toEqual(before);
  const [again, next] = await t.call('documents.import', { caseId, paths: [t.write('broken.pdf', broken), good] });
  expect([again.ok, next.ok]).toEqual([false, true]);
});

it('a damaged scan whose pages pdf.js recovers still imports, as pages needing OCR', async () => {
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('scan.pdf', damagedScanPdf())] });
  expect(r).toMatchObject({ ok: true, document: { pageCount: 2, pagesNeedingOcr: 2 } });
});

it('an undamaged file with pages of drawings and no text still imports as needing OCR', async () => {
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('scan.pdf', await scannedPdf())] });
  expect(r).toMatchObject({ ok: true, document: { pageCount: 3, pagesNeedingOcr: 2 } });
});
