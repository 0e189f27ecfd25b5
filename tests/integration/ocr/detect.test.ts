// Import finds the pages without a usable text layer: a scan with a page stamp typed over it is
// read by OCR, whether its image is whole or in bands; a short typed page (a cover) is not.
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

  it('a stamped scan stored as eight bands, an image each, needs OCR as the same scan in one image does', async () => {
    const lines = [['Chokeholds are prohibited'], ['unless deadly force is authorized']];
    for (const strips of [undefined, 8]) {
      const x = await extractPdf(await scannedPdf(lines, { stamp: 'Bates 000123', strips }), { workerPath: SOURCE_WORKER_PATH, workers: 1, pageLimit: 100 });
      expect(x.pages.map((p) => p.needsOcr), `strips: ${strips}`).toEqual([true, true]);
    }
  });
});
