// IPC channel names and the bridge's shape. Imports nothing, so the preload bundle stays tiny.

/** The bridge the preload script exposes as window.credence: nothing else crosses. */
export interface CredenceBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export const IPC_INVOKE = 'credence:invoke';
export const IPC_EVENT = 'credence:event';
