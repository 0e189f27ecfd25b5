// The browser test bridge: the real services and dispatcher run in the test's Node process;
// the built renderer runs in Chromium and reaches them through page.exposeBinding, the way it
// reaches them through the preload script in Electron. Only the transport differs. The built
// files and document bytes are served by intercepting requests to https://credence.test/ with
// the same resolver the app:// protocol uses, so no port is opened.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openWorkspace, type Workspace } from '../../../electron/services/workspace.ts';
import { ensureSampleCase } from '../../../electron/services/sample/sample-case.ts';
import { resolveAppPath, respond } from '../../../electron/main/protocol.ts';
import { realPoolWithStep } from '../../support/ocr-pool.ts';
import { ocrLimitsFromEnv } from '../../../electron/services/ocr/limits.ts';
import { SAMPLE_PDF, SAMPLE_SCAN_PDF } from '../../../resources/sample/generate-sample.ts';
import { fail } from '../../../shared/result.ts';
import { actAs, type Person } from '../../support/workspace.ts';

// https so the page is a secure context, as app:// is in Electron (crypto.randomUUID needs one).
export const ORIGIN = 'https://credence.test';
export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../../out/renderer');

export interface Harness {
  ws: Workspace;
  dataDir: string;
  /** Files the next open dialog answers with (the native dialog is the one edge we stand in for). */
  choose(paths: string[]): void;
  /** Where the next save dialog says to write. */
  chooseSave(path: string): void;
  /**
   * Holds the page's next imports at the app's door until the returned function is called, so a
   * test can see the app before an import it started has run (a race on a fast machine otherwise).
   */
  holdImports(): () => void;
  /**
   * Holds every page at the OCR engine's door (drawn, not read) until the returned function is
   * called, so a test can act on OCR in progress (Stop) without racing the engine.
   */
  holdOcr(): () => void;
  close(): void;
}

/** Who acts in a browser test unless it says otherwise: unlocked before the page opens. */
export const E2E_REVIEWER: Person = { name: 'Eve Reviewer', email: 'eve@body.example', role: 'reviewer' };

/**
 * `sample`: the sample case is made, as on a first run (default). `sampleScan`: with its scanned
 * bulletin too, as the app makes it; off by default, so that the many tests that only need a case
 * do not each start an OCR engine beside the browser (sample.spec.ts reads it).
 */
export async function attachBridge(page: Page, opts: { sample?: boolean; sampleScan?: boolean; actingAs?: Person | null } = {}): Promise<Harness> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npx electron-vite build` (npm test does it for you).');
  }
  // The workspace sits one level down, so files a test writes beside it go with close().
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-e2e-'));
  const dataDir = path.join(root, 'workspace');
  let next: string[] = [];
  let nextSave: string | null = null;
  const takeOne = () => {
    const p = next[0] ?? null;
    next = [];
    return p;
  };
  const takeSave = () => {
    const p = nextSave;
    nextSave = null;
    return p;
  };
  let ocrGate: Promise<void> | null = null;
  const ws = openWorkspace({
    dataDir,
    // As in the app: a scanned page is read in the background as soon as it is imported, by the
    // engine in its own process; a page waits at its door while a test holds OCR (holdOcr).
    ocr: {
      auto: true,
      createPool: (cacheDir) =>
        realPoolWithStep({ cacheDir, workerMemoryMb: ocrLimitsFromEnv(process.env).engineMemoryMb }, async (o) => {
          const signal = o?.signal;
          if (ocrGate && !signal?.aborted) await Promise.race([ocrGate, new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }))]);
        }),
    },
    platform: {
      async choosePdfs() {
        const p = next;
        next = [];
        return p;
      },
      chooseFile: async () => takeOne(),
      chooseBundle: async () => takeOne(),
      choosePacket: async () => takeOne(),
      chooseBundleSavePath: async () => takeSave(),
      choosePacketPath: async () => takeSave(),
    },
    emit: (event, payload) => {
      void page.evaluate(([e, p]) => (window as unknown as { __credenceEmit(e: string, p: unknown): void }).__credenceEmit(e, p), [event, payload] as const).catch(() => {});
    },
  });
  if (opts.sample !== false) await ensureSampleCase(ws, SAMPLE_PDF, opts.sampleScan ? SAMPLE_SCAN_PDF : undefined);
  const actingAs = opts.actingAs === undefined ? E2E_REVIEWER : opts.actingAs;
  if (actingAs) actAs(ws, actingAs);

  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const res = await respond(resolveAppPath(url.pathname, RENDERER_DIR, (id) => ws.services.documents.blobFor(id)));
    await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
  });
  // Anything else the page asks for would be the network: refuse it, and let the test see it.
  await page.route(/^(?!https:\/\/credence\.test\/)https?:\/\//, (route) => route.abort('blockedbyclient'));

  let importGate: Promise<void> | null = null;
  await page.exposeBinding('__credenceInvoke', async (source, method: unknown, input: unknown) => {
    // Same rule as IPC: only the page's top frame speaks for the app.
    if (source.frame !== page.mainFrame()) return fail('forbidden', 'This call did not come from the top frame and was refused.');
    if (method === 'documents.import' && importGate) await importGate;
    // The renderer's dispatcher, as over IPC: files only as dialog handles, never paths.
    return ws.rendererDispatch(method, input);
  });
  await page.addInitScript(() => {
    const listeners = new Map<string, Set<(p: unknown) => void>>();
    const w = window as unknown as Record<string, unknown>;
    w.__credenceEmit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
    const invoke = w.__credenceInvoke as (m: string, i: unknown) => Promise<unknown>;
    w.credence = Object.freeze({
      invoke: (method: string, input: unknown) => invoke(method, input),
      on(event: string, listener: (p: unknown) => void) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
        return () => listeners.get(event)?.delete(listener);
      },
    });
  });
  return {
    ws,
    dataDir,
    choose(paths) {
      next = paths;
    },
    chooseSave(p) {
      nextSave = p;
    },
    holdImports: () => hold((g) => (importGate = g)),
    holdOcr: () => hold((g) => (ocrGate = g)),
    close() {
      ws.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A door shut now (`set` is given the promise that waits at it) until the returned function opens it. */
function hold(set: (gate: Promise<void> | null) => void): () => void {
  let release!: () => void;
  set(new Promise<void>((r) => (release = r)));
  return () => {
    set(null);
    release();
  };
}
