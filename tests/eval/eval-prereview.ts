// `npm run eval:prereview`: the pre-review engine over the real corpus, against the human
// labels (../shared/corpus/labels.prereview.dev.tsv for twelve rules, labels.dev.tsv and
// tests/eval/lint-labels.tsv for chokehold and vascular). Prints per rule the stances right,
// the evidence-page recall (a labelled page among the passages shown), the mean passages shown
// per document, and every disagreement with its page. A report, not a test: it exits 0.
// Extracted page text is cached outside the repo (os.tmpdir()/credence-eval-cache, by SHA-256).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prereviewDocument } from '../../shared/domain/prereview/engine.ts';
import { RULE_IDS, type DocumentPrereview, type RuleId } from '../../shared/domain/prereview/types.ts';
import { RULES, RULES_VERSION } from '../../shared/domain/prereview/rules/index.ts';

// As in tests/support/workspace.ts, without loading a workspace: the eval reads files only.
const CORPUS = path.resolve(process.env.CREDENCE_CORPUS ?? path.join(import.meta.dirname, '../../../shared/corpus'));

interface Label {
  stances: string[];
  pages: number[];
  source: string;
}

const policies = path.join(CORPUS, 'policies');
if (!fs.existsSync(policies)) {
  console.log(`eval:prereview skipped: no corpus at ${policies} (set CREDENCE_CORPUS).`);
  process.exit(0);
}

const rows = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map((r) => r.split('\t')) : []);
const labels = new Map<string, Label>(); // `${file}|${rule}`
const pagesOf = (s: string | undefined) => [...(s ?? '').matchAll(/p(\d+)(?:-(\d+))?/g)].flatMap((m) => (m[2] ? [Number(m[1]), Number(m[2])] : [Number(m[1])]));
for (const f of [path.join(import.meta.dirname, 'lint-labels.tsv'), path.join(CORPUS, 'labels.dev.tsv')]) {
  for (const [file, chokehold, vascular, evidence] of rows(f)) {
    if (!file) continue;
    // labels.dev.tsv names evidence pages inside its text ("p10: …"); keep the ones it gives per stance.
    labels.set(`${file}|chokehold`, { stances: [chokehold!], pages: chokehold === 'not_addressed' ? [] : pagesOf(evidence), source: path.basename(f) });
    labels.set(`${file}|vascular`, { stances: [vascular!], pages: vascular === 'not_addressed' ? [] : pagesOf(evidence), source: path.basename(f) });
  }
}
for (const [file, rule, stance, pages] of rows(path.join(CORPUS, 'labels.prereview.dev.tsv'))) {
  if (file) labels.set(`${file}|${rule}`, { stances: stance!.split('|'), pages: (pages ?? '').split(',').filter(Boolean).map(Number), source: 'labels.prereview.dev.tsv' });
}

// CREDENCE_EVAL_CACHE names another folder (npm test gives it one it removes afterwards).
const cacheDir = process.env.CREDENCE_EVAL_CACHE || path.join(os.tmpdir(), 'credence-eval-cache');
fs.mkdirSync(cacheDir, { recursive: true });
async function pagesOfPdf(file: string): Promise<string[]> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const cached = path.join(cacheDir, `${crypto.createHash('sha256').update(bytes).digest('hex')}.json`);
  if (fs.existsSync(cached)) return (JSON.parse(fs.readFileSync(cached, 'utf8')) as { pages: string[] }).pages;
  const { extractPdf, SOURCE_WORKER_PATH } = await import('../../electron/services/extraction/extract-pool.ts');
  const x = await extractPdf(bytes, { workerPath: SOURCE_WORKER_PATH, workers: 2, pageLimit: 20_000 });
  const pages = x.pages.map((p) => p.text);
  fs.writeFileSync(cached, JSON.stringify({ pages }));
  return pages;
}

const stats = new Map<RuleId, { right: number; total: number; recallHit: number; recallTotal: number; shown: number; docs: number }>();
for (const id of RULE_IDS) stats.set(id, { right: 0, total: 0, recallHit: 0, recallTotal: 0, shown: 0, docs: 0 });
const disagreements: string[] = [];
const missedPages: string[] = [];
let ms = 0;
for (const f of fs.readdirSync(policies).filter((n) => n.endsWith('.pdf')).sort()) {
  const pages = await pagesOfPdf(path.join(policies, f));
  const t = performance.now();
  const r: DocumentPrereview = prereviewDocument(pages, { fileName: f });
  ms += performance.now() - t;
  for (const id of RULE_IDS) {
    const s = stats.get(id)!;
    const got = r.rules[id];
    s.docs++;
    s.shown += got.evidence.length;
    const label = labels.get(`${f}|${id}`);
    if (!label) continue;
    s.total++;
    const shown = new Set(got.evidence.flatMap((e) => (e.endPage !== e.page ? [e.page, e.endPage] : [e.page])));
    if (label.stances.includes(got.stance)) s.right++;
    else {
      const ev = got.evidence.map((e) => `p${e.page}: ${e.quote.slice(0, 160)}`).join(' | ') || '(no rule found)';
      disagreements.push(`${f} ${id}: engine says ${got.stance}, label says ${label.stances.join('|')} (p${label.pages.join(',') || '—'}). Engine evidence: ${ev}`);
    }
    // Recall is measured where both the label and the engine find a rule.
    if (label.pages.length > 0 && label.stances.some((x) => x !== 'not_addressed' && x !== 'absent') && got.stance !== RULES[id].none) {
      s.recallTotal++;
      if (label.pages.some((p) => shown.has(p))) s.recallHit++;
      else missedPages.push(`${f} ${id}: labelled p${label.pages.join(',')}, shown p${[...shown].join(',') || '—'}`);
    }
  }
}

const pct = (a: number, b: number) => (b === 0 ? '   —' : `${((100 * a) / b).toFixed(0).padStart(3)}%`);
console.log(`Pre-review eval (${RULES_VERSION}); engine time over the corpus from stored text: ${ms.toFixed(0)} ms\n`);
console.log(`${'rule'.padEnd(30)} ${'stances right'.padEnd(18)} ${'page recall'.padEnd(16)} passages shown / doc`);
let right = 0, total = 0, hit = 0, recall = 0, shown = 0, docs = 0;
for (const [id, s] of stats) {
  right += s.right; total += s.total; hit += s.recallHit; recall += s.recallTotal; shown += s.shown; docs += s.docs;
  console.log(`${id.padEnd(30)} ${`${s.right}/${s.total} ${pct(s.right, s.total)}`.padEnd(18)} ${`${s.recallHit}/${s.recallTotal} ${pct(s.recallHit, s.recallTotal)}`.padEnd(16)} ${(s.shown / s.docs).toFixed(2)}`);
}
console.log(`${'ALL'.padEnd(30)} ${`${right}/${total} ${pct(right, total)}`.padEnd(18)} ${`${hit}/${recall} ${pct(hit, recall)}`.padEnd(16)} ${(shown / docs).toFixed(2)}`);
console.log(`\nTargets: ≥ 95 % of labelled stances right, a labelled page shown for ≥ 90 %.`);
for (const d of disagreements) console.log(`DISAGREES ${d}`);
for (const d of missedPages) console.log(`PAGE MISSED ${d}`);
