// A scanned document's OCR confidence as the documents list gives it: the mean, and the weakest
// page when it is far under the mean. A damaged or faint image is read as garbage with low
// confidence, and one such page among good ones hardly moves the mean. Pure: unit-tested.
import type { DocumentListItem } from '../../../../shared/schemas/document.ts';

/** Points under the document's mean from which a page is named: a usable page of small grey type read at 79 % beside pages at 95 % (mean 90) is not. */
export const WEAK_PAGE_GAP = 20;

/** "93 % confidence; page 2: 41 %, check the image", or the mean alone; '' when no page has a confidence. */
export function confidenceText(ocr: Pick<NonNullable<DocumentListItem['ocr']>, 'meanConfidence' | 'weakestPage'>): string {
  if (ocr.meanConfidence === null) return '';
  const mean = Math.round(ocr.meanConfidence);
  const weak = ocr.weakestPage;
  const note = weak && mean - Math.round(weak.confidence) >= WEAK_PAGE_GAP ? `; page ${weak.page}: ${Math.round(weak.confidence)} %, check the image` : '';
  return `${mean} % confidence${note}`;
}
