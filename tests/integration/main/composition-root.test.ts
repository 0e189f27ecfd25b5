// The built main process (out/main/index.js) driven through a stand-in Electron: what the real
// app registers at start-up, and that its protocol handler, request filter and IPC handler work
// against a real workspace — the sample case seeded through the built extraction worker.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CSP_HEADER } from '../../../shared/csp.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BUILT = path.join(ROOT, 'out/main/index.js');
const built = fs.existsSync(BUILT) && fs.existsSync(path.join(ROOT, 'resources/sample/riverside-general-order-300.pdf')) && fs.existsSync(path.join(ROOT, 'resources/sample/riverside-training-bulletin-2026-04-scanned.pdf'));

vi.mock('electron', () => import('./fake-electron.ts'));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-main-'));
/** Closes the app's last window, as a person would: the workspace closes, and every process it started ends. */
let closeApp: (() => void) | null = null;
afterAll(() => {
  // Even after a failed assertion: the sample's OCR would otherwise go on writing into dataDir.
  closeApp?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!built)('the built main process (needs `npx electron-vite build` and the sample PDFs; npm test makes both)', () => {
  it('registers a hardened window, app://, a request filter and one IPC handler, and opens app://credence/index.html', async () => {
    const fake = await import('./fake-electron.ts');
    fake.recorded.appPath = ROOT;
    process.env.CREDENCE_DATA_DIR = dataDir;
    await import(BUILT);
    closeApp = fake.fire.windowAllClosed;
    fake.fire.ready();
    await vi.waitFor(() => expect(fake.recorded.loadedUrl).toBe('app://credence/index.html'), { timeout: 30_000 });
    expect(fake.recorded.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    const wp = fake.recorded.windowOptions!.webPreferences!;
    expect(wp).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(fs.existsSync(wp.preload!)).toBe(true); // the built CommonJS preload is where main looks

    // app:// serves the built renderer with the CSP header, and nothing outside it.
    const h = fake.recorded.protocolHandler!;
    const index = await h(new Request('app://credence/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(await index.text()).toContain('<div id="root"></div>');
    // Encoded slashes survive URL parsing, so the resolver itself must refuse the climb.
    expect((await h(new Request('app://credence/..%2f..%2fpackage.json'))).status).toBe(403);
    // Encoded dots are collapsed by the URL parser inside the root: nothing outside is reachable.
    expect((await h(new Request('app://credence/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    expect((await h(new Request('app://elsewhere/index.html'))).status).toBe(404);

    // Nothing but app:// leaves the window.
    const cancel = (url: string) => new Promise<boolean>((r) => fake.recorded.beforeRequest!({ url }, (x) => r(x.cancel)));
    expect(await cancel('https://example.com/')).toBe(true);
    expect(await cancel('app://credence/assets/x.js')).toBe(false);

    // IPC from our window's top frame reaches the workspace: the sample case is there, imported
    // by the built extraction worker; a call from a sub-frame is refused.
    const ipc = fake.recorded.ipc!;
    const event = (frame: unknown) => ({ sender: { id: fake.recorded.webContentsId, mainFrame: fake.recorded.mainFrame }, senderFrame: frame }) as never;
    const cases = (await ipc(event(fake.recorded.mainFrame), 'cases.list', {})) as { ok: boolean; value: Array<{ id: string; agencyName: string; documentCount: number }> };
    // The sample: the order, and the scanned bulletin read by the built OCR renderer and engine.
    expect(cases.value).toEqual([expect.objectContaining({ agencyName: 'Riverside Police Department (sample)', documentCount: 2 })]);
    type Doc = { id: string; pageCount: number; ocr: { pagesOcr: number; failed: number } | null };
    const listDocs = async () => ((await ipc(event(fake.recorded.mainFrame), 'documents.list', { caseId: cases.value[0]!.id })) as { value: Doc[] }).value;
    const docs = await listDocs();
    expect(docs.map((d) => d.pageCount).sort()).toEqual([1, 3]);
    const order = docs.find((d) => d.pageCount === 3)!;
    const scan = docs.find((d) => d.pageCount === 1)!;
    await vi.waitFor(async () => expect((await listDocs()).find((d) => d.id === scan.id)!.ocr).toMatchObject({ pagesOcr: 1, failed: 0 }), { timeout: 90_000, interval: 250 });
    const pdf = await h(new Request(`app://credence/documents/${order.id}.pdf`));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await ipc(event({ url: 'app://credence/index.html' }), 'cases.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The window's own calls may not name files: the real IPC handler is wired to the renderer's dispatcher.
    expect(await ipc(event(fake.recorded.mainFrame), 'checklists.importPack', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The checklist and rubric packs were found where the app keeps them.
    expect(await ipc(event(fake.recorded.mainFrame), 'checklists.packs', {})).toMatchObject({ ok: true, value: [expect.objectContaining({ id: 'eo13929-doj-2020' })] });
    expect(((await ipc(event(fake.recorded.mainFrame), 'rubrics.list', {})) as { value: unknown[] }).value).toHaveLength(2);
  }, 150_000);
});
