// tesseract.js's WebAssembly core with one function made faster: Tesseract's LSTM::Forward
// (function 3703 of tesseract.js-core 7's tesseract-core-relaxedsimd.wasm, the build tesseract.js
// loads on Node 22 and Electron) spends ~88 % of its time in five scalar loops looking up its
// Tanh and Logistic tables, ~10 % of the engine's time. The replacement body
// (lstm-forward-simd.ts) runs each loop four lanes at a time with WebAssembly SIMD, in the same
// order of float operations, and leaves the rest of the function, and every other function,
// as it was. Same words, boxes and confidences (tests/integration/ocr/core-patch.test.ts compares
// the engine's whole output with and without it); 6–8 % less CPU a page (docs/ocr-engines.md).
//
// Nothing is patched on disk: the worker thread (tesseract-worker.ts) hands the core the patched
// bytes in memory. They are made only from the exact stock file this was written for (its
// SHA-256), and used only if the result is exactly the binary that was checked (its SHA-256);
// anything else, or CREDENCE_OCR_STOCK_CORE=1, reads with the stock core, and the page's
// provenance says which (coreVariant below).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire as createRequireFrom, type createRequire } from 'node:module';
import { BroadcastChannel } from 'node:worker_threads';
import { LSTM_FORWARD_SIMD_BODY_BASE64 } from './lstm-forward-simd.ts';

/** The module tesseract.js loads its core from when the runtime has relaxed SIMD (its node/getCore.js). */
export const CORE_MODULE = 'tesseract.js-core/tesseract-core-relaxedsimd';
const GET_CORE = 'tesseract.js/src/worker-script/node/getCore.js';
/**
 * Where a worker says which core it started (its thread's first page), for whoever listens in
 * the same process: the test that compares the two cores makes sure each pool used the one it
 * meant. Nothing listens in the app.
 */
export const CORE_CHANNEL = 'credence-ocr-core';
const announce = (v: 'patched' | 'stock') => {
  const c = new BroadcastChannel(CORE_CHANNEL);
  c.postMessage(v);
  c.close();
};
const CORE_FILE = 'tesseract-core-relaxedsimd.wasm';
/** tesseract.js-core 7.0.0's tesseract-core-relaxedsimd.wasm, as npm ships it. */
export const STOCK_CORE_SHA256 = '45f8c9b516df326b6ae6b493ed3a6289df5cbd10490e7b6ff8bf5b12ea42d1da';
/** The same with function 3703's body replaced: the binary whose output was compared. */
export const PATCHED_CORE_SHA256 = '5248c8b12c163af6e5663f3a95390efd02303e4c191212b9991b9278d10dd603';
/** Function 3703 counts the module's 42 imported functions: its body is the code section's 3661st. */
const PATCHED_FUNCTION = 3703;
const IMPORTED_FUNCTIONS = 42;
/** The provenance suffix of a page read with the patched core ("7.0.0+lstm-simd.1"). */
export const PATCH_TAG = 'lstm-simd.1';

/** A module using one relaxed SIMD instruction: wasm-feature-detect 1.9.0's probe, which tesseract.js asks. */
const RELAXED_SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 15, 1, 13, 0, 65, 1, 253, 15, 65, 2, 253, 15, 253, 128, 2, 11]);

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

function readLeb(b: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (let i = at; i < b.length && shift < 35; i++, shift += 7) {
    value |= (b[i]! & 0x7f) << shift;
    if ((b[i]! & 0x80) === 0) return [value >>> 0, i + 1];
  }
  throw new Error('malformed LEB128 in the WebAssembly core');
}

function leb(value: number): Uint8Array {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return Uint8Array.from(out);
}

/**
 * The stock core with function `PATCHED_FUNCTION`'s body replaced by `body`, or null when `stock`
 * is not the file this was made for or the result is not the checked binary.
 */
export function patchCore(stock: Uint8Array, body: Uint8Array, expect = { stock: STOCK_CORE_SHA256, patched: PATCHED_CORE_SHA256 }): Uint8Array | null {
  if (sha256(stock) !== expect.stock) return null;
  // Sections after the 8-byte header: id, size (LEB128), contents. The code section (10) holds
  // each function's body as size + bytes, in function order after the imported ones.
  let at = 8;
  while (at < stock.length) {
    const id = stock[at]!;
    const [size, start] = readLeb(stock, at + 1);
    const end = start + size;
    if (id === 10) {
      const [count, first] = readLeb(stock, start);
      let i = first;
      const target = PATCHED_FUNCTION - IMPORTED_FUNCTIONS;
      if (target >= count) return null;
      for (let k = 0; k < target; k++) {
        const [n, next] = readLeb(stock, i);
        i = next + n;
      }
      const [oldSize, oldStart] = readLeb(stock, i);
      const contents = [stock.subarray(start, i), leb(body.length), body, stock.subarray(oldStart + oldSize, end)];
      const sectionSize = contents.reduce((s, c) => s + c.length, 0);
      const out = Buffer.concat([stock.subarray(0, at), Uint8Array.of(10), leb(sectionSize), ...contents, stock.subarray(end)]);
      return sha256(out) === expect.patched ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : null;
    }
    at = end;
  }
  return null;
}

export type CoreVariant = { patched: true } | { patched: false; why: string };

/**
 * A require that resolves as tesseract.js's own getCore does: from its file, so a copy of the
 * core nested under tesseract.js (another version) is the one patched and hashed, not ours.
 */
const asTesseractDoes = (requireFrom: ReturnType<typeof createRequire>) => createRequireFrom(requireFrom.resolve(GET_CORE));

/** The stock core file, or why it is not to be patched (the stock core is used then). */
function stockCore(requireFrom: ReturnType<typeof createRequire>): Uint8Array | string {
  if (process.env.CREDENCE_OCR_STOCK_CORE === '1') return 'CREDENCE_OCR_STOCK_CORE=1';
  // Without relaxed SIMD tesseract.js loads another build, which this does not touch.
  if (!WebAssembly.validate(RELAXED_SIMD_PROBE)) return 'no relaxed SIMD in this runtime';
  try {
    return fs.readFileSync(path.join(path.dirname(asTesseractDoes(requireFrom).resolve(CORE_MODULE)), CORE_FILE));
  } catch (err) {
    return `the core could not be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
}
const NOT_THE_ONE = 'the installed core is not the one the patch was made for';

let variant: CoreVariant | null = null;
/**
 * Which core pages read in this process are read with, for their provenance, without making the
 * patched bytes (the main process asks; ~8 ms, once): the stock file's hash decides, as the
 * patched bytes follow from it and the body (core-patch.test.ts checks the result's hash).
 */
export function coreVariant(requireFrom: ReturnType<typeof createRequire>): CoreVariant {
  if (variant) return variant;
  const stock = stockCore(requireFrom);
  if (typeof stock === 'string') return (variant = { patched: false, why: stock });
  return (variant = sha256(stock) === STOCK_CORE_SHA256 ? { patched: true } : { patched: false, why: NOT_THE_ONE });
}

type CoreFactory = ((moduleArg?: Record<string, unknown>) => Promise<unknown>) & { credenceCore?: CoreVariant };

/**
 * Makes `require(CORE_MODULE)` (as tesseract.js's getCore asks it, in this thread) answer a
 * factory that starts the core from the patched bytes (Emscripten's `wasmBinary`), or from the
 * stock file when the stock core is to be used, saying which on CORE_CHANNEL as it starts it.
 * Returns the variant in force.
 */
export function installPatchedCore(requireFrom: ReturnType<typeof createRequire>): CoreVariant {
  const req = asTesseractDoes(requireFrom);
  const resolved = req.resolve(CORE_MODULE);
  const stockFactory = req(resolved) as CoreFactory;
  if (stockFactory.credenceCore) return stockFactory.credenceCore;
  const stock = stockCore(requireFrom);
  const bytes = typeof stock === 'string' ? null : patchCore(stock, Buffer.from(LSTM_FORWARD_SIMD_BODY_BASE64, 'base64'));
  const variant: CoreVariant = bytes ? { patched: true } : { patched: false, why: typeof stock === 'string' ? stock : NOT_THE_ONE };
  // The pages' provenance says what coreVariant says: a thread that cannot make the bytes it
  // says it reads with does not start (its pages fail saying the engine could not start).
  if (!bytes && coreVariant(requireFrom).patched) throw new Error(`The OCR engine's core could not be prepared (${variant.patched ? '' : variant.why}).`);
  const wrapped: CoreFactory = (moduleArg = {}) => {
    announce(bytes ? 'patched' : 'stock');
    return stockFactory(bytes ? { ...moduleArg, wasmBinary: bytes } : moduleArg);
  };
  wrapped.credenceCore = variant;
  req.cache[resolved]!.exports = wrapped;
  return variant;
}
