import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeDecision } from '../../../src-renderer/scan/wedge-detector';

/** Feeds keys with the given gaps (ms) before each; returns the decisions. */
function type(keys: string[], gaps: number[] | number, start = 1000): WedgeDecision[] {
  const detector = new WedgeDetector();
  let at = start;
  return keys.map((key, i) => {
    at += typeof gaps === 'number' ? gaps : (gaps[i] ?? 0);
    return detector.feed(key, at);
  });
}
const chars = (s: string) => [...s];
const scans = (ds: WedgeDecision[]) => ds.flatMap((d) => (d.type === 'scan' ? [d.text] : []));

describe('keyboard-wedge detector', () => {
  it('turns a fast burst ending in Enter into one scan, with Shift for capitals ignored', () => {
    const keys = ['Shift', ...chars('ABC-230512-0001'), 'Enter'];
    const decisions = type(keys, 6);
    expect(scans(decisions)).toEqual(['ABC-230512-0001']);
    expect(decisions.slice(1, 5).every((d) => d.type === 'pass')).toBe(true);
    expect(decisions.slice(6, -1).every((d) => d.type === 'swallow')).toBe(true);
  });

  it('leaves a person typing alone, even a fast typist with a quick pair of keys', () => {
    const gaps = chars('nguyen van an').map((_, i) => (i % 3 === 0 ? 20 : 140));
    const decisions = type([...chars('nguyen van an'), 'Enter'], [...gaps, 150]);
    expect(decisions.every((d) => d.type === 'pass')).toBe(true);
  });

  it('does not take a short burst, or a burst followed by a slow Enter', () => {
    expect(scans(type([...chars('1234'), 'Enter'], 5))).toEqual([]);
    expect(scans(type([...chars('ABC-230512-0001'), 'Enter'], [...Array(15).fill(5), 400]))).toEqual([]);
  });

  it('starts over after a pause: only the burst itself is the scan', () => {
    const keys = [...chars('xy'), ...chars('ABC-230512-0001'), 'Enter'];
    const gaps = [5, 5, 500, ...Array(14).fill(5), 5];
    expect(scans(type(keys, gaps))).toEqual(['ABC-230512-0001']);
  });

  it('property: at machine speed any text comes through whole; at human speed nothing is taken', () => {
    const text = fc.string({ unit: fc.constantFrom(...'abcdefABC0123456789|-. ạữĐ'), minLength: 8, maxLength: 300 });
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 31, max: 2000 }), (t, fast, slow) => {
        expect(scans(type([...chars(t), 'Enter'], fast))).toEqual([t]);
        expect(type([...chars(t), 'Enter'], slow).every((d) => d.type === 'pass')).toBe(true);
      }),
    );
  });
});
