/**
 * At most `limit` holders at once; the others wait in order. A waiter whose signal aborts leaves
 * the queue (rejected with the signal's reason).
 */
export class Slots {
  private open = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Slots need a limit of at least 1, not ${limit}`);
  }

  enter(signal?: AbortSignal | null): Promise<void> {
    if (this.open < this.limit) {
      this.open += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const go = (): void => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = (): void => {
        const at = this.waiting.indexOf(go);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted while waiting for a place'));
      };
      if (signal?.aborted) return leave();
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(go);
    });
  }

  /** Hands the place to the next waiter, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.open -= 1;
  }
}

/**
 * A fetch that keeps at most `limit` exchanges with the portal open at once, however many outbox
 * jobs run: jobs can then be more than the connections, so one job's local work (reading a file,
 * a store commit) does not leave a connection idle. An exchange holds its place until its answer
 * is read to the end; a request whose signal aborts while it waits leaves the queue.
 */
export function gatedFetch(inner: typeof fetch, limit: number): typeof fetch {
  const slots = new Slots(limit);
  return async (input, init) => {
    await slots.enter(init?.signal);
    try {
      const res = await inner(input, init);
      // Read here, so the place is held for the whole exchange; answers are small JSON.
      const body = await res.arrayBuffer();
      const empty = body.byteLength === 0 || res.status === 204 || res.status === 304;
      return new Response(empty ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      slots.release();
    }
  };
}
