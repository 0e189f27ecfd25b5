// Gives a scanned page its OCR text wherever pdf.js asks a page for its text: the viewer's text
// layer (streamTextContent) and find in document (getTextContent). Pages whose text came from the
// PDF itself are left to pdf.js. Because the OCR words enter through pdf.js's own text path, the
// text layer, selection, highlights and find behave on a scan exactly as on a digital page.
import type { OcrFailureKind } from '../../../shared/schemas/document.ts';
import { ocrTextContent, type OcrTextContent, type OcrWordInput } from './ocr-text-layer.ts';

export interface PageWords {
  source: 'pdf' | 'ocr' | 'none';
  /** Where a scanned page is in the OCR queue (null for a page with its own text layer), and why it failed or stopped. */
  status?: 'pending' | 'done' | 'failed' | 'cancelled' | null;
  error?: string | null;
  /** For a failed page, what helps: reading it again ('retry'), another copy ('new_copy'), the file in parts ('page_limit'). */
  failureKind?: OcrFailureKind | null;
  engine: string | null;
  engineVersion?: string | null;
  langDataSha256?: string | null;
  meanConfidence: number | null;
  /** Whether the page has a text of its own to go back to (ocr.useFileText). */
  fileText?: boolean;
  words: OcrWordInput[];
}

// A page whose words could not be fetched is left to pdf.js, with no badge (never a false "Waiting for OCR").
const NO_WORDS: PageWords = { source: 'pdf', engine: null, meanConfidence: null, words: [] };

interface TextPage {
  view: number[];
  rotate: number;
  getTextContent(params?: unknown): Promise<unknown>;
  streamTextContent(params?: unknown): ReadableStream;
}

interface PagedDocument {
  getPage(n: number): Promise<unknown>;
}

export interface OcrPages {
  /** Page n's words and where its text came from (fetched once, then kept). */
  words(pageNumber: number): Promise<PageWords>;
  /** Page n's OCR text landed or changed: ask again next time. */
  forget(pageNumber: number): void;
}

/**
 * Wraps `pdf.getPage` (an own property shadowing pdf.js's method, called by the viewer, its find
 * controller and pdf.js itself) so each page answers its text from OCR when its source is OCR.
 */
export function attachOcrText(pdf: PagedDocument, fetchWords: (pageNumber: number) => Promise<PageWords>): OcrPages {
  const cache = new Map<number, Promise<PageWords>>();
  const contents = new Map<number, Promise<OcrTextContent | null>>();
  const words = (n: number) => {
    let p = cache.get(n);
    if (!p) {
      // A page whose words cannot be had reads as pdf.js reads it: the viewer still shows it.
      p = fetchWords(n).catch(() => NO_WORDS);
      cache.set(n, p);
    }
    return p;
  };
  const ocrContent = (n: number, page: TextPage) => {
    let c = contents.get(n);
    if (!c) {
      c = words(n).then((w) => (w.source === 'ocr' ? ocrTextContent(w.words, { viewBox: page.view as [number, number, number, number], rotate: page.rotate }) : null));
      contents.set(n, c);
    }
    return c;
  };
  const patched = new WeakSet<object>();
  const getPage = pdf.getPage.bind(pdf);
  pdf.getPage = async (n: number) => {
    const page = (await getPage(n)) as TextPage;
    if (patched.has(page)) return page;
    patched.add(page);
    const getText = page.getTextContent.bind(page);
    const streamText = page.streamTextContent.bind(page);
    page.getTextContent = async (params?: unknown) => (await ocrContent(n, page)) ?? getText(params);
    page.streamTextContent = (params?: unknown) => {
      let reader: ReadableStreamDefaultReader | null = null;
      return new ReadableStream({
        async start(controller) {
          const content = await ocrContent(n, page);
          if (content) {
            controller.enqueue(content);
            controller.close();
          } else reader = streamText(params).getReader();
        },
        async pull(controller) {
          if (!reader) return;
          const { value, done } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: (reason) => reader?.cancel(reason),
      });
    };
    return page;
  };
  return {
    words,
    forget(n) {
      cache.delete(n);
      contents.delete(n);
    },
  };
}
