// What a case search could not see, in words: per scanned document, its pages with no text yet
// and why ("calder-directive-12: pages 3–5 not read yet (OCR stopped)"), so that "no matches" is
// never taken for "the policy does not say it". Pure: unit-tested.
import type { DocumentListItem } from '../../../../shared/schemas/document.ts';
import { pagesIn, pagesText } from '../../../../shared/domain/page-runs.ts';

type Ocr = NonNullable<DocumentListItem['ocr']>;

export interface UnsearchedDocument {
  documentId: string;
  title: string;
  /** Pages with no text yet. */
  pages: number;
  /** "pages 3–5 not read yet (OCR stopped)". */
  text: string;
  /** Some were stopped by a person: Resume OCR reads them. */
  stopped: boolean;
}

export { pagesText };

function why(ocr: Ocr): string {
  return [ocr.pending > 0 ? 'waiting for OCR' : '', ocr.stopped > 0 ? 'OCR stopped' : '', ocr.failed > ocr.failedKept ? 'OCR failed: see Documents' : ''].filter(Boolean).join('; ');
}

export function unsearchedDocuments(documents: readonly DocumentListItem[]): UnsearchedDocument[] {
  return documents.flatMap((d) => {
    const ocr = d.ocr;
    const pages = ocr ? ocr.total - ocr.pagesOcr : 0;
    if (!ocr || pages === 0) return [];
    const listed = pagesIn(ocr.unreadRuns);
    const reason = why(ocr);
    return [{ documentId: d.id, title: d.title, pages, text: `${pagesText(ocr.unreadRuns, listed < pages)} not read yet${reason ? ` (${reason})` : ''}`, stopped: ocr.stopped > 0 }];
  });
}
