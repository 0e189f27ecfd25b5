// `npm run eval:lint`: the chokehold lint over the real corpus, against human labels
// (../shared/corpus/labels.dev.tsv and this repo's tests/eval/lint-labels.tsv). Prints every
// file's result and every disagreement; exits 1 if any labelled file disagrees.
import fs from 'node:fs';
import path from 'node:path';
import { lintFile } from '../../electron/services/lint/lint-files.ts';
import { CORPUS } from '../support/workspace.ts';

function readLabels(file: string): Map<string, { chokehold: string; vascular: string; source: string }> {
  const out = new Map<string, { chokehold: string; vascular: string; source: string }>();
  if (!fs.existsSync(file)) return out;
  const [, ...rows] = fs.readFileSync(file, 'utf8').trim().split('\n');
  for (const r of rows) {
    const [f, chokehold, vascular] = r.split('\t');
    if (f) out.set(f, { chokehold: chokehold!, vascular: vascular!, source: path.basename(file) });
  }
  return out;
}

const policies = path.join(CORPUS, 'policies');
if (!fs.existsSync(policies)) {
  console.log(`eval:lint skipped: no corpus at ${policies} (set CREDENCE_CORPUS).`);
  process.exit(0);
}
const labels = new Map([...readLabels(path.join(import.meta.dirname, 'lint-labels.tsv')), ...readLabels(path.join(CORPUS, 'labels.dev.tsv'))]);
let right = 0;
let wrong = 0;
const disagreements: string[] = [];
console.log(`${'file'.padEnd(66)} ${'chokehold'.padEnd(31)} ${'vascular'.padEnd(31)} labels`);
for (const f of fs.readdirSync(policies).filter((n) => n.endsWith('.pdf')).sort()) {
  const r = await lintFile(path.join(policies, f));
  const label = labels.get(f);
  if ('error' in r) {
    console.log(`${f.padEnd(66)} ERROR ${r.error}`);
    wrong++;
    continue;
  }
  const got = { chokehold: r.result.chokehold.stance, vascular: r.result.vascular.stance };
  const marks = (['chokehold', 'vascular'] as const).map((k) => (!label ? '' : label[k] === got[k] ? '✓' : '✗'));
  console.log(`${f.padEnd(66)} ${(got.chokehold + ' ' + marks[0]).padEnd(31)} ${(got.vascular + ' ' + marks[1]).padEnd(31)} ${label ? label.source : 'unlabelled'}${r.result.isDirective ? '' : '  [not a directive: FAQ]'}`);
  if (!label) continue;
  for (const k of ['chokehold', 'vascular'] as const) {
    if (label[k] === got[k]) right++;
    else {
      wrong++;
      const ev = r.result[k].evidence.map((e) => `p${e.page}: ${e.quote.slice(0, 140)}`).join(' | ') || '(no rule found)';
      disagreements.push(`${f} ${k}: lint says ${got[k]}, label says ${label[k]}. Lint evidence: ${ev}`);
    }
  }
}
console.log(`\n${right} of ${right + wrong} labelled stances agree (${labels.size} labelled files).`);
for (const d of disagreements) console.log(`DISAGREES ${d}`);
process.exitCode = wrong > 0 ? 1 : 0;
