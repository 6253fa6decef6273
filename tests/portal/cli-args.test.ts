import { describe, expect, it } from 'vitest';
import { parsePortalArgs } from '../../src-portal/cli-args';

const defaults = { dataDir: '/tmp/portal-data', catalogFile: '/tmp/catalog.json' };

describe('portal command line', () => {
  it('reads every flag into the config', () => {
    const config = parsePortalArgs(
      ['--port', '8080', '--host', '::1', '--seed', '3', '--enrollment-token', 'abcdefgh', '--enrollment-token', 'ijklmnop',
        '--agency', 'G01.1', '--center', 'hn-01', '--fault', '409', '--max-upload', '100', '--data-dir', '/d', '--catalog', '/c.json', '--updates-dir', '/u'],
      defaults,
    );
    expect(config).toMatchObject({
      port: 8080, host: '::1', seed: 3, enrollmentTokens: ['abcdefgh', 'ijklmnop'], agencyCode: 'G01.1', centerId: 'hn-01',
      maxUploadBytes: 100, dataDir: '/d', catalogFile: '/c.json', updatesDir: '/u',
    });
    expect(config.faults).toHaveLength(1);
  });

  it('refuses a bad number, an unknown flag (an Object property name too), a missing value, a short token', () => {
    expect(() => parsePortalArgs(['--port', 'x'], defaults)).toThrow('--port needs a whole number, got "x".');
    expect(() => parsePortalArgs(['--bogus', '1'], defaults)).toThrow('Unknown flag --bogus.');
    expect(() => parsePortalArgs(['--toString', '1'], defaults)).toThrow('Unknown flag --toString.');
    expect(() => parsePortalArgs(['--port'], defaults)).toThrow('--port needs a value.');
    expect(() => parsePortalArgs(['--enrollment-token', 'short'], defaults)).toThrow('at least 8 characters');
  });

  it('wants an admin token beyond loopback', () => {
    expect(() => parsePortalArgs(['--host', '0.0.0.0'], defaults)).toThrow('give --admin-token');
    expect(parsePortalArgs(['--host', '0.0.0.0', '--admin-token', 'secret-admin'], defaults).host).toBe('0.0.0.0');
  });
  it('reads the public URL for the set-up QR and the hours a one-time token lives', () => {
    expect(parsePortalArgs([], defaults)).toMatchObject({ enrollmentTokenHours: 24 });
    expect(parsePortalArgs([], defaults).publicUrl).toBeUndefined();
    expect(parsePortalArgs(['--public-url', 'https://portal.example.gov.vn/', '--enrollment-token-hours', '72'], defaults)).toMatchObject({
      publicUrl: 'https://portal.example.gov.vn',
      enrollmentTokenHours: 72,
    });
    expect(() => parsePortalArgs(['--public-url', 'portal.example'], defaults)).toThrow('--public-url needs an http(s) URL');
    expect(() => parsePortalArgs(['--public-url', 'ftp://portal.example'], defaults)).toThrow('--public-url needs an http(s) URL');
    expect(() => parsePortalArgs(['--enrollment-token-hours', '0'], defaults)).toThrow('from 1 to 720');
    expect(() => parsePortalArgs(['--enrollment-token-hours', '721'], defaults)).toThrow('from 1 to 720');
  });
});
