// "Use file text…": pages read by OCR over a text of their own (Read by OCR…) go back to the
// file's text, kept when OCR's replaced it. For a reading that came out worse than the file's
// (a table, a faint line); pages still waiting for their reading stop waiting. Highlights move
// back with the words, and the change goes in the audit trail.
import type { DocumentRecord } from '../../../../shared/schemas/document.ts';
import { call } from '../../api/client.ts';
import { PageRangeDialog } from './PageRangeDialog.tsx';
import type { UseFileTextResult } from './read-by-ocr-text.ts';

export function UseFileTextDialog({ caseId, document: d, page, onClose, onDone }: { caseId: string; document: DocumentRecord; page: number; onClose: () => void; onDone: (r: UseFileTextResult) => void }) {
  return (
    <PageRangeDialog
      id="use-file-text"
      title="Use file text"
      document={d}
      page={page}
      onClose={onClose}
      submit={async (fromPage, toPage) => onDone((await call('ocr.useFileText', { caseId, documentId: d.id, fromPage, toPage })) as UseFileTextResult)}
    >
      <p>
        These pages of “{d.title}” go back to the text stored in the file, in place of Credence's OCR reading of them. Use it when the reading came out worse than the file's own text.
      </p>
      <p className="subtle">
        Highlights move back to the file's words; the pages then say what the file's text is (a scanner's OCR, say) everywhere, and can be read by OCR again. Pages of a scan, which have no text of
        their own, are left as OCR read them. The change is recorded in the case's audit trail.
      </p>
    </PageRangeDialog>
  );
}
