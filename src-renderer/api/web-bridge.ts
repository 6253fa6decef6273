import type { ClientTransport, MethodName } from '../../src-shared/contract';

/**
 * The browser host's side of the contract: the same invoke/subscribe pair as Electron's preload,
 * carried over a WebSocket to the local core.
 *
 * Wire format (JSON text frames):
 *   client → server  {"id": number, "method": string, "request": unknown}
 *   server → client  {"id": number, "reply": Reply} | {"event": string, "payload": unknown}
 *
 * A call is never sent twice: `takeTicket` is not idempotent, so a call whose socket closes
 * before the reply is rejected (the client turns that into an `internal` error reply), while
 * calls made before any socket is open wait in a queue and go out once one is.
 */

/** The part of the DOM WebSocket this bridge uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export interface BridgeTiming {
  /** A call without a reply after this long is rejected, so the UI never waits forever. */
  callTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
}

export const defaultTiming: BridgeTiming = { callTimeoutMs: 20_000, reconnectMinMs: 250, reconnectMaxMs: 5_000 };

const SOCKET_OPEN = 1;
const SECRET_STORAGE_KEY = 'motcua-kiosk.secret';

interface PendingCall {
  readonly id: number;
  readonly frame: string;
  readonly resolve: (reply: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

type EventListener = (event: string, payload: unknown) => void;

export class WebSocketTransport implements ClientTransport {
  private socket: SocketLike | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private failedAttempts = 0;
  private nextId = 1;
  private readonly queued: PendingCall[] = [];
  private readonly sent = new Map<number, PendingCall>();
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly url: string,
    private readonly openSocket: SocketFactory,
    private readonly timing: BridgeTiming = defaultTiming,
  ) {
    // Connect at once rather than on the first call, so device events flow from the start.
    this.connect();
  }

  invoke(method: MethodName, request: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const call: PendingCall = {
        id,
        frame: JSON.stringify({ id, method, request }),
        resolve,
        reject,
        timer: setTimeout(() => this.expire(id), this.timing.callTimeoutMs),
      };
      if (this.socket?.readyState === SOCKET_OPEN) this.send(this.socket, call);
      else {
        this.queued.push(call);
        if (!this.socket && !this.reconnectTimer) this.connect();
      }
    });
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    let socket: SocketLike;
    try {
      socket = this.openSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.failedAttempts = 0;
      for (const call of this.queued.splice(0)) this.send(socket, call);
    };
    socket.onmessage = (event) => this.receive(event.data);
    // A failed connection reports an error and then a close; the close does the work.
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      // The core may or may not have acted on these: never resend, let the caller decide.
      for (const call of this.sent.values()) {
        clearTimeout(call.timer);
        call.reject(new Error('Connection to the kiosk core closed before it replied'));
      }
      this.sent.clear();
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return;
    const ceiling = Math.min(this.timing.reconnectMaxMs, this.timing.reconnectMinMs * 2 ** this.failedAttempts);
    this.failedAttempts += 1;
    // Jitter so several terminals restarting with their core do not reconnect in lockstep.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private send(socket: SocketLike, call: PendingCall): void {
    this.sent.set(call.id, call);
    try {
      socket.send(call.frame);
    } catch (error) {
      this.sent.delete(call.id);
      clearTimeout(call.timer);
      call.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if ('id' in message && typeof message.id === 'number' && 'reply' in message) {
      const call = this.sent.get(message.id);
      if (!call) return;
      this.sent.delete(message.id);
      clearTimeout(call.timer);
      call.resolve(message.reply);
      return;
    }
    if ('event' in message && typeof message.event === 'string') {
      const payload = 'payload' in message ? message.payload : undefined;
      for (const listener of this.listeners) listener(message.event, payload);
    }
  }

  private expire(id: number): void {
    const index = this.queued.findIndex((call) => call.id === id);
    const call = index >= 0 ? this.queued.splice(index, 1)[0] : this.sent.get(id);
    if (!call) return;
    this.sent.delete(id);
    call.reject(new Error('The kiosk core did not reply in time'));
  }
}

/** A transport for when the page was opened without its access secret: every call fails clearly. */
export const missingSecretTransport: ClientTransport = {
  invoke: () => Promise.reject(new Error('This page was opened without the kiosk access key (#k=...)')),
  subscribe: () => () => undefined,
};

/**
 * The secret comes in the launch URL's fragment (`#k=...`), which never reaches the server's
 * logs. It is kept in sessionStorage so a reload in the same window still connects, and then
 * removed from the address bar so it is not shown or copied along with the URL.
 */
export function takeSecret(location: Location, storage: Storage | null, history: History | null): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('k');
  if (fromHash) {
    try {
      storage?.setItem(SECRET_STORAGE_KEY, fromHash);
      if (storage) history?.replaceState(history.state, '', location.pathname + location.search);
    } catch {
      // Storage can be disabled; the secret still works for this page load.
    }
    return fromHash;
  }
  try {
    return storage?.getItem(SECRET_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function webSocketUrl(location: Location, secret: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/kiosk?k=${encodeURIComponent(secret)}`;
}

/** Builds the browser host's transport from the page's own location. */
export function createWebBridge(): ClientTransport {
  const storage = safeSessionStorage();
  const secret = takeSecret(window.location, storage, window.history);
  if (!secret) return missingSecretTransport;
  return new WebSocketTransport(webSocketUrl(window.location, secret), (url) => new WebSocket(url));
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
