// A file large enough for two readers is read by two threads inside one extractor process (one
// Node runtime, not two), each every other page, and its pages come back whole and in order,
// whether the bytes are sent or the stored copy is read.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extractPdf, SOURCE_WORKER_PATH } from '../../../electron/services/extraction/extract-pool.ts';
import { liveChildPids } from '../../../electron/services/isolation/spawn-child.ts';
import { sha256Hex } from '../../../electron/services/documents/blob-store.ts';
import { numberedPdf } from '../../fixtures/pdfs.ts';
import { tempDir } from '../../support/workspace.ts';

const PAGES = 600;
let dir: string;
let bytes: Uint8Array;
beforeAll(async () => {
  dir = tempDir();
  bytes = await numberedPdf(PAGES);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The extraction, and every child process started for it (one from an earlier test may still be ending). */
async function extractWatching(input: Parameters<typeof extractPdf>[0]) {
  const earlier = new Set(liveChildPids());
  const pids = new Set<number>();
  const poll = setInterval(() => liveChildPids().forEach((p) => earlier.has(p) || pids.add(p)), 5);
  try {
    const x = await extractPdf(input, { workerPath: SOURCE_WORKER_PATH, workers: 2, pageLimit: 5000 });
    return { x, pids: [...pids] };
  } finally {
    clearInterval(poll);
  }
}

it('is big enough to be read by two threads', () => {
  expect(bytes.byteLength).toBeGreaterThanOrEqual(256 * 1024);
});

it('sent as bytes: one extractor process, every page in order', async () => {
  const { x, pids } = await extractWatching(bytes);
  expect(pids).toHaveLength(1);
  expect(x.numPages).toBe(PAGES);
  expect(x.pages.map((p) => p.text.split('\n')[0])).toEqual(Array.from({ length: PAGES }, (_, i) => `Policy page ${i + 1}`));
});

it('read from the stored copy: one extractor process, every page in order', async () => {
  const file = path.join(dir, 'stored.pdf');
  fs.writeFileSync(file, bytes);
  const alone = await extractWatching({ path: file, byteLength: bytes.byteLength, sha256: sha256Hex(bytes) });
  expect(alone.pids).toHaveLength(1);
  expect(alone.x.pages.map((p) => p.index)).toEqual(Array.from({ length: PAGES }, (_, i) => i));
  expect(alone.x.pages[PAGES - 1]!.text).toContain(`Section ${PAGES}: officers shall use reasonable force.`);
});
