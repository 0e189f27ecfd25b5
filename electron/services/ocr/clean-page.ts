// Cleans a page image before recognition, on its grey pixels, in place. Pure TypeScript with no
// imports: the render worker runs it on the bitmap it drew, and it is unit-tested on made images.
// A long, thin dark run across the page (an underline, a form's rule) is turned white where it
// runs alone: tesseract reads an underlined word as one smudge with the line under it and drops
// it; the letters stand on the rule only where they touch it. It looks at shapes in pixels scaled
// by the resolution, never at what the text says.
// A 3×3 median against a photocopy's speckle was measured and dropped (docs/ocr-engines.md): on
// the skewed, speckled set it lost more list markers' periods than it saved.

export interface GreyImage {
  width: number;
  height: number;
  /** one byte a pixel, 0 black … 255 white, row after row */
  data: Uint8Array;
}

export interface CleanOptions {
  dpi: number;
  rules?: boolean;
}

/**
 * Pages larger than this (a tabloid sheet at 300 dpi is 15 megapixels) are read as drawn: cleaning
 * holds a copy of the page's colour pixels and two bytes a pixel more, in a renderer capped in memory.
 */
export const CLEAN_MAX_PIXELS = 20_000_000;

/** Pixels darker than this are ink for the rule finder (a clean scan's text is near 0, its paper near 255). */
const INK = 128;

/**
 * Turns long thin dark runs white. A run is ink followed across at least `minLength` pixels
 * (an inch at the page's resolution), allowed to step one row up or down as it goes, so a rule on
 * a page scanned a few degrees askew is followed too. Only the run's own rows are cleared, and
 * only in columns where the ink above and below it is thin (the rule alone): where a letter
 * crosses or stands on the rule, its pixels stay. Returns how many columns of pixels it cleared
 * something in.
 */
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
  // Per pixel: SEEN once on a followed run; CLEAR to be turned white. Cleared at the end, not as
  // found: a run found from inside a letter (a stem that touches the rule) must not cut the rule
  // short for the run found later from its true start.
  const SEEN = 1, CLEAR = 2;
  const flags = new Uint8Array(w * h);
  let cleared = 0;
  const path: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (flags[y * w + x]! & SEEN || !ink(x, y)) continue;
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
        flags[cy * w + cx]! |= SEEN;
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
        for (let yy = t; yy <= b; yy++) flags[yy * w + x + i]! |= CLEAR;
      }
    }
  }
  // Row by row (the order the bytes lie in), noting the columns touched.
  const touched = new Uint8Array(w);
  for (let i = 0; i < flags.length; i++) {
    if (flags[i]! & CLEAR) {
      data[i] = 255;
      touched[i % w] = 1;
    }
  }
  for (const t of touched) cleared += t;
  return cleared;
}

/** The cleaning the OCR path applies (see the top); returns what it did. */
export function cleanPage(img: GreyImage, opts: CleanOptions): { rulesCleared: number } {
  return { rulesCleared: opts.rules ?? true ? removeRules(img, opts.dpi) : 0 };
}
