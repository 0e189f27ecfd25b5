// Messages between the extraction pool, its extractor process and the threads in it, and what a
// person reads when a file is refused for what it would cost to read.
import { formatSize, type ExtractLimits } from './limits.ts';
import type { StoredPdf } from './read-stored.ts';

export interface WorkerIn {
  /** The file's bytes (callers holding no stored copy), or the stored copy the worker reads itself. */
  source: { bytes: Uint8Array } | { stored: StoredPdf };
  password?: string;
  /** Pages first, first+stride, first+2·stride, … (0-based). */
  first: number;
  stride: number;
  /** Only the probing worker reports page count, fingerprint and metadata. */
  probe: boolean;
  pageLimit: number;
  limits: ExtractLimits;
  /** Each page's graphics state nesting is checked before its text is read (limits.graphicsNesting). */
  checkNesting: boolean;
  /** Pages already read (0-based), by workers this file had before. */
  skip: number[];
  /**
   * Instead of reading text: these pages (0-based) are looked at for a scanner's own OCR
   * (invisible text over the page image), each answered with a 'surveyed' message.
   */
  survey?: number[];
}

/** What the extractor process is sent: the file, and how many threads read it (each every threads-th page). */
export interface HostJob {
  job: Omit<WorkerIn, 'first' | 'stride' | 'probe'>;
  threads: number;
  /** The thread's script (extract-worker), chosen by the parent. */
  threadPath: string;
}

/** What the extractor process adds to its threads' messages: a thread that ended without its 'done'. */
export type HostOut = { type: 'thread_out_of_memory' } | { type: 'thread_stopped'; message: string };

export interface PageText {
  index: number;
  text: string;
  /** [offset, length, x, y, width, height] for each text item, PDF units. */
  items: Array<[number, number, number, number, number, number]>;
  needsOcr: boolean;
  width: number;
  height: number;
}

/** What a worker saw of a damaged structure. */
export interface Damage {
  /** Each repair pdf.js made to read the file, in plain words ("its page tree is broken"). */
  repairs: string[];
  /** Whether any of this worker's pages draws an image (asked only when all of them were empty). */
  imagesSeen: boolean;
}

export type WorkerOut =
  | { type: 'opened'; numPages: number; fingerprint: string; title: string | null; hasScripts: boolean }
  | { type: 'page'; page: PageText }
  | { type: 'surveyed'; page: number; scannerText: boolean }
  | { type: 'done'; damage: Damage }
  | { type: 'error'; code: 'password_required' | 'password_incorrect' | 'corrupt' | 'stored_copy'; message: string }
  | { type: 'too_much_text'; page: number; what: 'text' | 'items' }
  | { type: 'too_deep'; page: number };

export const EXTRACTOR_VERSION = 'pdfjs-6.5/items-v2';

const CRAFTED = 'The file may be crafted to exhaust memory; ask the agency for another copy.';
const STALL = 'The file may be crafted to stall the import; ask the agency for another copy';

/** Each refusal for cost, as one plain sentence (the import prefixes the file name). */
export const REFUSALS = {
  pageText: (l: ExtractLimits, page: number) => `It expands to more than ${formatSize(l.pageTextChars)} of text on page ${page}: refused. ${CRAFTED}`,
  documentText: (l: ExtractLimits, page: number) =>
    `It expands to more than ${formatSize(l.documentTextChars)} of text in all (passed on page ${page}): refused. ${CRAFTED}`,
  pageItems: (l: ExtractLimits, page: number) =>
    `Page ${page} is cut into more than ${l.pageItems.toLocaleString('en-US')} separately placed pieces of text: refused. ${CRAFTED}`,
  documentItems: (l: ExtractLimits, page: number) =>
    `It is cut into more than ${l.documentItems.toLocaleString('en-US')} separately placed pieces of text (passed on page ${page}): refused. ${CRAFTED}`,
  buffers: (l: ExtractLimits) =>
    `Its compressed contents expand to more than ${l.bufferMb.toLocaleString('en-US')} MB while being read: refused. ${CRAFTED}`,
  heap: (l: ExtractLimits) => `Reading it needs more than the text extractor's ${l.heapMb.toLocaleString('en-US')} MB of memory: refused. ${CRAFTED}`,
  time: (ms: number, pages: number | null) =>
    `Reading its text took longer than the limit of ${Math.ceil(ms / 1000).toLocaleString('en-US')} s${pages === null ? '' : ` for ${pages.toLocaleString('en-US')} page${pages === 1 ? '' : 's'}`}: refused. ` +
    `${STALL} (on a very slow computer, CREDENCE_EXTRACT_TIMEOUT_MS raises the limit).`,
  nesting: (l: ExtractLimits, page: number) => `Page ${page} nests its graphics state more than ${l.graphicsNesting.toLocaleString('en-US')} levels deep: refused. ${STALL}.`,
  damaged: (repairs: string[]) =>
    `It is damaged (${repairs.join('; ')}), and what could be recovered of it has no text and no images, so it is not a scan. ` +
    'Re-save it from a PDF reader ("Print to PDF"), or ask the agency for a new copy.',
} as const;
