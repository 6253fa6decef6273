import { describe, expect, it } from 'vitest';
import { send, usePortals, type TestPortal } from './harness';

const service = (id: string, prefix: string, vi: string, en: string) => ({
  id,
  prefix,
  icon: 'land',
  name: { vi, en },
  description: { vi: 'Mô tả', en: 'Description' },
});
const centerDoc = {
  schemaVersion: 2,
  queue: { services: [service('dat-dai', 'A', 'Đất đai', 'Land'), service('ho-tich', 'B', 'Hộ tịch', 'Civil status')] },
  idle: { timeoutSeconds: 90 },
};

const beat = (p: TestPortal, token: string) =>
  p.call('POST', '/v1/heartbeats', {
    token,
    body: { appVersion: '0.1.0', sentAt: new Date().toISOString(), devices: [], outbox: { depth: 0 }, render: { screen: 'screen-attract', ageSeconds: 1 }, configVersion: 0 },
  });
const getConfig = (p: TestPortal, token: string, etag?: string) =>
  p.call('GET', '/v1/terminal-config', { token, ...(etag ? { headers: { 'if-none-match': etag } } : {}) });
const form = (p: TestPortal, path: string, fields: Record<string, string>) =>
  send(p.url, 'POST', path, { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams(fields).toString(), false);

describe('central configuration on the reference portal', () => {
  const openPortal = usePortals();

  it('serves each terminal the center-wide document with its own over it, versioned, with an ETag the heartbeat carries', async () => {
    const p = await openPortal();
    const a = await p.enroll('cfg-a');
    const b = await p.enroll('cfg-b');
    // Nothing set yet: version 0, a document that sets nothing.
    const empty = await getConfig(p, a);
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ version: 0, document: { schemaVersion: 2 } });
    const etag0 = empty.headers.get('etag') ?? '';
    expect(((await beat(p, a)).json as { configEtag: string }).configEtag).toBe(etag0);
    expect((await getConfig(p, a, etag0)).status).toBe(304);

    expect((await p.admin('PUT', '/admin/config/center', centerDoc)).json).toEqual({ revision: 1 });
    const own = { schemaVersion: 2, idle: { warningSeconds: 30 }, printer: { footer: 'Quầy B' } };
    expect((await p.admin('PUT', '/admin/config/terminals/cfg-b', own)).json).toEqual({ revision: 2 });

    const forA = await getConfig(p, a, etag0);
    expect(forA.status).toBe(200);
    expect(forA.json).toMatchObject({ version: 1, document: { idle: { timeoutSeconds: 90 } } });
    const forB = await getConfig(p, b);
    expect(forB.json).toMatchObject({ version: 2, document: { idle: { timeoutSeconds: 90, warningSeconds: 30 }, printer: { footer: 'Quầy B' } } });
    expect(((await beat(p, b)).json as { configEtag: string }).configEtag).toBe(forB.headers.get('etag'));
    expect((await getConfig(p, b, forB.headers.get('etag') ?? '')).status).toBe(304);

    expect((await p.admin('GET', '/admin/config/center')).json).toMatchObject({ revision: 1, document: centerDoc });
    expect((await p.admin('GET', '/admin/config/terminals/cfg-b')).json).toMatchObject({ own: { revision: 2, document: own }, served: { version: 2 } });
    // A center-wide save reaches every terminal with a higher version, the one with its own too.
    await p.admin('PUT', '/admin/config/center', { ...centerDoc, idle: { timeoutSeconds: 120 } });
    expect((await getConfig(p, a)).json).toMatchObject({ version: 3, document: { idle: { timeoutSeconds: 120 } } });
    expect((await getConfig(p, b)).json).toMatchObject({ version: 3, document: { idle: { timeoutSeconds: 120, warningSeconds: 30 } } });
  });

  it('refuses a bad document on save with each bad field named, and keeps the one before', async () => {
    const p = await openPortal();
    await p.admin('PUT', '/admin/config/center', centerDoc);
    const bad = await p.admin('PUT', '/admin/config/center', {
      schemaVersion: 2,
      sync: { portalUrl: 'http://elsewhere' },
      idle: { timeoutSeconds: '90' },
      queue: { services: [service('dat-dai', 'a', 'Đất đai', 'Land')] },
    });
    expect(bad.status).toBe(400);
    const problems = (bad.json as { error: { problems: string[] } }).error.problems.join('\n');
    expect(problems).toMatch(/\(root\): Unrecognized key: "sync" \(not centrally settable\)/);
    expect(problems).toMatch(/idle\.timeoutSeconds: /);
    expect(problems).toMatch(/queue\.services\.0\.prefix: 1 to 3 capital letters/);
    expect((await send(p.url, 'PUT', '/admin/config/center', { 'content-type': 'application/json' }, '{"schemaVersion": 9}', false)).json).toMatchObject({
      error: { problems: [expect.stringMatching(/schemaVersion: .*newer/)] },
    });
    expect((await p.admin('PUT', '/admin/config/terminals/bad%20id', centerDoc)).status).toBe(400);
    const state = (await p.admin('GET', '/admin/config/state')).json as { center: { revision: number; document: unknown } };
    expect(state.center).toMatchObject({ revision: 1, document: centerDoc });
  });

  it('stores what a terminal reports, and the Fleet page flags a rejected version', async () => {
    const p = await openPortal();
    const token = await p.enroll('cfg-r');
    await p.admin('PUT', '/admin/config/center', centerDoc);
    const report = (body: unknown) => p.call('POST', '/v1/terminal-config/report', { token, body });
    expect((await report({ version: 1, outcome: 'applied', problems: [] })).json).toMatchObject({ version: 1, outcome: 'applied' });
    await beat(p, token);
    const fleet = async () => ((await p.admin('GET', '/admin/fleet/state')).json as { id: string; flags: string[]; config: unknown }[])[0];
    expect(await fleet()).toMatchObject({ flags: [], config: { appliedVersion: 1, rejectedVersion: null } });
    await p.admin('PUT', '/admin/config/center', { ...centerDoc, idle: { timeoutSeconds: 100 } });
    expect((await report({ version: 2, outcome: 'rejected', problems: ['idle.warningSeconds: Too small: expected number to be >=20', '<b>x</b>'] })).status).toBe(200);
    expect(await fleet()).toMatchObject({ flags: ['config-rejected'], config: { appliedVersion: 1, rejectedVersion: 2 } });
    const page = await p.admin('GET', '/admin/fleet');
    expect(page.text).toContain('Configuration rejected');
    expect(page.text).toContain('v2 rejected');
    const configPage = await p.admin('GET', '/admin/config');
    expect(configPage.text).toContain('idle.warningSeconds');
    expect(configPage.text).not.toContain('<b>x</b>');
    expect(configPage.text).toContain('&lt;b&gt;x&lt;/b&gt;');
    // A later version in force clears the flag.
    await report({ version: 3, outcome: 'applied', problems: [] });
    expect(await fleet()).toMatchObject({ flags: [], config: { appliedVersion: 3 } });
    // The spec refuses a report that is not one.
    expect((await send(p.url, 'POST', '/v1/terminal-config/report', { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, JSON.stringify({ version: 1, outcome: 'maybe', problems: [] }), false)).status).toBe(400);
  });

  it("the page's forms: a JSON editor that shows the problems and keeps the text, and a rename in both languages", async () => {
    const p = await openPortal();
    await p.enroll('cfg-f');
    const badText = '{"schemaVersion": 2, "devices": {"printer": "x"}}';
    const refused = await form(p, '/admin/config/documents', { scope: '*', document: badText });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/text\/html/);
    expect(refused.text).toMatch(/Not saved — 1 problem/);
    expect(refused.text).toContain('Unrecognized key: &quot;devices&quot;');
    expect(refused.text).toContain('&quot;printer&quot;: &quot;x&quot;');
    expect((await form(p, '/admin/config/documents', { scope: '*', document: '{"schemaVersion": 2,' })).text).toMatch(/\(JSON\): /);

    const saved = await fetch(`${p.url}/admin/config/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ scope: '*', document: JSON.stringify(centerDoc) }).toString(),
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/config');

    expect((await form(p, '/admin/config/rename-service', { scope: '*', serviceId: 'nope', vi: 'A', en: 'B' })).text).toMatch(/no service &quot;nope&quot;/);
    expect((await form(p, '/admin/config/rename-service', { scope: '*', serviceId: 'ho-tich', vi: 'Hộ tịch – Quốc tịch', en: 'Civil status and nationality' })).status).toBe(200);
    // A terminal's own rename starts from the center-wide list.
    await form(p, '/admin/config/rename-service', { scope: 'cfg-f', serviceId: 'dat-dai', vi: 'Đất đai (quầy 2)', en: 'Land (desk 2)' });
    const state = (await p.admin('GET', '/admin/config/state')).json as {
      center: { document: { queue: { services: { name: { vi: string } }[] } } };
      terminals: { id: string; own: { document: { queue: { services: { name: { vi: string } }[] } } } }[];
    };
    expect(state.center.document.queue.services.map((s) => s.name.vi)).toEqual(['Đất đai', 'Hộ tịch – Quốc tịch']);
    expect(state.terminals[0]?.own.document.queue.services.map((s) => s.name.vi)).toEqual(['Đất đai (quầy 2)', 'Hộ tịch – Quốc tịch']);
  });
});
