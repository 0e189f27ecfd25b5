// A scanner's own OCR told from a page's operator list, as pdf.js gives it: invisible text (render
// mode 3) over an image covering the page. Real PDFs made by code, read by the real pdf.js.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument, popGraphicsState, pushGraphicsState, setTextRenderingMode, StandardFonts, TextRenderingMode } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { invisibleText, isScannerText, pageOps } from '../../../shared/domain/page-coverage.ts';
import { scannedPdf, typedPdf } from '../../fixtures/scans.ts';

const OPS = pageOps(pdfjs.OPS);
const LINES = ['Officers shall not use a chokehold', 'unless deadly force is authorized.', 'Officers shall intervene to stop', 'excessive force by another officer.'];

async function pages(bytes: Uint8Array) {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const out = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const ops = await page.getOperatorList();
      out.push({ scanner: isScannerText(ops.fnArray, ops.argsArray, OPS, page.view), text: invisibleText(ops.fnArray, ops.argsArray, OPS) });
    }
    return out;
  } finally {
    await doc.loadingTask.destroy();
  }
}

describe('a scanner’s own OCR', () => {
  it('is found on a scan with invisible text over its image, and only there', async () => {
    const misread = LINES.map((l) => l.replace('chokehold', 'chokehoId'));
    const [copier, stamped] = await pages(await scannedPdf([LINES, LINES], { scannerText: [misread], stamp: 'HPD 000123' }));
    // All of its text is invisible but the Bates stamp the scanner printed on it.
    expect(copier!.scanner).toBe(true);
    expect(copier!.text.glyphs - copier!.text.invisible).toBe('HPD 000123'.length);
    expect(copier!.text.invisible).toBeGreaterThan(100);
    // The second page has only a visible Bates stamp over its image.
    expect(stamped).toMatchObject({ scanner: false, text: { invisible: 0 } });
  }, 60_000);

  it('is not a typed page, nor a typed page with a little hidden text (a form’s hidden field, a watermark)', async () => {
    const [typed] = await pages(await typedPdf([LINES]));
    expect(typed).toMatchObject({ scanner: false, text: { invisible: 0 } });
    // Visible text with some invisible text on a page without images.
    const doc = await PDFDocument.load(await typedPdf([LINES]));
    const page = doc.getPage(0);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
    page.drawText('hidden index terms', { x: 60, y: 100, size: 8, font });
    page.pushOperators(popGraphicsState());
    const [mixed] = await pages(await doc.save());
    expect(mixed!.scanner).toBe(false);
    expect(mixed!.text.invisible).toBe('hiddenindexterms'.length + 2);
  });

  it('the render mode is restored with the graphics state: text drawn after Q is visible again', () => {
    const fn = [OPS.save, OPS.setTextRenderingMode, pdfjs.OPS.showText, OPS.restore, pdfjs.OPS.showText];
    const glyph = { unicode: 'a' };
    const args = [null, [3], [[glyph, glyph, -120, glyph]], null, [[glyph, glyph]]];
    expect(invisibleText(fn, args, OPS)).toEqual({ glyphs: 5, invisible: 3 });
  });
});
