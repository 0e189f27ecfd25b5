// The document viewer, built on pdf.js's own viewer components (PDFViewer, EventBus,
// PDFLinkService): virtualised pages, a selectable text layer, zoom, fit width, page navigation,
// and find in document with the case search's tokenisation (find-in-document.ts) rather than
// pdf.js's substring matching, so both count the same words and a hit covers the whole word.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { DocumentListItem } from '../../../shared/schemas/document.ts';
import type { AnnotationRecord, EvidenceStance } from '../../../shared/schemas/checklist.ts';
import { STANCE_LABEL } from '../features/checklist/stance.ts';
import { HighlightPopover, type CriterionChoice, type PendingSelection } from './HighlightPopover.tsx';
import { documentOptions, documentUrl, loadPdfjs } from './pdfjs.ts';
import { drawFindHits, pageTexts } from './find-in-document.ts';
import { countMatches, type Pattern } from '../../../shared/domain/search/tokenize.ts';
import { patternsFor } from '../../../shared/domain/search/query.ts';
import { selectionRects, type PageViewport } from './selection-geometry.ts';
import { attachOcrText, type OcrPages, type PageWords } from './ocr-pages.ts';
import { pageIsScannerText, type OpListPage } from './scanner-text.ts';
import { ReadByOcrDialog } from '../features/documents/ReadByOcrDialog.tsx';
import { fileTextNotice, readByOcrNotice, type UseFileTextResult } from '../features/documents/read-by-ocr-text.ts';
import { UseFileTextDialog } from '../features/documents/UseFileTextDialog.tsx';
import { lowConfidenceMarks } from './ocr-text-layer.ts';
import { scanCopyText } from './scan-copy.ts';
import { quoteText } from '../../../shared/domain/quote-text.ts';
import { call, onEvent } from '../api/client.ts';
import type { SelectionRect } from '../../../shared/schemas/checklist.ts';
import { OutlineTree, flatten, type OutlineNode } from './OutlineTree.tsx';
import { Thumbnails } from './Thumbnails.tsx';
import { LockedDocument, type PasswordAsk } from './LockedDocument.tsx';
import { parseSection, startsWithSection } from './sections.ts';
import { useDraft } from './use-draft.ts';
import { IconBack, IconForward, IconMinus, IconOutline, IconPages, IconPlus, IconRotateLeft, IconRotateRight, stanceIconNode } from '../ui/icons.tsx';

/** Where the viewer keeps the page a reader last had open in each document. */
const lastPageKey = (documentId: string) => `credence.lastPage.${documentId}`;
/**
 * A page with a text layer of its own that the reviewer asked to be read by OCR (Read by OCR…):
 * until the reading lands the file's text is what search, selection and pre-review see.
 */
function fileTextBadge(w: Pick<PageWords, 'status' | 'error'>): [string, string] | null {
  const kept = "This page's text is the file's own (often a scanner's reading)";
  switch (w.status) {
    case 'pending':
      return ["File text; OCR reading waits", `${kept} until Credence's OCR reading of it lands, then OCR's text replaces it.`];
    case 'failed':
      return ["File text; OCR reading failed", `${kept}: reading it by OCR failed (${w.error ?? 'no reason recorded'}), so the file's text is kept.`];
    case 'cancelled':
      return ["File text; OCR reading stopped", `${kept}: its reading by OCR was stopped. Resume OCR from the documents list.`];
    default:
      return null;
  }
}

/** The badge of a scanned page OCR has not read (yet), and its tooltip. */
function unreadBadge(w: Pick<PageWords, 'status' | 'error' | 'failureKind'>): [string, string] {
  switch (w.status) {
    case 'failed':
      // The reason says what helps (a copy at a normal size, the file in parts); Retry is pointed to
      // only where reading again may work (the page ran out of time, the engine stopped).
      return ['OCR failed: no text on this page', `${w.error ?? 'OCR could not read this page.'}${w.failureKind === 'retry' ? ' Retry OCR is in the documents list.' : ''}`];
    case 'cancelled':
      return ['OCR stopped: no text on this page yet', 'OCR of this document was stopped before this page was read. Resume OCR from the documents list.'];
    default:
      return ['Waiting for OCR: no text on this page yet', 'This scanned page has no text layer yet; once OCR reads it, its words become searchable and selectable.'];
  }
}

export function rememberedPage(documentId: string): number | null {
  const n = Number(localStorage.getItem(lastPageKey(documentId)));
  return Number.isInteger(n) && n >= 1 ? n : null;
}

/**
 * The zoom a reader last chose in each document: 'page-width' or a scale. Read back on open, so a
 * document comes back as the reader left it.
 */
const zoomKey = (documentId: string) => `credence.zoom.${documentId}`;
function rememberedZoom(documentId: string): string {
  const v = localStorage.getItem(zoomKey(documentId));
  if (v === 'page-width' || v === 'page-fit') return v;
  const n = Number(v);
  return v !== null && Number.isFinite(n) && n >= 0.1 && n <= 5 ? String(n) : 'page-width';
}

export interface ViewerTarget {
  documentId: string;
  page: number;
  /** A case-search query whose words to highlight on arrival. */
  query?: string;
  /** A highlight to show (flash) on arrival. */
  annotationId?: string;
  /** A passage's exact words to mark on arrival (a Pre-review finding not yet a highlight). */
  passage?: string;
  /** Opened from the document list: go back to the page the reader last had open. */
  resume?: boolean;
}

export interface NewHighlight {
  page: number;
  endPage: number;
  quote: string;
  itemIds: string[];
  criteria: Array<{ rubricId: string; criterionId: string }>;
  stance: EvidenceStance;
  note: string;
  /** The selection's glyph boxes, in PDF units. */
  rects: SelectionRect[];
}

interface ViewerProps {
  caseId: string;
  document: DocumentListItem;
  target: ViewerTarget;
  annotations: AnnotationRecord[];
  items: Array<{ id: string; title: string; group: string }>;
  criteria: CriterionChoice[];
  defaultItemId: string | null;
  readOnly: boolean;
  onCreateHighlight: (h: NewHighlight) => Promise<void>;
}

type Viewer = InstanceType<Awaited<ReturnType<typeof loadPdfjs>>['viewer']['PDFViewer']>;
type Bus = InstanceType<Awaited<ReturnType<typeof loadPdfjs>>['viewer']['EventBus']>;
/** Words the engine was less sure of than this are marked when the reader asks. */
export const LOW_CONFIDENCE = 70;

type Pdf = Awaited<ReturnType<Awaited<ReturnType<typeof loadPdfjs>>['core']['getDocument']>['promise']>;

export function PdfViewer({ caseId, document: doc, target, annotations, items, criteria, defaultItemId, readOnly, onCreateHighlight }: ViewerProps) {
  const container = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<Viewer | null>(null);
  const busRef = useRef<Bus | null>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const [page, setPage] = useState(1);
  const pageBox = useDraft('1');
  const [scale, setScale] = useState(1);
  const zoomBox = useDraft('100');
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [readingByOcr, setReadingByOcr] = useState(false);
  const [usingFileText, setUsingFileText] = useState(false);
  // Whether a page in view showed a scanner's OCR text: only then, or once the document is known
  // to carry some (documents.list's scannerText), does the toolbar offer Read by OCR… for a range
  // (a typed document's toolbar stays as it is).
  const [scannerSeen, setScannerSeen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [passwordAsk, setPasswordAsk] = useState<PasswordAsk | null>(null);
  // How far the reader has turned the pages (a page scanned sideways), in degrees clockwise: the
  // view only; the file, its text and its highlights' anchors are unchanged.
  const rotationRef = useRef(0);
  const [find, setFind] = useState('');
  const findTextRef = useRef(find);
  findTextRef.current = find;
  const [findStatus, setFindStatus] = useState('');
  const [pending, setPending] = useState<PendingSelection | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [pdf, setPdf] = useState<Pdf | null>(null);
  const [aspect, setAspect] = useState(11 / 8.5);
  const [outline, setOutline] = useState<OutlineNode[]>([]);
  const [nav, setNav] = useState<null | 'outline' | 'pages'>(null);
  const [section, setSection] = useState('');
  const [sectionStatus, setSectionStatus] = useState('');
  const annotationsRef = useRef(annotations);
  annotationsRef.current = annotations;
  // Find in document: the words looked for, matches per page (from the pages' text, as the index
  // counts them), the selected match's index over the whole document, and a generation so that a
  // newer search makes an older, still-counting one give up.
  const findState = useRef<{ patterns: Pattern[]; counts: number[] | null; current: number | null; gen: number; scroll: boolean }>({ patterns: [], counts: null, current: null, gen: 0, scroll: false });
  const textsRef = useRef<ReturnType<typeof pageTexts> | null>(null);

  /** Which match on `pageNumber` is the selected one, if any. */
  const selectedOn = (pageNumber: number): number | null => {
    const { counts, current } = findState.current;
    if (!counts || current === null) return null;
    const before = counts.slice(0, pageNumber - 1).reduce((a, b) => a + b, 0);
    const k = current - before;
    return k >= 0 && k < (counts[pageNumber - 1] ?? 0) ? k : null;
  };
  const drawFind = (pageNumber: number) => {
    const pv = viewerRef.current?.getPageView(pageNumber - 1) as { div?: HTMLDivElement } | undefined;
    if (!pv?.div) return;
    const selected = selectedOn(pageNumber);
    drawFindHits(pv.div, findState.current.patterns, selected);
    if (selected !== null && findState.current.scroll) {
      const hit = pv.div.querySelector<HTMLElement>('.find-hit.selected');
      if (hit) {
        findState.current.scroll = false;
        hit.scrollIntoView({ block: 'center', inline: 'nearest' });
      }
    }
  };
  const drawFindAll = () => {
    const n = viewerRef.current?.pagesCount ?? 0;
    for (let i = 1; i <= n; i++) drawFind(i);
  };
  const selectMatch = (index: number) => {
    const s = findState.current;
    const counts = s.counts ?? [];
    const total = counts.reduce((a, b) => a + b, 0);
    s.current = index;
    s.scroll = true;
    setFindStatus(`${index + 1} of ${total}`);
    let seen = 0;
    let pageNumber = 1;
    while (pageNumber < counts.length && seen + counts[pageNumber - 1]! <= index) seen += counts[pageNumber++ - 1]!;
    if (viewerRef.current && viewerRef.current.currentPageNumber !== pageNumber) viewerRef.current.currentPageNumber = pageNumber;
    drawFindAll();
  };
  /** Counts the query's matches on every page, then selects the first one from `fromPage` on. */
  /** Finds the query's matches; false when there are none, null when a newer search took over. */
  const search = async (query: string, fromPage?: number): Promise<boolean | null> => {
    const s = findState.current;
    const gen = ++s.gen;
    s.patterns = patternsFor(query);
    s.counts = null;
    s.current = null;
    drawFindAll();
    const texts = textsRef.current;
    if (s.patterns.length === 0 || !texts) {
      setFindStatus(query.trim() ? 'No matches' : '');
      return false;
    }
    setFindStatus('Searching…');
    const counts: number[] = [];
    for (let n = 1; n <= doc.pageCount; n++) {
      const text = await texts(n).catch(() => '');
      if (gen !== s.gen) return null;
      counts.push(countMatches(text, s.patterns));
    }
    s.counts = counts;
    const total = counts.reduce((a, b) => a + b, 0);
    if (total === 0) {
      drawFindAll();
      setFindStatus('No matches');
      return false;
    }
    const start = counts.slice(0, (fromPage ?? viewerRef.current?.currentPageNumber ?? 1) - 1).reduce((a, b) => a + b, 0);
    selectMatch(start < total ? start : 0);
    return true;
  };
  const step = (by: 1 | -1) => {
    const s = findState.current;
    const total = (s.counts ?? []).reduce((a, b) => a + b, 0);
    if (!total) return;
    selectMatch(s.current === null ? 0 : (s.current + by + total) % total);
  };
  const ocrRef = useRef<OcrPages | null>(null);
  // Read by the page badges pdf.js's events draw, outside React's render.
  const readOnlyRef = useRef(readOnly);
  readOnlyRef.current = readOnly;
  const [showLowConfidence, setShowLowConfidence] = useState(false);
  const showLowRef = useRef(showLowConfidence);
  showLowRef.current = showLowConfidence;
  /** Whether any page seen so far reads from OCR (the toggle for unsure words shows then). */
  const [hasOcr, setHasOcr] = useState(doc.ocr !== null);

  /**
   * On a page whose text came from OCR: a badge saying so, with the engine's confidence, and,
   * when asked, a dotted box and a question mark on each word the engine was unsure of. On a
   * scanned page OCR has not read (waiting, stopped, failed): a badge saying so, and why.
   */
  const drawOcr = async (pageNumber: number) => {
    const ocr = ocrRef.current;
    const w = ocr ? await ocr.words(pageNumber) : null;
    const pv = viewerRef.current?.getPageView(pageNumber - 1) as { div?: HTMLDivElement; pdfPage?: OpListPage } | undefined;
    if (!pv?.div) return;
    if (!w || (w.source === 'pdf' && !w.status)) {
      // The page's own text: said to be a scanner's reading when it is one, with a way to Credence's own.
      const scanner = pv.pdfPage ? await pageIsScannerText(pv.pdfPage) : false;
      pv.div.querySelector(':scope > .credence-ocr')?.remove();
      if (scanner) {
        pv.div.appendChild(scannerTextLayer(pageNumber));
        setScannerSeen(true);
      }
      return;
    }
    pv.div.querySelector(':scope > .credence-ocr')?.remove();
    const fileText = w.source === 'pdf' ? fileTextBadge(w) : null;
    if (w.source === 'pdf' && !fileText) return;
    const layer = window.document.createElement('div');
    layer.className = 'credence-ocr';
    const badge = window.document.createElement('span');
    badge.className = 'ocr-badge';
    layer.appendChild(badge);
    if (fileText) {
      badge.classList.add('ocr-file-text');
      [badge.textContent, badge.title] = fileText;
      // Asked by mistake, or no longer wanted: the page stops waiting and keeps the file's text.
      if (w.fileText && !readOnlyRef.current) badge.append(' ', fileTextButton(pageNumber, 'Keep file text', `Keep the file's own text on page ${pageNumber}: do not read it by OCR`));
      pv.div.appendChild(layer);
      return;
    }
    if (w.source === 'none') {
      // A scanned page OCR has not read: it has no text to select, search or pre-review, and says
      // why instead of looking like an image that ignores the mouse.
      const [text, title] = unreadBadge(w);
      badge.classList.add('ocr-unread');
      badge.textContent = text;
      badge.title = title;
      pv.div.appendChild(layer);
      return;
    }
    setHasOcr(true);
    // Its text layer is OCR's words (line selection joins them by line; see below), not pdf.js's.
    layer.dataset.source = 'ocr';
    const confidence = w.meanConfidence === null ? '' : `, ${Math.round(w.meanConfidence)} % confidence`;
    badge.textContent = `OCR text${confidence}`;
    const engine = [w.engine ?? 'OCR', w.engineVersion].filter(Boolean).join(' ');
    const data = w.langDataSha256 ? ` with language data ${w.langDataSha256.slice(0, 12)}…` : '';
    const again = w.status === 'failed' ? ` Reading it again failed (${w.error ?? 'no reason recorded'}); this is the earlier reading.` : '';
    badge.title = `The text of this page was read from the scanned image by ${engine}${data}${confidence}: check the words against the image.${again}`;
    // Read over a text of its own (Read by OCR): the way back, should OCR have read it worse.
    if (w.fileText && !readOnlyRef.current) {
      badge.title += " The file's own text, which this reading replaced, is kept: Use file text puts it back.";
      badge.append(' ', fileTextButton(pageNumber, 'Use file text', `Use the file's own text on page ${pageNumber} instead of OCR's reading`));
    }
    if (showLowRef.current) {
      const marks = lowConfidenceMarks(w.words, LOW_CONFIDENCE, rotationRef.current);
      // Said in words too, so an empty page reads as "none", not as a toggle that did nothing.
      badge.textContent += `; ${marks.length === 0 ? 'no' : marks.length} ${marks.length === 1 ? 'word' : 'words'} under ${LOW_CONFIDENCE} % marked`;
      for (const m of marks) {
        const el = window.document.createElement('span');
        el.className = 'ocr-unsure';
        el.dataset.confidence = String(Math.round(m.confidence));
        el.title = `“${m.text}”: ${Math.round(m.confidence)} % confidence`;
        Object.assign(el.style, { left: m.left, top: m.top, width: m.width, height: m.height });
        layer.appendChild(el);
      }
    }
    pv.div.appendChild(layer);
  };
  /**
   * A badge's button putting one page back on the file's own text (ocr.useFileText). The page is
   * drawn again when its text changes (the ocr.progress 'done' it sends), so the badge goes with it.
   */
  const fileTextButton = (pageNumber: number, label: string, ariaLabel: string): HTMLButtonElement => {
    const button = window.document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.setAttribute('aria-label', ariaLabel);
    button.onclick = () => {
      button.disabled = true;
      call('ocr.useFileText', { caseId, documentId: doc.id, fromPage: pageNumber, toPage: pageNumber }).then(
        (r) => setNotice(fileTextNotice(doc.title, r as UseFileTextResult)),
        (err: unknown) => {
          button.disabled = false;
          setError(`Page ${pageNumber} could not go back to the file's text: ${err instanceof Error ? err.message : String(err)}`);
        },
      );
    };
    return button;
  };
  /**
   * "Scanner's OCR text" on a page whose text is invisible text over its image, with "Read by OCR"
   * (this page, ocr.readTextLayer) unless the case is read-only. The page keeps its text until
   * Credence's reading lands; the documents list shows the progress.
   */
  const scannerTextLayer = (pageNumber: number): HTMLDivElement => {
    const layer = window.document.createElement('div');
    layer.className = 'credence-ocr';
    const badge = window.document.createElement('span');
    badge.className = 'ocr-badge ocr-scanner';
    badge.textContent = "Scanner's OCR text";
    badge.title =
      "This page's text was laid over the scanned image by the scanner's or another program's OCR, of unknown accuracy: a misread word (\u201cchokehoId\u201d) is missed by search and pre-review. Read by OCR reads the page from its image and uses that text instead.";
    layer.appendChild(badge);
    if (!readOnlyRef.current) {
      const button = window.document.createElement('button');
      button.type = 'button';
      button.textContent = 'Read by OCR';
      button.setAttribute('aria-label', `Read page ${pageNumber} by OCR instead of the scanner's text`);
      button.onclick = () => {
        button.disabled = true;
        call('ocr.readTextLayer', { caseId, documentId: doc.id, fromPage: pageNumber, toPage: pageNumber }).then(
          () => {
            badge.textContent = "Scanner's OCR text; OCR reading waits";
            button.remove();
          },
          (err: unknown) => {
            button.disabled = false;
            setError(`Page ${pageNumber} could not be queued for OCR: ${err instanceof Error ? err.message : String(err)}`);
          },
        );
      };
      badge.append(' ', button);
    }
    return layer;
  };
  const drawAllOcr = () => {
    const n = viewerRef.current?.pagesCount ?? 0;
    for (let i = 1; i <= n; i++) if ((viewerRef.current?.getPageView(i - 1) as { renderingState?: number } | undefined)?.renderingState) void drawOcr(i);
  };
  useEffect(() => {
    if (ready) drawAllOcr();
  }, [showLowConfidence, ready]);

  // A page's OCR lands (or is redone) while the document is open: its text layer, badge and
  // find-in-document text are rebuilt from the new words.
  useEffect(
    () =>
      onEvent('ocr.progress', (p) => {
        if (p.documentId !== doc.id || p.phase === 'recognising' || !ocrRef.current) return;
        // A page that failed, every page left when OCR was stopped, or every page queued again
        // (Resume, Retry): only the badges change.
        if (p.phase !== 'done' && p.phase !== 'fileText') {
          const n = viewerRef.current?.pagesCount ?? 0;
          for (let i = 1; i <= n; i++) if (p.phase === 'cancelled' || p.phase === 'queued' || i === p.page) ocrRef.current.forget(i);
          drawAllOcr();
          return;
        }
        // A page read, or pages put back on the file's own text (any of them): drawn again.
        const viewer = viewerRef.current;
        const n = viewer?.pagesCount ?? 0;
        let redraw = false;
        for (let i = 1; i <= n; i++) {
          if (p.phase === 'done' && i !== p.page) continue;
          ocrRef.current.forget(i);
          const pv = viewer?.getPageView(i - 1) as { reset?(): void; renderingState?: number } | undefined;
          if (pv?.renderingState) {
            pv.reset?.();
            redraw = true;
          }
        }
        if (redraw) viewer?.update();
        // Find in document reads the page texts once: read them again, and redo a find in progress.
        if (pdf) textsRef.current = pageTexts(pdf);
        if (findTextRef.current) void search(findTextRef.current);
      }),
    [doc.id, pdf],
  );

  /** Draws the case's highlights on one page, in viewport coordinates, under the text layer. */
  const drawPage = (pageNumber: number) => {
    const pv = viewerRef.current?.getPageView(pageNumber - 1) as { div?: HTMLDivElement; viewport?: { convertToViewportPoint(x: number, y: number): number[] } } | undefined;
    if (!pv?.div || !pv.viewport) return;
    let layer = pv.div.querySelector<HTMLDivElement>(':scope > .credence-highlights');
    if (!layer) {
      layer = window.document.createElement('div');
      layer.className = 'credence-highlights';
      pv.div.appendChild(layer);
    }
    layer.replaceChildren();
    for (const a of annotationsRef.current) {
      let first = true;
      for (const r of a.rects.filter((x) => x.page === pageNumber)) {
        // PDF space (origin bottom-left) to the page's CSS pixels (origin top-left).
        const [x1, y1] = pv.viewport.convertToViewportPoint(r.x, r.y) as [number, number];
        const [x2, y2] = pv.viewport.convertToViewportPoint(r.x + r.w, r.y + r.h) as [number, number];
        const el = window.document.createElement('div');
        el.className = `hl stance-${a.stance}`;
        el.dataset.annotationId = a.id;
        Object.assign(el.style, { left: `${Math.min(x1, x2)}px`, top: `${Math.min(y1, y2)}px`, width: `${Math.abs(x2 - x1)}px`, height: `${Math.abs(y2 - y1)}px` });
        el.title = `${STANCE_LABEL[a.stance]}${a.note ? `: ${a.note}` : ''}`;
        if (first) {
          const badge = window.document.createElement('span');
          badge.className = 'hl-badge';
          badge.appendChild(stanceIconNode(window.document, a.stance));
          el.appendChild(badge);
          first = false;
        }
        layer.appendChild(el);
      }
    }
  };
  const drawAll = () => {
    const n = viewerRef.current?.pagesCount ?? 0;
    for (let i = 1; i <= n; i++) drawPage(i);
  };
  useEffect(() => {
    if (ready) drawAll();
  }, [annotations, ready]);

  // Keyboard-only evidence: Shift+Down/Up select the text line by line from the top of the page
  // in view, H opens the highlight form for the selection (a mouse selection too).
  const keyboardLines = useRef<{ anchor: number; focus: number } | null>(null);
  const onViewerKey = (e: ReactKeyboardEvent) => {
    const el = container.current;
    if (!el || e.ctrlKey || e.metaKey || e.altKey) return;
    if ((e.key === 'h' || e.key === 'H') && !e.shiftKey) {
      e.preventDefault();
      onMouseUp();
      return;
    }
    if (!e.shiftKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    const words = [...el.querySelectorAll<HTMLElement>('.textLayer span:not(.markedContent)')].filter((sp) => sp.firstChild?.nodeType === Node.TEXT_NODE && sp.textContent?.trim());
    // A scanned page's text layer has a span per word: its words are taken a line at a time
    // (up to the line break), as a digital page's lines are.
    const lines: Array<{ first: HTMLElement; last: HTMLElement }> = [];
    for (const sp of words) {
      const prev = lines[lines.length - 1];
      const ocrPage = sp.closest('.page')?.querySelector(':scope > .credence-ocr[data-source="ocr"]');
      if (prev && ocrPage && prev.last.closest('.page') === sp.closest('.page') && sp.previousElementSibling?.tagName === 'SPAN') prev.last = sp;
      else lines.push({ first: sp, last: sp });
    }
    const spans = lines.map((l) => l.first);
    if (!spans.length) return;
    e.preventDefault();
    const sel = window.getSelection();
    let k = keyboardLines.current;
    if (!k || !sel || sel.isCollapsed || !spans[k.focus]) {
      const top = el.getBoundingClientRect().top;
      const start = Math.max(0, spans.findIndex((sp) => sp.closest<HTMLElement>('.page')?.dataset.pageNumber === String(page) && sp.getBoundingClientRect().bottom > top));
      k = { anchor: start, focus: start };
    } else k = { anchor: k.anchor, focus: Math.max(0, Math.min(spans.length - 1, k.focus + (e.key === 'ArrowDown' ? 1 : -1))) };
    keyboardLines.current = k;
    const [from, to] = [lines[Math.min(k.anchor, k.focus)]!.first, lines[Math.max(k.anchor, k.focus)]!.last];
    const range = window.document.createRange();
    range.setStart(from.firstChild!, 0);
    range.setEnd(to.firstChild!, to.firstChild!.textContent!.length);
    sel?.removeAllRanges();
    sel?.addRange(range);
    spans[k.focus]!.scrollIntoView({ block: 'nearest' });
  };

  const onMouseUp = () => {
    if (readOnly) return;
    setTimeout(() => {
      const sel = window.getSelection();
      if (!sel || sel.isCollapsed || !sel.rangeCount) return;
      // One line, one space between words: the text layer of a scan has two (scan-copy.ts).
      const quote = quoteText(sel.toString());
      const pageOf = (n: Node | null) => Number((n instanceof Element ? n : n?.parentElement)?.closest<HTMLElement>('.page')?.dataset.pageNumber ?? NaN);
      const a = pageOf(sel.anchorNode);
      const b = pageOf(sel.focusNode);
      if (!quote || Number.isNaN(a) || Number.isNaN(b) || !bodyRef.current) return;
      const range = sel.getRangeAt(0);
      const rects = selectionRects(range, (n) => (viewerRef.current?.getPageView(n - 1) as { viewport?: PageViewport } | undefined)?.viewport ?? null);
      if (rects.length === 0) return;
      const rect = range.getBoundingClientRect();
      const body = bodyRef.current.getBoundingClientRect();
      setPending({
        page: Math.min(a, b),
        endPage: Math.max(a, b),
        quote,
        rects,
        anchor: { left: rect.left - body.left, top: rect.top - body.top, bottom: rect.bottom - body.top },
        bounds: { width: body.width, height: body.height },
      });
    }, 0);
  };

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
        const viewer = new v.PDFViewer({
          container: container.current!,
          viewer: inner.current!,
          eventBus,
          linkService,
          textLayerMode: 1,
          annotationMode: core.AnnotationMode.DISABLE, // no links, forms or scripts from the PDF
          removePageBorders: false,
        });
        linkService.setViewer(viewer);
        viewerRef.current = viewer;
        busRef.current = eventBus;
        eventBus.on('pagechanging', (e: { pageNumber: number }) => {
          localStorage.setItem(lastPageKey(doc.id), String(e.pageNumber));
          setPage(e.pageNumber);
          pageBox.show(String(e.pageNumber));
        });
        eventBus.on('scalechanging', (e: { scale: number }) => {
          setScale(e.scale);
          zoomBox.show(String(Math.round(e.scale * 100)));
        });
        // A text layer is (re)built when a page comes into view and at every zoom: draw its hits then.
        eventBus.on('textlayerrendered', (e: { pageNumber: number }) => drawFind(e.pageNumber));
        eventBus.on('pagerendered', (e: { pageNumber: number }) => {
          drawPage(e.pageNumber);
          void drawOcr(e.pageNumber);
        });
        eventBus.on('pagesinit', () => {
          viewer.currentScaleValue = rememberedZoom(doc.id);
          setReady(true);
        });
        const task = core.getDocument({ url: documentUrl(doc.id), ...documentOptions() });
        loadingTask = task;
        // An encrypted file: first the password kept with it, then the person's, until one opens it.
        let typed: string | null = null;
        let kept: string | null = null;
        let triedKept = false;
        const ask = (why: PasswordAsk['why'], update: (password: string) => void) => {
          if (destroyed) return;
          setPasswordAsk({
            why,
            submit: (password) => {
              typed = password;
              setPasswordAsk(null);
              update(password);
            },
          });
        };
        task.onPassword = (update: (password: string) => void) => {
          if (triedKept) return ask(typed !== null ? 'typed-wrong' : kept !== null ? 'kept-wrong' : 'needed', update);
          triedKept = true;
          call('documents.password', { caseId, documentId: doc.id }).then(
            ({ password }) => {
              kept = password;
              if (password) update(password);
              else ask('needed', update);
            },
            () => ask('needed', update),
          );
        };
        const pdf = await task.promise;
        // Kept even when the person has moved on meanwhile: it opened the file, and is asked for no more.
        if (typed !== null) {
          const password: string = typed;
          call('documents.rememberPassword', { caseId, documentId: doc.id, password }).catch(
            (err: unknown) => !destroyed && setError(`The password opened this document but could not be kept with it, so it will be asked for again next time: ${err instanceof Error ? err.message : String(err)}`),
          );
        }
        if (destroyed) return;
        // Before the viewer sees the document: its pages must answer their text from OCR from the
        // start. A document whose every page has a text layer (ocr null) is left to pdf.js alone.
        if (doc.ocr !== null) ocrRef.current = attachOcrText(pdf, (page) => call('ocr.pageWords', { caseId, documentId: doc.id, page }));
        viewer.setDocument(pdf);
        linkService.setDocument(pdf);
        textsRef.current = pageTexts(pdf);
        setPdf(pdf);
        const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
        if (!destroyed) setAspect(first.height / first.width);
        const bookmarks = (await pdf.getOutline().catch(() => null)) as OutlineNode[] | null;
        if (!destroyed) setOutline(bookmarks ?? []);
      } catch (err) {
        if (!destroyed) setError(`This document could not be displayed: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
    return () => {
      destroyed = true;
      void loadingTask?.destroy();
      viewerRef.current = null;
    };
    // Opened again when the document first gets OCR rows (Read by OCR… on a digital document),
    // so its pages answer their text from OCR from then on.
  }, [doc.id, doc.ocr !== null]);

  // Go to the target page (and highlight the search words) whenever the target changes.
  useEffect(() => {
    const viewer = viewerRef.current;
    const bus = busRef.current;
    if (!ready || !viewer || !bus) return;
    const wanted = (target.resume && rememberedPage(doc.id)) || target.page;
    viewer.currentPageNumber = Math.min(Math.max(1, wanted), doc.pageCount);
    if (target.annotationId) {
      const id = target.annotationId;
      // Flash the highlight once its page has drawn it.
      setTimeout(() => {
        drawPage(target.page);
        window.document.querySelectorAll<HTMLElement>(`.hl[data-annotation-id="${id}"]`).forEach((el) => {
          el.classList.remove('flash');
          void el.offsetWidth;
          el.classList.add('flash');
        });
      }, 150);
    }
    if (target.passage) {
      // A passage is found as a phrase, by the words the index reads (so hyphens, line breaks and
      // quotes do not matter); if the whole of it is not found on the page (a sentence across a
      // page break, a header in between), by its opening words.
      const words = target.passage.replace(/["\u201c\u201d]/g, ' ').replace(/\s+/g, ' ').trim().split(' ');
      const tries = [words, words.slice(0, 10), words.slice(0, 5)].map((w) => w.join(' ')).filter((w, i, all) => w && all.indexOf(w) === i);
      setFind('');
      void (async () => {
        for (const t of tries) if ((await search(`"${t}"`, target.page)) !== false) return;
      })();
    }
    if (target.query) {
      setFind(target.query);
      void search(target.query, target.page);
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

  // A pane resized or collapsed, or the contents opened: a page at fit-width keeps fitting.
  useEffect(() => {
    const el = container.current;
    if (!ready || !el) return;
    const ro = new ResizeObserver(() => {
      const v = viewerRef.current;
      if (v && v.currentScaleValue === 'page-width') v.currentScaleValue = 'page-width';
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ready]);

  // Resolved here rather than with the link service's goToDestination, which moves focus to the
  // page's text: a reader walking the outline with the keyboard stays in the outline.
  const openBookmark = async (node: OutlineNode) => {
    if (!pdf || !node.dest) return;
    const explicit = (typeof node.dest === 'string' ? await pdf.getDestination(node.dest).catch(() => null) : node.dest) as unknown[] | null;
    const ref = explicit?.[0];
    const index = Number.isInteger(ref) ? (ref as number) : ref && typeof ref === 'object' ? await pdf.getPageIndex(ref as { num: number; gen: number }).catch(() => null) : null;
    if (index === null || !viewerRef.current) return;
    viewerRef.current.scrollPageIntoView({ pageNumber: index + 1, destArray: explicit ?? undefined, ignoreDestinationZoom: true });
  };
  const goToSection = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = parseSection(section);
    if (!wanted) return setSectionStatus('Type a section number such as 300.3.4.');
    const bookmark = flatten(outline).find((n) => n.dest && startsWithSection(n.title, wanted));
    if (bookmark) {
      void openBookmark(bookmark);
      return setSectionStatus(`Section ${wanted}: ${bookmark.title}`);
    }
    if (!pdf) return;
    setSectionStatus(`Looking for ${wanted}…`);
    // No bookmark: the first page with a line that starts with the number (a heading).
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      let line = '';
      for (const item of content.items as Array<{ str?: string; hasEOL?: boolean }>) {
        line += item.str ?? '';
        if (item.hasEOL || item === content.items[content.items.length - 1]) {
          if (startsWithSection(line, wanted)) {
            if (viewerRef.current) viewerRef.current.currentPageNumber = n;
            return setSectionStatus(`Section ${wanted}: page ${n}`);
          }
          line = '';
        }
      }
    }
    setSectionStatus(`No heading starts with ${wanted} in this document.`);
  };

  const goTo = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(pageBox.value.trim());
    if (viewerRef.current && Number.isInteger(n) && n >= 1 && n <= doc.pageCount) {
      viewerRef.current.currentPageNumber = n;
      pageBox.settle(String(n));
    } else pageBox.settle(String(page));
  };
  const zoom = (value: string | number) => {
    if (!viewerRef.current) return;
    viewerRef.current.currentScaleValue = String(value);
    localStorage.setItem(zoomKey(doc.id), String(value));
  };
  // pdf.js draws the turned pages again, and each page's highlights and OCR layer with them.
  const rotate = (by: number) => {
    const viewer = viewerRef.current;
    if (!viewer) return;
    rotationRef.current = (((rotationRef.current + by) % 360) + 360) % 360;
    viewer.pagesRotation = rotationRef.current;
  };
  // Typing searches after a pause, so a 700-page manual is not counted once per keystroke.
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(typing.current ?? undefined), []);

  return (
    <div className="viewer">
      <div className="viewer-toolbar" role="toolbar" aria-label="Viewer controls">
        <button
          type="button"
          className="icon-button"
          aria-label="Contents and pages"
          title="Contents and pages"
          aria-pressed={nav !== null}
          aria-controls={nav && pdf ? 'viewer-nav' : undefined}
          disabled={!ready}
          onClick={() => setNav((n) => (n ? null : outline.length ? 'outline' : 'pages'))}
        >
          <IconOutline />
        </button>
        <span className="doc-name" title={doc.originalName}>
          {doc.title}
        </span>
        <form onSubmit={goTo} className="page-nav">
          <button type="button" aria-label="Previous page" onClick={() => viewerRef.current?.previousPage()} disabled={!ready || page <= 1}>
            <IconBack />
          </button>
          <label>
            Page <input
              aria-label="Page number"
              disabled={!ready}
              {...pageBox.bind(() => String(page))}
              size={4}
              inputMode="numeric"
            /> of{' '}
            <span data-testid="page-count">{doc.pageCount}</span>
          </label>
          <button type="button" aria-label="Next page" onClick={() => viewerRef.current?.nextPage()} disabled={!ready || page >= doc.pageCount}>
            <IconForward />
          </button>
        </form>
        {/* Not once the document has no OCR pages left (all put back on the file's text). */}
        {hasOcr && doc.ocr !== null && doc.ocr.pagesOcr > 0 && (
          <button
            type="button"
            className="ocr-toggle"
            aria-pressed={showLowConfidence}
            aria-label={`Unsure words (OCR confidence under ${LOW_CONFIDENCE} %)`}
            title={`Mark the words OCR read with less than ${LOW_CONFIDENCE} % confidence: check them against the image`}
            onClick={() => setShowLowConfidence((v) => !v)}
          >
            Unsure words
          </button>
        )}
        {!readOnly && (scannerSeen || doc.scannerText !== null) && !(doc.ocr && doc.ocr.total >= doc.pageCount) && (
          <button
            type="button"
            aria-label={`Read pages of ${doc.title} by OCR instead of their own text`}
            title="For a poor scanner reading (misspelt words, search missing what you see): read pages from their images and use that text"
            disabled={!ready}
            onClick={() => setReadingByOcr(true)}
          >
            Read by OCR…
          </button>
        )}
        {!readOnly && doc.ocr !== null && doc.ocr.fileText > 0 && (
          <button
            type="button"
            aria-label={`Put pages of ${doc.title} read by OCR back on their own text`}
            title="For an OCR reading worse than the file's own text: use the text stored in the file again"
            disabled={!ready}
            onClick={() => setUsingFileText(true)}
          >
            Use file text…
          </button>
        )}
        <div className="zoom">
          <button type="button" aria-label="Zoom out" disabled={!ready} onClick={() => zoom(Math.max(0.25, scale / 1.2))}>
            <IconMinus />
          </button>
          <form
            className="scale"
            onSubmit={(e) => {
              e.preventDefault();
              const n = Number(zoomBox.value.replace('%', '').trim());
              if (Number.isFinite(n) && n >= 10 && n <= 500) {
                zoom(n / 100);
                zoomBox.settle(String(Math.round(n)));
              } else zoomBox.settle(String(Math.round(scale * 100)));
            }}
          >
            <input
              aria-label="Zoom percent"
              disabled={!ready}
              {...zoomBox.bind(() => String(Math.round(scale * 100)))}
              size={3}
              inputMode="numeric"
            />
            <span aria-hidden="true">%</span>
          </form>
          <button type="button" aria-label="Zoom in" disabled={!ready} onClick={() => zoom(Math.min(5, scale * 1.2))}>
            <IconPlus />
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
            if (findState.current.counts) step(1);
            else void search(find);
          }}
        >
          <input
            ref={findRef}
            type="search"
            aria-label="Find in document"
            placeholder="Find in document (Ctrl+F)"
            value={find}
            onChange={(e) => {
              const q = e.target.value;
              setFind(q);
              findState.current.gen++;
              findState.current.counts = null;
              clearTimeout(typing.current ?? undefined);
              typing.current = setTimeout(() => void search(q), 250);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.shiftKey) {
                e.preventDefault();
                step(-1);
              }
            }}
          />
          <span className="find-status" aria-live="polite">
            {find ? findStatus : ''}
          </span>
        </form>
        <div className="rotate" role="group" aria-label="Turn pages">
          <button type="button" aria-label="Rotate pages counterclockwise" title="Turn the pages a quarter turn to the left (the view only; the file is not changed)" disabled={!ready} onClick={() => rotate(-90)}>
            <IconRotateLeft />
          </button>
          <button type="button" aria-label="Rotate pages clockwise" title="Turn the pages a quarter turn to the right (the view only; the file is not changed)" disabled={!ready} onClick={() => rotate(90)}>
            <IconRotateRight />
          </button>
        </div>
      </div>
      {error && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice banner" role="status">
          {notice} <button onClick={() => setNotice(null)}>Dismiss</button>
        </p>
      )}
      {readingByOcr && (
        <ReadByOcrDialog
          caseId={caseId}
          document={doc}
          page={page}
          onClose={() => setReadingByOcr(false)}
          onQueued={(r) => {
            setReadingByOcr(false);
            setNotice(readByOcrNotice(doc.title, r));
          }}
        />
      )}
      {usingFileText && (
        <UseFileTextDialog
          caseId={caseId}
          document={doc}
          page={page}
          onClose={() => setUsingFileText(false)}
          onDone={(r) => {
            setUsingFileText(false);
            setNotice(fileTextNotice(doc.title, r));
          }}
        />
      )}
      {passwordAsk && <LockedDocument title={doc.title} ask={passwordAsk} />}
      <div className="viewer-frame">
      {nav && pdf && (
        <aside id="viewer-nav" className="nav-sidebar" aria-label="Contents and pages">
          <div className="nav-tabs" role="group" aria-label="Show">
            <button type="button" aria-pressed={nav === 'outline'} onClick={() => setNav('outline')}>
              <IconOutline /> Outline
            </button>
            <button type="button" aria-pressed={nav === 'pages'} onClick={() => setNav('pages')}>
              <IconPages /> Pages
            </button>
          </div>
          <form className="go-section" onSubmit={(e) => void goToSection(e)}>
            <label htmlFor="go-section">Go to section</label>
            <div className="search-row">
              <input id="go-section" value={section} onChange={(e) => setSection(e.target.value)} placeholder="300.3.4" inputMode="decimal" />
              <button type="submit">Go</button>
            </div>
            <p className="subtle section-status" role="status">
              {sectionStatus}
            </p>
          </form>
          {nav === 'outline' &&
            (outline.length ? <OutlineTree outline={outline} onOpen={openBookmark} /> : <p className="subtle">This document has no bookmarks.</p>)}
          {nav === 'pages' && <Thumbnails pdf={pdf} current={page} aspect={aspect} onOpen={(n) => viewerRef.current && (viewerRef.current.currentPageNumber = n)} />}
        </aside>
      )}
      <div className="viewer-body" ref={bodyRef}>
        {pending && (
          <HighlightPopover
            selection={pending}
            items={items}
            criteria={criteria}
            defaultItemId={defaultItemId}
            onClose={() => setPending(null)}
            onSubmit={async (v) => {
              await onCreateHighlight({ page: pending.page, endPage: pending.endPage, quote: pending.quote, rects: pending.rects, ...v });
              setPending(null);
              window.getSelection()?.removeAllRanges();
            }}
          />
        )}
        <p id="viewer-keys" className="visually-hidden">
          Shift+Down and Shift+Up select the text line by line; H adds a highlight for the selection.
        </p>
        <div
          ref={container}
          onMouseUp={onMouseUp}
          onKeyDown={onViewerKey}
          onCopyCapture={(e) => {
            // Before pdf.js's own copy on the text layer, which would put the two spaces back.
            const text = scanCopyText(window.getSelection());
            if (text === null) return;
            e.clipboardData.setData('text/plain', text);
            e.preventDefault();
            e.stopPropagation();
          }}
          className="viewer-container"
          tabIndex={0}
          aria-label={`${doc.title}, page ${page} of ${doc.pageCount}`}
          aria-describedby="viewer-keys"
          data-current-page={page}
        >
          <div ref={inner} className="pdfViewer" />
        </div>
      </div>
      </div>
    </div>
  );
}
