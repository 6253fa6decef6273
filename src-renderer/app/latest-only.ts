/**
 * Runs one request at a time and only ever answers the newest. While a request is in flight,
 * new ones replace each other in a single waiting slot; when the reply comes back, it is
 * delivered only if nothing newer was asked meanwhile, else it is dropped and the newest goes
 * out. Typing therefore never queues up requests nor shows results for text that is gone, and,
 * unlike a timer debounce, a single key press is answered without any added delay.
 */
export class LatestOnly<Q, R> {
  private inFlight = false;
  private waiting: { readonly query: Q } | null = null;
  private stopped = false;
  /** The newest query asked for, so asking for it again (e.g. from a render) sends nothing. */
  private latest: { readonly query: Q } | null = null;

  constructor(
    private readonly run: (query: Q) => Promise<R>,
    private readonly deliver: (query: Q, result: R) => void,
    private readonly fail: (query: Q, error: unknown) => void,
  ) {}

  request(query: Q): void {
    if (this.stopped) return;
    if (this.latest && Object.is(this.latest.query, query)) return;
    this.latest = { query };
    if (this.inFlight) {
      this.waiting = { query };
      return;
    }
    void this.start(query);
  }

  /** No more deliveries (the screen is gone). */
  stop(): void {
    this.stopped = true;
    this.waiting = null;
  }

  private async start(query: Q): Promise<void> {
    this.inFlight = true;
    let outcome: { ok: true; result: R } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, result: await this.run(query) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    this.inFlight = false;
    if (this.stopped) return;
    const next = this.waiting;
    this.waiting = null;
    if (next) {
      void this.start(next.query);
      return;
    }
    if (outcome.ok) this.deliver(query, outcome.result);
    else this.fail(query, outcome.error);
  }
}
