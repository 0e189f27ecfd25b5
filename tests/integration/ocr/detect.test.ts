// Import finds the pages without a usable text layer: a scan with a page stamp typed over it is
// read by OCR; a short typed page (a cover) is not.
import { describe, expect, it } from 'vitest';
import { extractPdf, SOURCE_WORKER_PATH } from '../../../electron/services/extraction/extract-pool.ts';
import { scannedPdf } from '../../fixtures/scans.ts';

describe('pages that need OCR', () => {
  it('a scan with a few stamped characters needs OCR; a short typed cover does not', async () => {
    const pdf = await scannedPdf([['GENERAL ORDER 5'], ['Chokeholds are prohibited']], { textPages: [1], stamp: 'Bates 000123' });
    const x = await extractPdf(pdf, { workerPath: SOURCE_WORKER_PATH, workers: 1, pageLimit: 100 });
    expect(x.pages.map((p) => [p.text.trim(), p.needsOcr])).toEqual([
      ['GENERAL ORDER 5', false],
      ['Bates 000123', true],
    ]);
  });
});
