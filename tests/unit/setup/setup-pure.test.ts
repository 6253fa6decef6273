import { describe, expect, it } from 'vitest';
import { portalProblemOf } from '../../../src-main/app/setup/portal-problem';
import { scanShown, setupQrOf } from '../../../src-main/app/setup/setup-scans';
import { hidDevicesOf } from '../../../src-main/app/setup/setup-devices';
import { PortalError } from '../../../src-main/sync/portal-error';
import { InsecurePortalUrlError } from '../../../src-main/sync/url-policy';
import { formatSetupQr } from '../../../src-shared/setup-qr';
import { stepOfField } from '../../../src-renderer/setup/setup-steps';
import { SetupReasonSchema } from '../../../src-shared/setup';
import vi from '../../../src-renderer/i18n/vi.json';
import en from '../../../src-renderer/i18n/en.json';

const card = '001099017777|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';
const today = '2026-12-06';

describe('a failed trial enrollment, in the wizard’s words', () => {
  it.each([
    [new InsecurePortalUrlError('The portal address is not a URL: x'), 'portal-url-invalid', 'portal.portalUrl'],
    [new InsecurePortalUrlError('The portal address must use https://'), 'portal-not-https', 'portal.portalUrl'],
    [new PortalError('unreachable', 'enroll: portal unreachable (ECONNREFUSED)'), 'portal-unreachable', 'portal.portalUrl'],
    [new PortalError('transient', 'enroll: HTTP 401 unauthorized', 401, 'unauthorized'), 'token-refused', 'portal.enrollmentToken'],
    [new PortalError('transient', 'enroll: HTTP 401', 401, null), 'token-refused', 'portal.enrollmentToken'],
    [new PortalError('transient', 'enroll: HTTP 401 expired', 401, 'unauthorized', null, null, 'enrollment_token_expired'), 'token-expired', 'portal.enrollmentToken'],
    [new PortalError('transient', 'enroll: HTTP 401 used', 401, 'unauthorized', null, null, 'enrollment_token_used'), 'token-used', 'portal.enrollmentToken'],
    [new PortalError('transient', 'enroll: HTTP 401 other', 401, 'unauthorized', null, null, 'enrollment_token_other_terminal'), 'token-other-terminal', 'portal.enrollmentToken'],
    [new PortalError('rejected', 'enroll: HTTP 404', 404, 'not_found'), 'portal-url-invalid', 'portal.portalUrl'],
    [new PortalError('rejected', 'enroll: HTTP 409 terminal_conflict', 409, 'terminal_conflict'), 'portal-refused', 'portal'],
    [new PortalError('transient', 'enroll: HTTP 503', 503, null), 'portal-refused', 'portal'],
  ])('%s → %s', (error, reason, field) => {
    expect(portalProblemOf(error)).toEqual({ valid: false, reason, field, detail: error.message });
  });

  it('does not turn a bug into a portal problem', () => {
    expect(() => portalProblemOf(new TypeError('x is undefined'))).toThrow(TypeError);
  });
});

describe('scans at the wizard', () => {
  it('reads the portal’s set-up QR, and names a citizen’s card or another code scanned instead', () => {
    const qr = formatSetupQr({ motcuaSetup: 1, portalUrl: 'https://p.gov.vn', enrollmentToken: 'abcdefgh', terminalId: 'KIOSK-09' });
    expect(setupQrOf(qr, today)).toEqual({ portalUrl: 'https://p.gov.vn', enrollmentToken: 'abcdefgh', terminalId: 'KIOSK-09', expiresAt: null });
    expect(setupQrOf(card, today)).toMatchObject({ valid: false, reason: 'qr-citizen-id', detail: null });
    expect(setupQrOf('8935049500117', today)).toMatchObject({ valid: false, reason: 'qr-not-setup' });
    expect(setupQrOf('{"motcuaSetup":1,"portalUrl":""}', today)).toMatchObject({ valid: false, reason: 'qr-invalid' });
  });

  it('shows a test read without a citizen’s data', () => {
    const shown = scanShown(card, today);
    expect(shown.kind).toBe('cccd');
    expect(shown.shown).toBe('********7777 N.V.A.');
    expect(JSON.stringify(shown)).not.toMatch(/Nguyễn|001099017777|Lý Thường/);
    expect(scanShown('TEST-LABEL-42', today)).toEqual({ kind: 'unknown', length: 13, shown: 'TEST-LABEL-42' });
  });
});

describe('HID devices as the scanner step lists them', () => {
  it('one line per device, barcode scanners first, whatever interface showed the usage page', () => {
    const listed = hidDevicesOf([
      { vendorId: 0x046d, productId: 0xc31c, path: 'a', usagePage: 1, product: 'Keyboard', manufacturer: 'Logitech' },
      { vendorId: 0x0c2e, productId: 0x0b07, path: 'b', usagePage: 1, product: 'Xenon 1900' },
      { vendorId: 0x0c2e, productId: 0x0b07, path: 'c', usagePage: 0x8c, product: 'Xenon 1900' },
    ]);
    expect(listed).toEqual([
      { vendorId: 0x0c2e, productId: 0x0b07, product: 'Xenon 1900', manufacturer: null, barcodeScanner: true },
      { vendorId: 0x046d, productId: 0xc31c, product: 'Keyboard', manufacturer: 'Logitech', barcodeScanner: false },
    ]);
  });
});

describe('a refused finish sends the person to the step of the field', () => {
  it.each([
    ['center.terminalId', 'center'],
    ['terminal.id', 'center'],
    ['portal.enrollmentToken', 'portal'],
    ['sync.portalUrl', 'portal'],
    ['printer.host', 'printer'],
    ['devices.documentScanner.device', 'docscan'],
    ['staffPin', 'staff-pin'],
    ['config.json', 'review'],
  ])('%s → %s', (field, step) => {
    expect(stepOfField({ valid: false, reason: 'config-invalid', field, detail: null })).toBe(step);
  });
});

describe('every reason a step can give has words in both languages', () => {
  it.each(SetupReasonSchema.options)('%s', (reason) => {
    for (const words of [vi.setup.reasons, en.setup.reasons] as Record<string, string>[]) expect(words[reason]).toMatch(/\S/);
  });
});
