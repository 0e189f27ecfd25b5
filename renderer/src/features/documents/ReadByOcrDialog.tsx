// "Read by OCR…": pages that have a text layer of their own, read by Credence's OCR instead.
// For a scan that came with the scanner's own OCR layer, which misreads ("chokehoId",
// "lllinois") and so hides rules from search and pre-review. The file's text stands until each
// page's reading lands; highlights move to the new words, and the request goes in the audit trail.
import { useState } from 'react';
import type { DocumentRecord } from '../../../../shared/schemas/document.ts';
import { call, messageOf } from '../../api/client.ts';
import { Modal } from '../../ui/Modal.tsx';
import { readingTime, type ReadByOcrResult } from './read-by-ocr-text.ts';

const pageNumber = (s: string) => (/^\s*\d{1,7}\s*$/.test(s) ? Number(s) : NaN);

/** `page`: the page the reader is on, which the range starts as (a whole manual is a choice, not a default). */
export function ReadByOcrDialog({ caseId, document: d, page, onClose, onQueued }: { caseId: string; document: DocumentRecord; page: number; onClose: () => void; onQueued: (r: ReadByOcrResult) => void }) {
  const [from, setFrom] = useState(String(page));
  const [to, setTo] = useState(String(page));
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      id="read-by-ocr"
      title="Read by OCR"
      submitLabel="Read by OCR"
      error={error}
      onClose={onClose}
      onSubmit={async () => {
        const fromPage = pageNumber(from);
        const toPage = pageNumber(to);
        // Said here, before anything is asked of the workspace; the service checks again.
        if (!(fromPage >= 1 && toPage <= d.pageCount && fromPage <= toPage)) {
          setError(`Choose pages from 1 to ${d.pageCount}, the first not after the last.`);
          return;
        }
        try {
          onQueued((await call('ocr.readTextLayer', { caseId, documentId: d.id, fromPage, toPage })) as ReadByOcrResult);
        } catch (err) {
          setError(messageOf(err));
        }
      }}
    >
      <p>
        Credence reads these pages of “{d.title}” from their images and uses that text instead of the text stored in the file. Use it when the file's text is a poor scanner reading:
        misspelt words, or search missing words you can see on the page.
      </p>
      <p className="subtle">
        Each page keeps the file's text until its reading lands, and keeps it if the reading fails. Highlights move to the new words; pages then say “OCR text”, in the viewer and in the
        packet. The request is recorded in the case's audit trail.
      </p>
      <div className="row">
        <div className="field">
          <label htmlFor="read-ocr-from">From page</label>
          <input id="read-ocr-from" inputMode="numeric" value={from} onChange={(e) => (setFrom(e.target.value), setError(null))} />
        </div>
        <div className="field">
          <label htmlFor="read-ocr-to">To page (of {d.pageCount})</label>
          <input id="read-ocr-to" inputMode="numeric" value={to} onChange={(e) => (setTo(e.target.value), setError(null))} />
        </div>
      </div>
      <p className="subtle" aria-live="polite">
        {readingTime(pageNumber(to) - pageNumber(from) + 1)}
        {pageNumber(to) - pageNumber(from) + 1 > 50 ? ' Typed pages read no better by OCR: choose the scanned pages if you can.' : ''}
      </p>
    </Modal>
  );
}
