// Search latency on a generated case of 100,000 pages. Page text is made from the corpus's
// real policy language when present (else a built-in vocabulary), so common words like
// "force" and "neck" are as common as in real manuals. Prints JSON per query and overall.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { openWorkspace } from '../../electron/services/workspace.ts';

const PAGES = Number(process.env.BENCH_PAGES ?? 100_000);
const PER_DOC = 500;
const corpusText = process.argv[2] && fs.existsSync(process.argv[2]) ? fs.readFileSync(process.argv[2], 'utf8') : '';
const words = (corpusText.replace(/[^A-Za-z'\s-]+/g, ' ') || 'officer shall use force reasonable deadly neck chokehold restraint carotid vascular de-escalation supervisor report complaint training policy department member subject resistance control weapon taser baton pursuit vehicle arrest custody medical aid intervene duty').split(/\s+/).filter((w) => /^[A-Za-z][A-Za-z'-]{1,20}$/.test(w));

let seed = 42;
// Math.imul keeps the multiply in 32 bits: a plain float multiply loses the low bits and the
// generator falls into a short cycle (pages repeating a few passages).
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
function pageText(): string {
  // ~350 words, in runs copied from the source so phrases stay natural.
  const out: string[] = [];
  while (out.length < 350) {
    const start = Math.floor(rand() * Math.max(1, words.length - 40));
    out.push(...words.slice(start, start + 10 + Math.floor(rand() * 30)));
  }
  return out.join(' ');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-bench-search-'));
const ws = openWorkspace({ dataDir: dir });
const db = ws.ctx.db;
const c = ws.services.cases.create({ agencyName: 'Big Manual Police Department', ori: 'IL0000008', state: 'IL', agencyType: null, jurisdiction: null, dueDate: null });
const t0 = performance.now();
const insertDoc = db.prepare(`INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, title, original_name, extractor_version, imported_by, imported_at) VALUES (?, ?, 'f', 0, ?, ?, ?, 'bench', 'bench', 'now')`);
const insertPage = db.prepare(`INSERT INTO pages (document_id, page_index, text, items) VALUES (?, ?, ?, '[]')`);
const link = db.prepare(`INSERT INTO case_documents VALUES (?, ?, 'bench', 'now')`);
db.transaction(() => {
  for (let d = 0; d * PER_DOC < PAGES; d++) {
    const id = crypto.randomUUID();
    insertDoc.run(id, crypto.createHash('sha256').update(id).digest('hex'), PER_DOC, `Manual volume ${d + 1}`, `volume-${d + 1}.pdf`);
    for (let p = 0; p < PER_DOC && d * PER_DOC + p < PAGES; p++) insertPage.run(id, p, pageText());
    link.run(c.id, id);
  }
})();
db.exec(`INSERT INTO pages_fts(pages_fts) VALUES ('optimize')`);
const buildMs = performance.now() - t0;

const QUERIES = ['force', 'neck', 'chokehold', 'deadly force', '"deadly force"', 'carotid restraint', 'de-escalation', 'early intervention', 'supervisor review complaint', 'taser OR baton', 'shall not', 'vascular neck restraint'];
const results: Record<string, { p50: number; p95: number; hits: number }> = {};
const all: number[] = [];
for (const q of QUERIES) {
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < 40; i++) {
    const s = performance.now();
    hits = ws.services.search.query({ caseId: c.id, query: q, limit: 50 }).length;
    const e = performance.now() - s;
    if (i >= 3) times.push(e); // first runs warm the page cache
  }
  times.sort((a, b) => a - b);
  all.push(...times);
  results[q] = { p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]!, hits };
}
all.sort((a, b) => a - b);
console.log(JSON.stringify({ pages: PAGES, buildMs, queries: results, p50: all[Math.floor(all.length * 0.5)], p95: all[Math.floor(all.length * 0.95)] }));
ws.close();
if (process.env.BENCH_KEEP) console.error(`kept workspace: ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
