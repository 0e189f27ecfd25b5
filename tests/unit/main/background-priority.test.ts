// Background threads give way to the app's main thread: on Linux a worker lowers its own nice
// value and the main thread's stays where it was; elsewhere nothing is changed (setpriority there
// would lower the whole process, the window's thread included).
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { threadNices } from '../../support/thread-nice.ts';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, lowerThisThreadPriority } from '../../../electron/services/background-priority.ts';


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
