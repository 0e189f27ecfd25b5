// The scanned test set for the OCR eval, bench and engine comparison, made from the corpus:
// up to 6 pages from each of 6 corpus policies (the pages the pre-review engine draws evidence from
// first, then the first pages with text), rendered as a scanner would (poppler's pdftoppm, 8-bit
// grey), optionally skewed and speckled with ImageMagick, and wrapped as image-only PDFs with
// img2pdf (one per policy and set). The reference for each page is the original's text layer,
// as Credence's own extraction reads it.
//
// Files go to a cache folder outside the checkout (CREDENCE_OCR_EVAL_CACHE, else
// os.tmpdir()/credence-ocr-eval-cache), reused across runs: rendering takes a minute, OCR is
// what is measured. RECIPE names the recipe: change it when the recipe changes.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prereviewDocument } from '../../../shared/domain/prereview/engine.ts';
import { RULE_IDS } from '../../../shared/domain/prereview/types.ts';
import { visualOrder, type TextItem } from './visual-order.ts';

// v2: a turned page's image is named for its turn (v1 reused a page turned under an older choice of pages).
const RECIPE = 'v2';
export const CORPUS = path.resolve(process.env.CREDENCE_CORPUS ?? path.join(import.meta.dirname, '../../../../shared/corpus'));
export const CACHE = path.resolve(process.env.CREDENCE_OCR_EVAL_CACHE || path.join(os.tmpdir(), 'credence-ocr-eval-cache'));

/** Six policies of different agencies, typesetting and length (typed orders and Lexipol manuals). */
export const DOCS = [
  'IL_LakeCountySO_1.6.01_Use_of_Force_2020.pdf',
  'IL_HanoverParkPD_205-P_Use_of_Force_2020.pdf',
  'IL_SpringfieldPD_UOF-02_Deadly_Force.pdf',
  'IL_UrbanaPD_Lexipol300_Use_of_Force_2017.pdf',
  'IL_RockfordPD_GO1.06_Response_to_Resistance_2017.pdf',
  'IL_BuffaloGrovePD_W-03_Use_of_Force_2020.pdf',
];
/** Six a policy (Buffalo Grove has four): 34 pages a set, over the 30 the issue asks for. */
export const PAGES_PER_DOC = 6;

export interface ScanPage {
  doc: string;
  /** page number in the original policy */
  page: number;
  /** the original's text layer for that page, in the order it stores its items */
  truth: string;
  /** the same items in the page's visual reading order (visual-order.ts) */
  truthVisual: string;
  /** the scanned image (8-bit grey PNG) as wrapped into the PDF */
  png: string;
  rotated90: boolean;
}
export interface ScanDoc {
  doc: string;
  /** image-only PDF: the scanned copy of the chosen pages */
  pdf: string;
  pages: ScanPage[];
}
export interface ScanSet {
  name: string;
  label: string;
  dpi: number;
  docs: ScanDoc[];
}

interface Recipe {
  name: string;
  label: string;
  dpi: number;
  skew: number;
  noise: boolean;
  /** only the first document, with its second chosen page turned 90° (a page fed sideways) */
  rotatedSample?: boolean;
}
export const RECIPES: Recipe[] = [
  { name: 'scan-300', label: '300 dpi grey', dpi: 300, skew: 0, noise: false },
  { name: 'scan-150', label: '150 dpi grey', dpi: 150, skew: 0, noise: false },
  { name: 'scan-300-skew-noise', label: '300 dpi grey, 2° skew, light noise', dpi: 300, skew: 2, noise: true },
  { name: 'scan-300-rotated', label: '300 dpi grey, one policy with one page turned 90°', dpi: 300, skew: 0, noise: false, rotatedSample: true },
];

// The stand-in at /usr/local/bin/convert on some machines is not ImageMagick; Debian's is here.
const CONVERT = ['/usr/bin/convert', '/usr/bin/convert-im6.q16'].find((p) => fs.existsSync(p)) ?? 'convert';

/** Which outside tools are missing (Debian packages named), or [] when all are there. */
export function missingTools(): string[] {
  const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
  const missing: string[] = [];
  if (!has('pdftoppm', ['-v'])) missing.push('poppler-utils (pdftoppm)');
  if (!has(CONVERT, ['-version'])) missing.push('imagemagick (convert)');
  if (!has('img2pdf', ['--version'])) missing.push('img2pdf');
  return missing;
}

function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Page texts of a corpus PDF as Credence's import extracts them, with their items' positions (cached by SHA-256). */
export async function originalLayer(file: string): Promise<{ pages: string[]; items: TextItem[][] }> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const cached = path.join(CACHE, 'text-items', `${sha256(bytes)}.json`);
  if (fs.existsSync(cached)) return JSON.parse(fs.readFileSync(cached, 'utf8')) as { pages: string[]; items: TextItem[][] };
  const { extractPdf, SOURCE_WORKER_PATH } = await import('../../../electron/services/extraction/extract-pool.ts');
  const x = await extractPdf(bytes, { workerPath: SOURCE_WORKER_PATH, workers: 1, pageLimit: 2_000 });
  const layer = { pages: x.pages.map((p) => p.text), items: x.pages.map((p) => p.items) };
  writeAtomic(cached, JSON.stringify(layer));
  return layer;
}

/** Page texts of a corpus PDF as Credence's import extracts them. */
export async function originalPages(file: string): Promise<string[]> {
  return (await originalLayer(file)).pages;
}

/** The pages pre-review takes evidence from (most cited first), then the first pages with text. */
export function choosePages(pages: string[], fileName: string, n = PAGES_PER_DOC): number[] {
  const r = prereviewDocument(pages, { fileName });
  const cited = new Map<number, number>();
  for (const id of RULE_IDS) for (const e of r.rules[id].evidence) cited.set(e.page, (cited.get(e.page) ?? 0) + 1);
  const chosen = [...cited].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([p]) => p).slice(0, n);
  for (let p = 1; chosen.length < n && p <= pages.length; p++) if (!chosen.includes(p) && pages[p - 1]!.trim().length >= 200) chosen.push(p);
  return chosen.sort((a, b) => a - b);
}

function writeAtomic(file: string, data: string | Uint8Array) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** One page "scanned": rendered grey at the recipe's dpi, then skewed, speckled or turned. */
function scanPage(src: string, page: number, recipe: Recipe, rotate90: boolean, out: string) {
  if (fs.existsSync(out)) return;
  const base = path.join(CACHE, RECIPE, 'render', `${path.basename(src, '.pdf')}-p${page}-${recipe.dpi}`);
  if (!fs.existsSync(`${base}.png`)) {
    fs.mkdirSync(path.dirname(base), { recursive: true });
    execFileSync('pdftoppm', ['-gray', '-r', String(recipe.dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', src, `${base}.${process.pid}.tmp`]);
    fs.renameSync(`${base}.${process.pid}.tmp.png`, `${base}.png`);
  }
  const ops: string[] = ['-background', 'white'];
  if (recipe.skew) ops.push('-rotate', String(recipe.skew));
  // Light Gaussian speckle, as a photocopied page has; attenuate keeps it light.
  if (recipe.noise) ops.push('-attenuate', '0.35', '+noise', 'Gaussian');
  if (rotate90) ops.push('-rotate', '90');
  const tmp = `${out}.${process.pid}.tmp.png`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(CONVERT, [`${base}.png`, ...ops, '-colorspace', 'Gray', '-depth', '8', '-units', 'PixelsPerInch', '-density', String(recipe.dpi), `PNG:${tmp}`]);
  fs.renameSync(tmp, out);
}

export type BuildResult = { sets: ScanSet[] } | { skipped: string };

/** Skips, saying why, without the corpus or the tools. Builds (or finds in the cache) every set, or those named in `only`. */
export async function buildScanSets(log: (s: string) => void = () => {}, only?: string[]): Promise<BuildResult> {
  const policies = path.join(CORPUS, 'policies');
  if (!fs.existsSync(policies)) return { skipped: `no corpus at ${policies} (set CREDENCE_CORPUS)` };
  const absent = DOCS.filter((d) => !fs.existsSync(path.join(policies, d)));
  if (absent.length) return { skipped: `corpus lacks ${absent.join(', ')}` };
  const missing = missingTools();
  if (missing.length) return { skipped: `missing tools: ${missing.join(', ')} (apt-get install -y imagemagick img2pdf poppler-utils)` };

  const originals = new Map<string, { pages: string[]; items: TextItem[][]; chosen: number[] }>();
  for (const doc of DOCS) {
    const { pages, items } = await originalLayer(path.join(policies, doc));
    originals.set(doc, { pages, items, chosen: choosePages(pages, doc) });
  }
  const sets: ScanSet[] = [];
  for (const recipe of RECIPES.filter((r) => !only || only.includes(r.name))) {
    const t0 = performance.now();
    const docs: ScanDoc[] = [];
    for (const doc of recipe.rotatedSample ? DOCS.slice(0, 1) : DOCS) {
      const { pages, items, chosen } = originals.get(doc)!;
      const dir = path.join(CACHE, RECIPE, recipe.name);
      const scanPages = chosen.map((page, i): ScanPage => {
        const rotated90 = !!recipe.rotatedSample && i === 1;
        // The turn is in the name: an image cached when another page was the turned one is not reused.
        const png = path.join(dir, `${path.basename(doc, '.pdf')}-p${page}${rotated90 ? '-r90' : ''}.png`);
        scanPage(path.join(policies, doc), page, recipe, rotated90, png);
        return { doc, page, truth: pages[page - 1]!, truthVisual: visualOrder(pages[page - 1]!, items[page - 1]!), png, rotated90 };
      });
      // Named by its pages, so a change of the pages chosen makes a new PDF, not a stale one.
      const pdf = path.join(dir, `${path.basename(doc, '.pdf')}-p${scanPages.map((p) => `${p.page}${p.rotated90 ? 'r90' : ''}`).join('-')}.pdf`);
      if (!fs.existsSync(pdf)) {
        // A temp name of this process's own: two runs may build the same set at once.
        execFileSync('img2pdf', ['--output', `${pdf}.${process.pid}.tmp`, ...scanPages.map((p) => p.png)]);
        fs.renameSync(`${pdf}.${process.pid}.tmp`, pdf);
      }
      docs.push({ doc, pdf, pages: scanPages });
    }
    const ms = performance.now() - t0;
    if (ms > 1000) log(`  built ${recipe.name} in ${(ms / 1000).toFixed(1)} s`);
    sets.push({ name: recipe.name, label: recipe.label, dpi: recipe.dpi, docs });
  }
  return { sets };
}

// `node tests/eval/ocr/scan-set.ts`: build the sets and list them.
if (import.meta.filename === process.argv[1]) {
  const r = await buildScanSets(console.log);
  if ('skipped' in r) console.log(`scan set skipped: ${r.skipped}`);
  else for (const s of r.sets) console.log(`${s.name.padEnd(22)} ${s.docs.reduce((n, d) => n + d.pages.length, 0)} pages in ${s.docs.length} image-only PDFs  ${path.dirname(s.docs[0]!.pdf)}`);
}
