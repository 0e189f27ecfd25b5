// The document viewer, built on pdf.js's own viewer components (PDFViewer, EventBus,
// PDFLinkService, PDFFindController): virtualised pages, a selectable text layer, zoom,
// fit width, page navigation and find in document.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DocumentRecord } from '../../../shared/schemas/document.ts';
import { documentOptions, documentUrl, highlightTerms, loadPdfjs } from './pdfjs.ts';

export interface ViewerTarget {
  documentId: string;
  page: number;
  /** A case-search query whose words to highlight on arrival. */
  query?: string;
}

type Viewer = InstanceType<Awaited<ReturnType<typeof loadPdfjs>>['viewer']['PDFViewer']>;
type Bus = InstanceType<Awaited<ReturnType<typeof loadPdfjs>>['viewer']['EventBus']>;

export function PdfViewer({ document: doc, target }: { document: DocumentRecord; target: ViewerTarget }) {
  const container = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<Viewer | null>(null);
  const busRef = useRef<Bus | null>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const [page, setPage] = useState(1);
  const [pageInput, setPageInput] = useState('1');
  const [scale, setScale] = useState(1);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [find, setFind] = useState('');
  const [findStatus, setFindStatus] = useState('');

  // Load the document once per mount (the parent keys this component by document).
  useEffect(() => {
    let destroyed = false;
    let loadingTask: { destroy(): Promise<void> } | null = null;
    void (async () => {
      try {
        const { core, viewer: v } = await loadPdfjs();
        if (destroyed) return;
        const eventBus = new v.EventBus();
        const linkService = new v.PDFLinkService({ eventBus });
        linkService.externalLinkEnabled = false; // links in a policy never open anything
        const findController = new v.PDFFindController({ eventBus, linkService });
        const viewer = new v.PDFViewer({
          container: container.current!,
          viewer: inner.current!,
          eventBus,
          linkService,
          findController,
          textLayerMode: 1,
          annotationMode: core.AnnotationMode.DISABLE, // no links, forms or scripts from the PDF
          removePageBorders: false,
        });
        linkService.setViewer(viewer);
        viewerRef.current = viewer;
        busRef.current = eventBus;
        eventBus.on('pagechanging', (e: { pageNumber: number }) => {
          setPage(e.pageNumber);
          setPageInput(String(e.pageNumber));
        });
        eventBus.on('scalechanging', (e: { scale: number }) => setScale(e.scale));
        eventBus.on('updatefindmatchescount', (e: { matchesCount: { current: number; total: number } }) =>
          setFindStatus(e.matchesCount.total ? `${e.matchesCount.current} of ${e.matchesCount.total}` : 'No matches'),
        );
        eventBus.on('updatefindcontrolstate', (e: { state: number; matchesCount: { current: number; total: number } }) => {
          if (e.state === 1) setFindStatus('No matches');
        });
        eventBus.on('pagesinit', () => {
          viewer.currentScaleValue = 'page-width';
          setReady(true);
        });
        const task = core.getDocument({ url: documentUrl(doc.id), ...documentOptions() });
        loadingTask = task;
        const pdf = await task.promise;
        if (destroyed) return;
        viewer.setDocument(pdf);
        linkService.setDocument(pdf);
      } catch (err) {
        if (!destroyed) setError(`This document could not be displayed: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
    return () => {
      destroyed = true;
      void loadingTask?.destroy();
      viewerRef.current = null;
    };
  }, [doc.id]);

  // Go to the target page (and highlight the search words) whenever the target changes.
  useEffect(() => {
    const viewer = viewerRef.current;
    const bus = busRef.current;
    if (!ready || !viewer || !bus) return;
    viewer.currentPageNumber = Math.min(Math.max(1, target.page), doc.pageCount);
    if (target.query) {
      const terms = highlightTerms(target.query);
      setFind(terms.join(' '));
      bus.dispatch('find', { source: null, type: '', query: terms, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious: false, matchDiacritics: false });
    }
  }, [ready, target, doc.pageCount]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        findRef.current?.focus();
        findRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const goTo = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(pageInput);
    if (viewerRef.current && Number.isInteger(n) && n >= 1 && n <= doc.pageCount) viewerRef.current.currentPageNumber = n;
    else setPageInput(String(page));
  };
  const zoom = (value: string | number) => {
    if (viewerRef.current) viewerRef.current.currentScaleValue = String(value);
  };
  const runFind = (again: boolean, previous = false) => {
    busRef.current?.dispatch('find', { source: null, type: again ? 'again' : '', query: find, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious: previous, matchDiacritics: false });
  };

  return (
    <div className="viewer">
      <div className="viewer-toolbar" role="toolbar" aria-label="Viewer controls">
        <span className="doc-name" title={doc.originalName}>
          {doc.title}
        </span>
        <form onSubmit={goTo} className="page-nav">
          <button type="button" aria-label="Previous page" onClick={() => viewerRef.current?.previousPage()} disabled={!ready || page <= 1}>
            ‹
          </button>
          <label>
            Page <input aria-label="Page number" disabled={!ready} value={pageInput} onChange={(e) => setPageInput(e.target.value)} size={4} inputMode="numeric" /> of{' '}
            <span data-testid="page-count">{doc.pageCount}</span>
          </label>
          <button type="button" aria-label="Next page" onClick={() => viewerRef.current?.nextPage()} disabled={!ready || page >= doc.pageCount}>
            ›
          </button>
        </form>
        <div className="zoom">
          <button type="button" aria-label="Zoom out" disabled={!ready} onClick={() => zoom(Math.max(0.25, scale / 1.2))}>
            −
          </button>
          <span aria-live="polite" className="scale">
            {Math.round(scale * 100)}%
          </span>
          <button type="button" aria-label="Zoom in" disabled={!ready} onClick={() => zoom(Math.min(5, scale * 1.2))}>
            +
          </button>
          <button type="button" disabled={!ready} onClick={() => zoom('page-width')}>
            Fit width
          </button>
        </div>
        <form
          className="find"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            runFind(true);
          }}
        >
          <input
            ref={findRef}
            type="search"
            aria-label="Find in document"
            placeholder="Find in document (Ctrl+F)"
            value={find}
            onChange={(e) => {
              setFind(e.target.value);
              busRef.current?.dispatch('find', { source: null, type: '', query: e.target.value, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious: false, matchDiacritics: false });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.shiftKey) {
                e.preventDefault();
                runFind(true, true);
              }
            }}
          />
          <span className="find-status" aria-live="polite">
            {find ? findStatus : ''}
          </span>
        </form>
      </div>
      {error && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}
      <div className="viewer-body">
        <div ref={container} className="viewer-container" tabIndex={0} aria-label={`${doc.title}, page ${page} of ${doc.pageCount}`} data-current-page={page}>
          <div ref={inner} className="pdfViewer" />
        </div>
      </div>
    </div>
  );
}
