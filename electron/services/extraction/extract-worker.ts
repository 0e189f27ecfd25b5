// A worker thread, inside the extractor process (extract-host.ts), that opens one PDF with
// pdf.js and extracts the text of the pages it is given, with the position of every text item.
// Runs as plain Node (type stripping), so it imports nothing but pdf.js, node built-ins, its own
// plain-TypeScript helpers, and types. Its heap is capped by the host (resourceLimits), it reports
// its own heap and buffers, and the pool ends the whole process when it runs too long or too big:
// when a hostile file makes V8 abort, it is the extractor process that ends, not the app.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { WorkerIn, WorkerOut } from './messages.ts';
import type { MemoryReport } from '../isolation/child-port.ts';
import { PageTextBuilder, round } from './page-text.ts';
import { countLetters, FEW_LETTERS, FULL_PAGE, imageShare, textIsGarbage } from './usable-text.ts';
import { isScannerText, pageOps } from '../../../shared/domain/page-coverage.ts';
import { readStoredPdf, StoredCopyRefusal } from './read-stored.ts';

// Not named `require`: the bundler adds its own `require` shim to the built worker.
const requireHere = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(requireHere.resolve('pdfjs-dist/package.json'));
const asDir = (p: string) => p.split(path.sep).join('/') + '/';

const post = (m: WorkerOut | MemoryReport) => parentPort!.postMessage(m);
const job = workerData as WorkerIn;
const limits = job.limits;
// In a worker thread these are this thread's own heap and buffers (rss alone is the process's).
setInterval(() => {
  const m = process.memoryUsage();
  post({ type: 'memory', heapUsed: m.heapUsed, external: m.external });
}, 100).unref();

// pdf.js repairs a damaged file silently; its warnings are the only word of it. This thread runs
// nothing but pdf.js, and its console is its own, so it is ours to read: the repairs that change
// which pages exist are kept (in plain words), every other warning is dropped as before.
const REPAIRS: Array<[RegExp, string]> = [
  [/Indexing all PDF objects/, 'its cross-reference table is broken'],
  [/invalid \/Pages tree/, 'its page tree is broken'],
  [/Skipping invalid first page/, 'its first page cannot be read'],
  [/XRef/, 'its cross-reference table is broken'],
];
const repairs = new Set<string>();
const heard = (said: string) => {
  for (const [pattern, plain] of REPAIRS) if (pattern.test(said)) repairs.add(plain);
};
console.warn = (...args: unknown[]) => heard(args.map(String).join(' '));
console.log = () => {};
// pdf.js leaves some internal promises of a repaired file rejected with no handler; that must
// not end the thread (Node's default) while the pages themselves were read.
process.on('unhandledRejection', (reason) => heard(String(reason)));

type PdfDoc = Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDoc['getPage']>>;
/** pdf.js's own canvas maker (@napi-rs/canvas in Node), as the OCR renderer uses it. */
interface CanvasFactory {
  create(width: number, height: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D };
  destroy(drawn: { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D }): void;
}

const COVERAGE_OPS = pageOps(pdfjs.OPS);
const IMAGE_OPS = COVERAGE_OPS.images;

/**
 * A page OCR should read: no text, text that is not text, or a few characters over images that
 * cover the page (one, or bands of one). The operator list (which costs as much as drawing the page) is asked only
 * of pages with little text.
 */
async function needsOcrFor(page: PdfPage, text: string): Promise<boolean> {
  if (textIsGarbage(text)) return true;
  if (countLetters(text) >= FEW_LETTERS) return false;
  const ops = await page.getOperatorList().catch(() => null);
  return !!ops && imageShare(ops.fnArray, ops.argsArray, COVERAGE_OPS, page.view) >= FULL_PAGE;
}

// A page nests a level at each save, and at each form drawn (pdf.js copies its state into the form).
const NESTING_OPS = {
  opens: new Set<number>([pdfjs.OPS.save, pdfjs.OPS.paintFormXObjectBegin]),
  closes: new Set<number>([pdfjs.OPS.restore, pdfjs.OPS.paintFormXObjectEnd]),
};

/**
 * Whether the page nests its graphics state deeper than `cap` levels. pdf.js copies its whole
 * state at each level, at a cost growing faster than the square of the depth: a million levels
 * would take hours to read, and hours to list (getOperatorList). So the operators are watched
 * as pdf.js lists them, through a render that draws none of them on a one-pixel canvas, and the
 * listing is cancelled at the cap. A page pdf.js cannot list (or no canvas to list it for) is
 * left to the text reading and the time limit.
 */
async function nestsDeeperThan(doc: PdfDoc, page: PdfPage, cap: number): Promise<boolean> {
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  let drawn: ReturnType<CanvasFactory['create']>;
  try {
    drawn = factory.create(1, 1);
  } catch {
    return false;
  }
  let depth = 0;
  let over = false;
  const render = page.render({
    canvas: drawn.canvas,
    canvasContext: drawn.context,
    viewport: page.getViewport({ scale: 1 / 72 }),
    annotationMode: pdfjs.AnnotationMode.DISABLE,
    operationsFilter: (i, list) => {
      const fn = list.fnArray[i]!;
      if (NESTING_OPS.opens.has(fn)) {
        if (++depth > cap && !over) {
          over = true;
          render.cancel();
        }
      } else if (NESTING_OPS.closes.has(fn)) depth--;
      return false;
    },
  });
  await render.promise.catch(() => {});
  factory.destroy(drawn);
  return over;
}

/**
 * Whether each page's text is a scanner's own OCR (isScannerText). Asked after the import, of the
 * pages with a text layer, because the operator list costs about half the text's reading again
 * (La Grange: 1.4 s over 2.9 s): the import itself does not wait for it.
 */
async function survey(doc: PdfDoc, pages: number[]): Promise<void> {
  for (const i of pages) {
    if (i % job.stride !== job.first || i < 0 || i >= doc.numPages) continue;
    const page = await doc.getPage(i + 1);
    // A page whose operators cannot be listed is not called a scanner's reading without cause.
    const ops = await page.getOperatorList().catch(() => null);
    post({ type: 'surveyed', page: i, scannerText: !!ops && isScannerText(ops.fnArray, ops.argsArray, COVERAGE_OPS, page.view) });
    page.cleanup();
  }
}

function errorOut(err: unknown): WorkerOut {
  if (err instanceof StoredCopyRefusal) return { type: 'error', code: 'stored_copy', message: err.message };
  const e = err as { name?: string; code?: number; message?: string };
  if (e?.name === 'PasswordException') {
    return e.code === pdfjs.PasswordResponses.INCORRECT_PASSWORD
      ? { type: 'error', code: 'password_incorrect', message: 'The password is wrong.' }
      : { type: 'error', code: 'password_required', message: 'The PDF is encrypted and needs a password.' };
  }
  if (e?.name === 'InvalidPDFException') return { type: 'error', code: 'corrupt', message: e.message ?? 'Invalid PDF structure.' };
  return { type: 'error', code: 'corrupt', message: e?.message ?? String(err) };
}

async function run(): Promise<void> {
  // Either copy is this thread's alone (read here, or handed over by the host): pdf.js may keep it.
  const data = 'stored' in job.source ? await readStoredPdf(job.source.stored) : job.source.bytes;
  const task = pdfjs.getDocument({
    data,
    password: job.password,
    standardFontDataUrl: asDir(path.join(pdfjsRoot, 'standard_fonts')),
    cMapUrl: asDir(path.join(pdfjsRoot, 'cmaps')),
    wasmUrl: asDir(path.join(pdfjsRoot, 'wasm')),
    iccUrl: asDir(path.join(pdfjsRoot, 'iccs')),
    // Nothing in a PDF ever runs: no scripting, no font code evaluation.
    enableXfa: false,
    stopAtErrors: false,
    // An image declaring more pixels than OCR would ever render a page at is never decoded
    // (the same 40 megapixels as electron/services/ocr/render-page.ts).
    maxImageSize: 40_000_000,
    verbosity: pdfjs.VerbosityLevel.WARNINGS,
  });
  const doc = await task.promise;
  if (job.probe) {
    const meta = await doc.getMetadata().catch(() => null);
    const info = (meta?.info ?? {}) as { Title?: unknown };
    const js = await doc.getJSActions().catch(() => null);
    post({
      type: 'opened',
      numPages: doc.numPages,
      fingerprint: doc.fingerprints.filter(Boolean).join('-'),
      title: typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : null,
      hasScripts: !!js && Object.keys(js).length > 0,
    });
    if (doc.numPages > job.pageLimit) {
      await task.destroy();
      return;
    }
  }
  if (job.survey) {
    await survey(doc, job.survey);
    await task.destroy();
    post({ type: 'done', damage: { repairs: [], imagesSeen: false } });
    return;
  }
  let allEmpty = true;
  const skip = new Set(job.skip);
  for (let i = job.first; i < doc.numPages; i += job.stride) {
    if (skip.has(i)) continue;
    const page = await doc.getPage(i + 1);
    if (job.checkNesting && (await nestsDeeperThan(doc, page, limits.graphicsNesting))) {
      post({ type: 'too_deep', page: i });
      await task.destroy();
      return;
    }
    const [, , pageWidth, pageHeight] = page.view;
    const built = new PageTextBuilder();
    // Streamed, so a page that would expand to gigabytes of text is stopped at the cap, not after.
    const reader = page.streamTextContent({ includeMarkedContent: false }).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      for (const it of r.value.items) if ('str' in it) built.add(it);
      if (built.length > limits.pageTextChars || built.items.length > limits.pageItems) {
        post({ type: 'too_much_text', page: i, what: built.length > limits.pageTextChars ? 'text' : 'items' });
        await reader.cancel().catch(() => {});
        await task.destroy();
        return;
      }
    }
    const text = built.text();
    const needsOcr = await needsOcrFor(page, text);
    allEmpty &&= needsOcr;
    post({ type: 'page', page: { index: i, text, items: built.items, needsOcr, width: round(pageWidth ?? 0), height: round(pageHeight ?? 0) } });
    page.cleanup();
  }
  // Only for a repaired file with nothing but empty pages: a scan still draws its images, a page
  // tree pdf.js could not read draws nothing. Rare, so the cost of the operator lists is fine.
  let imagesSeen = false;
  if (repairs.size > 0 && allEmpty) {
    for (let i = job.first; i < doc.numPages && !imagesSeen; i += job.stride) {
      const ops = await (await doc.getPage(i + 1)).getOperatorList().catch(() => null);
      imagesSeen = !!ops?.fnArray.some((fn) => IMAGE_OPS.has(fn));
    }
  }
  await task.destroy();
  post({ type: 'done', damage: { repairs: [...repairs], imagesSeen } });
}

run().catch((err) => post(errorOut(err)));
