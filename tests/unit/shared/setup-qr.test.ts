import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSetupQr, parseSetupQr } from '../../../src-shared/setup-qr';

describe('set-up QR (portal admin page → wizard)', () => {
  const payload = { motcuaSetup: 1 as const, portalUrl: 'https://portal.example.vn', enrollmentToken: 'tok-123', terminalId: 'HN-01', expiresAt: '2026-12-07T00:00:00.000Z' };

  it('reads back what the portal formats', () => {
    expect(parseSetupQr(formatSetupQr(payload))).toEqual({ ok: true, value: payload });
  });

  it('names a citizen ID card QR or a bank QR scanned by mistake', () => {
    expect(parseSetupQr('079123456789|123456789|Nguyễn Văn A|01011990|Nam|Hà Nội|01012021')).toMatchObject({ ok: false, problem: 'not-json' });
    expect(parseSetupQr('{"bank":"970436"}')).toMatchObject({ ok: false, problem: 'not-a-setup-qr' });
  });

  it('names the bad field of a damaged set-up QR', () => {
    const reply = parseSetupQr(JSON.stringify({ ...payload, terminalId: 'bad id!' }));
    expect(reply).toMatchObject({ ok: false, problem: 'invalid' });
    expect(reply.ok ? '' : reply.detail).toContain('terminalId');
    expect(parseSetupQr(JSON.stringify({ ...payload, extra: 1 }))).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('never throws on any scanned text', () => {
    fc.assert(fc.property(fc.string(), (text) => typeof parseSetupQr(text).ok === 'boolean'));
    fc.assert(fc.property(fc.jsonValue(), (json) => typeof parseSetupQr(JSON.stringify(json)).ok === 'boolean'));
  });
});
