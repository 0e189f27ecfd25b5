// OCR words as the text items the rest of Credence already reads (anchoring, highlights without
// a selection, carry-forward): [offset in the page text, length, x, y, width, height] in PDF user
// space, y at the bottom of the word as pdf.js gives a baseline. The word boxes are fractions of
// the page as shown (pdf.js's viewport at scale 1, the page's /Rotate applied); the viewport's
// transform is inverted to bring them back to the page's own space.
import type { PageItems } from '../../../shared/domain/anchoring.ts';
import type { OcrPageResult } from './engine.ts';

export interface Viewport {
  width: number;
  height: number;
  /** PDF user space → viewport units, as pdf.js's PageViewport.transform. */
  transform: number[];
}

const round = (n: number) => Math.round(n * 100) / 100;

export function ocrPageItems(r: Pick<OcrPageResult, 'text' | 'words'>, vp: Viewport): PageItems {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = vp.transform;
  const det = a * d - b * c || 1;
  const toPdf = (vx: number, vy: number): [number, number] => {
    const x = vx - e;
    const y = vy - f;
    return [(d * x - c * y) / det, (-b * x + a * y) / det];
  };
  const items: PageItems['items'] = [];
  let cursor = 0;
  for (const w of r.words) {
    const at = r.text.indexOf(w.text, cursor);
    if (at < 0) continue;
    cursor = at + w.text.length;
    const corners = [
      toPdf(w.box[0] * vp.width, w.box[1] * vp.height),
      toPdf(w.box[2] * vp.width, w.box[1] * vp.height),
      toPdf(w.box[0] * vp.width, w.box[3] * vp.height),
      toPdf(w.box[2] * vp.width, w.box[3] * vp.height),
    ];
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    const x0 = Math.min(...xs);
    const y0 = Math.min(...ys);
    items.push([at, w.text.length, round(x0), round(y0), round(Math.max(...xs) - x0), round(Math.max(...ys) - y0)]);
  }
  // The page's own size, as the extractor records it (unrotated user space).
  const rotated = Math.abs(b) > Math.abs(a);
  return { w: round(rotated ? vp.height : vp.width), h: round(rotated ? vp.width : vp.height), items };
}
