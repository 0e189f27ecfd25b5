// The window's options and the hardening, checked without a window. The fakes below are typed
// against the real electron.d.ts (Pick<WebContents, …>), so a wrong event name fails tsc.
import { describe, expect, it } from 'vitest';
import type { Event, HandlerDetails, Session, WebContents } from 'electron';
import { denyAllPermissions, hardenWebContents, windowOptions } from '../../../electron/main/window.ts';

describe('window options', () => {
  it('isolate and sandbox the page, with Node nowhere', () => {
    const wp = windowOptions('/app/preload/index.cjs').webPreferences!;
    expect(wp).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('web contents hardening', () => {
  function fakeContents() {
    const listeners = new Map<string, (e: Event) => void>();
    let openHandler: ((d: HandlerDetails) => { action: string }) | null = null;
    const contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'> = {
      on: ((name: string, l: (e: Event) => void) => {
        listeners.set(name, l);
        return contents;
      }) as WebContents['on'],
      setWindowOpenHandler: (h) => {
        openHandler = h as typeof openHandler;
      },
    };
    return { contents, listeners, open: (url: string) => openHandler!({ url } as HandlerDetails) };
  }

  it('denies window.open to any URL', () => {
    const f = fakeContents();
    hardenWebContents(f.contents);
    expect(f.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(f.open('app://credence/index.html')).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const f = fakeContents();
    hardenWebContents(f.contents);
    let prevented = false;
    f.listeners.get(name)!({ preventDefault: () => void (prevented = true) } as unknown as Event);
    expect(prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    let request: Parameters<Session['setPermissionRequestHandler']>[0] = null;
    let check: Parameters<Session['setPermissionCheckHandler']>[0] = null;
    let device: Parameters<Session['setDevicePermissionHandler']>[0] = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => void (request = h),
      setPermissionCheckHandler: (h) => void (check = h),
      setDevicePermissionHandler: (h) => void (device = h),
    });
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal'] as const) {
      request!({} as WebContents, p, (granted) => answers.push(granted), {} as never);
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(check!(null, 'media', 'app://credence', {} as never)).toBe(false);
    expect(device!({} as never)).toBe(false);
  });
});
