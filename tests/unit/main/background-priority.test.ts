// Background threads give way to the app's main thread: on Linux a worker lowers its own nice
// value and the main thread's stays where it was; elsewhere nothing is changed (setpriority there
// would lower the whole process, the window's thread included).
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { threadNices } from '../../support/thread-nice.ts';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, lowerHelperThreads, lowerThisThreadPriority } from '../../../electron/services/background-priority.ts';
import { spawnSync } from 'node:child_process';
import path from 'node:path';


describe('lowerThisThreadPriority', () => {
  it('does nothing off Linux', () => {
    const before = os.getPriority(0);
    expect(lowerThisThreadPriority('darwin')).toBe(false);
    expect(lowerThisThreadPriority('win32')).toBe(false);
    expect(os.getPriority(0)).toBe(before);
  });

  it.skipIf(process.platform !== 'linux')('lowers a worker thread only, leaving the main thread as it was (Linux)', async () => {
    const main = os.getPriority(0);
    const url = new URL('../../../electron/services/background-priority.ts', import.meta.url).href;
    const w = new Worker(
      `import(${JSON.stringify(url)}).then((m) => { const done = m.lowerThisThreadPriority(); require('node:worker_threads').parentPort.postMessage({ done, nice: require('node:os').getPriority(0) }); setTimeout(() => {}, 2000); });`,
      { eval: true },
    );
    try {
      const reply = await new Promise<{ done: boolean; nice: number }>((resolve, reject) => (w.once('message', resolve), w.once('error', reject)));
      expect(reply).toEqual({ done: true, nice: Math.max(main, BACKGROUND_NICE) });
      expect(os.getPriority(0)).toBe(main);
      expect(threadNices()).toContain(Math.max(main, BACKGROUND_NICE));
    } finally {
      await w.terminate();
    }
  });
});

describe('lowerHelperThreads', () => {
  it('does nothing off Linux, or where /proc cannot be read', () => {
    expect(lowerHelperThreads('darwin')).toBe(0);
    expect(lowerHelperThreads('win32')).toBe(0);
    expect(lowerHelperThreads('linux', path.join(import.meta.dirname, 'no-such-proc'))).toBe(0);
  });

  it.skipIf(process.platform !== 'linux')('lowers V8\'s helper threads and leaves the main thread and the named threads as they were (Linux)', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const r = spawnSync(path.join(root, 'node_modules/.bin/node'), [path.join(import.meta.dirname, 'support/helper-threads-child.ts')], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    type T = { tid: number; name: string; nice: number };
    const out = JSON.parse(r.stdout) as { pid: number; lowered: number; before: T[]; after: T[] };
    const main = (list: T[]) => list.find((t) => t.tid === out.pid)!;
    const mainName = main(out.before).name;
    const helper = (t: T) => t.tid !== out.pid && (t.name === mainName || /^(V8Worker|DelayedTaskSche)/.test(t.name));
    // Node starts 4 platform workers by default, and they were at the main thread's priority.
    const helpers = out.before.filter(helper);
    expect(helpers.length).toBeGreaterThanOrEqual(2);
    expect(helpers.every((t) => t.nice === main(out.before).nice)).toBe(true);
    expect(out.lowered).toBe(helpers.length);
    for (const t of out.after.filter(helper)) expect(t.nice, `${t.name}[${t.tid}]`).toBe(Math.max(main(out.before).nice, BACKGROUND_NICE));
    expect(main(out.after).nice).toBe(main(out.before).nice);
    // libuv's pool serves the main thread's own file reads: left where it was.
    const named = out.after.filter((t) => t.name === 'libuv-worker');
    expect(named.length).toBeGreaterThan(0);
    for (const t of named) expect(t.nice).toBe(main(out.before).nice);
  });
});
