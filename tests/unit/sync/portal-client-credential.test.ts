import { describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../fakes/memory-credential-store';
import { PortalClient } from '../../../src-main/sync/portal-client';
import { PortalError } from '../../../src-main/sync/portal-error';

const unauthorized = () =>
  new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'revoked' } }), { status: 401, headers: { 'content-type': 'application/json' } });

function clientWith(store: MemoryCredentialStore, fetchImpl: typeof fetch, rejected: string[]) {
  return new PortalClient({
    baseUrl: 'http://127.0.0.1:9/',
    credentials: store,
    clock: { now: () => new Date('2026-11-23T03:00:00Z') },
    fetch: fetchImpl,
    onCredentialRejected: () => rejected.push('rejected'),
  });
}

describe('the portal client and a refused credential', () => {
  it('drops the credential a 401 answered, says so once, and the error is retried rather than parked', async () => {
    const store = new MemoryCredentialStore('old');
    const rejected: string[] = [];
    const client = clientWith(store, async () => unauthorized(), rejected);
    const error = await client.dossierStatus('5b0c3a52-5a43-4d4e-9a54-1d5f0e0d8a11').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalError);
    expect((error as PortalError).kind).toBe('transient');
    expect(store.read()).toBeNull();
    expect(rejected).toEqual(['rejected']);
    // Not enrolled now: the next exchange waits for enrollment without touching the network.
    const next = await client.heartbeat({ appVersion: 't', sentAt: '2026-11-23T03:00:00Z', devices: [], outbox: { depth: 0, parked: 0 } }).catch((e: unknown) => e);
    expect((next as PortalError).kind).toBe('transient');
    expect(rejected).toHaveLength(1);
  });

  it('keeps a credential a concurrent enrollment wrote while the refused request was in flight', async () => {
    const store = new MemoryCredentialStore('old');
    const rejected: string[] = [];
    const client = clientWith(
      store,
      async () => {
        store.write('fresh');
        return unauthorized();
      },
      rejected,
    );
    await client.dossierStatus('5b0c3a52-5a43-4d4e-9a54-1d5f0e0d8a11').catch(() => undefined);
    expect(store.read()).toBe('fresh');
    expect(rejected).toEqual([]);
  });

  it('a 401 to the enrollment itself (a refused token) leaves nothing to drop', async () => {
    const store = new MemoryCredentialStore(null);
    const rejected: string[] = [];
    const client = clientWith(store, async () => unauthorized(), rejected);
    await expect(client.enroll('bad-token', 'KIOSK-01', 't')).rejects.toMatchObject({ status: 401 });
    expect(rejected).toEqual([]);
  });
});
