// The other WebAssembly build of Tesseract on npm against tesseract.js and the native CLI, on the
// OCR bench's pages (tests/bench/ocr-speed.ts: scan-300, drawn by renderPageToPng at 300 dpi), with
// the same language data (4.0.0_best_int), psm 4 and 300 dpi, one page at a time, alternating, two
// rounds: is the floor under the bench's ratio tesseract.js's build, or WebAssembly's?
// `tesseract-wasm` is not a dependency: it is read from CREDENCE_OCR_COMPARE_DIR, a folder outside
// the repo where it was installed (`npm install tesseract-wasm@0.11.0`); skipped, saying so, when absent.
// Prints JSON {pages, rounds: [{cliMs, tesseractJsMs, tesseractWasmMs}], wordsInCli: [{tjs, tw}]}.
// Usage: CREDENCE_OCR_COMPARE_DIR=DIR node tests/eval/ocr/wasm-builds.ts [PAGES]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { APP_PSM, LANG_DATA_DIR } from '../../../electron/services/ocr/engine.ts';
import { DEFAULT_OCR_LIMITS } from '../../../electron/services/ocr/limits.ts';
import { openForRender, renderPageToPng } from '../../../electron/services/ocr/render-page.ts';
import { buildScanSets } from './scan-set.ts';

const compareDir = process.env.CREDENCE_OCR_COMPARE_DIR ?? '';
const fromCompare = compareDir ? createRequire(path.join(path.resolve(compareDir), 'package.json')) : null;
let twEntry = '';
try {
  twEntry = fromCompare?.resolve('tesseract-wasm') ?? '';
} catch {
  // not installed there
}
if (!twEntry) {
  console.log(JSON.stringify({ skipped: 'tesseract-wasm is not installed in CREDENCE_OCR_COMPARE_DIR (npm install tesseract-wasm@0.11.0 there)' }));
  process.exit(0);
}
const n = Number(process.argv[2]) || 6;
const dpi = DEFAULT_OCR_LIMITS.dpi;
const built = await buildScanSets(undefined, ['scan-300']);
if ('skipped' in built) {
  console.log(JSON.stringify({ skipped: built.skipped }));
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-wasm-builds-'));
try {
  const docs = built.sets.find((s) => s.name === 'scan-300')!.docs;
  const files: string[] = [];
  for (let i = 0; files.length < n; i++) {
    const d = docs[i % docs.length]!;
    const doc = await openForRender(new Uint8Array(fs.readFileSync(d.pdf)));
    const drawn = await renderPageToPng(doc, 1 + (Math.floor(i / docs.length) % d.pages.length), dpi);
    await doc.loadingTask.destroy();
    const f = path.join(dir, `p${i}.png`);
    fs.writeFileSync(f, drawn.png);
    files.push(f);
  }
  const model = zlib.gunzipSync(fs.readFileSync(path.join(LANG_DATA_DIR, 'eng.traineddata.gz')));
  fs.mkdirSync(path.join(dir, 'tessdata'));
  fs.writeFileSync(path.join(dir, 'tessdata', 'eng.traineddata'), model);

  const tw = (await import(twEntry)) as { createOCREngine(o: { wasmBinary: Uint8Array }): Promise<{ loadModel(m: Uint8Array): void; setVariable(k: string, v: string): void; loadImage(i: unknown): void; getTextBoxes(u: 'word'): Array<{ text: string }>; destroy(): void }>; supportsFastBuild(): boolean };
  const engine = await tw.createOCREngine({ wasmBinary: fs.readFileSync(path.join(path.dirname(twEntry), tw.supportsFastBuild() ? 'tesseract-core.wasm' : 'tesseract-core-fallback.wasm')) });
  engine.loadModel(model);
  engine.setVariable('tessedit_pageseg_mode', String(APP_PSM));
  engine.setVariable('user_defined_dpi', String(dpi));
  // tesseract-wasm takes RGBA pixels: decoded here, before any clock.
  const { loadImage, createCanvas } = await import('@napi-rs/canvas');
  const images = [];
  for (const f of files) {
    const img = await loadImage(fs.readFileSync(f));
    const ctx = createCanvas(img.width, img.height).getContext('2d');
    ctx.drawImage(img, 0, 0);
    images.push(ctx.getImageData(0, 0, img.width, img.height));
  }
  const T = (await import('tesseract.js')).default;
  const w = await T.createWorker('eng', T.OEM.LSTM_ONLY, { langPath: LANG_DATA_DIR, gzip: true, cachePath: dir, cacheMethod: 'none', logger: () => {}, errorHandler: () => {} });
  await w.setParameters({ tessedit_pageseg_mode: String(APP_PSM) as never, preserve_interword_spaces: '0', debug_file: '/dev/null' } as never);

  const rounds = [];
  const texts: { cli: string[]; tjs: string[]; tw: string[] } = { cli: [], tjs: [], tw: [] };
  for (let round = 0; round < 2; round++) {
    let t = performance.now();
    for (const f of files) {
      const r = spawnSync('tesseract', [f, 'stdout', '--tessdata-dir', path.join(dir, 'tessdata'), '-l', 'eng', '--dpi', String(dpi), '--psm', String(APP_PSM)], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      if (r.status !== 0) throw new Error(`tesseract exited ${r.status}: ${String(r.stderr)}`);
      if (round === 0) texts.cli.push(String(r.stdout));
    }
    const cliMs = performance.now() - t;
    t = performance.now();
    for (const f of files) {
      const r = await w.recognize(fs.readFileSync(f), { rotateAuto: false, rotateRadians: 0, user_defined_dpi: String(dpi) } as never, { text: false, blocks: false, tsv: true });
      if (round === 0) texts.tjs.push((r.data.tsv ?? '').split('\n').map((l) => l.split('\t')).filter((c) => c[0] === '5' && c[11]).map((c) => c[11]).join(' '));
    }
    const tesseractJsMs = performance.now() - t;
    t = performance.now();
    for (const im of images) {
      engine.loadImage(im);
      const boxes = engine.getTextBoxes('word');
      if (round === 0) texts.tw.push(boxes.map((b) => b.text).join(' '));
    }
    const tesseractWasmMs = performance.now() - t;
    rounds.push({ cliMs, tesseractJsMs, tesseractWasmMs });
  }
  await w.terminate();
  engine.destroy();
  // How many of each build's words are among the CLI's on the same page: the same job was done.
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  const share = (mine: string, cli: string) => {
    const set = new Set(words(cli));
    const m = words(mine);
    return m.length ? Math.round((m.filter((x) => set.has(x)).length / m.length) * 1000) / 10 : 100;
  };
  const wordsInCli = texts.cli.map((c, i) => ({ tjs: share(texts.tjs[i]!, c), tw: share(texts.tw[i]!, c) }));
  console.log(JSON.stringify({ pages: n, dpi, rounds, wordsInCli, loadEnd: os.loadavg() }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
