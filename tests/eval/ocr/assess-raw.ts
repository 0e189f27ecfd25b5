// Diagnostic: scores raw tesseract.js reads dumped by dump-raw.ts, assembled either as tesseract
// listed them ("given") or in reading order (assemble.ts, "order"), so a change to the text
// assembly is measured on the very same reads, in seconds, without OCR. Prints CER/WER as read
// and order-free, and pre-review agreement; writes the texts beside the dump.
// node tests/eval/ocr/assess-raw.ts RAW.json given|order [per-page]
import fs from 'node:fs';
import { readingOrder, type RawBlock } from '../../../electron/services/ocr/assemble.ts';
import { charErrors, wordErrors, bagOfWordsErrors, orderFreeCharErrors, rate, type ErrorCount } from './text-metrics.ts';
import { prereviewDocument } from '../../../shared/domain/prereview/engine.ts';
import { RULE_IDS } from '../../../shared/domain/prereview/types.ts';
const file = process.argv[2]!;
const mode = process.argv[3] ?? 'given';
const verbose = process.argv[4];
const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ doc: string; page: number; truth: string; blocks: RawBlock[] }>;
const given = (blocks: RawBlock[]) => blocks.map((b) => b.paragraphs.map((p) => p.lines.map((l) => l.words.filter((w) => w.text.trim())).filter((l) => l.length))).flat().filter((p) => p.length);
const textOf = (a: { text: string }[][][]) => a.map((p) => p.map((l) => l.map((w) => w.text.trim()).join(' ')).join('\n')).join('\n\n');
const acc: Record<string, ErrorCount[]> = { c: [], w: [], bc: [], bw: [] };
const docs = new Map<string, { truth: string[]; ocr: string[] }>();
const out: any[] = [];
for (const p of raw) {
  const text = textOf(mode === 'given' ? given(p.blocks) : readingOrder(p.blocks));
  const c = charErrors(p.truth, text), w = wordErrors(p.truth, text), bc = orderFreeCharErrors(p.truth, text), bw = bagOfWordsErrors(p.truth, text);
  acc.c!.push(c); acc.w!.push(w); acc.bc!.push(bc); acc.bw!.push(bw);
  if (verbose) console.log(p.doc.slice(3, 24).padEnd(22), String(p.page).padStart(2), ...[c, w, bc, bw].map((x) => (100 * rate([x])).toFixed(2).padStart(6)));
  const d = docs.get(p.doc) ?? { truth: [], ocr: [] }; d.truth.push(p.truth); d.ocr.push(text); docs.set(p.doc, d);
  out.push({ doc: p.doc, page: p.page, text, cer: rate([c]), wer: rate([w]) });
}
let same = 0, total = 0; const differs: string[] = [];
for (const [doc, d] of docs) {
  const o = prereviewDocument(d.truth, { fileName: doc }), s = prereviewDocument(d.ocr, { fileName: doc });
  for (const id of RULE_IDS) { total++; if (o.rules[id].stance === s.rules[id].stance) same++; else differs.push(`${doc.slice(3, 24)} ${id}: ${o.rules[id].stance} → ${s.rules[id].stance}`); }
}
console.log(`${mode}: CER ${(100 * rate(acc.c!)).toFixed(2)}  WER ${(100 * rate(acc.w!)).toFixed(2)}  order-free CER ${(100 * rate(acc.bc!)).toFixed(2)}  BoW WER ${(100 * rate(acc.bw!)).toFixed(2)}  stances ${same}/${total}`);
for (const d of differs) console.log('  DIFFERS', d);
fs.writeFileSync(file.replace(/\.json$/, `.${mode}.json`), JSON.stringify({ 'scan-300': out }));
