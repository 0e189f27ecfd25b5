// Baseline: plain single-threaded pdf.js getTextContent() over every page, nothing else.
// Prints JSON {ms, pages, maxRssMb}. Usage: node raw-pdfjs.ts file.pdf
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const fonts = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';
const t0 = performance.now();
const data = new Uint8Array(fs.readFileSync(process.argv[2]!));
const doc = await pdfjs.getDocument({ data, standardFontDataUrl: fonts, verbosity: 0 }).promise;
let chars = 0;
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const tc = await page.getTextContent();
  for (const it of tc.items) if ('str' in it) chars += it.str.length;
  page.cleanup();
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, pages: doc.numPages, chars, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
