// "Read by OCR…": pages that have a text layer of their own, read by Credence's OCR instead.
// For a scan that came with the scanner's own OCR layer, which misreads ("chokehoId",
// "lllinois") and so hides rules from search and pre-review. The file's text stands until each
// page's reading lands; highlights move to the new words, and the request goes in the audit trail.
import type { DocumentRecord } from '../../../../shared/schemas/document.ts';
import { call } from '../../api/client.ts';
import { PageRangeDialog } from './PageRangeDialog.tsx';
import { readingTime, type ReadByOcrResult } from './read-by-ocr-text.ts';

/** `page`: the page the reader is on, which the range starts as. */
export function ReadByOcrDialog({ caseId, document: d, page, onClose, onQueued }: { caseId: string; document: DocumentRecord; page: number; onClose: () => void; onQueued: (r: ReadByOcrResult) => void }) {
  return (
    <PageRangeDialog
      id="read-by-ocr"
      title="Read by OCR"
      document={d}
      page={page}
      onClose={onClose}
      about={(n) => `${readingTime(n)}${n > 50 ? ' Typed pages read no better by OCR: choose the scanned pages if you can.' : ''}`}
      submit={async (fromPage, toPage) => onQueued((await call('ocr.readTextLayer', { caseId, documentId: d.id, fromPage, toPage })) as ReadByOcrResult)}
    >
      <p>
        Credence reads these pages of “{d.title}” from their images and uses that text instead of the text stored in the file. Use it when the file's text is a poor scanner reading:
        misspelt words, or search missing words you can see on the page.
      </p>
      <p className="subtle">
        Each page keeps the file's text until its reading lands, and keeps it if the reading fails. Highlights move to the new words; pages then say “OCR text”, in the viewer and in the
        packet. The request is recorded in the case's audit trail. Use file text… takes a page back to the file's text.
      </p>
    </PageRangeDialog>
  );
}
