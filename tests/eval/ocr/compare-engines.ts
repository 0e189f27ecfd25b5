// `npm run eval:ocr-engines`: the OCR engines considered for Credence, on the same scanned pages
// (the first chosen page of the first 3 policies in the 300-dpi set and in the skewed, noisy set;
// CREDENCE_OCR_COMPARE_DOCS=6 takes all six), one engine at a time, each alone in a child
// process on one thread: CER and WER against the original text layer, seconds per page (wall
// and CPU: the machine is shared), peak memory, and size on disk of what the engine needs.
// tesseract.js and its data are the project's own dependencies; scribe.js-ocr and PaddleOCR
// (@gutenye/ocr-node, onnxruntime-node) are read from CREDENCE_OCR_COMPARE_DIR, a folder outside
// the checkout where they were installed for this (see docs/ocr-engines.md); absent ones are
// listed as skipped. Native tesseract is Debian's tesseract-ocr.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildScanSets, type ScanPage } from './scan-set.ts';
import { charErrors, rate, wordErrors } from './text-metrics.ts';

const built = await buildScanSets((s) => console.log(s), ['scan-300', 'scan-300-skew-noise']);
if ('skipped' in built) {
  console.log(`eval:ocr-engines skipped: ${built.skipped}`);
  process.exit(0);
}
const docs = Number(process.env.CREDENCE_OCR_COMPARE_DOCS) || 3;
const compareDir = process.env.CREDENCE_OCR_COMPARE_DIR ?? '';
const pick = (name: string) => built.sets.find((s) => s.name === name)!.docs.slice(0, docs).map((d) => d.pages[0]!);
const groups: Array<[string, ScanPage[]]> = [['300 dpi', pick('scan-300')], ['300 dpi skew+noise', pick('scan-300-skew-noise')]];
const pages = groups.flatMap(([, p]) => p);

/** Bytes on disk of a package and everything it depends on, found as Node would resolve them. */
function packageBytes(root: string, names: string[], extraDirs: string[] = [], skip: (rel: string) => boolean = () => false): number {
  const seen = new Set<string>();
  const dirSize = (dir: string): number => {
    let n = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (skip(p)) continue;
      if (e.isDirectory()) n += e.name === 'node_modules' ? 0 : dirSize(p);
      else if (e.isFile()) n += fs.statSync(p).size;
    }
    return n;
  };
  let total = 0;
  const visit = (name: string, from: string) => {
    let dir: string;
    try {
      dir = path.dirname(createRequire(path.join(from, 'package.json')).resolve(`${name}/package.json`));
    } catch {
      return; // optional dependency of another platform
    }
    if (seen.has(dir)) return;
    seen.add(dir);
    total += dirSize(dir);
    const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const d of Object.keys({ ...pj.dependencies, ...pj.optionalDependencies })) visit(d, dir);
  };
  for (const n of names) visit(n, root);
  for (const d of extraDirs) total += dirSize(d);
  return total;
}
const repo = path.resolve(import.meta.dirname, '../../..');
const eng = path.dirname(createRequire(path.join(repo, 'package.json')).resolve('@tesseract.js-data/eng/package.json'));
/** Skips the language-data folders other than `model` (each engine is counted with its own). */
const other = (model: string) => (p: string) => {
  const own = path.join(eng, model);
  return p.startsWith(eng + path.sep) && p !== own && !p.startsWith(own + path.sep) && !/\.(json|js|md)$/.test(p);
};
function debSize(pkgs: string[]): number | null {
  const r = spawnSync('dpkg-query', ['-Wf', '${Installed-Size}\n', ...pkgs], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n').reduce((s, k) => s + Number(k) * 1024, 0) : null;
}
const present = (spec: string) => {
  if (!compareDir) return false;
  try {
    createRequire(path.join(compareDir, 'package.json')).resolve(spec);
    return true;
  } catch {
    return false;
  }
};
const hasCli = spawnSync('tesseract', ['--version']).status === 0;

interface Engine { id: string; label: string; present: boolean; why?: string; bytes: () => number | null }
const engines: Engine[] = [
  { id: 'tesseract.js-best_int', label: 'tesseract.js 7 + eng 4.0.0_best_int', present: true, bytes: () => packageBytes(repo, ['tesseract.js', '@tesseract.js-data/eng'], [], other('4.0.0_best_int')) },
  { id: 'tesseract.js-float', label: 'tesseract.js 7 + eng 4.0.0 (legacy + LSTM data)', present: true, bytes: () => packageBytes(repo, ['tesseract.js', '@tesseract.js-data/eng'], [], other('4.0.0')) },
  { id: 'scribe.js-ocr', label: 'scribe.js-ocr 0.15 (+ eng 4.0.0)', present: present('scribe.js-ocr'), why: 'not installed in CREDENCE_OCR_COMPARE_DIR', bytes: () => packageBytes(compareDir, ['scribe.js-ocr'], [path.join(eng, '4.0.0')]) },
  { id: 'paddleocr-onnx', label: 'PaddleOCR v4 (@gutenye/ocr-node, onnxruntime-node)', present: present('@gutenye/ocr-node'), why: 'not installed in CREDENCE_OCR_COMPARE_DIR', bytes: () => packageBytes(compareDir, ['@gutenye/ocr-node']) },
  { id: 'tesseract-cli', label: 'tesseract 5.3 CLI (Debian tesseract-ocr, eng)', present: hasCli, why: 'apt-get install -y tesseract-ocr', bytes: () => debSize(['tesseract-ocr', 'libtesseract5', 'liblept5', 'tesseract-ocr-eng', 'tesseract-ocr-osd']) },
];

const list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'credence-ocr-compare-')), 'pages.json');
fs.writeFileSync(list, JSON.stringify(pages.map((p) => p.png)));
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`OCR engines on ${pages.length} scanned pages (${groups.map(([g, p]) => `${p.length} ${g}`).join(', ')}), ${process.env.CREDENCE_OCR_COMPARE_PARALLEL === '1' ? 'all engines side by side' : 'one engine at a time'}, one thread each`);
console.log(`${os.cpus().length} cores, load average at start ${load()}\n`);
const mb = (b: number | null) => (b === null ? '?' : `${(b / 2 ** 20).toFixed(0)} MB`);
// CREDENCE_OCR_COMPARE_PARALLEL=1 runs the engines side by side: on a machine already loaded by
// others it finishes sooner, CPU time and memory stay each engine's own, wall time does not.
const parallel = process.env.CREDENCE_OCR_COMPARE_PARALLEL === '1';
function runEngine(id: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // In a temp folder: scribe.js caches language data in the current folder, never the checkout.
    const p = spawn(process.execPath, [path.join(import.meta.dirname, 'engine-runner.ts'), id, list], { cwd: path.dirname(list), env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    let stdout = '', stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const started = new Map<string, ReturnType<typeof runEngine>>();
if (parallel) for (const e of engines) if (e.present) started.set(e.id, runEngine(e.id));
const rows: string[] = [];
for (const e of engines) {
  if (!e.present) {
    rows.push(`| ${e.label} | skipped: ${e.why} | | | | | |`);
    continue;
  }
  const r = await (started.get(e.id) ?? runEngine(e.id));
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) {
    rows.push(`| ${e.label} | failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ').slice(0, 200)} | | | | | |`);
    continue;
  }
  const out = JSON.parse(line) as { texts: string[]; pageMs: number[]; initMs: number; cpuMs: number; maxRssMb: number; note: string };
  const cells = groups.map(([, ps]) => {
    const idx = ps.map((p) => pages.indexOf(p));
    const c = rate(idx.map((i) => charErrors(pages[i]!.truth, out.texts[i]!))), w = rate(idx.map((i) => wordErrors(pages[i]!.truth, out.texts[i]!)));
    return `${(100 * c).toFixed(2)} / ${(100 * w).toFixed(2)}`;
  });
  const wall = out.pageMs.reduce((s, x) => s + x, 0) / 1000 / pages.length;
  const cpu = out.cpuMs / 1000 / pages.length;
  rows.push(`| ${e.label} | ${cells.join(' | ')} | ${wall.toFixed(1)} | ${cpu.toFixed(1)} | ${out.maxRssMb.toFixed(0)} MB | ${mb(e.bytes())} |`);
  console.log(`${e.id}: done (init ${(out.initMs / 1000).toFixed(1)} s; ${out.note || 'defaults'}; load ${load()})`);
}
fs.rmSync(path.dirname(list), { recursive: true, force: true });
console.log(`\n| engine | CER / WER % (300 dpi) | CER / WER % (skew+noise) | s/page wall | s/page CPU | peak RSS | on disk |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const r of rows) console.log(r);
console.log(`\nLoad average at end ${load()}. CPU time includes the engine's threads (and child processes for the CLI); peak RSS is the whole process (Node's own ~50 MB included for the JS engines).`);
