// One OCR engine over a list of page images, alone in this process, so that its peak memory is
// its own. Prints one JSON line: {texts, pageMs, initMs, cpuMs, maxRssMb, note}. cpuMs (user +
// system time of the process, its threads and its child processes) is reported beside wall time
// because on a shared, loaded machine wall time measures the neighbours as much as the engine.
// Usage: node engine-runner.ts ENGINE LIST.json   (ENGINE: see RUNNERS; LIST: array of PNG paths)
// Engines outside the project (scribe.js-ocr, PaddleOCR through @gutenye/ocr-node) are loaded
// from CREDENCE_OCR_COMPARE_DIR, a folder where they were npm-installed for the comparison.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ENG = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
const COMPARE_DIR = process.env.CREDENCE_OCR_COMPARE_DIR ?? '';

type Recognise = (png: string) => Promise<string>;
interface Runner {
  init(): Promise<{ recognise: Recognise; close(): Promise<void>; note?: string }>;
}

async function tesseractJs(model: '4.0.0_best_int' | '4.0.0'): Promise<Awaited<ReturnType<Runner['init']>>> {
  const { createWorker, OEM } = await import('tesseract.js');
  const cachePath = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-ocr-compare-'));
  const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath: path.join(ENG, model), gzip: true, cachePath, cacheMethod: 'none' });
  return {
    recognise: async (png) => (await worker.recognize(png)).data.text,
    close: async () => { await worker.terminate(); fs.rmSync(cachePath, { recursive: true, force: true }); },
  };
}

const fromCompareDir = (spec: string) => {
  const req = createRequire(path.join(COMPARE_DIR, 'package.json'));
  return import(pathToFileURL(req.resolve(spec)).href);
};

export const RUNNERS: Record<string, Runner> = {
  'tesseract.js-best_int': { init: () => tesseractJs('4.0.0_best_int') },
  'tesseract.js-float': { init: () => tesseractJs('4.0.0') },
  'tesseract-cli': {
    // Debian's tesseract 5 with its own eng model, one thread, page segmentation as default (3).
    async init() {
      const time = fs.existsSync('/usr/bin/time');
      let peakKb = 0, cpuMs = 0;
      return {
        note: time ? 'peak = largest tesseract process (/usr/bin/time)' : 'peak memory unknown (no /usr/bin/time)',
        recognise: async (png) => {
          const args = ['tesseract', png, 'stdout', '-l', 'eng'];
          const r = time ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', ...args], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } }) : spawnSync(args[0]!, args.slice(1), { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
          if (r.status !== 0) throw new Error(r.stderr);
          if (time) {
            const [kb, user, sys] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
            peakKb = Math.max(peakKb, kb!);
            cpuMs += (user! + sys!) * 1000;
          }
          (globalThis as any).child = { peakMb: peakKb / 1024, cpuMs };
          return r.stdout;
        },
        close: async () => {},
      };
    },
  },
  'scribe.js-ocr': {
    async init() {
      const scribe = (await fromCompareDir('scribe.js-ocr')).default;
      // Its default model is Tesseract's legacy + LSTM, whose data is the float package: read it
      // from disk (by default scribe.js fetches it from a CDN).
      scribe.opt.langPath = path.join(ENG, '4.0.0');
      scribe.opt.workerN = 1;
      await scribe.init({ ocr: true });
      return {
        note: 'legacy+LSTM ("quality" mode), 1 worker',
        recognise: async (png) => String(await scribe.extractText([png], ['eng'], 'txt')),
        close: async () => { await scribe.terminate(); },
      };
    },
  },
  'paddleocr-onnx': {
    async init() {
      const Ocr = (await fromCompareDir('@gutenye/ocr-node')).default;
      const ocr = await Ocr.create();
      return {
        note: 'PP-OCRv4 (ch) det+rec via onnxruntime-node, its default threads',
        recognise: async (png) => ((await ocr.detect(png)) as Array<{ text: string }>).map((l) => l.text).join('\n'),
        close: async () => {},
      };
    },
  },
};

if (import.meta.filename === process.argv[1]) {
  const [engine, list] = process.argv.slice(2);
  const runner = RUNNERS[engine!];
  if (!runner) throw new Error(`no engine ${engine}; have ${Object.keys(RUNNERS).join(', ')}`);
  const pngs = JSON.parse(fs.readFileSync(list!, 'utf8')) as string[];
  const t0 = performance.now();
  const r = await runner.init();
  const initMs = performance.now() - t0;
  const texts: string[] = [], pageMs: number[] = [];
  for (const png of pngs) {
    const t = performance.now();
    texts.push(await r.recognise(png));
    pageMs.push(performance.now() - t);
  }
  await r.close();
  const ru = process.resourceUsage();
  const child = (globalThis as any).child as { peakMb: number; cpuMs: number } | undefined;
  const cpuMs = child ? child.cpuMs : (ru.userCPUTime + ru.systemCPUTime) / 1000;
  console.log(JSON.stringify({ texts, pageMs, initMs, cpuMs, maxRssMb: child ? child.peakMb : ru.maxRSS / 1024, note: r.note ?? '' }));
  process.exit(0);
}
