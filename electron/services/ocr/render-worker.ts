// A child process that renders one page of one PDF for OCR, so drawing a 9-megapixel page never
// stalls the app's main thread. Fresh for each page and ended by the queue when the page runs
// out of time: a hostile page costs one page. A process, not a worker thread, so that V8 aborting
// on the heap limit ends this page's renderer and not the app. Runs as plain Node (type
// stripping), importing only pdf.js, node built-ins, render-page.ts, limits.ts and child-port.ts.
import fs from 'node:fs';
import { openForRender, renderPageToPng, RenderRefusal } from './render-page.ts';
import { jobFromParent, serveParent, toParent } from '../isolation/child-port.ts';

export interface RenderJob {
  blobPath: string;
  /** 0-based. */
  pageIndex: number;
  dpi: number;
  maxPixels: number;
}

export type RenderOut =
  | { type: 'rendered'; png: Uint8Array; width: number; height: number; viewport: { width: number; height: number; transform: number[] } }
  | { type: 'error'; code: 'too_large' | 'unreadable'; message: string };

serveParent({ reportMemory: false });
const post = (m: RenderOut) => toParent(m);
// The job arrives as the parent's first message (below).
let job: RenderJob;

// pdf.js drops an image that declares more pixels than allowed with only a warning, which would
// leave a blank page that reads as empty: the warning is turned into the page's refusal.
let oversizedImage = false;
console.warn = (...args: unknown[]) => {
  if (/exceeded maximum allowed size/i.test(args.map(String).join(' '))) oversizedImage = true;
};
console.log = () => {};

async function run(): Promise<void> {
  const doc = await openForRender(new Uint8Array(fs.readFileSync(job.blobPath)), job.maxPixels, true);
  try {
    const page = await doc.getPage(job.pageIndex + 1);
    const vp = page.getViewport({ scale: 1 });
    const out = await renderPageToPng(doc, job.pageIndex + 1, job.dpi, { maxPixels: job.maxPixels });
    if (oversizedImage) {
      post({
        type: 'error',
        code: 'too_large',
        message: `Page ${job.pageIndex + 1} holds an image declaring more than ${Math.round(job.maxPixels / 1e6)} megapixels: it was not decoded and the page was not read. The file may be crafted to exhaust memory; ask the agency for another copy.`,
      });
      return;
    }
    const png = new Uint8Array(out.png.buffer, out.png.byteOffset, out.png.byteLength).slice();
    post({ type: 'rendered', png, width: out.width, height: out.height, viewport: { width: vp.width, height: vp.height, transform: [...vp.transform] } });
  } finally {
    await doc.loadingTask.destroy();
  }
}

jobFromParent<RenderJob>()
  .then((j) => {
    job = j;
    return run();
  })
  .catch((err: unknown) => {
    if (err instanceof RenderRefusal) post({ type: 'error', code: 'too_large', message: err.message });
    else post({ type: 'error', code: 'unreadable', message: `Page ${job.pageIndex + 1} could not be drawn for OCR (${err instanceof Error ? err.message : String(err)}).` });
  });
