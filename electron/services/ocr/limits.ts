// What OCR may cost. Each page is hostile like any file: its size in pixels is capped before it
// is drawn, an image declaring more pixels than a page may have is never decoded, and a page
// that takes too long is stopped (its render worker or OCR worker ended) and fails with a reason.
// Plain TypeScript with no imports: the render worker reads the defaults from here too, and
// opening a workspace must not load pdf.js or tesseract.js (every CLI call would pay for it).

/** A letter page at 300 dpi is 8.4 megapixels; 40 leaves room for tabloid and A3 at 300 dpi. */
export const DEFAULT_MAX_PIXELS = 40_000_000;
export const DEFAULT_DPI = 300;

export interface OcrLimits {
  /** Resolution pages are rendered at for recognition. */
  dpi: number;
  /** Pixels of one rendered page, and of any one image on it. */
  maxPixels: number;
  /** Time for one page, drawing and reading (all turns tried) together. */
  pageTimeMs: number;
  /** Pages of one document OCR reads; the rest fail, saying so. */
  documentPages: number;
  /** A render worker's JavaScript heap, in MB. */
  renderHeapMb: number;
  /**
   * Resident memory a render worker may take, in MB: its canvas and decoded images live outside
   * the JavaScript heap, where no heap limit counts them (a page painting one small image a billion
   * times through nested forms grew ~150 MB a second; a JPEG whose own header is 40,000 pixels
   * square under a small image dictionary took 3.3 GB). A tabloid page at the pixel cap is a
   * 160 MB canvas plus its images at 160 MB each; a 300-dpi letter page peaks near 300 MB.
   */
  renderMemoryMb: number;
  /**
   * Resident memory one OCR engine worker may take, in MB (its WebAssembly memory, which no heap
   * limit counts). Measured for the whole engine process with one worker: 216 MB at its peak on a
   * 300-dpi letter page (8.4 MP), 322 MB on the same page at 650 dpi (39.5 MP, the pixel cap);
   * the margin is for noisy scans, whose specks tesseract holds as components.
   */
  engineMemoryMb: number;
}

export const DEFAULT_OCR_LIMITS: OcrLimits = {
  dpi: DEFAULT_DPI,
  maxPixels: DEFAULT_MAX_PIXELS,
  // ~3 s a page on two busy cores; a page tried at four turns takes ~15 s.
  pageTimeMs: 120_000,
  documentPages: 2_000,
  renderHeapMb: 512,
  renderMemoryMb: 1024,
  engineMemoryMb: 1536,
};

const positive = (v: string | undefined): number | null => {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isInteger(n) && n > 0 ? n : null;
};

/** CREDENCE_OCR_PAGE_TIMEOUT_MS, CREDENCE_OCR_PAGE_LIMIT and CREDENCE_OCR_DPI change the defaults. */
export function ocrLimitsFromEnv(env: NodeJS.ProcessEnv = process.env, given: Partial<OcrLimits> = {}): OcrLimits {
  const time = positive(env.CREDENCE_OCR_PAGE_TIMEOUT_MS);
  const pages = positive(env.CREDENCE_OCR_PAGE_LIMIT);
  const dpi = positive(env.CREDENCE_OCR_DPI);
  return {
    ...DEFAULT_OCR_LIMITS,
    ...(time ? { pageTimeMs: time } : {}),
    ...(pages ? { documentPages: pages } : {}),
    ...(dpi ? { dpi: Math.min(600, Math.max(72, dpi)) } : {}),
    ...given,
  };
}

/** How long a page may take, as a reviewer reads it ("120 s", "0.05 s"). */
const seconds = (ms: number) => `${ms >= 1000 ? Math.ceil(ms / 1000) : ms / 1000} s`;

// Every reason a page fails is written here, for the reviewer: what happened and what helps. The
// environment variables that change the limits are for whoever runs the app, not for the reviewer.
export const OCR_MESSAGES = {
  timeout: (page: number, ms: number) =>
    `Page ${page} took longer than OCR's limit of ${seconds(ms)} for one page and was stopped. Retry OCR when the computer is less busy; if it fails again, the page may be made to stall OCR: ask the agency for another copy.`,
  overDocumentLimit: (page: number, limit: number) =>
    `Page ${page} was not read: OCR reads at most ${limit.toLocaleString('en-US')} page${limit === 1 ? '' : 's'} of one document. Ask the agency for the file in smaller parts.`,
  cancelled: 'OCR was cancelled for this document.',
  /** One text for every page of the file, so entering the password can find them again (ocr-service retryLocked). */
  needsPassword:
    'This PDF is password-protected and the workspace has no password that opens it, so its scanned pages could not be drawn for OCR. Open the document and enter its password: these pages are then read.',
  renderMemory: (page: number, mb: number) =>
    `Page ${page} needs more than ${mb.toLocaleString('en-US')} MB of memory to draw: not read. The file may be crafted to exhaust memory; ask the agency for another copy.`,
  /** `dpi`: the least a page is drawn at (render-page.ts MIN_DRAW_DPI). */
  pageTooLarge: (page: number, widthInches: number, heightInches: number, dpi: number, megapixels: number, maxMegapixels: number) =>
    `Page ${page} is ${widthInches} × ${heightInches} inches: even at ${dpi} dpi that is ${megapixels} megapixels, over the limit of ${maxMegapixels} for one page. It was not read; ask the agency for a copy at a normal page size.`,
  imageTooLarge: (page: number, maxMegapixels: number) =>
    `Page ${page} holds an image declaring more than ${maxMegapixels} megapixels: it was not decoded and the page was not read. The file may be crafted to exhaust memory; ask the agency for another copy.`,
  /** `format`: the image's format in a reviewer's words (JBIG2, JPEG), when known. */
  damagedImage: (page: number, format: string | undefined) =>
    `Page ${page}'s scanned image${format ? ` (${format})` : ''} is damaged and could not be decoded, so the page is blank and was not read. Ask the agency for another copy of the file.`,
  /** Why the engine was ended over its memory cap: the middle of "Page 3 could not be read by OCR (…)". */
  engineMemory: (capMb: number) => `the OCR engine needed more than ${capMb.toLocaleString('en-US')} MB of memory for it and was stopped; the page may be crafted to exhaust memory`,
} as const;

/**
 * What helps a page OCR failed on: `retry`, reading it again may work (it ran out of time on a busy
 * machine, the engine or the renderer stopped); `new_copy`, this file's page fails the same way
 * every time (too large, a damaged image, over a memory cap): another copy of the file is needed;
 * `page_limit`, the document has more pages than OCR reads.
 */
export type OcrFailureKind = 'retry' | 'new_copy' | 'page_limit' | 'password';

// The kind is told from the reason as stored (page_ocr keeps only the text; a column of its own
// would need a migration), by the words of the messages above that only each kind has. A reason
// not recognised (an older wording, an error of the engine's own) may pass on retry.
const NEEDS_NEW_COPY = [
  // Not as stored before a page too large at the app's resolution was drawn smaller ("…inches: at
  // 300 dpi that is…"): reading such a page again now works, so Retry is offered for it.
  / is [\d.]+ × [\d.]+ inches: even at \d+ dpi that is /,
  / holds an image declaring more than [\d,]+ megapixels/,
  / is damaged and could not be decoded/,
  / needs more than [\d,]+ MB of memory to draw/,
  /the OCR engine needed more than [\d,]+ MB of memory/,
];
const OVER_PAGE_LIMIT = /^Page \d+ was not read: OCR reads at most [\d,]+ pages? of one document/;
/** OCR_MESSAGES.needsPassword, or as the renderer said it before (pdf.js's own words): ocr-service retryLocked reads these again once the password is kept. */
const NEEDS_PASSWORD = /^This PDF is password-protected and the workspace has no password that opens it|could not be drawn for OCR \((No password given|Incorrect Password)\)\.$/;

export function ocrFailureKind(error: string | null): OcrFailureKind {
  if (error === null) return 'retry';
  if (OVER_PAGE_LIMIT.test(error)) return 'page_limit';
  if (NEEDS_PASSWORD.test(error)) return 'password';
  return NEEDS_NEW_COPY.some((re) => re.test(error)) ? 'new_copy' : 'retry';
}
