import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { candidateConfig, centerProblem, draftFromConfig, isProblem, writtenFromDraft } from '../../../src-main/app/setup/candidate-config';
import { embeddedDefaults } from '../../../src-main/app/load-config';
import { parseConfig, mergeConfig } from '../../../src-main/app/config';
import type { SetupDraft } from '../../../src-shared/setup';

const demo = () => parseConfig(embeddedDefaults(), 'demo');

const draft = (over: Partial<SetupDraft> = {}): SetupDraft => ({
  center: { terminalId: 'KIOSK-07', centerName: { vi: 'Trung tâm An Phú', en: 'An Phu Center' } },
  portal: { mode: 'portal', portalUrl: 'https://portal.tinh.gov.vn', enrollmentToken: 'tok-123456' },
  printer: { driver: 'tcp', host: '10.0.0.5', port: 9100, devicePath: '/dev/usb/lp0', paperWidthDots: 384 },
  barcodeScanner: { driver: 'hid', vendorId: 0x05e0, productId: 0x1200 },
  documentScanner: { driver: 'sane', device: 'fujitsu:fi-7160:1' },
  ...over,
});

describe('the wizard’s part of config.json', () => {
  it('prefills the steps from the running configuration', () => {
    const d = draftFromConfig(demo());
    expect(d.center.terminalId).toBe('KIOSK-01');
    expect(d.portal).toEqual({ mode: 'offline' });
    expect(d.printer.driver).toBe('virtual');
    expect(d.barcodeScanner.driver).toBe('virtual');
    expect(d.documentScanner).toEqual({ driver: 'virtual', device: '' });
  });

  it('writes only what the wizard sets, over what config.json had, and the kiosk loads it as chosen', () => {
    const previous = { language: 'en', idle: { timeoutSeconds: 90 }, printer: { footer: 'Hotline 1900' } };
    const written = writtenFromDraft(draft(), previous, 'Asia/Ho_Chi_Minh');
    expect(written).toMatchObject({
      language: 'en',
      idle: { timeoutSeconds: 90 },
      terminal: { id: 'KIOSK-07' },
      center: { name: { vi: 'Trung tâm An Phú', en: 'An Phu Center' }, timeZone: 'Asia/Ho_Chi_Minh' },
      sync: { portalUrl: 'https://portal.tinh.gov.vn', enrollmentToken: 'tok-123456' },
      printer: { driver: 'tcp', paperWidthDots: 384, tcp: { host: '10.0.0.5', port: 9100 }, footer: 'Hotline 1900' },
      devices: { scanner: { driver: 'hid', vendorId: 0x05e0, productId: 0x1200 }, documentScanner: { driver: 'sane', device: 'fujitsu:fi-7160:1' } },
    });
    // The embedded demo stays underneath: its services are not copied in.
    expect('queue' in written).toBe(false);
    const config = candidateConfig(embeddedDefaults(), written);
    expect(isProblem(config)).toBe(false);
    if (isProblem(config)) return;
    expect(config.terminal.id).toBe('KIOSK-07');
    expect(config.queue.services.length).toBeGreaterThan(0);
    expect(previous).toEqual({ language: 'en', idle: { timeoutSeconds: 90 }, printer: { footer: 'Hotline 1900' } });
  });

  it('takes back an earlier choice: offline clears the portal, the first scanner found drops the device named before', () => {
    const before = writtenFromDraft(draft(), {}, null);
    const after = writtenFromDraft(draft({ portal: { mode: 'offline' }, documentScanner: { driver: 'sane', device: '' } }), before, null);
    expect(after.sync).toEqual({ portalUrl: null, enrollmentToken: '' });
    expect(after.devices).toMatchObject({ documentScanner: { driver: 'sane' } });
    expect((after.devices as { documentScanner: object }).documentScanner).not.toHaveProperty('device');
  });

  it('names the field the configuration refuses', () => {
    const written = writtenFromDraft(draft({ portal: { mode: 'portal', portalUrl: 'http://portal.tinh.gov.vn', enrollmentToken: 't' } }), {}, null);
    const result = candidateConfig(embeddedDefaults(), written);
    expect(result).toMatchObject({ valid: false, reason: 'config-invalid', field: 'sync.portalUrl' });
  });

  it('checks the terminal id as the configuration does, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (id) => {
        const problem = centerProblem({ terminalId: id, centerName: { vi: 'A', en: 'B' } });
        const loads = !isProblem(candidateConfig(embeddedDefaults(), mergeConfig({}, { terminal: { id } }) as Record<string, unknown>));
        expect(problem === null).toBe(loads);
      }),
    );
    expect(centerProblem({ terminalId: 'K1', centerName: { vi: ' ', en: 'x' } })).toMatchObject({ reason: 'center-name-missing', field: 'center.centerName.vi' });
  });
});
