// Cleans a page image before recognition, on its grey pixels, in place. Pure TypeScript with no
// imports: the render worker runs it on the bitmap it drew, and it is unit-tested on made images.
//   - median: a 3×3 median smooths a photocopy's speckle and ragged glyph edges (a period read
//     as noise is how a list marker "3." loses its dot) without blurring strokes away: a dot of a
//     few pixels across keeps its middle.
//   - rules: a long, thin dark run across the page (an underline, a form's rule) is turned white
//     where it runs alone. Tesseract reads an underlined word as one smudge with the line under
//     it and drops it; the letters stand on the rule only where they touch it.
// Both look at shapes in pixels scaled by the resolution, never at what the text says.

export interface GreyImage {
  width: number;
  height: number;
  /** one byte a pixel, 0 black … 255 white, row after row */
  data: Uint8Array;
}

export interface CleanOptions {
  dpi: number;
  median?: boolean;
  rules?: boolean;
}

/** Pixels darker than this are ink for the rule finder (a clean scan's text is near 0, its paper near 255). */
const INK = 128;

/** Windows whose every pixel is at least this light are paper (a photocopy's paper is not pure white): left as they are. */
const PAPER = 200;

/**
 * 3×3 median, written back into `img`, by the classic 19-exchange network (Paeth; Devillard's
 * opt_med9) on locals: a page is nine million pixels. Windows that are all paper are skipped,
 * which is most of a page.
 */
export function median3(img: GreyImage): void {
  const { width: w, height: h, data } = img;
  if (w < 3 || h < 3) return;
  const src = data.slice();
  let t = 0;
  for (let y = 1; y < h - 1; y++) {
    const r0 = (y - 1) * w, r1 = y * w, r2 = (y + 1) * w;
    for (let x = 1; x < w - 1; x++) {
      let p0 = src[r0 + x - 1]!, p1 = src[r0 + x]!, p2 = src[r0 + x + 1]!;
      let p3 = src[r1 + x - 1]!, p4 = src[r1 + x]!, p5 = src[r1 + x + 1]!;
      let p6 = src[r2 + x - 1]!, p7 = src[r2 + x]!, p8 = src[r2 + x + 1]!;
      if (p0 >= PAPER && p1 >= PAPER && p2 >= PAPER && p3 >= PAPER && p4 >= PAPER && p5 >= PAPER && p6 >= PAPER && p7 >= PAPER && p8 >= PAPER) continue;
      if (p1 > p2) (t = p1), (p1 = p2), (p2 = t);
      if (p4 > p5) (t = p4), (p4 = p5), (p5 = t);
      if (p7 > p8) (t = p7), (p7 = p8), (p8 = t);
      if (p0 > p1) (t = p0), (p0 = p1), (p1 = t);
      if (p3 > p4) (t = p3), (p3 = p4), (p4 = t);
      if (p6 > p7) (t = p6), (p6 = p7), (p7 = t);
      if (p1 > p2) (t = p1), (p1 = p2), (p2 = t);
      if (p4 > p5) (t = p4), (p4 = p5), (p5 = t);
      if (p7 > p8) (t = p7), (p7 = p8), (p8 = t);
      if (p0 > p3) (t = p0), (p0 = p3), (p3 = t);
      if (p5 > p8) (t = p5), (p5 = p8), (p8 = t);
      if (p4 > p7) (t = p4), (p4 = p7), (p7 = t);
      if (p3 > p6) (t = p3), (p3 = p6), (p6 = t);
      if (p1 > p4) (t = p1), (p1 = p4), (p4 = t);
      if (p2 > p5) (t = p2), (p2 = p5), (p5 = t);
      if (p4 > p7) (t = p4), (p4 = p7), (p7 = t);
      if (p4 > p2) (t = p4), (p4 = p2), (p2 = t);
      if (p6 > p4) (t = p6), (p6 = p4), (p4 = t);
      if (p4 > p2) (t = p4), (p4 = p2), (p2 = t);
      data[r1 + x] = p4;
    }
  }
}

/**
 * Turns long thin dark runs white. A run is ink followed across at least `minLength` pixels
 * (an inch at the page's resolution), allowed to step one row up or down as it goes, so a rule on
 * a page scanned a few degrees askew is followed too. Only the run's own rows are cleared, and
 * only in columns where the ink above and below it is thin (the rule alone): where a letter
 * crosses or stands on the rule, its pixels stay.
 */
/** Returns how many columns of pixels it cleared something in. */
export function removeRules(img: GreyImage, dpi: number): number {
  const { width: w, height: h, data } = img;
  const minLength = Math.round(dpi); // an inch
  const maxThick = Math.max(2, Math.round(dpi / 60)); // 5 px at 300 dpi: a heavy underline
  if (w < minLength || h < 3) return 0;
  const ink = (x: number, y: number) => data[y * w + x]! < INK;
  // Vertical run of ink through (x, y): its top and bottom rows.
  const span = (x: number, y: number): [number, number] => {
    let t = y, b = y;
    while (t > 0 && ink(x, t - 1) && y - t < maxThick + 2) t--;
    while (b < h - 1 && ink(x, b + 1) && b - y < maxThick + 2) b++;
    return [t, b];
  };
  const seen = new Uint8Array(w * h);
  // Cleared at the end, not as found: a run found from inside a letter (a stem that touches the
  // rule) must not cut the rule short for the run found later from its true start.
  const clear = new Uint8Array(w * h);
  let cleared = 0;
  const path: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (seen[y * w + x] || !ink(x, y)) continue;
      // Follow the run to the right, staying on ink, stepping at most one row per column.
      path.length = 0;
      let cy = y;
      let cx = x;
      while (cx < w) {
        let ny = -1;
        if (ink(cx, cy)) ny = cy;
        else if (cy > 0 && ink(cx, cy - 1)) ny = cy - 1;
        else if (cy < h - 1 && ink(cx, cy + 1)) ny = cy + 1;
        if (ny < 0) break;
        cy = ny;
        seen[cy * w + cx] = 1;
        path.push(cy);
        cx++;
      }
      if (path.length < minLength) continue;
      // A rule is thin along most of its length; a run through text (a bold heading) is not.
      let thin = 0;
      const spans: Array<[number, number]> = path.map((py, i) => span(x + i, py));
      for (const [t, b] of spans) if (b - t + 1 <= maxThick) thin++;
      if (thin < 0.8 * path.length) continue;
      for (let i = 0; i < spans.length; i++) {
        const [t, b] = spans[i]!;
        if (b - t + 1 > maxThick) continue; // a letter stands on the rule here
        for (let yy = t; yy <= b; yy++) clear[yy * w + x + i] = 1;
      }
    }
  }
  for (let x = 0; x < w; x++) {
    let any = false;
    for (let y = 0; y < h; y++) {
      if (clear[y * w + x]) {
        data[y * w + x] = 255;
        any = true;
      }
    }
    if (any) cleared++;
  }
  return cleared;
}

/** The cleaning the OCR path applies (see the top); returns what it did, for the eval. */
export function cleanPage(img: GreyImage, opts: CleanOptions): { rulesCleared: number } {
  if (opts.median ?? true) median3(img);
  const rulesCleared = opts.rules ?? true ? removeRules(img, opts.dpi) : 0;
  return { rulesCleared };
}
