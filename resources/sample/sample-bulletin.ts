// The sample case's scanned document: a one-page training bulletin, typed, signed, printed and
// scanned a little crooked, as agencies send memos in answer to a records request. It has no
// text layer, so a newcomer's first run shows OCR at work: the page is read in the background,
// badged as OCR text, and its words can be searched, highlighted and cited like the order's.
// Deterministic: the typed page is drawn with pdf.js's own fonts (render-page.ts), never the system's.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { renderPageToPng } from '../../electron/services/ocr/render-page.ts';
import { turnedBy } from './scan-image.ts';

/** The bulletin's lines, as typed (a blank string is a blank line). */
export const BULLETIN_LINES = [
  'RIVERSIDE POLICE DEPARTMENT',
  'TRAINING BULLETIN 2026-04',
  '',
  'TO:       All sworn members',
  'FROM:     Chief of Police',
  'DATE:     April 6, 2026',
  'SUBJECT:  Neck restraints and chokeholds',
  '',
  '1. This bulletin restates General Order 300.5 for roll-call',
  '   training. It will be read at roll call for ten consecutive days.',
  '',
  '2. Chokeholds and vascular neck restraints are prohibited unless',
  '   the use of deadly force is authorized by law.',
  '',
  '3. A member shall not apply pressure to the throat or neck of a',
  '   person who is handcuffed or otherwise restrained.',
  '',
  '4. A member who uses any neck restraint shall request medical aid',
  '   at once and report the use to a supervisor before the end of',
  '   the shift.',
  '',
  '',
  'Approved:',
  '',
  '',
  'Chief of Police',
];

/** Resolution of the scanned image (a common setting of office scanners). */
const SCAN_DPI = 200;
/** How crooked the sheet went through the feeder, in degrees clockwise. */
const SCAN_SKEW = 0.6;

async function typedBulletin(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fixed = new Date('2026-04-06T00:00:00Z');
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const font = await doc.embedFont(StandardFonts.Courier);
  const page = doc.addPage([612, 792]);
  BULLETIN_LINES.forEach((line, i) => page.drawText(line, { x: 72, y: 700 - i * 17, size: 11, font }));
  // The chief's signature above the typed name: a pen stroke, not text.
  const signatureY = 700 - (BULLETIN_LINES.length - 2) * 17;
  page.drawSvgPath('M 0 0 C 12 -18 20 10 32 -4 S 52 -14 60 2 C 66 10 74 -12 96 -2', { x: 80, y: signatureY, borderWidth: 1.2 });
  return doc.save({ useObjectStreams: false });
}

/** The scanned bulletin: one page image, no text layer. */
export async function generateSampleScanPdf(): Promise<Uint8Array> {
  const drawn = await renderPageToPng(await typedBulletin(), 1, SCAN_DPI, { clean: false });
  const scan = await turnedBy(drawn.png, SCAN_SKEW);
  const out = await PDFDocument.create();
  const fixed = new Date('2026-04-08T00:00:00Z');
  out.setTitle('Riverside PD Training Bulletin 2026-04: Neck restraints and chokeholds (sample, scanned)');
  out.setAuthor('Riverside Police Department (synthetic sample)');
  out.setCreator('Credence sample generator');
  out.setProducer('pdf-lib');
  out.setCreationDate(fixed);
  out.setModificationDate(fixed);
  const image = await out.embedPng(scan.png);
  const [w, h] = [(scan.width * 72) / SCAN_DPI, (scan.height * 72) / SCAN_DPI];
  out.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
  return out.save({ useObjectStreams: false });
}
