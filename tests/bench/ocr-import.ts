// A scanned policy of PAGES pages (the corpus scan set's 300-dpi page images, repeated, wrapped
// as one image-only PDF) imported into a fresh workspace with OCR on, as the app does it, and
// read to the last page and pre-reviewed: the whole process's peak RSS (main thread, render and OCR workers)
// and the main thread's event-loop delay throughout.
// Peak RSS is the whole app's: this process and its page-drawing processes (app-memory.ts).
// The main thread's own garbage collections are timed beside the delay (a full collection of its
// heap is one of the delay's causes that no change to the OCR path can remove).
// Each stall of the main thread is split into the time it ran and the time it waited for a core
// (main-thread-stalls.ts): on a busy 2-core VM the second is the operating system's, not work.
// Prints JSON {pages, pagesOcr, failed, ms, maxRssMb, loopMaxMs, loopP99Ms, gcMaxMs, fullGcs, stall, poolSize, meanConfidence}.
// Usage: node ocr-import.ts [PAGES]   (default 100)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { defaultPoolSize } from '../../electron/services/ocr/engine.ts';
import { openWorkspace } from '../../electron/services/workspace.ts';
import { buildScanSets } from '../eval/ocr/scan-set.ts';
import { watchAppMemory } from './app-memory.ts';
import { watchStalls } from './main-thread-stalls.ts';

const n = Number(process.argv[2]) || 100;
const built = await buildScanSets(undefined, ['scan-300']);
if ('skipped' in built) {
  console.log(JSON.stringify({ skipped: built.skipped }));
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-bench-ocr-import-'));
try {
  const images = built.sets.find((s) => s.name === 'scan-300')!.docs.flatMap((d) => d.pages.map((p) => p.png));
  const pdf = path.join(dir, 'scanned-manual.pdf');
  execFileSync('img2pdf', ['--output', pdf, ...Array.from({ length: n }, (_, i) => images[i % images.length]!)]);
  const ws = openWorkspace({ dataDir: path.join(dir, 'ws'), ocr: { auto: true } });
  const c = ws.services.cases.create({ agencyName: 'Bench Police Department', ori: 'IL0000009', state: 'IL', agencyType: null, jurisdiction: null, dueDate: null });
  const memory = watchAppMemory();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let gcMaxMs = 0;
  let fullGcs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMaxMs = Math.max(gcMaxMs, e.duration);
      if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullGcs++;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  const stalls = watchStalls();
  const t0 = performance.now();
  const [r] = await ws.services.documents.import({ caseId: c.id, paths: [pdf] });
  if (!r?.ok) throw new Error(`import failed: ${r?.ok === false ? r.message : '?'}`);
  await ws.services.ocr.whenIdle();
  // The app pre-reviews the document once its last page lands: that is part of the run, and
  // the delay monitor sees the last block only when the loop turns once more.
  await ws.services.prereview.settle(c.id);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const ms = performance.now() - t0;
  loop.disable();
  gc.disconnect();
  const stall = stalls();
  const mem = memory();
  const s = ws.services.ocr.summary(r.document.id);
  const errors = (ws.ctx.db.prepare(`SELECT DISTINCT error FROM page_ocr WHERE status = 'failed' LIMIT 3`).all() as Array<{ error: string }>).map((e) => e.error);
  console.log(JSON.stringify({ pages: r.document.pageCount, pagesOcr: s?.pagesOcr ?? 0, failed: s?.failed ?? 0, meanConfidence: s?.meanConfidence ?? null, ms, poolSize: defaultPoolSize(), maxRssMb: mem.peakMb, childrenRssMb: mem.childrenPeakMb, loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6, gcMaxMs, fullGcs, stall, errors }));
  ws.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
