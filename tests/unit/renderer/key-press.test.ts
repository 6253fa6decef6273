import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNCTION_KEYS, pressKey } from '../../../src-renderer/keyboard/key-press';
import { keyboardLayouts, layoutButtons } from '../../../src-renderer/keyboard/layouts';

const typeAll = (keys: readonly string[], method: 'telex' | 'vni' | 'none', max = 200): string =>
  keys.reduce((text, key) => pressKey(text, key, method, max), '');

describe('on-screen keyboard keys', () => {
  it('composes Vietnamese through the input method', () => {
    expect(typeAll([...'ddaats'], 'telex')).toBe('đất');
    expect(typeAll([...'dda61t'], 'vni')).toBe('đất');
    expect(typeAll([...'ddaats'], 'none')).toBe('ddaats');
  });

  it('edits with backspace, clear and space', () => {
    expect(pressKey('đất', FUNCTION_KEYS.backspace, 'telex', 200)).toBe('đấ');
    expect(pressKey('', FUNCTION_KEYS.backspace, 'telex', 200)).toBe('');
    expect(pressKey('đất đai', FUNCTION_KEYS.clear, 'none', 200)).toBe('');
    expect(typeAll(['d', 'a', 't', FUNCTION_KEYS.space, 'd', 'a', 'i'], 'none')).toBe('dat dai');
  });

  it('never starts with a space nor doubles one', () => {
    expect(pressKey('', FUNCTION_KEYS.space, 'none', 200)).toBe('');
    expect(pressKey('dat ', FUNCTION_KEYS.space, 'none', 200)).toBe('dat ');
  });

  it('ignores keys past the length limit and unknown function keys', () => {
    expect(pressKey('abc', 'd', 'none', 3)).toBe('abc');
    expect(pressKey('abc', FUNCTION_KEYS.space, 'none', 3)).toBe('abc');
    expect(pressKey('abc', '{shift}', 'none', 200)).toBe('abc');
  });

  it('keeps any key sequence of the layouts NFC and within the limit', () => {
    const keys = [...layoutButtons('vi'), ...layoutButtons('en')];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...keys), { maxLength: 60 }),
        fc.constantFrom('telex' as const, 'vni' as const, 'none' as const),
        fc.integer({ min: 1, max: 40 }),
        (sequence, method, max) => {
          const text = typeAll(sequence, method, max);
          expect(text).toBe(text.normalize('NFC'));
          expect([...text].length).toBeLessThanOrEqual(max);
          expect(text).not.toMatch(/[{}]/);
        },
      ),
    );
  });
});

describe('keyboard layouts', () => {
  it('has digits, the code dot and the editing keys in both languages', () => {
    for (const language of ['vi', 'en'] as const) {
      const buttons = layoutButtons(language);
      for (const key of [...'0123456789', '.', FUNCTION_KEYS.backspace, FUNCTION_KEYS.clear, FUNCTION_KEYS.space]) {
        expect(buttons, `${language}: ${key}`).toContain(key);
      }
      expect(new Set(buttons).size).toBe(buttons.length);
    }
  });

  it('adds đ only to the Vietnamese layout', () => {
    expect(layoutButtons('vi')).toContain('đ');
    expect(layoutButtons('en')).not.toContain('đ');
    expect(keyboardLayouts.en.join(' ')).toMatch(/q w e r t y/);
  });
});
