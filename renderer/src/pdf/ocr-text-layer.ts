// A scanned page's text layer, made from its OCR words. The words come as boxes in fractions of the
// upright page (pdf.js's viewport with the page's own /Rotate, at scale 1); they are turned into
// the text items pdf.js's own text layer draws (string, text matrix in PDF user space, width), so
// the viewer lays them out exactly as it lays out a digital page's text: one transparent span per
// word, stretched to the word's box at any zoom and rotation, with a space between words and a
// line break after each line. Selection, the highlight drawn from the selection's own rectangles,
// find-in-document and search hits then work on a scan with no code of their own. Pure: no DOM.

export interface OcrWordInput {
  text: string;
  /** x0, y0, x1, y1 as fractions 0..1 of the upright page. */
  box: readonly [number, number, number, number];
  confidence: number;
}

export interface PageGeometry {
  /** The page's view box in PDF user space: [x0, y0, x1, y1]. */
  viewBox: readonly [number, number, number, number];
  /** The page's own /Rotate. */
  rotate: number;
}

/** One item of pdf.js's TextContent (the fields its text layer and find controller read). */
export interface OcrTextItem {
  str: string;
  dir: 'ltr';
  transform: [number, number, number, number, number, number];
  width: number;
  height: number;
  fontName: string;
  hasEOL: boolean;
}

export interface OcrTextContent {
  items: OcrTextItem[];
  styles: Record<string, { fontFamily: string; ascent: number; descent: number; vertical: boolean }>;
  lang: string | null;
}

/** Which way the text runs on the upright page: 0 left to right, 90 top to bottom, 180, 270. */
export type TextDirection = 0 | 90 | 180 | 270;

export const OCR_FONT = 'credence-ocr';
/**
 * What fills the gap between two words. pdf.js stretches an item to its width only when it has
 * more than one character (a lone space keeps the font's own width), so a single space would
 * leave a hole or an overlap between words and a highlight over a sentence would come apart at
 * every word; two spaces are stretched to the gap exactly. Search treats any run of spaces as one.
 */
export const GAP = '  ';
/** The part of a line's height above the baseline, for the sans-serif the text layer measures with. */
const ASCENT = 0.8;

type Vec = [number, number];
/** The direction a line runs, and the direction glyph tops point, in the upright page (y down). */
const AXES: Record<TextDirection, { run: Vec; up: Vec }> = {
  0: { run: [1, 0], up: [0, -1] },
  90: { run: [0, 1], up: [1, 0] },
  180: { run: [-1, 0], up: [0, 1] },
  270: { run: [0, -1], up: [-1, 0] },
};

/**
 * Upright page (pdf.js viewport at scale 1) to PDF user space, for a page's view box and /Rotate:
 * the inverse of pdf.js's PageViewport transform, so the mapping cannot drift from the viewer's.
 */
export function uprightToPdf(page: PageGeometry): { size: Vec; toPdf(x: number, y: number): Vec } {
  const [bx0, by0, bx1, by1] = page.viewBox;
  const rotation = (((Math.round(page.rotate / 90) * 90) % 360) + 360) % 360;
  const [a, b, c, d] = rotation === 90 ? [0, 1, 1, 0] : rotation === 180 ? [-1, 0, 0, 1] : rotation === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const cx = (bx0 + bx1) / 2;
  const cy = (by0 + by1) / 2;
  const sideways = a === 0;
  const size: Vec = sideways ? [by1 - by0, bx1 - bx0] : [bx1 - bx0, by1 - by0];
  const ox = sideways ? Math.abs(cy - by0) : Math.abs(cx - bx0);
  const oy = sideways ? Math.abs(cx - bx0) : Math.abs(cy - by0);
  const e = ox - a * cx - c * cy;
  const f = oy - b * cx - d * cy;
  // [a c e; b d f] is its own kind of orthogonal matrix: the inverse of the linear part is its transpose.
  return {
    size,
    toPdf: (x, y) => {
      const px = x - e;
      const py = y - f;
      return [a * px + b * py, c * px + d * py];
    },
  };
}

const lineAxis = (box: OcrWordInput['box'], dir: TextDirection): [number, number] => (dir === 0 || dir === 180 ? [box[1], box[3]] : [box[0], box[2]]);
const runAxis = (box: OcrWordInput['box'], dir: TextDirection): [number, number] => (dir === 0 || dir === 180 ? [box[0], box[2]] : [box[1], box[3]]);

/**
 * The way the page's text runs, from how each word follows the one before it on its line (the
 * engine lists words in reading order): a scan lying on its side reads top to bottom or bottom to top.
 */
export function textDirection(words: readonly OcrWordInput[], aspect = 1): TextDirection {
  const votes: Record<TextDirection, number> = { 0: 0, 90: 0, 180: 0, 270: 0 };
  for (let i = 1; i < words.length; i++) {
    const p = words[i - 1]!.box;
    const q = words[i]!.box;
    const dx = ((q[0] + q[2]) / 2 - (p[0] + p[2]) / 2) * aspect;
    const dy = (q[1] + q[3]) / 2 - (p[1] + p[3]) / 2;
    // Only steps along a line count; a step to the next line moves across it.
    if (Math.abs(dx) > 2 * Math.abs(dy)) votes[dx > 0 ? 0 : 180]++;
    else if (Math.abs(dy) > 2 * Math.abs(dx)) votes[dy > 0 ? 90 : 270]++;
  }
  // With a single word per line there are no steps: a word box taller than wide is sideways.
  if (votes[0] + votes[90] + votes[180] + votes[270] === 0) {
    const tall = words.filter((w) => w.text.length > 2 && (w.box[3] - w.box[1]) > (w.box[2] - w.box[0]) * aspect).length;
    return tall > words.length / 2 ? 90 : 0;
  }
  return ([0, 90, 180, 270] as const).reduce((best, d) => (votes[d] > votes[best] ? d : best), 0 as TextDirection);
}

/**
 * The words grouped into lines, keeping the engine's reading order (the order of the stored page
 * text, so a quote selected here is found in it): a new line starts where a word does not overlap
 * the line across its direction, or steps back along it.
 */
export function ocrLines(words: readonly OcrWordInput[], dir: TextDirection = 0): OcrWordInput[][] {
  const lines: OcrWordInput[][] = [];
  const forward = dir === 0 || dir === 90 ? 1 : -1;
  for (const w of words) {
    if (!w.text.trim()) continue;
    const line = lines[lines.length - 1];
    const last = line?.[line.length - 1];
    if (line && last) {
      const [a0, a1] = lineAxis(line.reduce((u, x) => unionBox(u, x.box), line[0]!.box), dir);
      const [b0, b1] = lineAxis(w.box, dir);
      const overlap = Math.min(a1, b1) - Math.max(a0, b0);
      const [l0, l1] = runAxis(last.box, dir);
      const [w0, w1] = runAxis(w.box, dir);
      const stepsForward = forward > 0 ? w0 >= l0 + (l1 - l0) / 2 : w1 <= l1 - (l1 - l0) / 2;
      if (overlap > 0.5 * Math.min(a1 - a0, b1 - b0) && stepsForward) {
        line.push(w);
        continue;
      }
    }
    lines.push([w]);
  }
  return lines;
}

function unionBox(a: OcrWordInput['box'], b: OcrWordInput['box']): [number, number, number, number] {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * pdf.js text content for a scanned page: each word one item stretched to its box, the line's
 * height as the font size (so every span of a line has the same top and bottom and a drag runs
 * straight along it), a GAP item filling the space between words, hasEOL on each line's last word.
 */
export function ocrTextContent(words: readonly OcrWordInput[], page: PageGeometry, dir?: TextDirection): OcrTextContent {
  const { size, toPdf } = uprightToPdf(page);
  const [W, H] = size;
  const direction = dir ?? textDirection(words, W / H);
  const { run, up } = AXES[direction];
  // Page units per fraction along the run and across it.
  const runScale = run[0] !== 0 ? W : H;
  const items: OcrTextItem[] = [];
  const matrix = (origin: Vec, fontSize: number): OcrTextItem['transform'] => {
    const o = toPdf(origin[0], origin[1]);
    const r = toPdf(origin[0] + run[0], origin[1] + run[1]);
    const u = toPdf(origin[0] + up[0], origin[1] + up[1]);
    return [fontSize * (r[0] - o[0]), fontSize * (r[1] - o[1]), fontSize * (u[0] - o[0]), fontSize * (u[1] - o[1]), o[0], o[1]];
  };
  for (const line of ocrLines(words, direction)) {
    const lb = line.reduce((u, w) => unionBox(u, w.box), line[0]!.box);
    const [x0, y0, x1, y1] = [lb[0] * W, lb[1] * H, lb[2] * W, lb[3] * H];
    const height = up[1] !== 0 ? y1 - y0 : x1 - x0;
    // The baseline sits ASCENT of the line's height below the glyph tops.
    const top = up[1] < 0 ? y0 : up[1] > 0 ? y1 : up[0] > 0 ? x1 : x0;
    const baseline = top - (up[0] + up[1]) * ASCENT * height;
    const at = (along: number): Vec => (up[1] !== 0 ? [along, baseline] : [baseline, along]);
    line.forEach((w, i) => {
      const [r0, r1] = runAxis(w.box, direction).map((v) => v * runScale) as [number, number];
      const start = run[0] + run[1] > 0 ? r0 : r1;
      const last = i === line.length - 1;
      items.push({ str: w.text, dir: 'ltr', transform: matrix(at(start), height), width: r1 - r0, height, fontName: OCR_FONT, hasEOL: last });
      if (last) return;
      const [n0, n1] = runAxis(line[i + 1]!.box, direction).map((v) => v * runScale) as [number, number];
      const gapFrom = run[0] + run[1] > 0 ? r1 : r0;
      const gap = run[0] + run[1] > 0 ? n0 - r1 : r0 - n1;
      items.push({ str: GAP, dir: 'ltr', transform: matrix(at(gapFrom), height), width: Math.max(0, gap), height, fontName: OCR_FONT, hasEOL: false });
    });
  }
  return { items, styles: { [OCR_FONT]: { fontFamily: 'sans-serif', ascent: ASCENT, descent: ASCENT - 1, vertical: false } }, lang: null };
}

/** The text the layer reads as (what find-in-document searches): lines joined by line breaks. */
export function ocrLayerText(content: OcrTextContent): string {
  return content.items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join('');
}

/** Words the engine was unsure of, as CSS percentages of the upright page, to mark on demand. */
export function lowConfidenceMarks(
  words: readonly OcrWordInput[],
  threshold: number,
  viewRotation = 0,
): Array<{ text: string; confidence: number; left: string; top: string; width: string; height: string }> {
  const pct = (v: number) => `${(Math.min(1, Math.max(0, v)) * 100).toFixed(3)}%`;
  return words
    .filter((w) => w.text.trim() && w.confidence < threshold)
    .map((w) => {
      const [x0, y0, x1, y1] = turnedBox(w.box, viewRotation);
      return { text: w.text, confidence: w.confidence, left: pct(x0), top: pct(y0), width: pct(x1 - x0), height: pct(y1 - y0) };
    });
}

/**
 * A box in fractions of the upright page, on the page as the viewer shows it turned by
 * `viewRotation` degrees clockwise (the reader's Rotate buttons; the file is not changed).
 */
export function turnedBox(box: OcrWordInput['box'], viewRotation: number): [number, number, number, number] {
  const [x0, y0, x1, y1] = box;
  switch ((((Math.round(viewRotation / 90) * 90) % 360) + 360) % 360) {
    case 90:
      return [1 - y1, x0, 1 - y0, x1];
    case 180:
      return [1 - x1, 1 - y1, 1 - x0, 1 - y0];
    case 270:
      return [y0, 1 - x1, y1, 1 - x0];
    default:
      return [x0, y0, x1, y1];
  }
}
