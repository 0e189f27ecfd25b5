// Bitwise comparison of original scalar loops vs SIMD-prologue versions, using the real tables from the loaded core.
import fs from 'fs';
const core = fs.readFileSync('loaded.wasm');
const { instance } = await WebAssembly.instantiate(fs.readFileSync('exact.wasm'));
const mem = new Uint8Array(instance.exports.mem.buffer);
// copy data segments of the core that overlap the tables (active segments, i32.const offset)
const b = core; let p = 8; const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
while (p < b.length) { const id = b[p++]; const n = leb(); const st = p;
  if (id === 11) { const cnt = leb(); for (let k = 0; k < cnt; k++) { const kind = leb(); if (kind !== 0) throw 'seg kind ' + kind; if (b[p++] !== 0x41) throw 'op'; let off = 0, s = 0, x; do { x = b[p++]; off |= (x & 0x7f) << s; s += 7; } while (x & 0x80); p++; /*end*/ const len = leb();
      if (off < 206000 && off + len > 172816) mem.set(b.subarray(p, p + len).subarray(0, Math.min(len, mem.length - off)), off); p += len; } }
  p = st + n; }
const f32 = new Float32Array(instance.exports.mem.buffer), u32 = new Uint32Array(instance.exports.mem.buffer);
console.log('tanh table sample', f32[172816 / 4 + 256], Math.tanh(1), 'logistic', f32[189200 / 4 + 256], 1 / (1 + Math.exp(-1)));
const N = 4099, A = 1 << 20, B = A + 4 * 8192, S = B + 4 * 8192, G = S + 4 * 8192, O = G + 4 * 8192;
const specials = [0, -0, 1e-30, -1e-30, 15.99, 16, -16, 15.996, -15.996, 15.998, 1e9, -1e9, 5e9, -5e9, Infinity, -Infinity, 100, -100, 4094 / 256, -4094 / 256, 4095 / 256, -4095 / 256];
let bad = 0, total = 0;
const rnd = (k) => { const r = Math.random(); if (k % 7 === 0) { const u = new Uint32Array(1); u[0] = (Math.random() * 2 ** 32) >>> 0; return new Float32Array(u.buffer)[0]; } return (r < 0.5 ? -1 : 1) * Math.random() ** 2 * (k % 3 === 0 ? 40 : 8); };
for (let iter = 0; iter < 3000; iter++) {
  const n = iter < 20 ? iter + 1 : 1 + Math.floor(Math.random() * N);
  const x = new Float32Array(n), g = new Float32Array(n);
  for (let i = 0; i < n; i++) { x[i] = (iter % 5 === 0 && i < specials.length) ? specials[i] : rnd(i + iter); g[i] = rnd(i * 3 + 1); if (Number.isNaN(x[i])) x[i] = 0.5; }
  for (const name of ['tanh', 'logi', 'fmul']) {
    const res = [];
    for (const v of [0, 1]) {
      f32.set(x, A / 4); f32.set(x, S / 4); f32.set(g, G / 4); f32.fill(7, O / 4, O / 4 + n + 8);
      if (name === 'fmul') { instance.exports[name + v](O, n, S, G, 0, 0); res.push(u32.slice(O / 4, O / 4 + n + 8)); }
      else { instance.exports[name + v](A, n, 0, 0, 0, 0); res.push(u32.slice(A / 4, A / 4 + n)); }
    }
    total += n; for (let i = 0; i < res[0].length; i++) if (res[0][i] !== res[1][i]) { if (bad++ < 5) console.log('MISMATCH', name, n, i, x[i], res[0][i].toString(16), res[1][i].toString(16)); }
  }
}
console.log('compared', total * 3, 'values; mismatches', bad);
