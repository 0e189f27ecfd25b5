// `npm run eval:ocr`: OCR accuracy on scanned copies of corpus pages, through the app's own path
// (each image-only PDF's page drawn by renderPageToPng at the OCR resolution, then read by
// createOcrHostPool, the engine in its own process). Per set: character and word error rates against the original text layer
// (normalised as text-metrics.ts says), both as read (reading order counts) and order-free (words
// matched as multisets: only misread, missed or invented words count), the worst pages, mean confidence, turns and skew found,
// and, third, against the same text layer put in the page's visual reading order (visual-order.ts:
// rows top to bottom, left to right, columns one after the other), which no longer charges OCR for
// the order a content stream stores page furniture in; and whether pre-review of the scanned copy takes the same stance as of the original, rule by
// rule. A report, not a test: it exits 0 (and skips, saying why, without the corpus or tools).
// Not part of `npm test`: it reads ~108 pages, tens of minutes on two busy cores.
// CREDENCE_OCR_EVAL_SETS=scan-300,scan-150 limits the sets; CREDENCE_OCR_POOL the pool size;
// CREDENCE_OCR_DPI the resolution pages are drawn at (as in the app).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPoolSize } from '../../../electron/services/ocr/engine.ts';
import { createOcrHostPool } from '../../../electron/services/ocr/engine-client.ts';
import { ocrLimitsFromEnv } from '../../../electron/services/ocr/limits.ts';
import { openForRender, renderPageToPng } from '../../../electron/services/ocr/render-page.ts';
import { prereviewDocument } from '../../../shared/domain/prereview/engine.ts';
import { RULE_IDS } from '../../../shared/domain/prereview/types.ts';
import { buildScanSets, CACHE, type ScanSet } from './scan-set.ts';
import { bagOfWordsErrors, charErrors, orderFreeCharErrors, rate, wordErrors, type ErrorCount } from './text-metrics.ts';

// CREDENCE_OCR_CLEAN=none: the page as drawn, without clean-page.ts's cleaning (default: what the
// app does), for measuring what the cleaning is worth.
const cleanEnv = process.env.CREDENCE_OCR_CLEAN;
const CLEAN = cleanEnv === 'none' ? false : undefined;
const pct = (x: number, d = 2) => `${(100 * x).toFixed(d)} %`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

const only = process.env.CREDENCE_OCR_EVAL_SETS?.split(',').filter(Boolean);
const built = await buildScanSets((s) => console.log(s), only);
if ('skipped' in built) {
  console.log(`eval:ocr skipped: ${built.skipped}`);
  process.exit(0);
}
const sets = built.sets;
const dpi = ocrLimitsFromEnv().dpi; // CREDENCE_OCR_DPI, as the app reads it
const size = Number(process.env.CREDENCE_OCR_POOL) || defaultPoolSize();
const poolCache = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-ocr-eval-pool-'));
// In the engine's own process, as the app reads.
const pool = createOcrHostPool({ size, cacheDir: poolCache });
console.log(`OCR eval — ${pool.info.name} ${pool.info.version}, language data sha256 ${pool.info.langDataSha256.slice(0, 12)}…, pool of ${pool.size}, pages drawn at ${dpi} dpi, cleaned: ${cleanEnv ?? 'as the app does'}`);
console.log(`${os.cpus().length} cores, load average at start ${load()} (1/5/15 min); scans cached in ${CACHE}\n`);

interface PageOut {
  doc: string; page: number; cer: number; wer: number; chars: ErrorCount; words: ErrorCount;
  /** against the text layer in visual reading order */
  visCer: number; visWer: number; visChars: ErrorCount; visWords: ErrorCount;
  /** order-free: character edits among unmatched words, and bag-of-words WER */
  ofCer: number; bowWer: number; ofChars: ErrorCount; bowWords: ErrorCount;
  confidence: number; rotation: number; skew: number; rotated90: boolean; text: string;
}
const detail: Record<string, PageOut[]> = {};
const summary: string[] = [];

async function runSet(set: ScanSet) {
  const t0 = performance.now();
  const pages: PageOut[] = [];
  const rules = { same: 0, total: 0, differs: [] as string[] };
  for (const d of set.docs) {
    const doc = await openForRender(new Uint8Array(fs.readFileSync(d.pdf)));
    // Every page of the copy at once: the pool reads as many as it has workers.
    const reads = await Promise.all(
      d.pages.map(async (p, i) => {
        // As the app's renderer draws a page: with its skew measured (skew.ts) for the engine.
        const { png, skewRadians } = await renderPageToPng(doc, i + 1, dpi, { measureSkew: true, clean: CLEAN });
        return pool.recognize(png, { dpi, skewRadians });
      }),
    );
    await doc.loadingTask.destroy();
    d.pages.forEach((p, i) => {
      const r = reads[i]!;
      const chars = charErrors(p.truth, r.text), words = wordErrors(p.truth, r.text);
      const ofChars = orderFreeCharErrors(p.truth, r.text), bowWords = bagOfWordsErrors(p.truth, r.text);
      const visChars = charErrors(p.truthVisual, r.text), visWords = wordErrors(p.truthVisual, r.text);
      pages.push({ doc: d.doc, page: p.page, chars, words, cer: rate([chars]), wer: rate([words]), visChars, visWords, visCer: rate([visChars]), visWer: rate([visWords]), ofChars, bowWords, ofCer: rate([ofChars]), bowWer: rate([bowWords]), confidence: r.meanConfidence ?? 0, rotation: r.rotation, skew: r.skewDegrees, rotated90: p.rotated90, text: r.text });
    });
    const original = prereviewDocument(d.pages.map((p) => p.truth), { fileName: d.doc });
    const scanned = prereviewDocument(reads.map((r) => r.text), { fileName: d.doc });
    for (const id of RULE_IDS) {
      rules.total++;
      if (original.rules[id].stance === scanned.rules[id].stance) rules.same++;
      else rules.differs.push(`${d.doc} ${id}: original ${original.rules[id].stance}, scan ${scanned.rules[id].stance}`);
    }
  }
  const sec = (performance.now() - t0) / 1000;
  detail[set.name] = pages;
  const cer = rate(pages.map((p) => p.chars)), wer = rate(pages.map((p) => p.words));
  const ofCer = rate(pages.map((p) => p.ofChars)), bowWer = rate(pages.map((p) => p.bowWords));
  const visCer = rate(pages.map((p) => p.visChars)), visWer = rate(pages.map((p) => p.visWords));
  const okVis = visCer <= 0.02 && visWer <= 0.04;
  const strict = set.dpi >= 300;
  const ok = cer <= 0.02 && wer <= 0.04;
  const okFree = ofCer <= 0.02 && bowWer <= 0.04;
  console.log(`${set.name}: ${set.label} — ${pages.length} pages of ${set.docs.length} policies, ${sec.toFixed(0)} s (${(sec / pages.length).toFixed(1)} s/page wall, load ${load()})`);
  console.log(`  as read:    CER ${pct(cer)}   WER ${pct(wer)}   ${strict ? `targets CER ≤ 2 %, WER ≤ 4 %: ${ok ? 'meets target' : 'MISSES target'}` : '(targets apply at 300 dpi)'}`);
  console.log(`  visual order: CER ${pct(visCer)}   WER ${pct(visWer)} (reference in the page's reading order)   ${strict ? `same targets: ${okVis ? 'meets target' : 'MISSES target'}` : ''}`);
  console.log(`  order-free: CER ${pct(ofCer)}   WER ${pct(bowWer)} (bag of words)   ${strict ? `same targets: ${okFree ? 'meets target' : 'MISSES target'}` : ''}`);
  console.log(`  mean confidence ${(pages.reduce((s, p) => s + p.confidence, 0) / pages.length).toFixed(1)}; skew found: ${[...new Set(pages.map((p) => p.skew.toFixed(1)))].join(', ')}°`);
  for (const p of pages.filter((x) => x.rotated90 || x.rotation !== 0)) console.log(`  page turned 90° in the scan: ${p.doc} p${p.page} → engine turned it ${p.rotation}°, CER ${pct(p.cer)}, WER ${pct(p.wer)}${p.rotated90 ? '' : ' (not a turned page!)'}`);
  for (const p of [...pages].sort((a, b) => b.cer - a.cer).slice(0, 3)) console.log(`  worst: ${p.doc} p${p.page}  CER ${pct(p.cer)}  WER ${pct(p.wer)}  visual ${pct(p.visCer)} / ${pct(p.visWer)}  order-free ${pct(p.ofCer)} / ${pct(p.bowWer)}  conf ${p.confidence}`);
  console.log(`  pre-review, same stance as the original: ${rules.same}/${rules.total} rules (${pct(rules.same / rules.total, 0)})   target ≥ 95 %: ${rules.same / rules.total >= 0.95 ? 'meets target' : 'MISSES target'}`);
  for (const d of rules.differs) console.log(`    DIFFERS ${d}`);
  console.log('');
  summary.push(`${set.name.padEnd(22)} ${String(pages.length).padStart(5)}  ${pct(cer).padStart(8)}  ${pct(wer).padStart(8)}  ${pct(visCer).padStart(8)}  ${pct(visWer).padStart(8)}  ${pct(ofCer).padStart(8)}  ${pct(bowWer).padStart(8)}  ${`${rules.same}/${rules.total}`.padStart(7)}  ${(sec / pages.length).toFixed(1).padStart(6)}`);
}

try {
  for (const s of sets) await runSet(s);
} finally {
  await pool.close();
  fs.rmSync(poolCache, { recursive: true, force: true });
}
console.log(`${'set'.padEnd(22)} pages       CER       WER   vis CER   vis WER  free CER   BoW WER  stances  s/page`);
for (const l of summary) console.log(l);
const out = path.join(CACHE, `last-eval-${sets.map((x) => x.name).join('+')}.json`);
fs.writeFileSync(out, JSON.stringify(detail, null, 1));
console.log(`\nPer-page texts and figures: ${out}. Normalisation: NFKC, typographic quotes and dashes unified, bullets, drawn rules, leaders and filler words dropped, whitespace collapsed (none before closing punctuation); case and punctuation kept. Order-free: words matched as multisets first.`);
