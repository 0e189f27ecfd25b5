// Opening a workspace stops V8's memory reducer from scheduling its compacting collections on the
// main thread (main-thread-heap.ts): those were the longest stalls of the window during OCR.
// V8 ignores an unknown flag without a word, so this checks the reducer itself, in a fresh Node
// process that traces it: left alone, the reducer's first check after a burst of allocation
// schedules its next one ("waiting for … ms"); with the setting it stands down at that check.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const moduleUrl = new URL('../../../electron/services/main-thread-heap.ts', import.meta.url).href;

/** The memory reducer's trace lines of a process that allocates 600k objects, drops them and idles 1.5 s. */
function reducerTrace(steady: boolean): string[] {
  const script = `
    ${steady ? `(await import(${JSON.stringify(moduleUrl)})).keepMainHeapSteady();` : ''}
    let keep = [];
    for (let i = 0; i < 600000; i++) keep.push({ a: i, b: 'x' + i });
    keep = null;
    setTimeout(() => {}, 1500);`;
  const r = spawnSync(process.execPath, ['--trace-memory-reducer', '--gc-memory-reducer-start-delay-ms=100', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((l) => l.includes('Memory reducer:'));
}

describe('keepMainHeapSteady', () => {
  it('stops the memory reducer from scheduling collections, which it does when left alone', () => {
    const alone = reducerTrace(false);
    expect(alone.some((l) => /waiting for \d+ ms/.test(l))).toBe(true);
    const steady = reducerTrace(true);
    // The reducer did look (so the trace is live), and went no further.
    expect(steady.length).toBeGreaterThan(0);
    expect(steady.some((l) => /waiting for|started GC/.test(l))).toBe(false);
  });
});
