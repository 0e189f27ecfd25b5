// What a page's operator list (pdf.js's getOperatorList) says about how the page is made: the
// share of it its images cover together, and whether its text is drawn invisibly — a scanner's
// own OCR laid over the page image, as copiers and scan software write it. Plain TypeScript with
// no imports: the extraction worker (main process side) and the viewer (renderer) both run it.

/** The operator codes the coverage walk needs, from pdf.js's OPS. */
export interface CoverageOps {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  images: ReadonlySet<number>;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  n[0] * m[0] + n[1] * m[2],
  n[0] * m[1] + n[1] * m[3],
  n[2] * m[0] + n[3] * m[2],
  n[2] * m[1] + n[3] * m[3],
  n[4] * m[0] + n[5] * m[2] + m[4],
  n[4] * m[1] + n[5] * m[3] + m[5],
];

/** Images past this many on one page are not counted: a page of a scan has a few, and the union below costs their square. */
const MAX_IMAGES_COUNTED = 1_000;

/**
 * The share of the page (its view box, [x0, y0, x1, y1]) that its images cover together, each
 * filling the unit square under the current transformation matrix (its bounding box, if turned).
 * Together, not the largest alone: some scanners and TIFF converters store a page as bands, an
 * image each, and a mixed-raster scan lays a text mask over a background of the same size.
 */
export function imageShare(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: CoverageOps, view: number[]): number {
  const [vx0 = 0, vy0 = 0, vx1 = 0, vy1 = 0] = view;
  const pageArea = Math.abs((vx1 - vx0) * (vy1 - vy0));
  if (!(pageArea > 0)) return 0;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const boxes: Array<[number, number, number, number]> = [];
  for (let i = 0; i < fnArray.length && boxes.length < MAX_IMAGES_COUNTED; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && Array.isArray(args) && args.length >= 6) ctm = multiply(ctm, args.slice(0, 6).map(Number) as Matrix);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = Array.isArray(args) ? (args[0] as unknown) : null;
      if (Array.isArray(m) && m.length >= 6) ctm = multiply(ctm, m.slice(0, 6).map(Number) as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (ops.images.has(fn)) {
      const pts = [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ].map(([x, y]) => [ctm[0] * x! + ctm[2] * y! + ctm[4], ctm[1] * x! + ctm[3] * y! + ctm[5]] as const);
      const x0 = Math.max(vx0, Math.min(...pts.map((p) => p[0])));
      const x1 = Math.min(vx1, Math.max(...pts.map((p) => p[0])));
      const y0 = Math.max(vy0, Math.min(...pts.map((p) => p[1])));
      const y1 = Math.min(vy1, Math.max(...pts.map((p) => p[1])));
      if (x1 > x0 && y1 > y0) boxes.push([x0, y0, x1, y1]);
    }
  }
  return Math.min(1, unionArea(boxes) / pageArea);
}

/** The area of the union of boxes [x0, y0, x1, y1]: slab by slab between their edges, the y-intervals crossing each merged. */
function unionArea(boxes: Array<[number, number, number, number]>): number {
  const xs = [...new Set(boxes.flatMap((b) => [b[0], b[2]]))].sort((a, b) => a - b);
  let area = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const [left, right] = [xs[i]!, xs[i + 1]!];
    const spans = boxes.filter((b) => b[0] <= left && b[2] >= right).map((b) => [b[1], b[3]] as const).sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let run: [number, number] | null = null;
    for (const [y0, y1] of spans) {
      if (run && y0 <= run[1]) run[1] = Math.max(run[1], y1);
      else {
        if (run) covered += run[1] - run[0];
        run = [y0, y1];
      }
    }
    if (run) covered += run[1] - run[0];
    area += covered * (right - left);
  }
  return area;
}

/** The operator codes the text walk needs, from pdf.js's OPS. */
export interface TextDrawOps {
  save: number;
  restore: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  setTextRenderingMode: number;
  /** Operators that show glyphs (Tj, TJ, ' and "): their glyphs are in their first or last argument. */
  shows: ReadonlySet<number>;
}

/** Glyphs shown on a page, and how many of them in an invisible render mode (3: neither filled nor stroked; 7: clip only). */
export function invisibleText(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: TextDrawOps): { glyphs: number; invisible: number } {
  let mode = 0;
  const stack: number[] = [];
  let glyphs = 0;
  let invisible = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save || fn === ops.paintFormXObjectBegin) stack.push(mode);
    else if (fn === ops.restore || fn === ops.paintFormXObjectEnd) mode = stack.pop() ?? mode;
    else if (fn === ops.setTextRenderingMode && Array.isArray(args)) mode = Number(args[0]) | 0;
    else if (ops.shows.has(fn) && Array.isArray(args)) {
      // The glyph run is the operator's array argument (after the spacing numbers of a " operator).
      const run = args.find((a): a is unknown[] => Array.isArray(a)) ?? [];
      let n = 0;
      for (const g of run) if (g !== null && typeof g === 'object') n++;
      glyphs += n;
      if (mode === 3 || mode === 7) invisible += n;
    }
  }
  return { glyphs, invisible };
}

/** Images covering this share of the page are the page itself. */
export const FULL_PAGE = 0.6;

/**
 * Whether a page's text is a scanner's own OCR: nearly all of its glyphs (at least 20) drawn
 * invisibly, over images that cover the page. Such text is someone else's reading of the image,
 * often poor; the viewer says so and offers Credence's own reading.
 */
export function isScannerText(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: CoverageOps & TextDrawOps, view: number[]): boolean {
  const t = invisibleText(fnArray, argsArray, ops);
  return t.glyphs >= 20 && t.invisible >= 0.9 * t.glyphs && imageShare(fnArray, argsArray, ops, view) >= FULL_PAGE;
}

/** pdf.js's OPS table, by the names the walks here need (pdfjs-dist's in Node, pdfjs-dist's in the renderer). */
export type PdfOps = Record<
  | 'save' | 'restore' | 'transform' | 'paintFormXObjectBegin' | 'paintFormXObjectEnd' | 'setTextRenderingMode'
  | 'paintImageXObject' | 'paintImageMaskXObject' | 'paintImageMaskXObjectGroup' | 'paintInlineImageXObject'
  | 'paintInlineImageXObjectGroup' | 'paintImageXObjectRepeat' | 'paintImageMaskXObjectRepeat' | 'paintSolidColorImageMask'
  | 'showText' | 'showSpacedText' | 'nextLineShowText' | 'nextLineSetSpacingShowText',
  number
>;

/** The operator codes of both walks, from pdf.js's OPS: one list of what draws an image, for the import and the viewer alike. */
export function pageOps(O: PdfOps): CoverageOps & TextDrawOps {
  return {
    save: O.save,
    restore: O.restore,
    transform: O.transform,
    paintFormXObjectBegin: O.paintFormXObjectBegin,
    paintFormXObjectEnd: O.paintFormXObjectEnd,
    images: new Set<number>([
      O.paintImageXObject,
      O.paintImageMaskXObject,
      O.paintImageMaskXObjectGroup,
      O.paintInlineImageXObject,
      O.paintInlineImageXObjectGroup,
      O.paintImageXObjectRepeat,
      O.paintImageMaskXObjectRepeat,
      O.paintSolidColorImageMask,
    ]),
    setTextRenderingMode: O.setTextRenderingMode,
    shows: new Set<number>([O.showText, O.showSpacedText, O.nextLineShowText, O.nextLineSetSpacingShowText]),
  };
}
