// Extracts function 3703's body (without its size prefix) from the patched core wat2wasm made
// (p1.wasm), printing its size and SHA-256.
import fs from 'node:fs';
import crypto from 'node:crypto';
function leb(b, i) { let r = 0, s = 0, x; do { x = b[i++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return [r >>> 0, i]; }
const p = fs.readFileSync('p1.wasm');
let i = 8; let code;
while (i < p.length) { const id = p[i++]; let size; [size, i] = leb(p, i); if (id === 10) code = { start: i, end: i + size }; i += size; }
let j = code.start, n; [n, j] = leb(p, j);
const target = 3703 - 42;
let body;
for (let k = 0; k < n; k++) { let size; [size, j] = leb(p, j); if (k === target) body = p.subarray(j, j + size); j += size; }
fs.writeFileSync('body.bin', body);
// lstm-forward-simd.ts holds it as base64: Buffer.from(body).toString('base64'), in lines of 120.
console.log('body', body.length, crypto.createHash('sha256').update(body).digest('hex'));
