import { describe, expect, it } from 'vitest';
import { defaultDisplayModes, toggled } from '../../../src-renderer/display/display-modes';

describe('display modes', () => {
  it('start plain and toggle one mode at a time', () => {
    expect(defaultDisplayModes).toEqual({ largeText: false, highContrast: false });
    const large = toggled(defaultDisplayModes, 'largeText');
    expect(large).toEqual({ largeText: true, highContrast: false });
    expect(toggled(toggled(large, 'highContrast'), 'largeText')).toEqual({ largeText: false, highContrast: true });
    expect(defaultDisplayModes).toEqual({ largeText: false, highContrast: false });
  });
});
