// A small PDF that keeps pdf.js busy for minutes (a thousand pages that each parse the same 8 MB
// of harmless operators). Its workers are ended at the file's time limit, made short here with
// CREDENCE_EXTRACT_TIMEOUT_MS; the file is refused saying so, nothing of it is stored, and the
// next file of the same batch imports.
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { slowPdf } from '../fixtures/hostile-pdfs.ts';
import { numberedPdf } from '../fixtures/pdfs.ts';
import { tempWorkspace } from '../support/workspace.ts';
import { importState, withEnv } from './support/import-state.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let restoreEnv: () => void;
beforeEach(async () => {
  // Long enough for a two-page file on a busy machine, far too short for the stalling one.
  restoreEnv = withEnv({ CREDENCE_EXTRACT_TIMEOUT_MS: '6000' });
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => {
  restoreEnv();
  t.cleanup();
});

it('a file that runs past its time limit is refused, and the next file in the batch imports', async () => {
  const good = t.write('good.pdf', await numberedPdf(2, 'Use of Force'));
  const before = importState(t);
  const [slow, next] = await t.call('documents.import', { caseId, paths: [t.write('stall.pdf', slowPdf()), good] });
  expect(slow).toMatchObject({ ok: false, code: 'too_slow' });
  expect(slow.message).toBe(
    'stall.pdf: Reading its text took longer than the limit of 6 s for 1,000 pages: refused. The file may be crafted to stall the import; ' +
      'ask the agency for another copy (on a very slow computer, CREDENCE_EXTRACT_TIMEOUT_MS raises the limit).',
  );
  expect(next).toMatchObject({ ok: true, document: { title: 'Use of Force', pageCount: 2 } });
  const after = importState(t);
  expect(after).toMatchObject({ documents: before.documents + 1, pages: before.pages + 2, links: before.links + 1, audit: before.audit + 1, tmp: before.tmp });
  expect(after.blobs.filter((b) => !before.blobs.includes(b)).map((b) => path.basename(b))).toEqual([`${next.document.sha256}.pdf`]);
});
