import type { ClientTransport } from '../../src-shared/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../src-shared/ipc-channels';

/** The part of Electron's ipcRenderer the preload uses; a plain fake in unit tests. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The preload's side of the IPC bridge. Electron's event object stays in the isolated world:
 * the page only ever receives the event name and payload.
 */
export function createIpcTransport(ipc: IpcRendererLike): ClientTransport {
  return {
    invoke: (method, request) => ipc.invoke(INVOKE_CHANNEL, method, request),
    subscribe(listener) {
      const onEvent = (_event: unknown, name: unknown, payload: unknown): void => {
        if (typeof name === 'string') listener(name, payload);
      };
      ipc.on(EVENT_CHANNEL, onEvent);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, onEvent);
      };
    },
  };
}
