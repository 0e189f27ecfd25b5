// The full import (checks, parallel extraction, blob, SQLite rows and index) of one file into a
// fresh workspace, with the main thread's event-loop delay sampled throughout. The extractor runs
// in child processes, whose memory this process's own peak does not include: the whole app's
// resident size (this process plus them) is sampled every 20 ms (app-memory.ts).
// Each stall is split into the thread's own work, its wait for a core and the VM host's steal
// (main-thread-stalls.ts).
// Then the background look for a scanner's own OCR that follows an import in the app, timed apart.
// Prints JSON {ms, pages, maxRssMb, childrenRssMb, loopMaxMs, loopP99Ms, stall, survey}. Usage: node full-import.ts file.pdf
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openWorkspace } from '../../electron/services/workspace.ts';
import { watchAppMemory } from './app-memory.ts';
import { watchStalls } from './main-thread-stalls.ts';

const memory = watchAppMemory();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-bench-'));
// Removed however the import ends: a file that fails to import must not leave its workspace behind.
try {
  const ws = openWorkspace({ dataDir: dir });
  const c = ws.services.cases.create({ agencyName: 'Bench Police Department', ori: 'IL0000009', state: 'IL', agencyType: null, jurisdiction: null, dueDate: null });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const stalls = watchStalls();
  const t0 = performance.now();
  const [r] = await ws.services.documents.import({ caseId: c.id, paths: [process.argv[2]!] });
  const ms = performance.now() - t0;
  // The delay monitor sees a block only when the loop next turns: without one more turn the
  // import's own last step (storing every page in one transaction) would never be counted.
  await new Promise((resolve) => setTimeout(resolve, 20));
  loop.disable();
  const stall = stalls();
  const mem = memory();
  if (!r?.ok) throw new Error(`import failed: ${r?.ok === false ? r.message : '?'}`);
  // Then what the app does next in the background: the look for a scanner's own OCR
  // (scanner-text-survey.ts), timed and its own process's memory watched apart from the import's.
  const surveyMemory = watchAppMemory();
  const surveyLoop = monitorEventLoopDelay({ resolution: 5 });
  surveyLoop.enable();
  const s0 = performance.now();
  await ws.services.scannerSurvey.complete([r.document.id]);
  const surveyMs = performance.now() - s0;
  await new Promise((resolve) => setTimeout(resolve, 20));
  surveyLoop.disable();
  const survey = { ms: surveyMs, scannerPages: ws.services.scannerSurvey.foundPages(r.document.id)?.length ?? null, childrenRssMb: surveyMemory().childrenPeakMb, loopMaxMs: surveyLoop.max / 1e6 };
  console.log(JSON.stringify({ ms, pages: r.document.pageCount, maxRssMb: mem.peakMb, childrenRssMb: mem.childrenPeakMb, loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6, stall, survey }));
  ws.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
