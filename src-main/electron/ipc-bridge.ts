import { fail, type Reply } from '../../src-shared/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../src-shared/ipc-channels';
import type { Dispatcher } from '../app/dispatcher';
import type { EventBus } from '../kernel/event-bus';
import type { Logger } from '../kernel/logger';
import { isSameOrigin } from './kiosk-origin';

export { EVENT_CHANNEL, INVOKE_CHANNEL };

/*
 * Shapes of the Electron objects used here, so the bridge runs under plain Node in tests.
 * Electron's IpcMain, IpcMainInvokeEvent and WebContents satisfy them.
 */

export interface SenderFrame {
  readonly url: string;
  /** null for a main frame. */
  readonly parent: unknown;
}

export interface InvokeEvent {
  readonly sender: { readonly id: number };
  /** null once the frame has navigated away or been destroyed. */
  readonly senderFrame: SenderFrame | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<Reply<unknown>>): void;
  removeHandler(channel: string): void;
}

export interface EventSink {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Trusts only the main frame of the kiosk window, and only while it shows the kiosk origin: an
 * iframe, another window or a page that was somehow navigated away gets nothing.
 */
export function createSenderCheck(options: {
  origin: string;
  /** The kiosk window's web contents, or null while there is none. */
  contents: () => { readonly id: number } | null;
}): (event: InvokeEvent) => boolean {
  return (event) => {
    const expected = options.contents();
    if (expected === null || event.sender.id !== expected.id) return false;
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isSameOrigin(frame.url, options.origin);
  };
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  dispatcher: Pick<Dispatcher, 'dispatch'>;
  events: Pick<EventBus, 'subscribe'>;
  isTrustedSender: (event: InvokeEvent) => boolean;
  /** Where events go: the kiosk window's web contents, or null while there is none. */
  target: () => EventSink | null;
  logger: Logger;
}

/**
 * Carries the contract over Electron IPC: one invoke channel into the dispatcher, one event
 * channel out. Returns a function that undoes both.
 */
export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  const { ipcMain, dispatcher, events, isTrustedSender, target, logger } = options;

  ipcMain.handle(INVOKE_CHANNEL, async (event, method, request) => {
    if (!checkSender(isTrustedSender, event)) {
      logger.log('warn', 'ipc call from an untrusted sender refused', {
        method: typeof method === 'string' ? method.slice(0, 64) : typeof method,
        url: frameUrl(event),
      });
      return fail('forbidden', 'This page may not use the kiosk.');
    }
    return dispatcher.dispatch(method, request);
  });

  const unsubscribe = events.subscribe((name, payload) => {
    const contents = target();
    if (contents === null || contents.isDestroyed()) return;
    try {
      contents.send(EVENT_CHANNEL, name, payload);
    } catch (error) {
      // The window may be tearing down; the service that emitted must not fail because of it.
      logger.log('warn', 'event not delivered to the renderer', {
        event: name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}

/** Electron's senderFrame getter can throw once the frame is disposed; that counts as untrusted. */
function checkSender(isTrustedSender: (event: InvokeEvent) => boolean, event: InvokeEvent): boolean {
  try {
    return isTrustedSender(event);
  } catch {
    return false;
  }
}

function frameUrl(event: InvokeEvent): string {
  try {
    return event.senderFrame?.url.slice(0, 200) ?? '(no frame)';
  } catch {
    return '(frame disposed)';
  }
}
