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

export const OCR_MESSAGES = {
  timeout: (page: number, ms: number) =>
    `Page ${page} took longer than the OCR limit of ${ms >= 1000 ? Math.ceil(ms / 1000) : ms / 1000} s and was stopped. The page may be crafted to stall OCR; on a very slow computer CREDENCE_OCR_PAGE_TIMEOUT_MS raises the limit.`,
  overDocumentLimit: (page: number, limit: number) =>
    `Page ${page} was not read: OCR reads at most ${limit.toLocaleString('en-US')} page${limit === 1 ? '' : 's'} of one document (CREDENCE_OCR_PAGE_LIMIT raises the limit).`,
  cancelled: 'OCR was cancelled for this document.',
  /** One text for every page of the file, so entering the password can find them again (ocr-service retryLocked). */
  needsPassword:
    'This PDF is password-protected and the workspace has no password that opens it, so its scanned pages could not be drawn for OCR. Open the document and enter its password: these pages are then read.',
  renderMemory: (page: number, mb: number) =>
    `Page ${page} needs more than ${mb.toLocaleString('en-US')} MB of memory to draw: not read. The file may be crafted to exhaust memory; ask the agency for another copy.`,
} as const;
