// A stand-in for the Electron runtime, the one edge that cannot run here. It records what the
// built main process registers (window options, protocol handler, IPC handler, request filter)
// so a test can drive them. Shapes are checked against the real electron.d.ts via `satisfies`.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindowConstructorOptions, ForkOptions, IpcMain, Protocol, UtilityProcess } from 'electron';

// The callbacks main registers, typed by the real API.
type Handler = Parameters<Protocol['handle']>[1];
type Invoke = Parameters<IpcMain['handle']>[1];

export const recorded = {
  schemes: [] as unknown[],
  windowOptions: null as BrowserWindowConstructorOptions | null,
  loadedUrl: null as string | null,
  protocolHandler: null as Handler | null,
  beforeRequest: null as ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null,
  ipc: null as Invoke | null,
  webContentsId: 7,
  mainFrame: { url: 'app://credence/index.html' },
  userData: '',
  appPath: '',
  sent: [] as unknown[],
};
let ready!: () => void;
const readyPromise = new Promise<void>((r) => (ready = r));
/** The app's own handlers (app.on), so a test can close the last window as a person would. */
const appHandlers = new Map<string, () => void>();
export const fire = { ready: () => ready(), windowAllClosed: () => appHandlers.get('window-all-closed')?.() };

export const app = {
  requestSingleInstanceLock: () => true,
  quit: () => {},
  on: (event: string, handler: () => void) => {
    appHandlers.set(event, handler);
    return app;
  },
  whenReady: () => readyPromise,
  getPath: (name: string) => (name === 'userData' ? recorded.userData || path.join(os.tmpdir(), 'credence-fake-userdata') : os.tmpdir()),
  getAppPath: () => recorded.appPath,
  isPackaged: false,
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => void recorded.schemes.push(...schemes),
};

export const session = {
  defaultSession: {
    protocol: { handle: ((_scheme: string, h: Handler) => void (recorded.protocolHandler = h)) satisfies Protocol['handle'] },
    webRequest: { onBeforeRequest: (f: typeof recorded.beforeRequest) => void (recorded.beforeRequest = f) },
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
  },
};

export const ipcMain = {
  handle: ((_channel: string, f: Invoke) => void (recorded.ipc = f)) satisfies IpcMain['handle'],
};

export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }),
  showSaveDialog: async () => ({ canceled: true, filePath: '' }),
};

export class BrowserWindow {
  webContents = {
    id: recorded.webContentsId,
    mainFrame: recorded.mainFrame,
    send: (...args: unknown[]) => void recorded.sent.push(args),
    on: () => {},
    setWindowOpenHandler: () => {},
  };
  constructor(options: BrowserWindowConstructorOptions) {
    recorded.windowOptions = options;
  }
  once() {}
  on() {}
  show() {}
  isMinimized() {
    return false;
  }
  async loadURL(url: string) {
    recorded.loadedUrl = url;
  }
}

/**
 * Electron's utilityProcess, played by child_process.fork: the child gets process.send where a
 * utility process has process.parentPort, and electron/services/isolation/child-port.ts serves
 * both alike. Returns the events and members electron/main/utility-child.ts uses, cast to the
 * real type.
 */
export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: ForkOptions = {}): UtilityProcess {
    const cp = fork(modulePath, args, { execArgv: options.execArgv ?? [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const up = new EventEmitter();
    cp.once('spawn', () => up.emit('spawn'));
    cp.on('message', (m) => up.emit('message', m));
    // A utility process reports only an exit code; a signal reads as a shell would report it.
    cp.once('exit', (code, signal) => up.emit('exit', code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
    Object.assign(up, {
      stderr: cp.stderr,
      postMessage: (m: unknown) => void cp.send(m as never),
      kill: () => cp.kill('SIGKILL'),
    });
    Object.defineProperty(up, 'pid', { get: () => cp.pid });
    return up as unknown as UtilityProcess;
  },
};
