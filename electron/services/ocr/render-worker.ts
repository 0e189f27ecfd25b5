// A child process that renders pages of a PDF for OCR, one job after another, so drawing a
// 9-megapixel page never stalls the app's main thread. It keeps the last file open between pages
// (a 100-page scan is read and parsed once, not once a page) and is kept by the queue while pages
// draw well; a page that fails, runs out of time or is cancelled ends it, and the next page gets
// a fresh one: a hostile page costs one page. A process, not a worker thread, so that V8 aborting
// on the heap limit ends this renderer and not the app. Runs as plain Node (type
// stripping), importing only pdf.js, node built-ins, render-page.ts, limits.ts, skew.ts and child-port.ts.
import fs from 'node:fs';
import { openForRender, renderPageToPng, RenderRefusal } from './render-page.ts';
import { jobsFromParent, serveParent, toParent } from '../isolation/child-port.ts';
import { OCR_MESSAGES } from './limits.ts';

export interface RenderJob {
  blobPath: string;
  /** 0-based. */
  pageIndex: number;
  dpi: number;
  maxPixels: number;
  /** The password kept with an encrypted file (document-passwords.ts); absent for most. */
  password?: string;
}

export type RenderOut =
  | { type: 'rendered'; png: Uint8Array; width: number; height: number; dpi: number; skewRadians: number | null; blank: boolean; viewport: { width: number; height: number; transform: number[] } }
  | { type: 'error'; code: 'too_large' | 'unreadable'; message: string };

serveParent({ reportMemory: false });
const post = (m: RenderOut) => toParent(m);

// pdf.js drops an image that declares more pixels than allowed with only a warning, which would
// leave a blank page that reads as empty: the warning is turned into the page's refusal.
// So does an image whose data is damaged (random bytes where a JBIG2 or JPEG stream should be):
// when the page comes out blank without it, the page fails saying so, instead of being "read"
// with no words; a page with other marks on it is read for what it shows.
let oversizedImage = false;
let undecodedImage: string | null = null;
console.warn = (...args: unknown[]) => {
  const said = args.map(String).join(' ');
  if (/exceeded maximum allowed size/i.test(said)) oversizedImage = true;
  const undecoded = /Unable to decode image[^:]*: "?([A-Za-z0-9]*Error)?/i.exec(said);
  if (undecoded) undecodedImage ??= undecoded[1] ?? '';
};

/** The image format a pdf.js decoder error names, in the words a reviewer knows. */
const FORMAT_OF_ERROR: Record<string, string> = { Jbig2Error: 'JBIG2', JpegError: 'JPEG', JpxError: 'JPEG 2000', CCITTFaxError: 'CCITT fax' };
console.log = () => {};

type Doc = Awaited<ReturnType<typeof openForRender>>;
let open: { path: string; maxPixels: number; password: string | undefined; doc: Doc } | null = null;

async function docFor(job: RenderJob): Promise<Doc> {
  if (open && open.path === job.blobPath && open.maxPixels === job.maxPixels && open.password === job.password) return open.doc;
  const before = open;
  open = null;
  await before?.doc.loadingTask.destroy();
  const doc = await openForRender(new Uint8Array(fs.readFileSync(job.blobPath)), job.maxPixels, true, job.password);
  open = { path: job.blobPath, maxPixels: job.maxPixels, password: job.password, doc };
  return doc;
}

async function run(job: RenderJob): Promise<void> {
  oversizedImage = false;
  undecodedImage = null;
  const doc = await docFor(job);
  const page = await doc.getPage(job.pageIndex + 1);
  try {
    const vp = page.getViewport({ scale: 1 });
    const out = await renderPageToPng(doc, job.pageIndex + 1, job.dpi, { maxPixels: job.maxPixels, measureSkew: true });
    if (oversizedImage) {
      post({
        type: 'error',
        code: 'too_large',
        message: OCR_MESSAGES.imageTooLarge(job.pageIndex + 1, Math.round(job.maxPixels / 1e6)),
      });
      return;
    }
    if (undecodedImage !== null && !out.inked) {
      post({ type: 'error', code: 'unreadable', message: OCR_MESSAGES.damagedImage(job.pageIndex + 1, FORMAT_OF_ERROR[undecodedImage]) });
      return;
    }
    const png = new Uint8Array(out.png.buffer, out.png.byteOffset, out.png.byteLength).slice();
    post({ type: 'rendered', png, width: out.width, height: out.height, dpi: out.dpi, skewRadians: out.skewRadians ?? null, blank: out.blank === true, viewport: { width: vp.width, height: vp.height, transform: [...vp.transform] } });
  } finally {
    // The page's decoded images and operator list go; the file stays open for the next page.
    page.cleanup();
  }
}

// One page at a time, in the order asked.
let chain = Promise.resolve();
jobsFromParent<RenderJob>((job) => {
  chain = chain.then(() =>
    run(job).catch((err: unknown) => {
      if (err instanceof RenderRefusal) post({ type: 'error', code: 'too_large', message: err.message });
      else if ((err as { name?: unknown } | null)?.name === 'PasswordException') post({ type: 'error', code: 'unreadable', message: OCR_MESSAGES.needsPassword });
      else post({ type: 'error', code: 'unreadable', message: `Page ${job.pageIndex + 1} could not be drawn for OCR (${err instanceof Error ? err.message : String(err)}).` });
    }),
  );
});
