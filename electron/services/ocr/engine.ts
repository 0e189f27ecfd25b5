// The OCR engine: a pool of tesseract.js workers (WebAssembly in worker threads, so the main
// thread only passes messages) reading page images into words with boxes and confidences.
// Language data comes from the @tesseract.js-data/eng npm package on disk and nothing else:
// langPath is a local folder (tesseract.js reads it with fs, never fetch) and the cache is
// switched off, so the data used is always the file whose SHA-256 the page records.
import { coreVariant, PATCH_TAG } from './core-patch.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
// Loaded when the first page is read, not when a workspace opens.
import type Tesseract from 'tesseract.js';
import { layoutFromTsv, type LayoutBlock } from './tsv-layout.ts';
import { looksLikeColumns, readingOrder } from './assemble.ts';
import { pngChunk } from './grey-png.ts';
import { nextTurn } from '../next-turn.ts';

export interface OcrWord {
  text: string;
  /** x0, y0, x1, y1 as fractions 0..1 of the page image as given (the pdf.js viewport it was rendered from). */
  box: [number, number, number, number];
  /** 0..100 */
  confidence: number;
}

export interface OcrPageResult {
  /** Lines joined by \n, paragraphs by \n\n. */
  text: string;
  words: OcrWord[];
  /** The words' mean confidence; null when there are no words (a blank page), which no average counts. */
  meanConfidence: number | null;
  /** Degrees clockwise the image was turned to read it upright. */
  rotation: 0 | 90 | 180 | 270;
  /** The small skew tesseract found and straightened, in degrees. */
  skewDegrees: number;
  /** How many times the engine read the page to get this (other turns and layouts tried): 1 for most pages, 0 for white paper. */
  readings: number;
}

export interface OcrEngineInfo {
  name: string;
  version: string;
  langDataSha256: string;
}

export interface OcrPool {
  info: OcrEngineInfo;
  /** The number of pages read at once. */
  size: number;
  /**
   * `dpi`: the resolution the page was rendered at (else tesseract estimates it from the type).
   * `skewRadians`: the page's skew as measured where it was drawn (skew.ts), so the engine does not
   * look for it again; without it, or null (the page had no lines to measure by), the engine
   * measures it itself.
   * `onStart`: called when a worker takes the page (it may first wait for one to be free).
   */
  recognize(png: Buffer, opts?: { signal?: AbortSignal; dpi?: number; skewRadians?: number | null; onStart?: () => void }): Promise<OcrPageResult>;
  /**
   * Starts `count` of the engine's workers now (default and at most `size`; those already running
   * count), so that their start (a few hundred ms) overlaps the drawing of the pages they will
   * read instead of following it. Resolves with the number of workers ready once they are, or
   * could not start (the page that needs one then says why); never rejects.
   */
  warm(count?: number): Promise<number>;
  close(): Promise<void>;
}

export class OcrAborted extends Error {
  constructor(reason: unknown) {
    super(reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'OCR was cancelled.');
    this.name = 'OcrAborted';
  }
}

const requireHere = createRequire(import.meta.url);
// Worker threads cannot start from inside app.asar: the packaged app unpacks tesseract.js and
// its data beside it (package.json's asarUnpack), and they are read from there.
const unpacked = (p: string) => p.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
/** Where the tesseract worker's source sits when running from source (tests, CLI). The app passes its built copy. */
export const SOURCE_TESSERACT_WORKER_PATH = fileURLToPath(new URL('./tesseract-worker.ts', import.meta.url));
/** The integer-quantised "best" model: as accurate as the float one here, a quarter of its size and faster. */
export const LANG_DATA_DIR = unpacked(path.join(path.dirname(requireHere.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int'));
const ENGINE_VERSION: string = requireHere('tesseract.js/package.json').version;
/**
 * The page layout the engine is told to expect: one column of text of varying sizes (psm 4). On
 * the scanned corpus set it reads policies in a truer order than tesseract's automatic layout
 * (psm 3): visual-order CER 0.77 % against 1.23 % (docs/ocr-engines.md). A page set in columns
 * is read again with the automatic layout (below).
 */
export const APP_PSM = 4;

let langSha: string | null = null;
function langDataSha256(): string {
  langSha ??= crypto.createHash('sha256').update(fs.readFileSync(path.join(LANG_DATA_DIR, 'eng.traineddata.gz'))).digest('hex');
  return langSha;
}

/**
 * The engine and language data every page read here records. A page read with the faster LSTM
 * step (core-patch.ts: the same output, checked) says so in its version ("7.0.0+lstm-simd.1").
 */
export function engineInfo(): OcrEngineInfo {
  const version = coreVariant(requireHere).patched ? `${ENGINE_VERSION}+${PATCH_TAG}` : ENGINE_VERSION;
  return { name: 'tesseract.js', version, langDataSha256: langDataSha256() };
}

/** One worker per spare core, leaving one for the app itself; more than 4 gains little for the memory. */
export function defaultPoolSize(): number {
  return Math.min(4, Math.max(1, os.availableParallelism() - 1));
}

/** Width and height from a PNG's header. */
function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('The page image is not a PNG.');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** EXIF orientation that turns the image clockwise by `rotation` as tesseract loads it. */
const EXIF_FOR: Record<90 | 180 | 270, number> = { 90: 6, 180: 3, 270: 8 };

/**
 * The PNG with an eXIf chunk saying how to turn it. tesseract.js reads the orientation from the
 * first bytes and Leptonica turns the image inside the worker, so a sideways page is tried
 * upright without decoding and re-encoding a 9-megapixel image on our side.
 */
function withOrientation(png: Buffer, rotation: 90 | 180 | 270): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, EXIF_FOR[rotation], 0, 0, 0, 0, 0, 0]);
  // Right after IHDR (8-byte signature + 25-byte chunk): inside the first 500 bytes tesseract.js looks at.
  return Buffer.concat([png.subarray(0, 33), pngChunk('eXIf', tiff), png.subarray(33)]);
}

/** A point given as fractions of the turned image, as fractions of the image as given. */
function unturn(rotation: 0 | 90 | 180 | 270, u: number, v: number): [number, number] {
  switch (rotation) {
    case 0:
      return [u, v];
    case 90:
      return [v, 1 - u];
    case 180:
      return [1 - u, 1 - v];
    case 270:
      return [1 - v, u];
  }
}

const clamp = (n: number) => Math.min(1, Math.max(0, Math.round(n * 1e5) / 1e5));

/** What one read of a page gives: its layout, and the skew Leptonica straightened before reading. */
interface PageRead {
  blocks: LayoutBlock[];
  rotateRadians: number;
}

/** The text of a read in reading order (assemble.ts), and its word boxes as fractions of the image as given (undoing the deskew, then the turn). */
function wordsOf(data: PageRead, rotation: 0 | 90 | 180 | 270, given: { width: number; height: number }): { text: string; words: OcrWord[] } {
  const turned = rotation === 90 || rotation === 270 ? { width: given.height, height: given.width } : given;
  const angle = data.rotateRadians ?? 0;
  const cx = turned.width / 2;
  const cy = turned.height / 2;
  // Leptonica straightened the image about its centre by `angle`; a box found in the straightened
  // image sits at the opposite turn in the one given.
  const back = (x: number, y: number): [number, number] => {
    const dx = x - cx;
    const dy = y - cy;
    const cos = Math.cos(-angle);
    const sin = Math.sin(-angle);
    return [cx + dx * cos - dy * sin, cy + dx * sin + dy * cos];
  };
  const words: OcrWord[] = [];
  const paragraphs: string[] = [];
  for (const para of readingOrder(data.blocks)) {
    const lines: string[] = [];
    for (const line of para) {
      for (const w of line) {
        const { x0, y0, x1, y1 } = w.bbox;
        const corners = [back(x0, y0), back(x1, y0), back(x0, y1), back(x1, y1)].map(([x, y]) => unturn(rotation, x / turned.width, y / turned.height));
        const xs = corners.map((c) => c[0]);
        const ys = corners.map((c) => c[1]);
        words.push({ text: w.text, box: [clamp(Math.min(...xs)), clamp(Math.min(...ys)), clamp(Math.max(...xs)), clamp(Math.max(...ys))], confidence: Math.round(w.confidence * 10) / 10 });
      }
      lines.push(line.map((w) => w.text).join(' '));
    }
    paragraphs.push(lines.join('\n'));
  }
  return { text: paragraphs.join('\n\n'), words };
}

const mean = (words: OcrWord[]) => (words.length ? Math.round((words.reduce((s, w) => s + w.confidence, 0) / words.length) * 10) / 10 : null);

/** How much readable text a read found: confident letters. Garbage from a sideways page scores low. */
function score(words: OcrWord[]): number {
  let s = 0;
  for (const w of words) if (w.confidence >= 50) s += (w.text.match(/\p{L}|\p{N}/gu)?.length ?? 0) * (w.confidence / 100);
  return s;
}

/** A first read this weak may be a page scanned sideways or upside down: the other turns are tried. */
function poor(words: OcrWord[]): boolean {
  if (words.length === 0) return false; // a blank page, not a turned one
  return (mean(words) ?? 0) < 70 || words.filter((w) => w.confidence >= 60).length < Math.max(3, words.length / 2);
}

/**
 * Words that text in English of any kind is full of, and a police policy's vocabulary: a poor
 * read in which they abound is of an upright page, only a faint, faxed or noisy copy (measured on
 * corpus pages, clean and fax-like: 24–48 % of the words of three letters or more are among these;
 * the same pages upside down read as 0–2 %, a few chance words like "are").
 */
const COMMON_WORDS = new Set(
  `the and for are but not all any can has was one our out his how new now see two who its may use
   shall will with that this from they have been were when which their there what would about each
   other than then them these some into only over such also after before under must should could
   upon more most where while being those through during without within between against because
   both same made make does done every either until unless whether including following used using
   person persons time reasonable force officer officers police department policy procedure
   section law state public member members subject report reports duty chief city county order
   general training authorized necessary provide provided required employee employees`.split(/\s+/),
);

/** Whether a read is plainly of text the right way up: enough common words (see COMMON_WORDS). */
function readsUpright(words: OcrWord[]): boolean {
  let lettered = 0;
  let known = 0;
  for (const w of words) {
    const t = w.text.toLowerCase().replace(/[^\p{L}]/gu, '');
    if (t.length < 3) continue;
    lettered++;
    if (COMMON_WORDS.has(t)) known++;
  }
  return known >= 5 && known * 10 >= lettered;
}

/**
 * Tesseract reads a page scanned sideways as vertical lines without turning it, so such a read
 * says which way it lay: lines taller than wide, the first one on the right when the page's top
 * faces right (it was turned 90° clockwise: 270° more makes it upright), on the left otherwise.
 */
function sideways(words: OcrWord[]): 0 | 90 | 270 {
  const long = words.filter((w) => w.text.length >= 3);
  if (long.length < 3) return 0;
  const tall = long.filter((w) => w.box[3] - w.box[1] > w.box[2] - w.box[0]).length;
  if (tall * 2 <= long.length) return 0;
  const first = long[0]!.box;
  const last = long[long.length - 1]!.box;
  return first[0] > last[0] ? 270 : 90;
}

interface Slot {
  worker: Promise<Tesseract.Worker> | null;
  busy: boolean;
  /** Rejects the read in progress: tesseract.js leaves a job on a terminated worker pending forever. */
  end: ((e: Error) => void) | null;
}

/** `workerPath`: the thread tesseract.js reads in (tesseract-worker.ts, or the app's built copy). */
export function createOcrPool(opts: { size?: number; cacheDir: string; workerPath?: string }): OcrPool {
  const size = Math.max(1, Math.floor(opts.size ?? defaultPoolSize()));
  fs.mkdirSync(opts.cacheDir, { recursive: true, mode: 0o700 });
  const info = engineInfo();
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, busy: false, end: null }));
  const waiting: Array<(slot: Slot) => void> = [];
  let closed = false;

  const start = async (): Promise<Tesseract.Worker> => {
    const T = (await import('tesseract.js')).default;
    const w = await T.createWorker('eng', T.OEM.LSTM_ONLY, {
      workerPath: opts.workerPath ?? SOURCE_TESSERACT_WORKER_PATH,
      langPath: LANG_DATA_DIR,
      gzip: true,
      // Never the current folder (tesseract.js's default), and never read back: see the top.
      cachePath: opts.cacheDir,
      cacheMethod: 'none',
      logger: () => {},
      errorHandler: () => {},
    });
    // debug_file: Tesseract's progress notes ("Detected 15 diacritics") go nowhere instead of
    // into the app's (and the CLI's) standard error.
    await w.setParameters({ tessedit_pageseg_mode: String(APP_PSM) as Tesseract.PSM, preserve_interword_spaces: '0', debug_file: '/dev/null' } as Partial<Tesseract.WorkerParams>);
    return w;
  };

  const acquire = (): Promise<Slot> => {
    const free = slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (slot: Slot) => {
    const next = waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  };
  /** A worker cannot be interrupted mid-page: it is ended, and the slot starts a fresh one when next used. */
  const kill = (slot: Slot, why: Error) => {
    const w = slot.worker;
    slot.worker = null;
    slot.end?.(why);
    void w?.then((x) => x.terminate()).catch(() => {});
  };
  /**
   * Before every call into a worker: it may have been ended while this read awaited (a page's
   * time limit, a cancel, the workspace closing). A call on an ended tesseract.js worker throws
   * inside a promise nobody holds, an unhandled rejection that takes down a test run, and its
   * job never settles.
   */
  const stillMine = (slot: Slot, mine: Promise<Tesseract.Worker>, signal?: AbortSignal) => {
    if (closed) throw new Error('The OCR engine is closed.');
    if (signal?.aborted) throw new OcrAborted(signal.reason);
    if (slot.worker !== mine) throw new OcrAborted(new Error('The OCR worker was ended.'));
  };

  async function readOnce(slot: Slot, png: Buffer, rotation: 0 | 90 | 180 | 270, signal?: AbortSignal, dpi?: number, skew?: number | null, layout: 'column' | 'auto' = 'column') {
    // A read that waited for a slot while the pool closed must not start a worker nobody ends.
    if (closed) throw new Error('The OCR engine is closed.');
    const mine = (slot.worker ??= start());
    const w = await mine;
    // The worker reads one column unless told otherwise for this page, and is put back after
    // (unless it was ended mid-page: a cancelled read ends its worker).
    if (layout === 'auto') {
      stillMine(slot, mine, signal);
      await w.setParameters({ tessedit_pageseg_mode: '3' as Tesseract.PSM });
    }
    try {
      return await readWith(w, mine, slot, png, rotation, signal, dpi, skew);
    } finally {
      if (layout === 'auto' && !closed && (slot.worker as Promise<Tesseract.Worker> | null) === mine) await w.setParameters({ tessedit_pageseg_mode: String(APP_PSM) as Tesseract.PSM }).catch(() => {});
    }
  }

  async function readWith(w: Tesseract.Worker, mine: Promise<Tesseract.Worker>, slot: Slot, png: Buffer, rotation: 0 | 90 | 180 | 270, signal?: AbortSignal, dpi?: number, skew?: number | null) {
    stillMine(slot, mine, signal);
    const image = rotation === 0 ? png : withOrientation(png, rotation);
    const params = dpi ? { user_defined_dpi: String(Math.round(dpi)) } : {};
    // The skew measured where the page was drawn (skew.ts) holds for the page upright or upside
    // down (a half turn keeps a line's slope). Without it, or on its side, tesseract.js finds it
    // itself: a second layout analysis of the whole page (rotateAuto).
    const straighten = skew != null && (rotation === 0 || rotation === 180) ? { rotateAuto: false, rotateRadians: skew } : { rotateAuto: true };
    return new Promise<PageRead>((resolve, reject) => {
      const onAbort = () => kill(slot, new OcrAborted(signal!.reason));
      const settle = () => {
        slot.end = null;
        signal?.removeEventListener('abort', onAbort);
      };
      slot.end = (e) => {
        settle();
        reject(e);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // TSV, not `blocks`: see tsv-layout.ts. Only the string crosses into this thread.
      w.recognize(image, { ...straighten, ...params } as Partial<Tesseract.RecognizeOptions>, { text: false, blocks: false, tsv: true }).then(
        (r) => {
          settle();
          resolve({ blocks: layoutFromTsv(r.data.tsv ?? ''), rotateRadians: r.data.rotateRadians ?? 0 });
        },
        (e) => {
          settle();
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  return {
    info,
    size,
    async recognize(png, ropts = {}) {
      if (closed) throw new Error('The OCR engine is closed.');
      const given = pngSize(png);
      if (ropts.signal?.aborted) throw new OcrAborted(ropts.signal.reason);
      const slot = await acquire();
      ropts.onStart?.();
      try {
        let best: { rotation: 0 | 90 | 180 | 270; data: PageRead; words: OcrWord[]; text: string } | null = null;
        let readings = 0;
        for (const rotation of [0, 180, 90, 270] as const) {
          readings++;
          let data = await readOnce(slot, png, rotation, ropts.signal, ropts.dpi, ropts.skewRadians);
          // Reading the TSV took this turn; looking at the layout and mapping the boxes take the next
          // (back to back with storing the page they held the app's main thread ~50 ms).
          await nextTurn();
          // Read as one column, a page set in columns runs across the gutter, and a page lying on its
          // side reads as nothing: either is read again with the automatic layout (which finds
          // columns, and reads sideways text poorly enough for the other turns to be tried).
          const blocks = data.blocks;
          if (looksLikeColumns(blocks) || (rotation === 0 && !blocks.some((b) => b.paragraphs.some((p) => p.lines.some((l) => l.words.some((w) => w.text.trim())))))) {
            readings++;
            data = await readOnce(slot, png, rotation, ropts.signal, ropts.dpi, ropts.skewRadians, 'auto');
          }
          const read = wordsOf(data, rotation, given);
          if (!best || score(read.words) > score(best.words)) best = { rotation, data, ...read };
          // Tesseract has no orientation data offline (no osd.traineddata on npm for 7.x), so the
          // turn is chosen by what reads best — tried only when the upright read is poor, and not
          // when that read is plainly text, as a faint or faxed copy's is: turning it reads garbage,
          // at the cost of a second full read.
          if (rotation === 0 && (!poor(read.words) || readsUpright(read.words))) break;
          if (rotation !== 0 && (!poor(best.words) || readsUpright(best.words))) break;
        }
        const b = best!;
        return {
          text: b.text,
          words: b.words,
          meanConfidence: mean(b.words),
          rotation: b.rotation === 0 ? sideways(b.words) : b.rotation,
          skewDegrees: Math.round(((b.data.rotateRadians ?? 0) * 180 * 100) / Math.PI) / 100,
          readings,
        };
      } finally {
        release(slot);
      }
    },
    async warm(count = size) {
      if (closed) return 0;
      let want = Math.min(size, Math.max(1, Math.floor(count))) - slots.filter((s) => s.worker).length;
      for (const s of slots) if (want > 0 && !s.worker) (s.worker = start()), want--;
      // A worker that cannot start is reported by the read that awaits it, not here.
      const started = await Promise.allSettled(slots.flatMap((s) => (s.worker ? [s.worker] : [])));
      return started.filter((r) => r.status === 'fulfilled').length;
    },
    async close() {
      closed = true;
      await Promise.all(
        slots.map(async (s) => {
          const w = s.worker;
          s.worker = null;
          s.end?.(new Error('The OCR engine is closed.'));
          if (w) await w.then((x) => x.terminate()).catch(() => {});
        }),
      );
    },
  };
}
