import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../src-shared/contract';
import { errorCodes } from '../../src-shared/errors';
import { createTestCore } from '../fakes/test-core';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

describe('dispatcher: every request validated in main', () => {
  it('answers a valid request with {ok:true, value}', async () => {
    const { core } = await createTestCore(tempDir());
    const reply = await core.dispatcher.dispatch('takeTicket', { serviceId: 'dat-dai', priority: 'none', language: 'vi' });
    expect(reply).toMatchObject({ ok: true, value: { display: 'A001', printed: true } });
    await core.close();
  });

  it('names the bad field of an invalid request', async () => {
    const { core } = await createTestCore(tempDir());
    const reply = await core.dispatcher.dispatch('takeTicket', { serviceId: 'dat-dai', priority: 'vip', language: 'vi' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!reply.ok && reply.error.message).toMatch(/takeTicket: priority/);
    expect(await core.dispatcher.dispatch('takeTicket', { serviceId: 'dat-dai', priority: 'none', language: 'vi', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('refuses unknown methods, including prototype names', async () => {
    const { core } = await createTestCore(tempDir());
    for (const name of ['dropTables', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await core.dispatcher.dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('survives any hostile payload with a reply from the closed code set', async () => {
    const { core } = await createTestCore(tempDir());
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...methodNames), fc.string()), fc.anything(), async (method, request) => {
        const reply = await core.dispatcher.dispatch(method, request);
        if (!reply.ok) expect(errorCodes).toContain(reply.error.code);
      }),
      { numRuns: 300 },
    );
    expect((await core.dispatcher.dispatch('getInfo', {})).ok).toBe(true);
  });

  it('still starts on a corrupt store, says so, and refuses store work with store_unavailable', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'kiosk.sqlite3'), 'garbage'.repeat(1000));
    const { core } = await createTestCore(dir);
    const info = await core.dispatcher.dispatch('getInfo', {});
    expect(info).toMatchObject({ ok: true, value: { store: { state: 'unavailable', reason: 'corrupt' } } });
    expect(await core.dispatcher.dispatch('takeTicket', { serviceId: 'dat-dai', priority: 'none', language: 'vi' })).toMatchObject({
      ok: false,
      error: { code: 'store_unavailable' },
    });
  });
});
