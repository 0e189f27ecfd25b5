// Two processes with one workspace open (the app and the CLI) read its pending pages together
// without reading any page twice: each claims the pages it reads (page-claims.ts). A claim whose
// process has ended is taken over at once, one that is not renewed within its lease after it, and
// pages another process reads land here as progress, with the list saying they are being read.
// Two workspaces opened on one folder in this process stand in for the two processes (each
// with its own connection, claims and engine); a claim of another process is written as such.
import { spawnSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { realPoolWithStep } from '../../support/ocr-pool.ts';
import type { OcrPool } from '../../../electron/services/ocr/engine.ts';
import { ELSEWHERE_POLL_MS } from '../../../electron/services/ocr/ocr-service.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempWorkspace } from '../../support/workspace.ts';

const open: Array<ReturnType<typeof tempWorkspace>> = [];
afterEach(() => {
  // The second workspace shares the first's folder: closed first, then the first removes it.
  for (const t of open.splice(0).reverse()) t.cleanup();
});

/** The real engine, counting the pages it is handed and holding each until `release()`. */
function countingPool(read: string[], who: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const createPool = (cacheDir: string): OcrPool =>
    realPoolWithStep({ cacheDir, size: 1 }, async () => {
      read.push(who);
      await gate;
    });
  return { createPool, release: () => release() };
}

const pageOwners = (t: ReturnType<typeof tempWorkspace>, documentId: string) =>
  t.ws.ctx.db.prepare('SELECT page_index, status, claim_owner FROM page_ocr WHERE document_id = ? ORDER BY page_index').all(documentId) as Array<{ page_index: number; status: string; claim_owner: string | null }>;

async function importScan(t: ReturnType<typeof tempWorkspace>, pages: number) {
  const caseId = (await t.call('cases.create', { agencyName: 'Claims Police Department', ori: 'IL0000011', state: 'IL' })).id;
  const text = Array.from({ length: pages }, (_, i) => [`Page ${i + 1} of the order`]);
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('scan.pdf', await scannedPdf(text))] });
  return { caseId, documentId: r.document.id as string };
}

it('two processes read one queue together, each page once', async () => {
  const readA: string[] = [];
  const readB: string[] = [];
  const a = countingPool(readA, 'a');
  const b = countingPool(readB, 'b');
  const A = tempWorkspace({ ocr: { auto: false, poolSize: 1, limits: { dpi: 100 }, createPool: a.createPool } });
  open.push(A);
  const { caseId, documentId } = await importScan(A, 4);
  const B = tempWorkspace({ dataDir: A.dataDir, ocr: { auto: false, poolSize: 1, limits: { dpi: 100 }, createPool: b.createPool } });
  open.push(B);

  // A takes two pages (one read, one drawn ahead); B, started after, takes the other two.
  A.ws.services.ocr.start();
  await expect.poll(() => pageOwners(A, documentId).filter((p) => p.claim_owner).length).toBe(2);
  B.ws.services.ocr.start();
  await expect.poll(() => pageOwners(A, documentId).filter((p) => p.claim_owner).length).toBe(4);
  const owners = pageOwners(A, documentId).map((p) => p.claim_owner);
  expect(new Set(owners).size).toBe(2);
  expect(owners[0]).toBe(owners[1]);

  // B's list says the document is being read (by A as much as by B), not that it waits.
  const [listed] = await B.call('documents.list', { caseId });
  expect(listed.ocr).toMatchObject({ pending: 4, running: true });

  const bEvents: Array<{ page: number; phase: string }> = [];
  B.ws.subscribe((event, p) => {
    if (event === 'ocr.progress') bEvents.push(p as { page: number; phase: string });
  });
  // B waits for the whole queue: its own pages, then A's as they land.
  const bIdle = B.ws.services.ocr.whenIdle();
  b.release();
  a.release();
  await Promise.all([A.ws.services.ocr.whenIdle(), bIdle]);

  expect(readA).toHaveLength(2);
  expect(readB).toHaveLength(2);
  expect(pageOwners(A, documentId)).toEqual([0, 1, 2, 3].map((i) => ({ page_index: i, status: 'done', claim_owner: null })));
  // A's two pages were announced in B as they landed (B's list and viewer update).
  expect(bEvents.filter((e) => e.phase === 'done').map((e) => e.page).sort()).toEqual([1, 2, 3, 4]);
  const hits = await B.call('search.query', { caseId, query: '"Page 2 of the order"' });
  expect(hits.map((h: { page: number }) => h.page)).toEqual([2]);
}, 120_000);

it('a claim left by a process that ended is taken over at once', async () => {
  const read: string[] = [];
  const pool = countingPool(read, 'me');
  pool.release();
  const t = tempWorkspace({ ocr: { auto: false, poolSize: 1, limits: { dpi: 100 }, createPool: pool.createPool } });
  open.push(t);
  const { documentId } = await importScan(t, 2);
  // A process that has ended (a crash mid-page) left both pages claimed a moment ago.
  const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
  t.ws.ctx.db.prepare('UPDATE page_ocr SET claim_owner = ?, claimed_at = ? WHERE document_id = ?').run(`${gone}:0a0b0c0d0e0f`, Date.now(), documentId);
  await t.ws.services.ocr.whenIdle();
  expect(read).toHaveLength(2);
  expect(pageOwners(t, documentId).map((p) => p.status)).toEqual(['done', 'done']);
}, 60_000);

it('a claim another running process holds is left to it until its lease lapses', async () => {
  const read: string[] = [];
  const pool = countingPool(read, 'me');
  pool.release();
  let now = Date.parse('2026-11-28T12:00:00Z');
  const t = tempWorkspace({ now: () => new Date(now), ocr: { auto: false, poolSize: 1, limits: { dpi: 100, pageTimeMs: 60_000 }, createPool: pool.createPool } });
  open.push(t);
  const { caseId, documentId } = await importScan(t, 2);
  // A live process (this one's parent) claims page 2 now.
  t.ws.ctx.db.prepare('UPDATE page_ocr SET claim_owner = ?, claimed_at = ? WHERE document_id = ? AND page_index = 1').run(`${process.ppid}:0a0b0c0d0e0f`, now, documentId);
  let idle = false;
  const done = t.ws.services.ocr.whenIdle().then(() => (idle = true));
  t.ws.services.ocr.start();
  await expect.poll(() => pageOwners(t, documentId)[0]!.status, { timeout: 30_000 }).toBe('done');
  // Page 2 is the other process's: not read here, and the queue is not over while it reads it.
  await new Promise((resolve) => setTimeout(resolve, ELSEWHERE_POLL_MS + 500));
  expect(read).toHaveLength(1);
  expect(idle).toBe(false);
  const [listed] = await t.call('documents.list', { caseId });
  expect(listed.ocr).toMatchObject({ pagesOcr: 1, pending: 1, running: true });
  // It stops renewing its claim (hung, or its id now belongs to another program): after the
  // lease (twice the page time limit and 30 s) the page is read here.
  now += 2 * 60_000 + 31_000;
  await done;
  expect(read).toHaveLength(2);
  expect(pageOwners(t, documentId)).toEqual([
    { page_index: 0, status: 'done', claim_owner: null },
    { page_index: 1, status: 'done', claim_owner: null },
  ]);
}, 60_000);
