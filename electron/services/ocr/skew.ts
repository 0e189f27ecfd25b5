// How far a scanned page is turned off square, measured on the drawn bitmap before it goes to the
// engine, so that the engine is handed the angle to straighten by instead of finding it itself.
// tesseract.js's own `rotateAuto` finds it by running Tesseract's whole page-layout analysis once
// more (FindLines, at the automatic layout) before the real read: ~8 % of a page's CPU in the
// engine thread. This is a projection profile (Postl's method): text lines are dark rows, and the
// sum of squares of the row sums of the dark pixels peaks when the rows are counted along the
// lines. On a page reduced to ~1/3 it costs a few milliseconds, in the process that draws the page
// (which works ahead of the engine).

/** Largest turn looked for, either way (degrees): a sheet fed crooked, not a page on its side. */
export const MAX_SKEW_DEGREES = 5;
/** Turns smaller than this are left alone (as tesseract.js does: ~0.3°). */
export const MIN_SKEW_RADIANS = 0.005;

const DARK = 128;
/** How far the best angle's score must stand above the mean over the range to be believed. */
const SHARP = 1.2;

/**
 * The page's skew in radians, in the sense tesseract.js's `rotateRadians` takes it (the angle it
 * reports for the same page with `rotateAuto`, checked on the eval's skewed pages: within 0.05°):
 * negative when the lines fall to the right of an image with y downwards. 0 when the page is
 * square or holds too little to measure; null when it has marks but no lines of text to follow
 * (a page set sideways, a drawing): then the engine finds the turn itself.
 * `channels`: 1 for grey, 4 for RGBA (the alpha is ignored).
 */
export function estimateSkewRadians(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 1 | 4): number | null {
  if (!(width > 0 && height > 0) || pixels.length < width * height * channels) return 0;
  // Reduce to ~700 px across: lines stay lines, and the work is small whatever the dpi.
  const step = Math.max(1, Math.round(width / 700));
  const cols = Math.ceil(width / step);
  const rowsDown = Math.ceil(height / step);
  let xs = new Int32Array(4096);
  let ys = new Int32Array(4096);
  let n = 0;
  for (let y = 0; y < height; y += step) {
    const row = y * width;
    for (let x = 0; x < width; x += step) {
      const i = (row + x) * channels;
      // Luma from RGB (integer weights); grey as is.
      const v = channels === 1 ? pixels[i]! : (pixels[i]! * 77 + pixels[i + 1]! * 150 + pixels[i + 2]! * 29) >> 8;
      if (v >= DARK) continue;
      if (n === xs.length) {
        xs = grow(xs);
        ys = grow(ys);
      }
      xs[n] = x / step;
      ys[n] = y / step;
      n++;
    }
  }
  // A page with a few marks (a stamp, a signature) has no lines to measure, and a page that is
  // mostly dark (inverted, or a photograph) is not measured either.
  if (n < 500 || n > 0.5 * cols * rowsDown) return 0;
  const offset = cols + 1;
  const profile = new Int32Array(rowsDown + 2 * offset + 2);
  const score = (radians: number): number => {
    profile.fill(0);
    const t = Math.tan(radians);
    for (let k = 0; k < n; k++) profile[(ys[k]! - xs[k]! * t + offset + 0.5) | 0]! += 1;
    let s = 0;
    for (let r = 0; r < profile.length; r++) s += profile[r]! * profile[r]!;
    return s;
  };
  /** The profile's score at every `by` degrees from `from` to `to`. */
  const scores = (from: number, to: number, by: number) => {
    const out: Array<{ d: number; s: number }> = [];
    for (let d = from; d <= to + by / 2; d += by) out.push({ d, s: score((d * Math.PI) / 180) });
    return out;
  };
  // Ties go to the angle nearest square: a page of one line reads the same at ±0.1°.
  const best = (xs: Array<{ d: number; s: number }>) => xs.reduce((a, b) => (b.s > a.s || (b.s === a.s && Math.abs(b.d) < Math.abs(a.d)) ? b : a));
  const coarse = scores(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, 0.25);
  const peak = best(coarse);
  const mean = coarse.reduce((sum, c) => sum + c.s, 0) / coarse.length;
  // Lines of text give one sharp peak. A page with no horizontal lines to follow (text set
  // sideways, a drawing, a photograph) gives a flat profile whose best angle means nothing: the
  // engine is left to find the turn itself.
  if (peak.s < SHARP * mean) return null;
  const fine = best([peak, ...scores(Math.max(-MAX_SKEW_DEGREES, peak.d - 0.25), Math.min(MAX_SKEW_DEGREES, peak.d + 0.25), 0.05)]).d;
  // Lines that fall to the right (y grows with x) are, in tesseract.js's sense, a negative turn.
  const radians = -(fine * Math.PI) / 180;
  return Math.abs(radians) < MIN_SKEW_RADIANS ? 0 : radians;
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
