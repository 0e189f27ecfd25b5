// Case-wide search: hits grouped by document, each with its page and snippet. Choosing one
// opens the page in the viewer with the words highlighted. The counts of matches come from the
// same tokenisation as the viewer's find (shared/domain/search/tokenize.ts), so they agree.
import { useState, type FormEvent, type RefObject } from 'react';
import type { SearchHit } from '../../../../shared/schemas/document.ts';
import { call, messageOf } from '../../api/client.ts';
import { OcrChip } from '../../ui/OcrChip.tsx';

interface Props {
  caseId: string;
  hasDocuments: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  onOpenHit: (hit: SearchHit, query: string) => void;
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

export function SearchPanel({ caseId, hasDocuments, inputRef, onOpenHit }: Props) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!query.trim()) return;
    try {
      setError(null);
      setHits(await call('search.query', { caseId, query }));
      setSearched(query);
    } catch (err) {
      setHits(null);
      setError(messageOf(err));
    }
  }

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
                      {h.ocr && <OcrChip what="This page's text was" />}{' '}
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
