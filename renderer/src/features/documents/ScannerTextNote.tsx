// A document whose pages carry a scanner's own OCR (invisible text over the page image, found in
// the background after import): the list says which pages, since their words may be misread
// ("Seotember", "chokehoId") and search and pre-review see only what the scanner read, and offers
// Credence's reading of just those pages. The viewer marks each such page as it is shown.
import type { DocumentListItem } from '../../../../shared/schemas/document.ts';
import { pagesIn, pagesText } from '../../../../shared/domain/page-runs.ts';

type Found = NonNullable<DocumentListItem['scannerText']>;

/** "pages 1–4", "pages 2, 5–9, … (31 in all)". */
export function scannerPagesText(found: Found): string {
  const more = pagesIn(found.runs) < found.count;
  return `${pagesText(found.runs, more)}${more ? ` (${found.count} in all)` : ''}`;
}

export function ScannerTextNote({ found, title, readOnly, onRead }: { found: Found; title: string; readOnly: boolean; onRead: () => void }) {
  return (
    <span className="scanner-text">
      <span
        className="chip warn scanner-text-chip"
        tabIndex={0}
        title="The file's text on these pages is the scanner's own reading of the image, which may misread words: search and pre-review see only what it read."
      >
        Scanner's OCR text: {scannerPagesText(found)}
      </span>
      {!readOnly && (
        <button
          className="doc-action"
          aria-label={`Read the scanner-text pages of ${title} by OCR`}
          title="Credence reads these pages from their images and uses that text instead; each page keeps the file's text until its reading lands. Recorded in the audit trail."
          onClick={(e) => {
            e.stopPropagation();
            onRead();
          }}
        >
          Read by OCR
        </button>
      )}
    </span>
  );
}
