// Renders one PDF page to a PNG for OCR, with pdf.js on @napi-rs/canvas. Fonts come from
// pdfjs-dist's own standard_fonts (never the system's), so the same page renders the same on
// every machine. Plain Node importing only pdf.js, limits.ts, grey-png.ts and skew.ts: the OCR render worker runs it
// as is. A page is hostile like any file: its size and its images are capped in pixels.
// The grey page is cleaned for recognition (clean-page.ts: long rules such as underlines) before
// it is encoded, unless the caller asks for the page as drawn.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DEFAULT_DPI, DEFAULT_MAX_PIXELS, OCR_MESSAGES } from './limits.ts';
import { encodeGreyPng, toGrey } from './grey-png.ts';
import { estimateSkewRadians } from './skew.ts';
import { CLEAN_MAX_PIXELS, cleanPage } from './clean-page.ts';

type PdfDoc = Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;

const requireHere = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(requireHere.resolve('pdfjs-dist/package.json'));
const asDir = (p: string) => p.split(path.sep).join('/') + '/';


export class RenderRefusal extends Error {
  readonly code = 'too_large';
}

/** pdf.js's own options for a document opened to render: nothing in it runs, nothing is fetched. */
export function renderDocumentOptions(maxPixels = DEFAULT_MAX_PIXELS, verbosity: number = pdfjs.VerbosityLevel.ERRORS) {
  return {
    standardFontDataUrl: asDir(path.join(pdfjsRoot, 'standard_fonts')),
    cMapUrl: asDir(path.join(pdfjsRoot, 'cmaps')),
    wasmUrl: asDir(path.join(pdfjsRoot, 'wasm')),
    iccUrl: asDir(path.join(pdfjsRoot, 'iccs')),
    useSystemFonts: false,
    disableFontFace: true,
    enableXfa: false,
    isEvalSupported: false,
    stopAtErrors: false,
    // An image that declares more pixels than a whole page may have is never decoded.
    maxImageSize: maxPixels,
    verbosity,
  } as const;
}

/** `warnings`: let pdf.js's warnings reach console.warn (the render worker reads them). `password`: an encrypted file's. */
export async function openForRender(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS, warnings = false, password?: string): Promise<PdfDoc> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  return pdfjs.getDocument({ data: bytes.slice(), password, ...renderDocumentOptions(maxPixels, warnings ? pdfjs.VerbosityLevel.WARNINGS : pdfjs.VerbosityLevel.ERRORS) }).promise;
}

/** The least resolution a page is drawn at for OCR: a page too large to draw at 50 dpi within the pixel cap is refused. */
export const MIN_DRAW_DPI = 50;

/** The pixels of a page `widthPt` × `heightPt` drawn at `dpi`, as the canvas is sized. */
const pixelsAt = (widthPt: number, heightPt: number, dpi: number) => Math.ceil((widthPt * dpi) / 72) * Math.ceil((heightPt * dpi) / 72);

/**
 * The resolution a page `widthPt` × `heightPt` is drawn at: the one asked for, or, for a page too
 * large for the pixel cap at it, the highest that fits. Scanning software that writes no
 * resolution into its file leaves 72 or 96, so a letter page scanned at 300 dpi is declared 27 to
 * 35 inches wide: its image (decoded only under the same cap) drawn at the highest resolution
 * under it keeps at least its own pixels, and reads as the same scan declared right
 * (docs/ocr-engines.md, session 17). Null when even MIN_DRAW_DPI is over the cap: a page that
 * large drawn any smaller holds no legible type.
 */
export function drawingDpi(widthPt: number, heightPt: number, dpi: number, maxPixels: number): number | null {
  const pixels = (d: number) => pixelsAt(widthPt, heightPt, d);
  if (!(widthPt > 0 && heightPt > 0)) return null;
  if (pixels(dpi) <= maxPixels) return dpi;
  let d = Math.floor(dpi * Math.sqrt(maxPixels / pixels(dpi)));
  while (d >= MIN_DRAW_DPI && pixels(d) > maxPixels) d--;
  return d >= MIN_DRAW_DPI ? d : null;
}

export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  /** The resolution it was drawn at: the one asked for, or lower for a page too large at it (drawingDpi). */
  dpi: number;
  /** The page's skew for the engine to straighten by (skew.ts), when asked for: `measureSkew`; null when it has no lines to measure by. */
  skewRadians?: number | null;
  /** How long measuring it took, in ms (the speed bench charges it to the engine pool). */
  skewMs?: number;
  /** Anything dark was drawn: false for a blank sheet (the render worker tells a page whose only image failed to decode from a blank one). Set by renderPageToPng. */
  inked?: boolean;
  /**
   * Clean white paper: no mark even faintly grey (below 230) beyond a few specks. Stricter than
   * not `inked`, so that a faded page whose text is light grey is never taken for blank: the
   * engine is not asked to read a blank page (a 2,000-page file of blank pages held it ~0.6 s each).
   */
  blank?: boolean;
}

/** Dark and faint marks on a grid every 3 pixels each way: a line of small print crosses it many times over. */
function marksOf(grey: Uint8Array, width: number, height: number): { inked: boolean; blank: boolean } {
  let dark = 0;
  let faint = 0;
  for (let y = 0; y < height; y += 3) {
    const row = y * width;
    for (let x = 0; x < width; x += 3) {
      const v = grey[row + x]!;
      if (v >= 230) continue;
      faint++;
      if (v < 128 && ++dark >= 20) return { inked: true, blank: false };
    }
  }
  return { inked: dark >= 20, blank: faint < 20 };
}

export async function renderPageToPng(
  pdf: Uint8Array | PdfDoc,
  pageNumber: number,
  dpi = DEFAULT_DPI,
  opts: { maxPixels?: number; measureSkew?: boolean; clean?: { rules?: boolean } | false } = {},
): Promise<RenderedPage> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const owned = pdf instanceof Uint8Array;
  const doc = owned ? await openForRender(pdf, maxPixels) : pdf;
  try {
    const page = await doc.getPage(pageNumber);
    const asShown = page.getViewport({ scale: 1 });
    const drawAt = drawingDpi(asShown.width, asShown.height, dpi, maxPixels);
    if (drawAt === null) {
      const inches = (pt: number) => Math.round((pt / 72) * 10) / 10;
      const at = Math.min(dpi, MIN_DRAW_DPI);
      const megapixels = Math.round(pixelsAt(asShown.width, asShown.height, at) / 1e6);
      throw new RenderRefusal(OCR_MESSAGES.pageTooLarge(pageNumber, inches(asShown.width), inches(asShown.height), at, megapixels, Math.round(maxPixels / 1e6)));
    }
    const viewport = page.getViewport({ scale: drawAt / 72 });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: NapiCanvas; context: unknown }; destroy(c: { canvas: NapiCanvas; context: unknown }): void } }).canvasFactory;
    const drawn = factory.create(width, height);
    const { canvas, context } = drawn;
    // A scan has a white sheet under it; pdf.js paints nothing where the page draws nothing.
    const ctx2d = context as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
    ctx2d.fillStyle = '#ffffff';
    ctx2d.fillRect(0, 0, width, height);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as CanvasRenderingContext2D, viewport, background: '#ffffff' }).promise;
    // Grey for the engine (grey-png.ts), and the skew measured on it before it is packed.
    const grey = toGrey((context as { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }).getImageData(0, 0, width, height).data, width, height);
    page.cleanup();
    // The 36 MB bitmap goes now, before the grey copy is cleaned and packed, not when the collector
    // gets to it: the renderer draws page after page.
    factory.destroy(drawn);
    let skew: Pick<RenderedPage, 'skewRadians' | 'skewMs'> = {};
    if (opts.measureSkew) {
      const t0 = performance.now();
      skew = { skewRadians: estimateSkewRadians(grey, width, height, 1) };
      skew.skewMs = performance.now() - t0;
    }
    const { inked, blank } = marksOf(grey, width, height);
    if (opts.clean !== false && width * height <= CLEAN_MAX_PIXELS) cleanPage({ width, height, data: grey }, { dpi: drawAt, ...(opts.clean ?? {}) });
    const png = encodeGreyPng(grey, width, height);
    return { png, width, height, dpi: drawAt, inked, blank, ...skew };
  } finally {
    if (owned) await doc.loadingTask.destroy();
  }
}

interface NapiCanvas {
  width: number;
}
