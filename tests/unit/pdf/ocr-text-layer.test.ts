// A scanned page's OCR words become text items that land on the words' boxes: checked through
// pdf.js's own viewport of a real PDF page (made by pdf-lib, opened by pdf.js) at 50, 100 and 200 %
// and with the page turned 0, 90, 180 and 270 degrees, on a plain and an offset crop box.
import { degrees, PDFDocument } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { mergeAdjacent } from '../../../renderer/src/pdf/selection-geometry.ts';
import { GAP, lowConfidenceMarks, ocrLayerText, ocrLines, ocrTextContent, textDirection, turnedBox, uprightToPdf, type OcrTextItem, type OcrWordInput } from '../../../renderer/src/pdf/ocr-text-layer.ts';

type Box = [number, number, number, number];
const word = (text: string, box: Box, confidence = 95): OcrWordInput => ({ text, box, confidence });

// Two lines of words as an engine reports them, in reading order, boxes as fractions of the upright page.
const WORDS: OcrWordInput[] = [
  word('Choke', [0.1, 0.2, 0.22, 0.23]),
  word('holds', [0.24, 0.2, 0.35, 0.23]),
  word('are', [0.37, 0.2, 0.43, 0.23], 41),
  word('prohibited.', [0.45, 0.2, 0.7, 0.23]),
  word('Deadly', [0.1, 0.26, 0.25, 0.29]),
  word('force', [0.27, 0.26, 0.38, 0.29]),
];

async function pageWith(rotate: number, crop?: Box) {
  const doc = await PDFDocument.create();
  const blank = doc.addPage([612, 792]);
  if (crop) blank.setCropBox(crop[0], crop[1], crop[2] - crop[0], crop[3] - crop[1]);
  blank.setRotation(degrees(rotate));
  const task = pdfjs.getDocument({ data: await doc.save(), useSystemFonts: false });
  const page = await (await task.promise).getPage(1);
  return { pdf: task, page };
}

/** Where pdf.js would put an item on screen: the box spanned by its baseline run and line height. */
function screenBox(item: OcrTextItem, viewport: { convertToViewportPoint(x: number, y: number): number[] }): Box {
  const [a, b, c, d, e, f] = item.transform;
  const fs = Math.hypot(c, d);
  const run = [a / fs, b / fs];
  const up = [c / fs, d / fs];
  const corners = [
    [e - up[0]! * 0.2 * fs, f - up[1]! * 0.2 * fs],
    [e + up[0]! * 0.8 * fs, f + up[1]! * 0.8 * fs],
  ].flatMap(([x, y]) => [
    [x!, y!],
    [x! + run[0]! * item.width, y! + run[1]! * item.width],
  ]);
  const pts = corners.map(([x, y]) => viewport.convertToViewportPoint(x!, y!) as [number, number]);
  return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
}

const wordItems = (items: OcrTextItem[]) => items.filter((i) => i.str.trim());

describe('OCR text layer', () => {
  for (const crop of [undefined, [30, 40, 580, 760] as Box]) {
    for (const rotate of [0, 90, 180, 270]) {
      it(`puts each word on its box on a page turned ${rotate}°${crop ? ' with an offset crop box' : ''}, at 50, 100 and 200 %`, async () => {
        const { pdf, page } = await pageWith(rotate, crop);
        try {
          const upright = page.getViewport({ scale: 1 });
          expect(upright.rotation).toBe(rotate);
          const content = ocrTextContent(WORDS, { viewBox: page.view as Box, rotate: page.rotate });
          for (const scale of [0.5, 1, 2]) {
            const viewport = page.getViewport({ scale });
            const placed = wordItems(content.items);
            expect(placed.map((i) => i.str)).toEqual(WORDS.map((w) => w.text));
            placed.forEach((item, k) => {
              const [x0, y0, x1, y1] = screenBox(item, viewport);
              const box = WORDS[k]!.box;
              // Along the line the span is exactly the word; across it, the line's top and bottom.
              expect(x0).toBeCloseTo(box[0] * viewport.width, 6);
              expect(x1).toBeCloseTo(box[2] * viewport.width, 6);
              expect(y0).toBeCloseTo(box[1] * viewport.height, 6);
              expect(y1).toBeCloseTo(box[3] * viewport.height, 6);
            });
          }
        } finally {
          await pdf.destroy();
        }
      });
    }
  }

  it('maps the upright page back to PDF space exactly as pdf.js maps PDF space to it', async () => {
    for (const rotate of [0, 90, 180, 270]) {
      const { pdf, page } = await pageWith(rotate, [30, 40, 580, 760]);
      const vp = page.getViewport({ scale: 1 });
      const { size, toPdf } = uprightToPdf({ viewBox: page.view as Box, rotate });
      expect(size).toEqual([vp.width, vp.height]);
      for (const [x, y] of [[0, 0], [vp.width, 0], [17, 301], [vp.width, vp.height]] as const) {
        const [px, py] = toPdf(x, y);
        const back = vp.convertToViewportPoint(px, py);
        expect(back[0]).toBeCloseTo(x, 9);
        expect(back[1]).toBeCloseTo(y, 9);
      }
      await pdf.destroy();
    }
  });

  it('reads as the words in the engine’s order, a space between words and a line break after each line', () => {
    const content = ocrTextContent(WORDS, { viewBox: [0, 0, 612, 792], rotate: 0 });
    expect(ocrLayerText(content).replace(/ +/g, ' ')).toBe('Choke holds are prohibited.\nDeadly force\n');
    // Spaces fill the gap between words exactly (two, which pdf.js stretches to the gap's width),
    // so a drag across a line selects one run of text and its highlight is one box.
    const space = content.items[1]!;
    expect(space.str).toBe(GAP);
    expect(GAP.length).toBeGreaterThan(1);
    expect(space.transform[4]).toBeCloseTo(0.22 * 612, 6);
    expect(space.width).toBeCloseTo(0.02 * 612, 6);
    // Every span of a line has the line's height: the same top and bottom.
    expect(new Set(content.items.slice(0, 7).map((i) => i.height.toFixed(6))).size).toBe(1);
    expect(content.styles[content.items[0]!.fontName]).toMatchObject({ vertical: false });
  });

  it('starts a new line where a word drops below the line or steps back to the left margin', () => {
    const lines = ocrLines([word('a', [0.1, 0.1, 0.2, 0.12]), word('b', [0.25, 0.105, 0.3, 0.125]), word('c', [0.1, 0.2, 0.2, 0.22]), word('d', [0.1, 0.205, 0.12, 0.22]), word('  ', [0.3, 0.3, 0.31, 0.31])]);
    expect(lines.map((l) => l.map((w) => w.text).join(''))).toEqual(['ab', 'c', 'd']);
  });

  it('reads a scan lying on its side top to bottom (or bottom to top) and turns the words with it', () => {
    // The same line as on an upright page, turned a quarter clockwise: words run down the page.
    const down: OcrWordInput[] = [word('Choke', [0.7, 0.1, 0.73, 0.22]), word('holds', [0.7, 0.24, 0.73, 0.35]), word('banned', [0.7, 0.37, 0.73, 0.5])];
    expect(textDirection(down, 612 / 792)).toBe(90);
    const up = down.map((w) => word(w.text, [w.box[0], 1 - w.box[3], w.box[2], 1 - w.box[1]]));
    expect(textDirection(up, 612 / 792)).toBe(270);
    expect(textDirection(WORDS, 612 / 792)).toBe(0);
    const reversed = [...WORDS.slice(0, 4)].map((w) => word(w.text, [1 - w.box[2], 1 - w.box[3], 1 - w.box[0], 1 - w.box[1]]));
    expect(textDirection(reversed, 612 / 792)).toBe(180);

    for (const [words, dir] of [[down, 90], [up, 270], [reversed, 180]] as const) {
      const content = ocrTextContent(words, { viewBox: [0, 0, 612, 792], rotate: 0 });
      expect(ocrLines(words, dir)).toHaveLength(1);
      const vp = { convertToViewportPoint: (x: number, y: number) => [x, 792 - y] };
      words.forEach((w, k) => {
        const got = screenBox(wordItems(content.items)[k]!, vp);
        expect(got[0]).toBeCloseTo(w.box[0] * 612, 6);
        expect(got[1]).toBeCloseTo(w.box[1] * 792, 6);
        expect(got[2]).toBeCloseTo(w.box[2] * 612, 6);
        expect(got[3]).toBeCloseTo(w.box[3] * 792, 6);
      });
    }
  });

  it('marks only the words under the threshold, in percentages of the page', () => {
    expect(lowConfidenceMarks(WORDS, 60)).toEqual([{ text: 'are', confidence: 41, left: '37.000%', top: '20.000%', width: '6.000%', height: '3.000%' }]);
    expect(lowConfidenceMarks(WORDS, 30)).toEqual([]);
  });

  // The reader's Rotate buttons turn the view (pdf.js pagesRotation): a mark must follow its word
  // to where pdf.js's own viewport, turned the same way, draws it, on a page with a /Rotate of its own too.
  for (const rotate of [0, 90]) {
    it(`follows its word when the view is turned 90, 180 and 270° (page /Rotate ${rotate})`, async () => {
      const { pdf, page } = await pageWith(rotate);
      try {
        const { toPdf } = uprightToPdf({ viewBox: page.view as Box, rotate: page.rotate });
        const upright = page.getViewport({ scale: 1 });
        for (const turn of [90, 180, 270]) {
          const viewport = page.getViewport({ scale: 1, rotation: page.rotate + turn });
          for (const w of WORDS) {
            const [x0, y0, x1, y1] = w.box;
            const pts = [toPdf(x0 * upright.width, y0 * upright.height), toPdf(x1 * upright.width, y1 * upright.height)].map(([x, y]) => viewport.convertToViewportPoint(x, y) as [number, number]);
            const expected = [Math.min(pts[0]![0], pts[1]![0]) / viewport.width, Math.min(pts[0]![1], pts[1]![1]) / viewport.height, Math.max(pts[0]![0], pts[1]![0]) / viewport.width, Math.max(pts[0]![1], pts[1]![1]) / viewport.height];
            turnedBox(w.box, turn).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9));
          }
        }
        expect(lowConfidenceMarks(WORDS, 60, 90)).toEqual([{ text: 'are', confidence: 41, left: '77.000%', top: '37.000%', width: '3.000%', height: '6.000%' }]);
      } finally {
        await pdf.destroy();
      }
    });
  }
});

describe('a selection over word spans', () => {
  it('is drawn as one box per line: boxes that continue one another along a line are joined', () => {
    const row = (x: number, w: number, y = 700) => ({ page: 1, x, y, w, h: 12 });
    // Word, space, word, space, word on one line; then the next line; then a column of a sideways line.
    const rects = [row(10, 30), row(40, 4), row(44, 20), row(64, 4), row(68, 25), row(10, 40, 684), { page: 1, x: 300, y: 100, w: 12, h: 40 }, { page: 1, x: 300, y: 140, w: 12, h: 30 }, { page: 2, x: 300, y: 170, w: 12, h: 30 }];
    expect(mergeAdjacent(rects)).toEqual([row(10, 83), row(10, 40, 684), { page: 1, x: 300, y: 100, w: 12, h: 70 }, { page: 2, x: 300, y: 170, w: 12, h: 30 }]);
    // Boxes that do not touch, or sit on different bands, stay apart (two columns, a superscript).
    expect(mergeAdjacent([row(10, 30), row(60, 30)])).toHaveLength(2);
    expect(mergeAdjacent([row(10, 30), { page: 1, x: 40, y: 705, w: 5, h: 6 }])).toHaveLength(2);
  });
});
