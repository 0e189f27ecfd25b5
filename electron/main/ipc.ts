// The one IPC entry point: drop calls from anything but our own top frame on app://, then hand
// the call to the renderer's dispatcher, which parses the input against the contract and
// refuses any call that names a file by path.
import type { IpcMainInvokeEvent } from 'electron';
import { APP_ORIGIN } from '../../shared/csp.ts';
import { fail, type Result } from '../../shared/result.ts';
import type { RendererDispatch } from '../api/dispatcher.ts';

type SenderView = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: Pick<IpcMainInvokeEvent['sender'], 'id' | 'mainFrame'> };

export function isTrustedSender(event: SenderView, trustedWebContentsIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed
  if (!trustedWebContentsIds.has(event.sender.id)) return false;
  if (frame !== event.sender.mainFrame) return false; // sub-frames never speak for the app
  try {
    // Node's URL gives custom schemes an opaque origin ("null"), so compare scheme and host.
    const u = new URL(frame.url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

// Typed to the renderer's dispatcher: the local one, which takes paths, cannot be wired here.
export function createIpcHandler(dispatch: RendererDispatch, trustedWebContentsIds: ReadonlySet<number>) {
  return async (event: SenderView, method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, trustedWebContentsIds)) {
      return fail('forbidden', 'This call did not come from a Credence window and was refused.');
    }
    return dispatch(method, input);
  };
}
