// A dialog choosing a range of one document's pages for an action on their text (Read by OCR…,
// Use file text…): the range starts as the page in view (a whole manual is a choice, not a
// default), and a range the document does not have is refused here, before anything is asked.
import { useState, type ReactNode } from 'react';
import type { DocumentRecord } from '../../../../shared/schemas/document.ts';
import { messageOf } from '../../api/client.ts';
import { Modal } from '../../ui/Modal.tsx';

const pageNumber = (s: string) => (/^\s*\d{1,7}\s*$/.test(s) ? Number(s) : NaN);

export interface PageRangeDialogProps {
  /** The dialog's id, and the prefix of its fields' ids. */
  id: string;
  title: string;
  document: DocumentRecord;
  /** The page the reader is on. */
  page: number;
  children: ReactNode;
  /** Said under the fields for the range chosen (how long it may take, say); '' for nothing. */
  about?: (pages: number) => string;
  /** The action; its error, if it throws, is shown in the dialog. */
  submit: (fromPage: number, toPage: number) => Promise<void>;
  onClose: () => void;
}

export function PageRangeDialog({ id, title, document: d, page, children, about, submit, onClose }: PageRangeDialogProps) {
  const [from, setFrom] = useState(String(page));
  const [to, setTo] = useState(String(page));
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      id={id}
      title={title}
      submitLabel={title}
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
          await submit(fromPage, toPage);
        } catch (err) {
          setError(messageOf(err));
        }
      }}
    >
      {children}
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-from`}>From page</label>
          <input id={`${id}-from`} inputMode="numeric" value={from} onChange={(e) => (setFrom(e.target.value), setError(null))} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To page (of {d.pageCount})</label>
          <input id={`${id}-to`} inputMode="numeric" value={to} onChange={(e) => (setTo(e.target.value), setError(null))} />
        </div>
      </div>
      {about && (
        <p className="subtle" aria-live="polite">
          {about(pageNumber(to) - pageNumber(from) + 1)}
        </p>
      )}
    </Modal>
  );
}
