import { describe, expect, it } from 'vitest';
import { checkPortalUrl, InsecurePortalUrlError } from '../../../src-main/sync/url-policy';

describe('portal URL policy', () => {
  it('accepts https anywhere and http only to this machine', () => {
    for (const ok of [
      'https://portal.tinh.gov.vn/api',
      'http://127.0.0.1:8080',
      'http://127.5.6.7',
      'http://localhost:1',
      'http://[::1]:3000',
      'http://[::ffff:127.0.0.1]:3000',
    ]) {
      expect(checkPortalUrl(ok).href).toBe(new URL(ok).href);
    }
  });

  it('refuses plain http to any other host, and non-URLs, with a message naming the address', () => {
    for (const bad of ['http://portal.tinh.gov.vn', 'http://10.0.0.5:80', 'http://128.0.0.1', 'http://[::2]', 'ftp://127.0.0.1', 'http://localhost.evil.com']) {
      expect(() => checkPortalUrl(bad)).toThrow(InsecurePortalUrlError);
    }
    expect(() => checkPortalUrl('http://portal.tinh.gov.vn')).toThrow(/https:\/\/.*http:\/\/portal\.tinh\.gov\.vn/);
    expect(() => checkPortalUrl('not a url')).toThrow(/not a URL/);
  });
});
