// A worker thread that opens one PDF with pdf.js and extracts the text of the pages it is
// given, with the position of every text item. Runs as plain Node (type stripping), so it
// imports nothing but pdf.js and node built-ins, and types only.
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { WorkerIn, WorkerOut, PageText } from './messages.ts';

// Not named `require`: the bundler adds its own `require` shim to the built worker.
const requireHere = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(requireHere.resolve('pdfjs-dist/package.json'));
const asDir = (p: string) => p.split(path.sep).join('/') + '/';

const post = (m: WorkerOut) => parentPort!.postMessage(m);
const job = workerData as WorkerIn;

function errorOut(err: unknown): WorkerOut {
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
  const task = pdfjs.getDocument({
    data: new Uint8Array(job.bytes),
    password: job.password,
    standardFontDataUrl: asDir(path.join(pdfjsRoot, 'standard_fonts')),
    cMapUrl: asDir(path.join(pdfjsRoot, 'cmaps')),
    wasmUrl: asDir(path.join(pdfjsRoot, 'wasm')),
    iccUrl: asDir(path.join(pdfjsRoot, 'iccs')),
    // Nothing in a PDF ever runs: no scripting, no font code evaluation.
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
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
  for (let i = job.first; i < doc.numPages; i += job.stride) {
    const page = await doc.getPage(i + 1);
    const content = await page.getTextContent({ includeMarkedContent: false });
    const [, , pageWidth, pageHeight] = page.view;
    let text = '';
    const items: PageText['items'] = [];
    // Items are joined by one space, or a newline where pdf.js marks a line end. The space is
    // added only before the next item, never fixed up afterwards, so each item's offset stays true.
    let pendingSpace = false;
    for (const it of content.items) {
      if (!('str' in it)) continue;
      if (it.str.length > 0) {
        if (pendingSpace && !/\s$/.test(text)) text += ' ';
        // [offset into page text, length, x, y, width, height] in PDF user space.
        items.push([text.length, it.str.length, round(it.transform[4]), round(it.transform[5]), round(it.width), round(it.height)]);
        text += it.str;
        pendingSpace = true;
      }
      if (it.hasEOL) {
        text += '\n';
        pendingSpace = false;
      }
    }
    post({ type: 'page', page: { index: i, text, items, needsOcr: text.trim().length === 0, width: round(pageWidth ?? 0), height: round(pageHeight ?? 0) } });
    page.cleanup();
  }
  await task.destroy();
  post({ type: 'done' });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

run().catch((err) => post(errorOut(err)));
