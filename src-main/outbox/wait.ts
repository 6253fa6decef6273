/** A pause the worker can be woken from early (new work, shutdown); injected so tests can run on simulated time. */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

/** Real time: resolves after `ms`, or at once when the signal fires. */
export const realWait: Wait = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
