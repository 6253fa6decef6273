/** The part of `process` that delivers stop signals; a fake in tests. */
export interface StopSignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
}

/** Ctrl-C, systemd's stop, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * Runs `stop` on the first stop signal, once, and keeps the handlers installed afterwards.
 *
 * A signal sent to the whole process group (systemd's default KillMode, a terminal's Ctrl-C)
 * reaches the kiosk directly and again through `npm start`, which forwards it. With a one-shot
 * handler the second copy would meet Node's default action and end the process in the middle of
 * closing the store, with the WAL not checkpointed. Later signals are only reported.
 */
export function stopOnceOnSignals(
  source: StopSignalSource,
  stop: (signal: StopSignal) => void,
  onRepeat: (signal: StopSignal) => void = () => undefined,
): void {
  let stopping = false;
  for (const signal of STOP_SIGNALS) {
    source.on(signal, () => {
      if (stopping) {
        onRepeat(signal);
        return;
      }
      stopping = true;
      stop(signal);
    });
  }
}
