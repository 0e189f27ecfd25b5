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

/** Sent on window when a change was refused because no identity is unlocked (or it went idle). */
export const NEED_IDENTITY = 'credence:need-identity';

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = (await bridge().invoke(method, input)) as Result<Output<M>>;
  if (!result.ok) {
    // The identity picker answers by asking for the passphrase; the caller still shows the message.
    if (result.error.code === 'forbidden' && result.error.fields?.identity) window.dispatchEvent(new Event(NEED_IDENTITY));
    throw new ApiFailure(result.error);
  }
  return result.value;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, (p) => listener(p as EventPayload<E>));
}

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
