// A 6 KB PDF whose second page saves the graphics state a million times over (`q q q …`): pdf.js
// copies its whole state at each level, at a cost growing faster than the square of the depth, so
// reading that one page would take hours. Until session 15 it was refused only at the file's time
// limit; now a page that keeps the reader waiting has its nesting checked, and the file is refused
// saying so, long before the time limit, nothing of it stored, and the next file of the batch imports.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractPdf, ExtractionError, SOURCE_WORKER_PATH } from '../../electron/services/extraction/extract-pool.ts';
import { DEFAULT_LIMITS, type ExtractLimits } from '../../electron/services/extraction/limits.ts';
import { nestedStatePdf } from '../fixtures/hostile-pdfs.ts';
import { numberedPdf } from '../fixtures/pdfs.ts';
import { tempWorkspace } from '../support/workspace.ts';
import { importState, withEnv } from './support/import-state.ts';

const NESTED = 'Page 2 nests its graphics state more than 1,000 levels deep: refused. The file may be crafted to stall the import; ask the agency for another copy.';

describe('through the import', () => {
  let t: ReturnType<typeof tempWorkspace>;
  let caseId: string;
  let restoreEnv: () => void;
  beforeEach(async () => {
    // Far longer than the nesting check needs, far shorter than the page would take: without the
    // check the file would be refused at this limit, for time.
    restoreEnv = withEnv({ CREDENCE_EXTRACT_TIMEOUT_MS: '40000' });
    t = tempWorkspace();
    caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
  });
  afterEach(() => {
    restoreEnv();
    t.cleanup();
  });

  it('a page nested a million levels deep is refused for its nesting, not at the time limit, and the next file imports', async () => {
    const bomb = nestedStatePdf(1_000_000);
    expect(bomb.byteLength).toBeLessThan(8 * 1024);
    const good = t.write('good.pdf', await numberedPdf(2, 'Use of Force'));
    const before = importState(t);
    const [nested, next] = await t.call('documents.import', { caseId, paths: [t.write('nested.pdf', bomb), good] });
    expect(nested).toMatchObject({ ok: false, code: 'too_slow' });
    expect(nested.message).toBe(`nested.pdf: ${NESTED}`);
    expect(next).toMatchObject({ ok: true, document: { title: 'Use of Force', pageCount: 2 } });
    const after = importState(t);
    expect(after).toMatchObject({ documents: before.documents + 1, pages: before.pages + 2, links: before.links + 1, audit: before.audit + 1, tmp: before.tmp });
    expect(after.blobs.filter((b) => !before.blobs.includes(b)).map((b) => path.basename(b))).toEqual([`${next.document.sha256}.pdf`]);
  });
});

describe('every page checked from the start (stallMs 0), straight through the extractor', () => {
  const extract = (bytes: Uint8Array, limits: Partial<ExtractLimits> = {}) =>
    extractPdf(bytes, { workerPath: SOURCE_WORKER_PATH, workers: 2, pageLimit: 5000, limits: { ...DEFAULT_LIMITS, stallMs: 0, ...limits } });

  it('reads a page nested as deep as the cap, with the pages around it', async () => {
    const x = await extract(nestedStatePdf(1000));
    expect(x.pages.map((p) => p.text)).toEqual([1, 2, 3].map((n) => `Page ${n}: officers shall use reasonable force.`));
  });

  it('refuses a page nested one level deeper than the cap, naming it', async () => {
    const err = await extract(nestedStatePdf(1001)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect(err).toMatchObject({ code: 'too_slow', message: NESTED });
  });

  it('refuses a million levels as quickly: the check stops at the cap, it never asks pdf.js for the whole page', async () => {
    const err = await extract(nestedStatePdf(1_000_000), { fixedTimeMs: 30_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'too_slow', message: NESTED });
  });
});
