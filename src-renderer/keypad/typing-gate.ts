/**
 * Holds keys typed on a physical keypad or keyboard for a moment before they reach the
 * on-screen keyboard, so that a keyboard-wedge barcode scanner's burst (keys a few ms apart,
 * see scan/wedge-detector.ts) never types its first characters into a field: a burst is
 * dropped whole; a person's keys, further apart, go through after `holdMs`.
 */
export class TypingGate {
  private held: string[] = [];
  private lastAt = Number.NEGATIVE_INFINITY;
  private burst = false;

  constructor(private readonly holdMs: number) {}

  /** A printable key at `atMs`. */
  feed(key: string, atMs: number): void {
    if (atMs - this.lastAt <= this.holdMs) this.burst = true;
    this.lastAt = atMs;
    this.held.push(key);
  }

  /** Called `holdMs` after the last key: the keys to type, or none if they came as a burst. */
  release(atMs: number): string[] {
    if (atMs - this.lastAt < this.holdMs) return [];
    const keys = this.burst ? [] : this.held;
    this.held = [];
    this.burst = false;
    return keys;
  }
}
