// Case-wide search: hits grouped by document, each with its page and snippet. Choosing one
// opens the page in the viewer with the words highlighted. The counts of matches come from the
// same tokenisation as the viewer's find (shared/domain/search/tokenize.ts), so they agree.
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { DocumentListItem, SearchHit } from '../../../../shared/schemas/document.ts';
import { call, messageOf } from '../../api/client.ts';
import { OcrChip, ScannerTextChip } from '../../ui/OcrChip.tsx';
import { unsearchedDocuments } from './unsearched.ts';

interface Props {
  caseId: string;
  documents: DocumentListItem[];
  inputRef: RefObject<HTMLInputElement | null>;
  onOpenHit: (hit: SearchHit, query: string) => void;
  /** The case is archived: nothing is started from here. */
  readOnly: boolean;
  /** OCR was resumed from here: the documents list is read again. */
  onDocumentsChanged: () => void;
}

// A query that already has its own quotes is shown as typed.
const quoted = (q: string) => (q.includes('"') ? q : `“${q}”`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[\[.*?\]\])/g);
  return (
    <>
      {parts.map((p, i) => (p.startsWith('[[') ? <mark key={i}>{p.slice(2, -2)}</mark> : <span key={i}>{p}</span>))}
    </>
  );
}

export function SearchPanel({ caseId, documents, inputRef, onOpenHit, readOnly, onDocumentsChanged }: Props) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<string | null>(null);
  const hasDocuments = documents.length > 0;
  // Scanned pages search cannot see (no text yet), and whether it searched OCR text at all.
  const unsearched = unsearchedDocuments(documents);
  const unread = unsearched.reduce((n, u) => n + u.pages, 0);
  const searchedOcr = documents.some((d) => d.ocr && d.ocr.pagesOcr > 0);

  async function run(q: string) {
    try {
      setError(null);
      setHits(await call('search.query', { caseId, query: q }));
      setSearched(q);
    } catch (err) {
      setHits(null);
      setError(messageOf(err));
    }
  }
  // Stopped OCR resumed from the note, as from the documents list.
  async function resumeOcr(documentId: string) {
    try {
      setError(null);
      await call('ocr.run', { caseId, documentId });
      onDocumentsChanged();
    } catch (err) {
      setError(messageOf(err));
    }
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!query.trim()) return;
    await run(query);
  }
  // The results answer the case's documents as they are: one removed, replaced or added, or a
  // scanned page read by OCR, and the last search is run again (a hit on a removed document
  // would open nothing).
  const docsKey = documents.map((d) => `${d.id}:${d.ocr?.pagesOcr ?? ''}`).join(',');
  const lastKey = useRef(docsKey);
  useEffect(() => {
    if (lastKey.current === docsKey) return;
    lastKey.current = docsKey;
    if (searched) void run(searched);
    // Only when the documents change; `searched` is read as it stands then.
  }, [docsKey]);

  const groups = new Map<string, SearchHit[]>();
  for (const h of hits ?? []) groups.set(h.documentTitle, [...(groups.get(h.documentTitle) ?? []), h]);

  return (
    <div className="search">
      <form role="search" onSubmit={submit}>
        <label htmlFor="case-search" className="pane-title">
          <h2>Search this case</h2>
        </label>
        <div className="search-row">
          <input
            id="case-search"
            ref={inputRef}
            type="search"
            placeholder={hasDocuments ? 'chokehold, “deadly force”…  (Ctrl+Shift+F)' : 'Add documents to search them'}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby={error ? 'case-search-error' : undefined}
          />
          <button type="submit">Search</button>
        </div>
      </form>
      {error && (
        <p id="case-search-error" className="error" role="alert">
          {error}
        </p>
      )}
      {hits && (
        <div className="results" aria-live="polite">
          <p className="subtle">
            {hits.length === 0
              ? `No matches for ${quoted(searched)}.`
              : `${plural(hits.reduce((s, h) => s + h.matches, 0), 'match', 'matches')} on ${plural(hits.length, 'page', 'pages')} for ${quoted(searched)}`}
          </p>
          {/* "No matches" must not read as "the policy does not say it" while scanned pages are unread. */}
          {unread > 0 && (
            <div className="notice unsearched" role="note">
              {plural(unread, 'scanned page has', 'scanned pages have')} no text yet and {unread === 1 ? 'was' : 'were'} not searched:
              <ul>
                {unsearched.map((u) => (
                  <li key={u.documentId}>
                    {u.title}: {u.text}
                    {u.stopped && !readOnly && (
                      <>
                        {' '}
                        <button className="doc-action" aria-label={`Resume OCR of ${u.title}`} onClick={() => void resumeOcr(u.documentId)}>
                          Resume OCR
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {/* Said once: a word OCR misread is not found, and nothing on the hit list shows it. */}
          {searchedOcr && (
            <p className="subtle ocr-caveat" role="note">
              OCR text was searched too; OCR can misread words, so a match on a scan may be missed.
            </p>
          )}
          {[...groups.entries()].map(([title, list]) => (
            <section key={title} aria-label={`Matches in ${title}`}>
              <h3>
                {title} <span className="subtle doc-matches">{plural(list.reduce((s, h) => s + h.matches, 0), 'match', 'matches')}</span>
              </h3>
              <ul>
                {list.map((h) => (
                  <li key={`${h.documentId}-${h.page}`}>
                    <button className="hit" onClick={() => onOpenHit(h, searched)}>
                      <span className="hit-page">p. {h.page}</span>
                      {h.ocr && <OcrChip what="This page's text was" />}
                      {h.scannerText && <ScannerTextChip what="This page's text is" />}{' '}
                      <Snippet text={h.snippet} />{' '}
                      <span className="subtle hit-count">({plural(h.matches, 'match', 'matches')})</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
