import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src-main/app/config';
import { demoConfig } from '../../fakes/demo-config';

describe('privacy configuration', () => {
  it('keeps personal data 24 h after the portal has it unless configured, and allows 0', () => {
    expect(demoConfig().privacy).toEqual({ retentionHours: 24, purgeIntervalSeconds: 300 });
    expect(demoConfig({ privacy: { retentionHours: 0 } }).privacy.retentionHours).toBe(0);
    expect(demoConfig({ privacy: { retentionHours: 1.5 } }).privacy.retentionHours).toBe(1.5);
  });

  it('refuses a negative retention or a purge that never runs, naming the field', () => {
    expect(() => demoConfig({ privacy: { retentionHours: -1 } })).toThrow(ConfigError);
    expect(() => demoConfig({ privacy: { retentionHours: -1 } })).toThrow(/privacy\.retentionHours/);
    expect(() => demoConfig({ privacy: { purgeIntervalSeconds: 0 } })).toThrow(/privacy\.purgeIntervalSeconds/);
  });
});
