import type { TerminalEventRow } from './terminal-event-repository';

/**
 * Minutes spent in each state within [from, to): each change lasts until the next one, the
 * first (possibly before `from`) is clipped to the window, the last runs to `to`. Time before
 * the first change, and time in 'stopped', is counted under 'unknown'.
 */
export function stateMinutes(changes: readonly TerminalEventRow[], from: number, to: number): Map<string, number> {
  const ms = new Map<string, number>();
  const add = (state: string, span: number) => {
    if (span > 0) ms.set(state, (ms.get(state) ?? 0) + span);
  };
  let cursor = from;
  let state = 'unknown';
  for (const change of changes) {
    const at = Math.min(Math.max(Date.parse(change.at), from), to);
    add(state, at - cursor);
    cursor = Math.max(cursor, at);
    state = change.state === 'stopped' ? 'unknown' : change.state;
  }
  add(state, to - cursor);
  const minutes = new Map<string, number>();
  for (const [key, value] of ms) minutes.set(key, round1(value / 60_000));
  return minutes;
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** A share in percent with one decimal; null when the whole is zero. */
export const percentOf = (part: number, whole: number): number | null => (whole > 0 ? round1((part / whole) * 100) : null);
