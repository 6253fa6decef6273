import { fail, type Reply } from '../../src-shared/errors';
import type { ReloadReason } from '../../src-shared/contract';
import type { EventListener } from '../kernel/event-bus';

/** What a host reaches of a kiosk core: its requests, its events, and closing it. */
export interface SwitchableCore {
  readonly dispatcher: { dispatch(method: unknown, request: unknown): Promise<Reply<unknown>> };
  readonly events: { subscribe(listener: EventListener): () => void };
  close(): Promise<void>;
}

/** How long a core being replaced may take to answer the requests it already has. */
const DRAIN_MS = 5_000;

/**
 * The one core a host talks to, which can be replaced while the host keeps serving: the set-up
 * wizard's last step and a central configuration applied at an idle moment (issue #19) start a
 * new core from the files on disk without restarting the process or the browser. Calls made
 * while a core starts wait for it; listeners stay subscribed across a swap; the old core answers
 * what it already has, then closes before the new one opens the store and the devices (one
 * owner of the HID scanner, the printer socket and the SQLite file at a time).
 */
export class CoreSwitch<C extends SwitchableCore> {
  private current: Promise<C>;
  /** The core that has started, for synchronous readers (the host's /healthz). */
  private ready: C | null = null;
  private readonly listeners = new Set<EventListener>();
  /** Each core's event forwarding, undone when it closes. */
  private readonly subscriptions = new Map<C, () => void>();
  private inFlight = 0;
  private drained: (() => void) | null = null;
  /** Swaps run one after another. */
  private swapping: Promise<void> = Promise.resolve();

  constructor(first: Promise<C>) {
    this.current = this.adopt(first);
  }

  /** The started core, or null while one starts (or failed to). */
  started(): C | null {
    return this.ready;
  }

  /** The core calls go to, once it has started. */
  core(): Promise<C> {
    return this.current;
  }

  dispatch(method: unknown, request: unknown): Promise<Reply<unknown>> {
    return this.current.then(
      async (core) => {
        this.inFlight += 1;
        try {
          return await core.dispatcher.dispatch(method, request);
        } finally {
          this.inFlight -= 1;
          if (this.inFlight === 0) this.drained?.();
        }
      },
      () => fail('internal', 'The kiosk could not start. Please ask the staff.'),
    );
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Closes the running core and starts the next one. Resolves once the next core has started,
   * rejects if it could not (calls then answer `internal`, as at a failed start).
   */
  replace(reason: ReloadReason, start: () => Promise<C>): Promise<void> {
    const previousCore = this.current;
    const previousSwap = this.swapping;
    let next!: (core: Promise<C>) => void;
    // Calls made from now on wait for the next core, not for the one closing.
    const upcoming = this.adopt(new Promise<C>((resolve, reject) => (next = (p) => void p.then(resolve, reject))));
    this.current = upcoming;
    const swap = (async () => {
      await previousSwap;
      const previous = await previousCore.catch(() => null);
      if (previous) {
        await this.drain();
        this.subscriptions.get(previous)?.();
        this.subscriptions.delete(previous);
        await previous.close();
      }
      next(start());
      await upcoming;
      for (const listener of this.listeners) listener('kioskReloaded', { reason });
    })();
    this.swapping = swap.catch(() => undefined);
    return swap;
  }

  /** Closes the core for good (the host is stopping). */
  async close(): Promise<void> {
    await this.swapping;
    const core = await this.current.catch(() => null);
    this.ready = null;
    if (!core) return;
    this.subscriptions.get(core)?.();
    this.subscriptions.delete(core);
    await core.close();
  }

  private adopt(starting: Promise<C>): Promise<C> {
    this.ready = null;
    const adopted = starting.then((core) => {
      if (this.current === adopted) this.ready = core;
      this.subscriptions.set(
        core,
        core.events.subscribe((event, payload) => {
          for (const listener of this.listeners) listener(event, payload);
        }),
      );
      return core;
    });
    // A core that fails to start is reported by whoever awaits it; here it only must not be unhandled.
    adopted.catch(() => undefined);
    return adopted;
  }

  private drain(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.drained = null;
        resolve();
      };
      const timer = setTimeout(done, DRAIN_MS);
      this.drained = done;
    });
  }
}
