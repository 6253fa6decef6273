import { describe, expect, it } from 'vitest';
import { REDACTED, redactConfig } from '../../../src-main/diagnostics/redact-config';
import { demoConfig } from '../../fakes/demo-config';

describe('redactConfig: the effective config as the log export carries it', () => {
  it('redacts the enrollment token and masks the bank account, keeping everything a technician needs', () => {
    const config = demoConfig({
      terminal: { id: 'KIOSK-07' },
      sync: { portalUrl: 'https://sync.example.gov.vn', enrollmentToken: 'tok-9f8e7d6c5b4a' },
      payment: { vietqr: { bankBin: '970436', accountNumber: '0011001234567', accountName: 'TRUNG TAM' } },
    });
    const out = redactConfig(config) as typeof config;
    expect(out.sync.enrollmentToken).toBe(REDACTED);
    expect(out.payment.vietqr?.accountNumber).toBe('*********4567');
    expect(out.sync.portalUrl).toBe('https://sync.example.gov.vn');
    expect(out.terminal.id).toBe('KIOSK-07');
    expect(out.printer).toEqual(config.printer);
    expect(JSON.stringify(out)).not.toContain('tok-9f8e7d6c5b4a');
  });

  it('redacts any secret-named key wherever it sits, and user info in URLs', () => {
    const out = redactConfig({
      a: { apiKey: 'k1', clientSecret: 's1', password: 'p1', pin: '123456', staffPinHash: 'h1', credential: 'c1', privateKey: 'pk' },
      list: [{ accessToken: 't1' }],
      url: 'https://user:pw@portal.example.vn/v1',
      empty: { enrollmentToken: '' },
      pinpad: { timeoutSeconds: 30 },
    });
    expect(JSON.stringify(out)).not.toMatch(/k1|s1|p1|123456|h1|c1|pk"|t1|user|pw@/);
    expect(out).toMatchObject({ url: 'https://portal.example.vn/v1', empty: { enrollmentToken: '' }, pinpad: { timeoutSeconds: 30 } });
  });
});
