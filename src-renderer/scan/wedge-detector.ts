/**
 * Tells a keyboard-wedge barcode scanner from a person at a keyboard by timing: a scanner
 * "types" a whole code in a burst, keys a few milliseconds apart, and ends it with Enter. A
 * person's keys are rarely under 30 ms apart more than once or twice in a row.
 *
 * Per key the detector says:
 * - `pass`: let the key through (anything a person could have typed);
 * - `swallow`: a burst is established (`swallowAfter` quick keys in a row), so the rest of it
 *   is kept from whatever field has focus;
 * - `scan`: the Enter that ended a burst of at least `minLength` characters, with the text.
 * The first few keys of a scan do reach a focused field; stealing a person's typing would be
 * worse. Modifier keys (a scanner presses Shift for capitals) neither count nor break a burst.
 */

export interface WedgeOptions {
  /** Largest gap between two keys of one burst. */
  maxGapMs: number;
  /** Shortest text taken as a scan (a dossier code is 15+, a CCCD QR 80+). */
  minLength: number;
  /** Quick keys in a row after which the burst's further keys are swallowed. */
  swallowAfter: number;
}

export const defaultWedgeOptions: WedgeOptions = { maxGapMs: 30, minLength: 8, swallowAfter: 4 };

export type WedgeDecision = { type: 'pass' } | { type: 'swallow' } | { type: 'scan'; text: string };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'CapsLock', 'Meta', 'NumLock']);
/** Scanners can send codes of 10 kB; the core says "too long" past its own limit. */
const MAX_BUFFER = 20_000;

export class WedgeDetector {
  private buffer = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WedgeOptions = defaultWedgeOptions) {}

  /** `key` is KeyboardEvent.key; `atMs` its timestamp. */
  feed(key: string, atMs: number): WedgeDecision {
    if (MODIFIERS.has(key)) return { type: 'pass' };
    const quick = atMs - this.lastAt <= this.options.maxGapMs;
    this.lastAt = atMs;

    if (key === 'Enter') {
      const text = this.buffer;
      this.buffer = '';
      return quick && text.length >= this.options.minLength ? { type: 'scan', text } : { type: 'pass' };
    }
    if ([...key].length !== 1) {
      this.buffer = ''; // Tab, Backspace, arrows: a person
      return { type: 'pass' };
    }
    if (!quick) this.buffer = '';
    if (this.buffer.length < MAX_BUFFER) this.buffer += key;
    return this.buffer.length > this.options.swallowAfter ? { type: 'swallow' } : { type: 'pass' };
  }
}
