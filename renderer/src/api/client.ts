// The renderer's typed client over window.credence. Types come from the contract; failures
// arrive as ApiFailure with the message and per-field errors to show beside the field.
import type { EventName, EventPayload, Input, Method, Output } from '../../../shared/contract.ts';
import type { CredenceBridge } from '../../../shared/channels.ts';
import type { ApiError, Result } from '../../../shared/result.ts';

declare global {
  interface Window {
    credence?: CredenceBridge;
  }
}

export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.error = error;
  }
}

function bridge(): CredenceBridge {
  if (!window.credence) throw new Error('Credence must run inside its desktop window (the bridge to the workspace is missing).');
  return window.credence;
}

/**
 * Sent on window when a change was refused because no identity is unlocked (or it went idle). A
 * listener that will ask who is acting calls preventDefault(), and later sends IDENTITY_SETTLED.
 */
export const NEED_IDENTITY = 'credence:need-identity';
/** Sent on window when that question is answered: `detail` is true when someone now acts. */
export const IDENTITY_SETTLED = 'credence:identity-settled';

export function settleIdentity(acting: boolean): void {
  window.dispatchEvent(new CustomEvent<boolean>(IDENTITY_SETTLED, { detail: acting }));
}

export async function call<M extends Method>(method: M, input: Input<M>, retried = false): Promise<Output<M>> {
  const result = (await bridge().invoke(method, input)) as Result<Output<M>>;
  if (!result.ok) {
    if (!retried && result.error.code === 'forbidden' && result.error.fields?.identity) {
      // The identity picker asks for the passphrase. The change was refused with nothing changed,
      // so once someone acts it is made as asked (a Save pressed while locked is not lost); if the
      // question is dismissed, the caller shows why nothing changed.
      const asking = !window.dispatchEvent(new Event(NEED_IDENTITY, { cancelable: true }));
      if (asking) {
        const acting = await new Promise<boolean>((resolve) => window.addEventListener(IDENTITY_SETTLED, (e) => resolve((e as CustomEvent<boolean>).detail), { once: true }));
        if (acting) return call(method, input, true);
      }
    }
    throw new ApiFailure(result.error);
  }
  return result.value;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, (p) => listener(p as EventPayload<E>));
}

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
