import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { createIpcHandler, isTrustedSender } from '../../../electron/main/ipc.ts';
import type { RendererDispatch } from '../../../electron/api/dispatcher.ts';

type Ev = Parameters<typeof isTrustedSender>[0];
const frame = (url: string) => ({ url }) as unknown as WebFrameMain;

function event(opts: { id?: number; url?: string; sub?: boolean; gone?: boolean } = {}): Ev {
  const main = frame(opts.url ?? 'app://credence/index.html');
  const sender = { id: opts.id ?? 1, mainFrame: main } as unknown as IpcMainInvokeEvent['sender'];
  const senderFrame = opts.gone ? null : opts.sub ? frame(opts.url ?? 'app://credence/index.html') : main;
  return { sender, senderFrame } as Ev;
}

describe('IPC sender check', () => {
  const trusted = new Set([1]);
  const calls: unknown[] = [];
  const dispatch: RendererDispatch = Object.assign(
    async (m: unknown, i: unknown) => {
      calls.push([m, i]);
      return { ok: true as const, value: 'ran' };
    },
    { transport: 'renderer' as const },
  );
  const handle = createIpcHandler(dispatch, trusted);

  it('passes calls from our window’s top frame on app:// to the dispatcher', async () => {
    expect(await handle(event(), 'cases.list', {})).toEqual({ ok: true, value: 'ran' });
    expect(calls).toEqual([['cases.list', {}]]);
  });

  it.each([
    ['another web contents', { id: 2 }],
    ['a sub-frame', { sub: true }],
    ['a page on another origin', { url: 'https://evil.example/' }],
    ['a file:// page', { url: 'file:///tmp/x.html' }],
    ['a destroyed frame', { gone: true }],
  ])('refuses %s without calling any service', async (_name, opts) => {
    calls.length = 0;
    const r = await handle(event(opts), 'cases.list', {});
    expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: 'This call did not come from a Credence window and was refused.' } });
    expect(calls).toEqual([]);
  });
});
