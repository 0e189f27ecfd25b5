// Composition root of the desktop app: lifecycle, the window, the app:// protocol and the API.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/channels.ts';
import { openWorkspace, type Workspace } from '../services/workspace.ts';
import { resolveDataDir } from '../services/data-dir.ts';
import { ensureSampleCase } from '../services/sample/sample-case.ts';
import { SAMPLE_FILE_NAME, SAMPLE_SCAN_FILE_NAME } from '../services/sample/sample-file.ts';
import { createIpcHandler } from './ipc.ts';
import { resolveAppPath, respond } from './protocol.ts';
import { denyAllPermissions, hardenWebContents, windowOptions } from './window.ts';
import { useChildStarter } from '../services/isolation/spawn-child.ts';
import { startUtilityChild } from './utility-child.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');

// Must happen before 'ready': app:// behaves like https (standard, secure, fetch-able).
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let ws: Workspace | null = null;
  const trusted = new Set<number>();

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // Every web contents ever created (windows, devtools, anything) gets the same locks.
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents));

  app.whenReady().then(async () => {
    const openOne = async (title: string, name: string, extensions: string[]) => {
      if (!win) return null;
      const r = await dialog.showOpenDialog(win, { title, properties: ['openFile'], filters: [{ name, extensions }] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    };
    const saveAs = async (title: string, defaultPath: string, name: string, extension: string) => {
      if (!win) return null;
      const r = await dialog.showSaveDialog(win, { title, defaultPath, filters: [{ name, extensions: [extension] }] });
      return r.canceled || !r.filePath ? null : r.filePath;
    };
    // Hostile files are read in utility processes (utilityProcess.fork needs the app ready).
    useChildStarter(startUtilityChild);
    const argDir = process.argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
    const dataDir = resolveDataDir(argDir, process.env, app.getPath('userData'));
    ws = openWorkspace({
      dataDir,
      appLock: true,
      rubricsDir: app.isPackaged ? path.join(process.resourcesPath, 'rubrics') : path.join(app.getAppPath(), 'resources', 'rubrics'),
      packsDir: app.isPackaged ? path.join(process.resourcesPath, 'checklists') : path.join(app.getAppPath(), 'resources', 'checklists'),
      // The PDF text extractor, the OCR page renderer and the OCR engine run in child processes (utilityProcess),
      // pre-review and WAL checkpoints in worker threads; each starts from a file the packaged build unpacks from app.asar.
      workerPath: path.join(here, 'extract-worker.js').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
      prereviewWorkerPath: path.join(here, 'prereview-worker.js').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
      checkpointWorkerPath: path.join(here, 'db-checkpoint-worker.js').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
      // Scanned pages are read in the background as they are imported, and after a restart.
      ocr: {
        auto: true,
        renderWorkerPath: path.join(here, 'ocr-render-worker.js').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
        tesseractWorkerPath: path.join(here, 'ocr-tesseract-worker.js').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
        engineHostPath: path.join(here, 'ocr-engine-host.js').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
      },
      emit: (event, payload) => win?.webContents.send(IPC_EVENT, event, payload),
      platform: {
        async choosePdfs() {
          if (!win) return [];
          const r = await dialog.showOpenDialog(win, {
            title: 'Add policy PDFs',
            properties: ['openFile', 'multiSelections'],
            filters: [{ name: 'PDF documents', extensions: ['pdf'] }],
          });
          return r.canceled ? [] : r.filePaths;
        },
        chooseBundleSavePath: (defaultName) => saveAs('Export case bundle', defaultName, 'Credence case', 'credence-case'),
        choosePacketPath: (defaultName) => saveAs('Export signed review packet', defaultName, 'Review packet', 'zip'),
        chooseFile: (title, extensions, kind) => openOne(title, kind, extensions),
        chooseBundle: () => openOne('Import case bundle', 'Credence case', ['credence-case']),
        choosePacket: () => openOne('Verify a review packet', 'Review packet', ['zip']),
      },
      log: (msg, err) => console.error(`[credence] ${msg}`, err),
    });
    const workspace = ws;
    const sampleDir = app.isPackaged ? path.join(process.resourcesPath, 'sample') : path.join(app.getAppPath(), 'resources', 'sample');
    await ensureSampleCase(workspace, path.join(sampleDir, SAMPLE_FILE_NAME), path.join(sampleDir, SAMPLE_SCAN_FILE_NAME)).catch((err) => console.error('[credence] sample case:', err));

    denyAllPermissions(session.defaultSession);
    session.defaultSession.protocol.handle('app', (req) => {
      const url = new URL(req.url);
      if (url.host !== 'credence') return new Response('Not found', { status: 404 });
      return respond(resolveAppPath(url.pathname, rendererDir, (id) => workspace.services.documents.blobFor(id)));
    });
    // Nothing leaves this machine: refuse every request that is not app://.
    session.defaultSession.webRequest.onBeforeRequest((details, cb) => cb({ cancel: !details.url.startsWith('app://') && !details.url.startsWith('devtools://') }));

    // The window's dispatcher: files only as handles from the dialogs above, never as paths.
    const handle = createIpcHandler(workspace.rendererDispatch, trusted);
    ipcMain.handle(IPC_INVOKE, (event, method: unknown, input: unknown) => handle(event, method, input));

    win = new BrowserWindow(windowOptions(path.join(here, '../preload/index.cjs')));
    trusted.add(win.webContents.id);
    win.once('ready-to-show', () => win?.show());
    win.on('closed', () => {
      win = null;
    });
    await win.loadURL('app://credence/index.html');
  }).catch((err: unknown) => {
    // Another Credence window has this workspace, or it cannot be opened at all: say so and stop.
    dialog.showErrorBox('Credence cannot start', err instanceof Error ? err.message : String(err));
    app.quit();
  });

  app.on('window-all-closed', () => {
    ws?.close();
    ws = null;
    app.quit();
  });
}
