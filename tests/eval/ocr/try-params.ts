// Diagnostic: a few pages read with variants of rendering resolution and tesseract parameters,
// CER as read and order-free and how often "warn" survives (OCR reads its "rn" as "m").
// VARIANTS='[{"name":"400","dpi":400,"params":{}}]' PAGES='Hanover#2,Buffalo#1' node tests/eval/ocr/try-params.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANG_DATA_DIR, SOURCE_TESSERACT_WORKER_PATH } from '../../../electron/services/ocr/engine.ts';
import { openForRender, renderPageToPng } from '../../../electron/services/ocr/render-page.ts';
import { buildScanSets } from './scan-set.ts';
import { charErrors, orderFreeCharErrors, rate } from './text-metrics.ts';

const variants = JSON.parse(process.env.VARIANTS!) as Array<{ name: string; dpi: number; params: Record<string, string> }>;
const pick = (process.env.PAGES ?? 'Hanover#2,Springfield#1,Buffalo#1,Buffalo#2,Hanover#6').split(',');
const built = await buildScanSets(() => {}, [process.env.SET ?? 'scan-300']);
if ('skipped' in built) throw new Error(built.skipped);
const T = (await import('tesseract.js')).default;
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'raw-'));
const w = await T.createWorker('eng', T.OEM.LSTM_ONLY, { workerPath: SOURCE_TESSERACT_WORKER_PATH, langPath: LANG_DATA_DIR, gzip: true, cachePath: cache, cacheMethod: 'none', logger: () => {}, errorHandler: () => {} });
const pages: Array<{ pdf: string; i: number; truth: string; label: string }> = [];
for (const d of built.sets[0]!.docs) d.pages.forEach((p, i) => { if (pick.some((k) => { const [doc, pg] = k.split('#'); return d.doc.includes(doc!) && String(p.page) === pg; })) pages.push({ pdf: d.pdf, i, truth: p.truth, label: `${d.doc.slice(3, 16)} p${p.page}` }); });
for (const v of variants) {
  await w.setParameters({ tessedit_pageseg_mode: T.PSM.SINGLE_COLUMN, preserve_interword_spaces: '0', debug_file: '/dev/null', ...v.params } as never);
  const c = [], b = [];
  let warnT = 0, warnO = 0;
  const t0 = performance.now();
  for (const p of pages) {
    const doc = await openForRender(new Uint8Array(fs.readFileSync(p.pdf)));
    const { png } = await renderPageToPng(doc, p.i + 1, v.dpi);
    await doc.loadingTask.destroy();
    const r = await w.recognize(png, { rotateAuto: true, user_defined_dpi: String(v.dpi) } as never, { text: true });
    c.push(charErrors(p.truth, r.data.text)); b.push(orderFreeCharErrors(p.truth, r.data.text));
    warnT += (p.truth.match(/warn/gi) ?? []).length; warnO += (r.data.text.match(/warn/gi) ?? []).length;
  }
  console.log(`${v.name.padEnd(28)} CER ${(100 * rate(c)).toFixed(2)}  order-free ${(100 * rate(b)).toFixed(2)}  "warn" ${warnO}/${warnT}  ${((performance.now() - t0) / 1000 / pages.length).toFixed(1)} s/page`);
}
await w.terminate();
fs.rmSync(cache, { recursive: true, force: true });
