// How much one PDF may cost to read. A 163 KB file can inflate to gigabytes, and pdf.js keeps
// every decoded stream whole, so each limit below is enforced where the cost arises: text as it
// streams out of pdf.js (worker), the worker's heap by V8 (--max-old-space-size) and by the
// pool at 90 % of it, its decoded buffers (which V8's heap limit does not count) from the
// worker's own reports, its whole resident size read from outside (a worker stuck in a
// synchronous loop reports nothing), and time by a timer that ends the workers. The workers are
// threads of one child process, so V8 aborting on a heap limit ends that process, not the app.
//
// The numbers leave wide room for real manuals: the 762-page La Grange manual has 1.7 MB of text
// in all and 3.7 KB on its fullest page.

export interface ExtractLimits {
  /** Characters of text on one page. */
  pageTextChars: number;
  /** Characters of text in the whole document. */
  documentTextChars: number;
  /** Separately positioned pieces of text on one page (each costs memory beyond its characters). */
  pageItems: number;
  /** Pieces of text in the whole document. */
  documentItems: number;
  /** Each worker's JavaScript heap (V8 old generation), in MB. */
  heapMb: number;
  /**
   * The share of the heap at which the pool ends a worker itself, before V8 would after up to a
   * minute of collecting garbage. Above 1, V8's own limit is left to act (its end is refused alike).
   */
  heapWatchFraction: number;
  /** Each worker's decoded streams and other buffers, beyond the file's own bytes, in MB. */
  bufferMb: number;
  /**
   * A worker's own resident memory beyond its heap, its buffers and the file (Node, pdf.js, code,
   * V8's young generation), in MB: heap + buffers + twice the file + this is the hard cap on its
   * resident size, enforced from outside the worker.
   */
  rssOverheadMb: number;
  /**
   * Levels of graphics state one page may nest (`q` inside `q`, forms drawn inside forms). pdf.js
   * copies its whole state at each level, at a cost growing faster than the square of the depth.
   */
  graphicsNesting: number;
  /**
   * Time without a page read after which the pages still unread are read again, each one's
   * nesting checked before its text (the check costs as much as the text, so it waits for a page
   * that keeps its reader). 0: every page checked from the start.
   */
  stallMs: number;
  /** Time for a file: base plus so much per page, unless fixed (CREDENCE_EXTRACT_TIMEOUT_MS). */
  baseTimeMs: number;
  perPageTimeMs: number;
  fixedTimeMs: number | null;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ExtractLimits = {
  pageTextChars: 2 * MB,
  // A 5,000-page manual (the page limit) at 13 KB a page: four times La Grange's fullest page.
  documentTextChars: 64 * MB,
  pageItems: 100_000,
  documentItems: 2_000_000,
  // La Grange's workers peak at 56 MB of heap and 17 MB of buffers: nine and fifteen times that.
  heapMb: 512,
  heapWatchFraction: 0.9,
  bufferMb: 256,
  // A worker reading La Grange peaks at 189 MB resident, of which 56 MB heap and 17 MB buffers;
  // one that has only loaded Node and pdf.js is 79 MB. 256 MB leaves twice the rest.
  rssOverheadMb: 256,
  // The corpus nests 6 levels at most, ISO 32000's table of implementation limits gives 28; a
  // run of 1,000 levels is read in ~40 ms, 10,000 take 2 s, 40,000 take 90 s.
  graphicsNesting: 1000,
  // The corpus's slowest page takes 123 ms (fonts loaded and all); a stall is only checked, never refused.
  stallMs: 5000,
  baseTimeMs: 120_000,
  // La Grange takes about 17 ms a page on two busy cores; 100 ms leaves a slow laptop room.
  perPageTimeMs: 100,
  fixedTimeMs: null,
};

const positive = (v: string | undefined): number | null => {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * CREDENCE_EXTRACT_TIMEOUT_MS fixes the time limit of every file (tests make it tiny; a very slow
 * machine may raise it); CREDENCE_EXTRACT_MEMORY_MB sets a worker's heap, its buffers getting half.
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): ExtractLimits {
  const time = positive(env.CREDENCE_EXTRACT_TIMEOUT_MS);
  const memory = positive(env.CREDENCE_EXTRACT_MEMORY_MB);
  return {
    ...DEFAULT_LIMITS,
    ...(time ? { fixedTimeMs: time } : {}),
    ...(memory ? { heapMb: memory, bufferMb: Math.max(16, Math.floor(memory / 2)) } : {}),
  };
}

/** The time a file of `pages` pages may take, from the moment its workers start. */
export function timeLimitMs(l: ExtractLimits, pages: number): number {
  return l.fixedTimeMs ?? l.baseTimeMs + l.perPageTimeMs * pages;
}

/**
 * The hard cap on the extractor process's resident size for a file of `fileBytes` read by
 * `threads` threads: each thread's heap, buffers and two copies of the file, and the overhead once
 * (a thread's own share of it, pdf.js's code and young generation, is well inside the margin).
 */
export function rssCapBytes(l: ExtractLimits, fileBytes: number, threads = 1): number {
  return (threads * (l.heapMb + l.bufferMb) + l.rssOverheadMb) * MB + 2 * threads * fileBytes;
}

/** "2 MB", "64 MB", "512 KB": sizes of text as a person reads them. */
export function formatSize(chars: number): string {
  return chars >= MB ? `${+(chars / MB).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}
