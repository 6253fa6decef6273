import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keypadAction } from '../../../src-renderer/keypad/keypad-keys';
import { isInDirection, pickInDirection, type Box, type Direction } from '../../../src-renderer/keypad/spatial-focus';
import { TypingGate } from '../../../src-renderer/keypad/typing-gate';

const box = (left: number, top: number, width = 100, height = 80): Box => ({ left, top, right: left + width, bottom: top + height });

describe('spatial focus', () => {
  // A 3×3 grid of tiles, 120 px apart, as the home and services screens lay them out.
  const grid = [0, 1, 2].flatMap((row) => [0, 1, 2].map((col) => box(col * 120, row * 120)));

  it('moves to the neighbour in a grid and stops at its edges', () => {
    const centre = grid[4]!;
    expect(pickInDirection(centre, grid, 'up')).toBe(1);
    expect(pickInDirection(centre, grid, 'down')).toBe(7);
    expect(pickInDirection(centre, grid, 'left')).toBe(3);
    expect(pickInDirection(centre, grid, 'right')).toBe(5);
    expect(pickInDirection(grid[0]!, grid, 'up')).toBe(-1);
    expect(pickInDirection(grid[0]!, grid, 'left')).toBe(-1);
    expect(pickInDirection(grid[8]!, grid, 'down')).toBe(-1);
  });

  it('prefers the next row under a wide button over a near diagonal', () => {
    const wide = box(0, 0, 600, 80);
    const farRight = box(700, 60, 80, 80); // overlaps the wide button's row a little
    const below = box(250, 120, 100, 80);
    expect(pickInDirection(wide, [farRight, below], 'down')).toBe(1);
  });

  it('reaches a column beside a list (a form beside its keyboard)', () => {
    const field = box(0, 300, 800, 72);
    const keys = [box(900, 250, 80, 72), box(900, 340, 80, 72), box(900, 600, 80, 72)];
    // Both upper keys share the field's row; the one whose centre is nearer its line wins.
    expect(pickInDirection(field, keys, 'right')).toBe(1);
  });

  const arbBox = fc.record({ left: fc.integer({ min: -2000, max: 4000 }), top: fc.integer({ min: -2000, max: 8000 }), w: fc.integer({ min: 1, max: 1900 }), h: fc.integer({ min: 1, max: 1000 }) }).map((b) => box(b.left, b.top, b.w, b.h));
  const arbDirection = fc.constantFrom<Direction>('up', 'down', 'left', 'right');

  it('never picks a control that lies the other way, and finds one whenever one lies that way', () => {
    fc.assert(
      fc.property(arbBox, fc.array(arbBox, { maxLength: 30 }), arbDirection, (from, candidates, direction) => {
        const picked = pickInDirection(from, candidates, direction);
        const any = candidates.some((c) => isInDirection(from, c, direction));
        if (picked === -1) return !any;
        return isInDirection(from, candidates[picked]!, direction);
      }),
    );
  });
});

describe('keypad keys', () => {
  const plain = { onScreenKeyboard: false, editingText: false };
  const typing = { onScreenKeyboard: true, editingText: false };

  it('maps arrows, Enter and Back', () => {
    expect(keypadAction('ArrowDown', false, plain)).toEqual({ kind: 'move', direction: 'down' });
    expect(keypadAction('Enter', false, plain)).toEqual({ kind: 'activate' });
    expect(keypadAction('Escape', false, typing)).toEqual({ kind: 'back' });
  });

  it('makes Backspace erase where there is a keyboard, and Back elsewhere', () => {
    expect(keypadAction('Backspace', false, plain)).toEqual({ kind: 'back' });
    expect(keypadAction('Backspace', false, typing)).toEqual({ kind: 'erase' });
    expect(keypadAction('Backspace', false, { onScreenKeyboard: true, editingText: true })).toBeNull();
  });

  it('types digits and letters only where the screen has a keyboard', () => {
    expect(keypadAction('7', false, typing)).toEqual({ kind: 'type', key: '7' });
    expect(keypadAction('H', false, typing)).toEqual({ kind: 'type', key: 'h' });
    expect(keypadAction('7', false, plain)).toBeNull();
    expect(keypadAction(' ', false, typing)).toBeNull();
  });

  it("leaves the audio guide's keys and modified keys alone", () => {
    for (const key of ['F1', 'F2', 'F3', '+', '-', 'Tab', 'Help']) expect(keypadAction(key, false, typing)).toBeNull();
    expect(keypadAction('ArrowUp', true, plain)).toBeNull();
    expect(keypadAction('5', true, typing)).toBeNull();
  });

  it('lets Left/Right move the caret in a real text field', () => {
    expect(keypadAction('ArrowLeft', false, { onScreenKeyboard: false, editingText: true })).toBeNull();
    expect(keypadAction('ArrowDown', false, { onScreenKeyboard: false, editingText: true })).toEqual({ kind: 'move', direction: 'down' });
  });
});

describe('typing gate', () => {
  it("lets a person's keys through and drops a scanner's burst whole", () => {
    const gate = new TypingGate(50);
    gate.feed('1', 0);
    expect(gate.release(50)).toEqual(['1']);
    gate.feed('2', 300);
    expect(gate.release(350)).toEqual(['2']);
    // A wedge burst: keys 5 ms apart.
    for (let i = 0; i < 4; i++) gate.feed(String(i), 1000 + i * 5);
    expect(gate.release(1020)).toEqual([]); // too early: still held
    expect(gate.release(1070)).toEqual([]); // a burst: dropped
    gate.feed('9', 2000);
    expect(gate.release(2050)).toEqual(['9']);
  });

  it('never lets a burst through, however it is timed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 10_000 }), (gaps, start) => {
        const gate = new TypingGate(50);
        let at = start;
        gate.feed('x', at);
        for (const g of gaps) gate.feed('x', (at += g));
        return gate.release(at + 50).length === 0;
      }),
    );
  });
});
