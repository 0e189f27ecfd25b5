// OCR speed: the engine pool (in its own process, as the app runs it) against Debian's native `tesseract` 5 CLI on the same page images
// (pages of the scanned corpus set, drawn by renderPageToPng at the OCR resolution as the app
// draws them), with the same parallelism (the CLI one thread per process: OMP_THREAD_LIMIT=1),
// alternating CLI and pool in one process so both see the same machine load: the pair runs
// BENCH_ROUNDS times (default 3), and the round with the median ratio is the one reported.
// The CLI runs twice: with Debian's own `eng` (tessdata_fast, a smaller network than Credence's,
// and not on the npm registry) and with the very language data the pool reads
// (@tesseract.js-data/eng 4.0.0_best_int, unpacked into a temp tessdata folder): the second is
// the engine against the engine, the first against what a Debian user gets. With the same data it
// runs twice more: at its default layout (psm 3, automatic) and at the one the app asks the engine
// for (psm 4, one column of text of varying sizes; engine.ts), so the engines do the same job.
// The pool is handed each page's skew as the app's renderer measures it (skew.ts, timed by
// render-page.ts as the pages are drawn here one after another, as a renderer draws them); that
// measurement's time is added to the pool's (skewMs, split over the workers as the app's renderers split it).
// CPU time is reported beside wall time for both sides (the CLI's from the CPU the kernel charges
// this process for its reaped children, /proc/self/stat): wall-clock ratios move ±25 % with the
// machine between runs, CPU a page much less, and it is engine against engine.
// Last, bare tesseract.js workers with the app's settings read the same pages (engineAloneMs): the
// engine's own floor, so the pool's ratio can be split into the engine's part and Credence's; and
// once more with tesseract.js's own worker script, whose core is the stock one (engineStockMs),
// so the faster LSTM step's share (core-patch.ts) is measured in the same run.
// The pool's engine is started (warmed) before its clock, as the app starts it while the first
// page is drawn; the part of its start (poolStartMs) that outlasts drawing the first page here
// (firstRenderMs) is added to the pool's time. Its CPU (poolCpuMs) includes the whole start.
// Prints JSON {pages, dpi, skewMs, firstRenderMs, runs: [{workers, cliMs, cliSameDataMs, cliSameDataCpuMs, cliSamePsmMs, cliSamePsmCpuMs, poolMs, poolStartMs, poolCpuMs, engineAloneMs, engineStockMs, engineAloneCpuMs, engineStockCpuMs, roundRatios}], loadStart, loadEnd}.
// Usage: node ocr-speed.ts [PAGES] [WORKERS,...]   (defaults: 6 pages; the pool's default size and 1)
// CREDENCE_OCR_DPI draws the pages at another resolution, as it does in the app.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { APP_PSM, defaultPoolSize, LANG_DATA_DIR, SOURCE_TESSERACT_WORKER_PATH } from '../../electron/services/ocr/engine.ts';
import { createOcrHostPool } from '../../electron/services/ocr/engine-client.ts';
import { ocrLimitsFromEnv } from '../../electron/services/ocr/limits.ts';
import { openForRender, renderPageToPng } from '../../electron/services/ocr/render-page.ts';
import { buildScanSets } from '../eval/ocr/scan-set.ts';

const n = Number(process.argv[2]) || 6;
/** Rounds of the headline pair (the CLI on the same job, then the pool): BENCH_ROUNDS, as every section of the bench. */
const roundCount = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 3)) || 3);
/** CPU milliseconds of this process's children that have ended and been waited for; null off Linux. */
function childrenCpuMs(): number | null {
  try {
    // Fields after the command's closing parenthesis: state is field 3; cutime and cstime are 16 and 17.
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
const sizes = process.argv[3] ? process.argv[3].split(',').map(Number) : [...new Set([defaultPoolSize(), 1])];
const dpi = ocrLimitsFromEnv().dpi; // CREDENCE_OCR_DPI, as the app reads it
const built = await buildScanSets(undefined, ['scan-300']);
if ('skipped' in built) {
  console.log(JSON.stringify({ skipped: built.skipped }));
  process.exit(0);
}
const loadStart = os.loadavg();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-bench-ocr-'));
try {
  // One page from each policy in turn, so the pages are of every kind.
  const docs = built.sets.find((s) => s.name === 'scan-300')!.docs;
  const pngs: Buffer[] = [];
  const skews: Array<number | null> = [];
  // The app's renderer measures each page's skew for the engine (skew.ts) while it draws, in its
  // own process; its CPU time is timed here and added to the pool's time, so the pool is not
  // credited with work done elsewhere.
  let skewMs = 0;
  // The renderer's first page, drawn while the engine starts (the app warms the engine as it
  // begins drawing): the part of the engine's start that outlasts it is charged to the pool.
  let firstRenderMs = 0;
  for (let i = 0; pngs.length < n; i++) {
    const d = docs[i % docs.length]!;
    const t0 = performance.now();
    const doc = await openForRender(new Uint8Array(fs.readFileSync(d.pdf)));
    // Drawn and measured as the app's renderer does it, page after page in one process
    // (render-page.ts times its own skew measurement).
    const drawn = await renderPageToPng(doc, 1 + (Math.floor(i / docs.length) % d.pages.length), dpi, { measureSkew: true });
    if (i === 0) firstRenderMs = performance.now() - t0;
    pngs.push(drawn.png);
    skews.push(drawn.skewRadians ?? null);
    skewMs += drawn.skewMs ?? 0;
    await doc.loadingTask.destroy();
  }
  const files = pngs.map((png, i) => {
    const f = path.join(dir, `p${i}.png`);
    fs.writeFileSync(f, png);
    return f;
  });

  const sameData = path.join(dir, 'tessdata');
  fs.mkdirSync(sameData);
  fs.writeFileSync(path.join(sameData, 'eng.traineddata'), zlib.gunzipSync(fs.readFileSync(path.join(LANG_DATA_DIR, 'eng.traineddata.gz'))));
  const tesseract = (file: string, tessdata?: string, psm?: number) =>
    new Promise<void>((resolve, reject) => {
      const p = spawn('tesseract', [file, 'stdout', ...(tessdata ? ['--tessdata-dir', tessdata] : []), '-l', 'eng', '--dpi', String(dpi), ...(psm ? ['--psm', String(psm)] : [])], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      let err = '';
      p.stderr.on('data', (c) => (err += c));
      p.on('error', reject);
      p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tesseract exited ${code}: ${err}`))));
    });
  /** `workers` at a time over the list, as the pool does. */
  async function parallel(workers: number, each: (i: number) => Promise<unknown>) {
    let next = 0;
    await Promise.all(Array.from({ length: workers }, async () => {
      while (next < files.length) await each(next++);
    }));
  }

  /**
   * The floor under the pool's figure: bare tesseract.js workers with the app's settings (the same
   * data, psm 4, dpi and skew), started before the clock, reading the same PNGs in this process.
   * What the pool takes beyond this is Credence's own path (the engine's process and worker
   * starting, the page crossing to it, the words and layout worked out of the TSV, the skew
   * measured in the renderer); what this takes beyond the CLI is the engine's WebAssembly build.
   */
  /** Wall time, and the CPU this process (its workers' threads) spent meanwhile: nothing else runs in it then. */
  async function engineAlone(workers: number, cacheDir: string, core: 'app' | 'stock'): Promise<{ ms: number; cpuMs: number }> {
    const T = (await import('tesseract.js')).default;
    // 'app': the app's worker script, whose core has the faster LSTM step (core-patch.ts);
    // 'stock': tesseract.js's own worker script, with the core as npm ships it.
    const workerPath = core === 'app' ? { workerPath: SOURCE_TESSERACT_WORKER_PATH } : {};
    const ws = await Promise.all(Array.from({ length: workers }, async () => {
      const w = await T.createWorker('eng', T.OEM.LSTM_ONLY, { ...workerPath, langPath: LANG_DATA_DIR, gzip: true, cachePath: cacheDir, cacheMethod: 'none', logger: () => {}, errorHandler: () => {} });
      await w.setParameters({ tessedit_pageseg_mode: String(APP_PSM) as never, preserve_interword_spaces: '0', debug_file: '/dev/null' } as never);
      return w;
    }));
    try {
      const free = [...ws];
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      await parallel(workers, async (i) => {
        const w = free.pop()!;
        try {
          await w.recognize(pngs[i]!, { rotateAuto: false, rotateRadians: skews[i] ?? 0, user_defined_dpi: String(dpi) } as never, { text: false, blocks: false, tsv: true });
        } finally {
          free.push(w);
        }
      });
      const ms = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
    } finally {
      await Promise.all(ws.map((w) => w.terminate()));
    }
  }

  const runs = [];
  for (const workers of sizes) {
    let t = performance.now();
    await parallel(workers, (i) => tesseract(files[i]!));
    const cliMs = performance.now() - t;
    t = performance.now();
    const child0 = childrenCpuMs();
    await parallel(workers, (i) => tesseract(files[i]!, sameData));
    const cliSameDataMs = performance.now() - t;
    const child1 = childrenCpuMs();
    const cliSameDataCpuMs = child0 === null || child1 === null ? null : child1 - child0;
    // The headline pair, the CLI on the same job (same data, psm 4) and the pool, runs `rounds`
    // times, one right after the other: the ratio is each round's own, and the median of them is
    // reported, so a burst of load on the machine moves one round, not the verdict.
    const rounds: Array<{ cliSamePsmMs: number; cliSamePsmCpuMs: number | null; poolMs: number; poolStartMs: number; poolCpuMs: number }> = [];
    const cache = fs.mkdtempSync(path.join(dir, 'pool-'));
    for (let round = 0; round < roundCount; round++) {
      const childA = childrenCpuMs();
      t = performance.now();
      await parallel(workers, (i) => tesseract(files[i]!, sameData, APP_PSM));
      const cliSamePsmMs = performance.now() - t;
      const childB = childrenCpuMs();
      // The pool as the app runs it: in the engine's own process (engine-client.ts), whose CPU is
      // this process's children's once it has ended (the close waits for that).
      // The engine is started (warm) before the clock, as the app starts it while the first page is
      // drawn (ocr-service.ts); its start is timed apart and printed beside the ratio.
      const cpu0 = process.resourceUsage();
      t = performance.now();
      const pool = createOcrHostPool({ size: workers, cacheDir: cache });
      // Bounded: an engine that never answers would otherwise hold the bench forever.
      await Promise.race([pool.warm(workers), new Promise((_, reject) => setTimeout(() => reject(new Error('The OCR engine did not start within 60 s.')), 60_000).unref())]);
      const poolStartMs = performance.now() - t;
      t = performance.now();
      await Promise.all(pngs.map((png, i) => pool.recognize(png, { dpi, skewRadians: skews[i] })));
      const poolMs = performance.now() - t + skewMs / workers + Math.max(0, poolStartMs - firstRenderMs);
      const cpu1 = process.resourceUsage();
      await pool.close();
      const childC = childrenCpuMs();
      const ownCpuMs = (cpu1.userCPUTime + cpu1.systemCPUTime - cpu0.userCPUTime - cpu0.systemCPUTime) / 1000;
      rounds.push({
        cliSamePsmMs,
        cliSamePsmCpuMs: childA === null || childB === null ? null : childB - childA,
        poolMs,
        poolStartMs,
        poolCpuMs: ownCpuMs + (childB !== null && childC !== null ? childC - childB : 0),
      });
    }
    // The app's core and the stock one, alternating over the rounds so both see the same load.
    const app: Array<{ ms: number; cpuMs: number }> = [];
    const stock: Array<{ ms: number; cpuMs: number }> = [];
    for (let round = 0; round < roundCount; round++) {
      app.push(await engineAlone(workers, cache, 'app'));
      stock.push(await engineAlone(workers, cache, 'stock'));
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const engineAloneMs = med(app.map((r) => r.ms));
    const engineStockMs = med(stock.map((r) => r.ms));
    const engineAloneCpuMs = med(app.map((r) => r.cpuMs));
    const engineStockCpuMs = med(stock.map((r) => r.cpuMs));
    // The round whose ratio is the median stands for the run; every round's ratio is printed beside.
    const byRatio = [...rounds].sort((a, b) => a.poolMs / a.cliSamePsmMs - b.poolMs / b.cliSamePsmMs);
    const mid = byRatio[Math.floor(byRatio.length / 2)]!;
    runs.push({ workers, cliMs, cliSameDataMs, cliSameDataCpuMs, ...mid, engineAloneMs, engineStockMs, engineAloneCpuMs, engineStockCpuMs, roundRatios: rounds.map((r) => r.poolMs / r.cliSamePsmMs) });
  }
  console.log(JSON.stringify({ pages: n, dpi, skewMs, firstRenderMs, defaultSize: defaultPoolSize(), runs, loadStart, loadEnd: os.loadavg() }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
