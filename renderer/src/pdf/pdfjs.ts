// Loads pdf.js and its viewer components once. The viewer module reads the core library from
// globalThis.pdfjsLib, so the core is loaded and published first. Worker, fonts, CMaps and
// WebAssembly decoders all come from the app itself (./pdfjs/…), never from the network.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type Core = typeof import('pdfjs-dist');
type Viewer = typeof import('pdfjs-dist/web/pdf_viewer.mjs');

let loading: Promise<{ core: Core; viewer: Viewer }> | null = null;

export function loadPdfjs() {
  loading ??= (async () => {
    const core = await import('pdfjs-dist');
    (globalThis as { pdfjsLib?: Core }).pdfjsLib = core;
    core.GlobalWorkerOptions.workerSrc = workerUrl;
    const viewer = await import('pdfjs-dist/web/pdf_viewer.mjs');
    return { core, viewer };
  })();
  return loading;
}

const asset = (dir: string) => new URL(`./pdfjs/${dir}/`, document.baseURI).toString();

export const documentOptions = () => ({
  cMapUrl: asset('cmaps'),
  cMapPacked: true,
  standardFontDataUrl: asset('standard_fonts'),
  wasmUrl: asset('wasm'),
  iccUrl: asset('iccs'),
  enableXfa: false,
});

/** The URL the viewer loads a document's bytes from: app://credence/documents/<id>.pdf in the app. */
export const documentUrl = (id: string) => new URL(`./documents/${id}.pdf`, document.baseURI).toString();
