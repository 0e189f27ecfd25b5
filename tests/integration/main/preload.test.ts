// The built preload (out/preload/index.cjs) loaded as the sandboxed renderer would: CommonJS,
// requiring nothing but 'electron', exposing exactly { invoke, on } on window.credence.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContextBridge, IpcRenderer } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type CredenceBridge } from '../../../shared/channels.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BUILT = path.join(ROOT, 'out/preload/index.cjs');

describe.skipIf(!fs.existsSync(BUILT))('the built preload (needs `npx electron-vite build`; npm test makes it)', () => {
  it('exposes only invoke and on, wired to the IPC channels', async () => {
    const require = createRequire(import.meta.url);
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const listeners = new Map<string, (...a: unknown[]) => void>();
    const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) } satisfies Pick<ContextBridge, 'exposeInMainWorld'>;
    const ipcRenderer = {
      invoke: async (channel: string, ...args: unknown[]) => (invoked.push([channel, ...args]), { ok: true, value: 'pong' }),
      on: (channel: string, l: (...a: unknown[]) => void) => (listeners.set(channel, l), ipcRenderer),
      removeListener: (channel: string) => (listeners.delete(channel), ipcRenderer),
    };
    const required: string[] = [];
    const electronPath = require.resolve('electron');
    require.cache[electronPath] = { exports: { contextBridge, ipcRenderer: ipcRenderer as unknown as IpcRenderer } } as NodeJS.Module;
    const Module = require('node:module') as { prototype: { require: (id: string) => unknown } };
    const original = Module.prototype.require;
    Module.prototype.require = function (id: string) {
      required.push(id);
      return original.call(this, id);
    };
    try {
      require(BUILT);
    } finally {
      Module.prototype.require = original;
      delete require.cache[electronPath];
    }
    expect(required.filter((id) => id !== BUILT)).toEqual(['electron']); // nothing else: no zod, no Node
    expect(Object.keys(exposed)).toEqual(['credence']);
    const bridge = exposed.credence as CredenceBridge;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(await bridge.invoke('cases.list', {})).toEqual({ ok: true, value: 'pong' });
    expect(invoked).toEqual([[IPC_INVOKE, 'cases.list', {}]]);
    const got: unknown[] = [];
    const off = bridge.on('import.progress', (p) => got.push(p));
    listeners.get(IPC_EVENT)!({}, 'import.progress', { pagesDone: 1 });
    listeners.get(IPC_EVENT)!({}, 'other.event', { x: 1 });
    expect(got).toEqual([{ pagesDone: 1 }]);
    off();
    expect(listeners.has(IPC_EVENT)).toBe(false);
  });
});
