import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrSvg } from '../../src-portal/admin/qr-svg';
import { canonicalToken } from '../../src-portal/handlers/enrollment-tokens';
import { DEMO_ENROLLMENT_TOKEN } from '../../src-portal/portal-config';
import { parseSetupQr } from '../../src-shared/setup-qr';
import { send, usePortals, validateAgainstSpec, type TestPortal } from './harness';

/** Issue #19, portal side: the admin page's one-time enrollment tokens and their set-up QR. */
const HOUR = 3_600_000;
const T0 = new Date('2026-12-06T08:00:00.000Z');

interface Issued {
  token: string;
  terminalId: string | null;
  expiresAt: string;
  portalUrl: string;
  setupQr: string;
}
interface Refusal {
  error: { code: string; message: string; messageVi: string; details?: { reason?: string; expiredAt?: string; terminalId?: string } };
}

describe('one-time enrollment tokens on the reference portal', () => {
  const openPortal = usePortals();
  let now = T0;
  const openAt = (config = {}) => {
    now = T0;
    return openPortal({ clock: () => now, config });
  };
  const issue = async (p: TestPortal, body?: unknown): Promise<Issued> => {
    const r = await p.admin('POST', '/admin/terminals/new', body);
    expect(r.status, r.text).toBe(201);
    return r.json as Issued;
  };
  const enroll = (p: TestPortal, enrollmentToken: string, terminalId: string) =>
    p.call('POST', '/v1/enrollments', { body: { enrollmentToken, terminalId, appVersion: '0.1.0' } });
  const heartbeat = (p: TestPortal, token: string) =>
    p.call('POST', '/v1/heartbeats', { token, body: { appVersion: '0.1.0', sentAt: now.toISOString(), devices: [], outbox: { depth: 0 } } });

  it('issues a typeable token valid 24 h whose set-up QR text parses, and enrolls its terminal with it', async () => {
    const p = await openAt();
    const issued = await issue(p, { terminalId: 'kiosk-07' });
    expect(issued.token).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(issued.expiresAt).toBe(new Date(T0.getTime() + 24 * HOUR).toISOString());
    const qr = parseSetupQr(issued.setupQr);
    expect(qr).toEqual({
      ok: true,
      value: { motcuaSetup: 1, portalUrl: p.url, enrollmentToken: issued.token, expiresAt: issued.expiresAt, terminalId: 'kiosk-07', centerId: 'DEMO-CENTER' },
    });

    const first = await enroll(p, issued.token, 'kiosk-07');
    expect(first.status).toBe(201);
    const credential = (first.json as { credential: string }).credential;
    expect((await heartbeat(p, credential)).status).toBe(200);
  });

  it('enrolls one terminal: another id is refused naming the terminal; the same one may enroll again until expiry (credential rotated)', async () => {
    const p = await openAt();
    const { token } = await issue(p);
    const a = await enroll(p, token, 'kiosk-a');
    expect(a.status).toBe(201);

    const b = await enroll(p, token, 'kiosk-b');
    expect(b.status).toBe(401);
    expect((b.json as Refusal).error).toMatchObject({ code: 'unauthorized', details: { reason: 'enrollment_token_used', terminalId: 'kiosk-a' } });
    expect((b.json as Refusal).error.message).toMatch(/already used by terminal kiosk-a/);
    expect((b.json as Refusal).error.messageVi).toMatch(/đã được máy kiosk-a sử dụng/);

    // The set-up wizard's trial enrollment, then the kiosk's own at its first start: same terminal, same token.
    now = new Date(T0.getTime() + 2 * HOUR);
    const again = await enroll(p, token, 'kiosk-a');
    expect(again.status).toBe(201);
    expect((again.json as { terminalIndex: number }).terminalIndex).toBe((a.json as { terminalIndex: number }).terminalIndex);
    expect((await heartbeat(p, (a.json as { credential: string }).credential)).status).toBe(401);
    expect((await heartbeat(p, (again.json as { credential: string }).credential)).status).toBe(200);
    expect(p.portal.deps.db.prepare('SELECT id FROM terminals').all()).toEqual([{ id: 'kiosk-a' }]);
  });

  it('the spec documents the reasons: a refusal with another reason, or a malformed expiry, does not match it', () => {
    const refusal = (details: Record<string, unknown>) => ({ error: { code: 'unauthorized', message: 'm', messageVi: 'v', details } });
    expect(validateAgainstSpec('POST', '/v1/enrollments', 401, refusal({ reason: 'enrollment_token_expired', expiredAt: '2026-12-06T10:00:00.000Z' }))).toEqual([]);
    expect(validateAgainstSpec('POST', '/v1/enrollments', 401, refusal({ reason: 'token_too_old' })).join()).toMatch(/reason/);
    expect(validateAgainstSpec('POST', '/v1/enrollments', 401, refusal({ reason: 'enrollment_token_expired', expiredAt: 'tomorrow' })).join()).toMatch(/expiredAt/);
    expect(validateAgainstSpec('POST', '/v1/enrollments', 401, { error: { code: 'enrollment_token_expired', message: 'm', messageVi: 'v' } }).join()).toMatch(/code/);
  });

  it('refuses a token issued for another terminal id, naming that id', async () => {
    const p = await openAt();
    const { token } = await issue(p, { terminalId: 'kiosk-07' });
    const r = await enroll(p, token, 'kiosk-08');
    expect(r.status).toBe(401);
    expect((r.json as Refusal).error).toMatchObject({ code: 'unauthorized', details: { reason: 'enrollment_token_other_terminal', terminalId: 'kiosk-07' } });
    expect((r.json as Refusal).error.message).toBe('This enrollment token was issued for terminal kiosk-07, not kiosk-08.');
    // Refused: not bound to kiosk-08, still good for kiosk-07.
    expect((await enroll(p, token, 'kiosk-07')).status).toBe(201);
  });

  it('refuses an expired token with its own reason and expiry, from the moment it expires, and a wrong one as before', async () => {
    const p = await openAt({ enrollmentTokenHours: 2 });
    const issued = await issue(p, { terminalId: 'kiosk-09' });
    expect(issued.expiresAt).toBe('2026-12-06T10:00:00.000Z');
    now = new Date(T0.getTime() + 2 * HOUR);
    const late = await enroll(p, issued.token, 'kiosk-09');
    expect(late.status).toBe(401);
    expect(late.headers.get('content-type')).toMatch(/json/);
    expect((late.json as Refusal).error).toEqual({
      code: 'unauthorized',
      message: "This enrollment token expired at 2026-12-06T10:00:00.000Z. Ask the portal's administrator for a new one.",
      messageVi: 'Mã đăng ký thiết bị này đã hết hạn lúc 2026-12-06T10:00:00.000Z. Hãy đề nghị quản trị viên cổng cấp mã mới.',
      details: { reason: 'enrollment_token_expired', expiredAt: '2026-12-06T10:00:00.000Z' },
    });
    // A used token expires too: the terminal that used it cannot enroll with it any more.
    now = new Date(T0.getTime() + 2 * HOUR - 1);
    const second = await issue(p);
    expect((await enroll(p, second.token, 'kiosk-10')).status).toBe(201);
    now = new Date(T0.getTime() + 6 * HOUR);
    expect(((await enroll(p, second.token, 'kiosk-10')).json as Refusal).error.details?.reason).toBe('enrollment_token_expired');

    const wrong = await enroll(p, 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ', 'kiosk-09');
    expect(wrong.status).toBe(401);
    expect((wrong.json as Refusal).error).toEqual({ code: 'unauthorized', message: 'The enrollment token is not valid.', messageVi: 'Mã đăng ký thiết bị không hợp lệ.' });
  });

  it('withdraws a token that is still valid: refused from then on as expired; an unknown or malformed id is named', async () => {
    const p = await openAt();
    const leaked = await issue(p, { terminalId: 'kiosk-11' });
    const kept = await issue(p, { terminalId: 'kiosk-12' });
    const listed = ((await p.admin('GET', '/admin/state')).json as { enrollmentTokens: { id: string; terminalId: string; state: string }[] }).enrollmentTokens;
    const id = listed.find((t) => t.terminalId === 'kiosk-11')?.id ?? '';
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(leaked.token).not.toContain(id);
    now = new Date(T0.getTime() + HOUR);
    const withdrawn = await p.admin('POST', '/admin/terminals/withdraw', { id });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const refused = await enroll(p, leaked.token, 'kiosk-11');
    expect(refused.status).toBe(401);
    expect((refused.json as Refusal).error.details).toEqual({ reason: 'enrollment_token_expired', expiredAt: now.toISOString() });
    // Only that one: the other token still enrolls its terminal.
    expect((await enroll(p, kept.token, 'kiosk-12')).status).toBe(201);
    const after = ((await p.admin('GET', '/admin/state')).json as { enrollmentTokens: { id: string; state: string }[] }).enrollmentTokens;
    expect(after.find((t) => t.id === id)?.state).toBe('expired');
    // Withdrawn already, unknown, malformed.
    expect((await p.admin('POST', '/admin/terminals/withdraw', { id })).status).toBe(404);
    expect((await p.admin('POST', '/admin/terminals/withdraw', { id: '0'.repeat(12) })).status).toBe(404);
    expect((await p.admin('POST', '/admin/terminals/withdraw', { id: 'nope' })).status).toBe(400);
  });

  it('reads a typed token leniently (case, spaces, dashes, O for 0) and keeps the configured static token working', async () => {
    const p = await openAt();
    const { token } = await issue(p);
    const typed = ` ${token.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o')} `;
    expect(canonicalToken(typed)).toBe(token.replace(/-/g, ''));
    expect((await enroll(p, typed, 'kiosk-typed')).status).toBe(201);
    const fixed = await enroll(p, DEMO_ENROLLMENT_TOKEN, 'kiosk-static');
    const again = await enroll(p, DEMO_ENROLLMENT_TOKEN, 'kiosk-static');
    expect([fixed.status, again.status]).toEqual([201, 201]);
    expect((again.json as { terminalIndex: number }).terminalIndex).toBe((fixed.json as { terminalIndex: number }).terminalIndex);
  });

  it('keeps only a hash: the token is in no file and never shown again; the list says who for, until when, used or not', async () => {
    const p = await openAt();
    const used = await issue(p, { terminalId: 'kiosk-11' });
    const unused = await issue(p);
    const lapsed = await issue(p, { terminalId: 'kiosk-12' });
    expect((await enroll(p, used.token, 'kiosk-11')).status).toBe(201);
    now = new Date(T0.getTime() + 25 * HOUR);
    p.portal.deps.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = ['portal.sqlite3', 'portal.sqlite3-wal'].map((f) => {
      try {
        return readFileSync(join(p.portal.config.dataDir, f)).toString('latin1');
      } catch {
        return '';
      }
    });
    const state = await p.admin('GET', '/admin/state');
    const page = await p.admin('GET', '/admin');
    const addPage = await p.admin('GET', '/admin/terminals/new');
    for (const { token } of [used, unused, lapsed])
      for (const text of [...files, state.text, page.text, addPage.text]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(token.replace(/-/g, ''));
      }
    const listed = (state.json as { enrollmentTokens: { terminalId: string | null; state: string; usedBy: string | null }[] }).enrollmentTokens;
    expect(listed.map((t) => [t.terminalId, t.state, t.usedBy])).toEqual([
      ['kiosk-12', 'expired', null],
      [null, 'expired', null],
      ['kiosk-11', 'used', 'kiosk-11'],
    ]);
    expect(page.text).toContain('Used by kiosk-11');
    expect(addPage.text).toContain('Expired, never used');
  });

  it('validates the terminal id as the set-up QR does, and puts the public URL in the QR', async () => {
    const p = await openAt({ publicUrl: 'https://portal.example.gov.vn' });
    const bad = await p.admin('POST', '/admin/terminals/new', { terminalId: 'kiosk 07/<b>' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/terminalId/);
    expect((await p.admin('POST', '/admin/terminals/new', { terminalId: 'k', extra: 1 })).status).toBe(400);
    const issued = await issue(p, {});
    expect(issued.portalUrl).toBe('https://portal.example.gov.vn');
    const qr = parseSetupQr(issued.setupQr);
    expect(qr.ok && qr.value.portalUrl).toBe('https://portal.example.gov.vn');
    expect(qr.ok && 'terminalId' in qr.value).toBe(false);
    expect((await p.admin('GET', '/admin/terminals/new')).text).not.toContain('No terminal can reach');

    const everywhere = await openAt({ publicUrl: 'http://0.0.0.0:8787' });
    expect((await everywhere.admin('GET', '/admin/terminals/new')).text).toContain('No terminal can reach http://0.0.0.0:8787');
  });

  it('the page form issues and shows the QR of exactly that payload, the token and the expiry, escaped', async () => {
    const p = await openAt();
    const res = await send(p.url, 'POST', '/admin/terminals/new', { 'content-type': 'application/x-www-form-urlencoded' }, 'terminalId=kiosk-21', false);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const token = /data-testid="token">([^<]+)</.exec(res.text)?.[1] ?? '';
    const payload = (/data-testid="payload">([^<]+)</.exec(res.text)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const qr = parseSetupQr(payload);
    expect(qr.ok && qr.value).toMatchObject({ enrollmentToken: token, terminalId: 'kiosk-21', portalUrl: p.url });
    // The SVG drawn is the QR of that payload, whose segments hold all of it (no jsQR here to read the image back).
    expect(res.text).toContain(qrSvg(payload, 320, 'Set-up QR for the kiosk'));
    const segments = QRCode.create(payload, { errorCorrectionLevel: 'M' }).segments;
    expect(segments.map((s) => (typeof s.data === 'string' ? s.data : Buffer.from(s.data).toString('utf8'))).join('')).toBe(payload);
    expect(res.text).toContain('07/12/2026, 15:00 (Asia/Ho_Chi_Minh)');
    expect(res.text).not.toContain('http-equiv="refresh"');
    expect((await enroll(p, token, 'kiosk-21')).status).toBe(201);

    const bad = await send(p.url, 'POST', '/admin/terminals/new', { 'content-type': 'application/x-www-form-urlencoded' }, 'terminalId=%3Cscript%3E', false);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('role="alert"');
    expect(bad.text).not.toContain('<script>');
    const blank = await send(p.url, 'POST', '/admin/terminals/new', { 'content-type': 'application/x-www-form-urlencoded' }, 'terminalId=', false);
    expect(blank.status).toBe(201);
    expect(blank.text).toContain('any one terminal');
  });

  it('needs the admin token when the portal has one, like every /admin route', async () => {
    const p = await openAt({ adminToken: 'admin-secret-1' });
    expect((await p.admin('POST', '/admin/terminals/new', {})).status).toBe(401);
    expect((await p.admin('GET', '/admin/terminals/new')).status).toBe(401);
    const ok = await send(p.url, 'POST', '/admin/terminals/new', { 'content-type': 'application/json', authorization: 'Bearer admin-secret-1' }, '{}', false);
    expect(ok.status).toBe(201);
  });
});
