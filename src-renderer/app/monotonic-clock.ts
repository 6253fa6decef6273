/**
 * Milliseconds on a clock that only moves forward at a steady rate: for timeouts, countdowns and
 * anything "how long since". The wall clock (Date.now) jumps when NTP or staff correct it, which
 * would end a citizen's session early or keep it open; it is for showing dates only.
 */
export type MonotonicNow = () => number;

export const monotonicNow: MonotonicNow = () => performance.now();
