import { describe, expect, it } from 'vitest';
import { STOP_SIGNALS, stopOnceOnSignals, type StopSignal } from '../../../src-main/app/stop-signals';

/** A stand-in for `process`: listeners by signal, and a way to deliver one. */
function fakeProcess() {
  const listeners = new Map<StopSignal, (() => void)[]>();
  return {
    on(signal: StopSignal, listener: () => void) {
      listeners.set(signal, [...(listeners.get(signal) ?? []), listener]);
    },
    deliver(signal: StopSignal) {
      for (const listener of listeners.get(signal) ?? []) listener();
    },
    count(signal: StopSignal) {
      return listeners.get(signal)?.length ?? 0;
    },
  };
}

describe('stopOnceOnSignals', () => {
  it('stops once however many stop signals arrive, of whatever kind', () => {
    const proc = fakeProcess();
    const stops: StopSignal[] = [];
    const repeats: StopSignal[] = [];
    stopOnceOnSignals(proc, (s) => stops.push(s), (s) => repeats.push(s));
    proc.deliver('SIGTERM');
    proc.deliver('SIGTERM');
    proc.deliver('SIGINT');
    expect(stops).toEqual(['SIGTERM']);
    expect(repeats).toEqual(['SIGTERM', 'SIGINT']);
  });

  it('keeps a handler on every stop signal, so a second copy never meets the default action', () => {
    const proc = fakeProcess();
    stopOnceOnSignals(proc, () => undefined);
    for (const signal of STOP_SIGNALS) {
      proc.deliver(signal);
      expect(proc.count(signal)).toBe(1);
    }
  });

  it('stops on any of the stop signals first', () => {
    for (const first of STOP_SIGNALS) {
      const proc = fakeProcess();
      const stops: StopSignal[] = [];
      stopOnceOnSignals(proc, (s) => stops.push(s));
      proc.deliver(first);
      expect(stops).toEqual([first]);
    }
  });
});
