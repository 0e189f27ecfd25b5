import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { surveyScannerText } from './electron/services/extraction/survey-pool.ts';
const dir = '/work/shared/corpus/policies';
const workerPath = path.resolve('electron/services/extraction/extract-worker.ts');
let total = 0;
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort()) {
  const p = path.join(dir, f);
  const bytes = fs.readFileSync(p);
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const pages = Array.from({ length: 2000 }, (_, i) => i);
  const t0 = performance.now();
  const found = await surveyScannerText({ path: p, byteLength: bytes.byteLength, sha256: sha }, pages, { workerPath });
  const ms = performance.now() - t0;
  total += ms;
  console.log(f.slice(0, 50).padEnd(52), (bytes.byteLength / 1e6).toFixed(1), 'MB', ms.toFixed(0), 'ms', found.length);
}
console.log('total', total.toFixed(0));
