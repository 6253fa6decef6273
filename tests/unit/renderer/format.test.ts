import { describe, expect, it } from 'vitest';
import { formatIssuedAt } from '../../../src-renderer/app/format';

describe('formatIssuedAt', () => {
  it('writes HH:mm dd/MM/yyyy in Vietnam time (UTC+7) whatever the machine zone is', () => {
    expect(formatIssuedAt('2025-05-12T01:02:03.000Z')).toBe('08:02 12/05/2025');
    // 17:30 UTC is already the next day in Hà Nội.
    expect(formatIssuedAt('2024-12-31T17:30:00Z')).toBe('00:30 01/01/2025');
    expect(formatIssuedAt('2025-01-01T13:05:00+07:00')).toBe('13:05 01/01/2025');
  });

  it('shows an unparsable value as is rather than nothing', () => {
    expect(formatIssuedAt('not a date')).toBe('not a date');
  });
});
