// Diagnostic: the raw tesseract.js blocks of every page of a set, read as the engine reads them
// (same worker options), to study and score text assembly offline with assess-raw.ts.
// RAW_PARAMS='{"tessedit_pageseg_mode":"3"}' node tests/eval/ocr/dump-raw.ts scan-300 OUT.json
// (the engine's own layout, psm 4, is the default here too).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANG_DATA_DIR, SOURCE_TESSERACT_WORKER_PATH } from '../../../electron/services/ocr/engine.ts';
import { layoutFromTsv } from '../../../electron/services/ocr/tsv-layout.ts';
import { openForRender, renderPageToPng } from '../../../electron/services/ocr/render-page.ts';
import { buildScanSets } from './scan-set.ts';

const setName = process.argv[2] ?? 'scan-300';
const out = process.argv[3] ?? path.join(os.tmpdir(), `credence-ocr-raw-${setName}.json`);
const extra = JSON.parse(process.env.RAW_PARAMS ?? '{}') as Record<string, string>;
const dpi = Number(process.env.RAW_DPI ?? 300);
const built = await buildScanSets(() => {}, [setName]);
if ('skipped' in built) throw new Error(built.skipped);
const T = (await import('tesseract.js')).default;
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'raw-'));
const w = await T.createWorker('eng', T.OEM.LSTM_ONLY, { workerPath: SOURCE_TESSERACT_WORKER_PATH, langPath: LANG_DATA_DIR, gzip: true, cachePath: cache, cacheMethod: 'none', logger: () => {}, errorHandler: () => {} });
await w.setParameters({ tessedit_pageseg_mode: T.PSM.SINGLE_COLUMN, preserve_interword_spaces: '0', debug_file: '/dev/null', ...extra } as never);
const res: Array<{ doc: string; page: number; truth: string; width: number; height: number; rotateRadians: number; blocks: unknown }> = [];
for (const d of built.sets[0]!.docs) {
  const doc = await openForRender(new Uint8Array(fs.readFileSync(d.pdf)));
  for (const [i, p] of d.pages.entries()) {
    const { png, width, height } = await renderPageToPng(doc, i + 1, dpi);
    // As the engine reads it: Tesseract's TSV, read back into blocks (tsv-layout.ts).
    const r = await w.recognize(png, { rotateAuto: true, user_defined_dpi: String(dpi) } as never, { text: false, blocks: false, tsv: true });
    res.push({ doc: d.doc, page: p.page, truth: p.truth, width, height, rotateRadians: r.data.rotateRadians ?? 0, blocks: layoutFromTsv(r.data.tsv ?? '') });
    process.stdout.write('.');
  }
  await doc.loadingTask.destroy();
}
await w.terminate();
fs.rmSync(cache, { recursive: true, force: true });
fs.writeFileSync(out, JSON.stringify(res));
console.log(`\n${res.length} pages → ${out}`);
