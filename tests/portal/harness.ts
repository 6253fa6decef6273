import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';
import type { FaultInput } from '../../src-portal/faults/fault';
import { FaultSchema } from '../../src-portal/faults/fault';
import { portalDefaults, DEMO_ENROLLMENT_TOKEN, type PortalConfig } from '../../src-portal/portal-config';
import { PortalServer } from '../../src-portal/portal-server';
import { createSpecCheck } from './spec-check';
import { useTempDirs } from '../fakes/temp-dir';

/** Checks any request or response against docs/sync-api.yaml; H6's kiosk tests reuse it. */
export const validateAgainstSpec = createSpecCheck();

export const demoCatalog = fileURLToPath(new URL('../../assets/demo-catalog.json', import.meta.url));

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface TestPortal {
  url: string;
  portal: PortalServer;
  /** A spec-checked call: the request and the response must both match the spec. */
  call(method: string, path: string, opts?: { body?: unknown; headers?: Record<string, string>; token?: string; key?: string }): Promise<Answer>;
  enroll(terminalId: string): Promise<string>;
  admin(method: string, path: string, body?: unknown): Promise<Answer>;
}

/** Starts reference portals on 127.0.0.1 (port 0) in temp folders; closes them after each test. */
export function usePortals(): (options?: { faults?: FaultInput[]; seed?: number; maxUploadBytes?: number; clock?: () => Date; config?: Partial<PortalConfig> }) => Promise<TestPortal> {
  const tempDir = useTempDirs();
  const open: PortalServer[] = [];
  afterEach(async () => {
    for (const p of open.splice(0)) await p.close();
  });
  return async (options = {}) => {
    const portal = new PortalServer(
      {
        ...portalDefaults,
        port: 0,
        dataDir: tempDir(),
        catalogFile: demoCatalog,
        seed: options.seed ?? 7,
        faults: (options.faults ?? []).map((f) => FaultSchema.parse(f)),
        maxUploadBytes: options.maxUploadBytes ?? portalDefaults.maxUploadBytes,
        ...options.config,
      },
      { clock: options.clock ?? (() => new Date()), log: (line) => process.env['PORTAL_TEST_LOG'] && console.error(line), newId: () => randomUUID(), newSecret: () => randomBytes(32).toString('base64url') },
    );
    open.push(portal);
    const url = await portal.listen();
    const call: TestPortal['call'] = async (method, path, opts = {}) => {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
      if (opts.key) headers['idempotency-key'] = opts.key;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      expect(validateAgainstSpec(method, path, 'request', opts.body, headers), `request ${method} ${path}`).toEqual([]);
      return send(url, method, path, headers, opts.body === undefined ? undefined : JSON.stringify(opts.body), true);
    };
    return {
      url,
      portal,
      call,
      async enroll(terminalId) {
        const r = await call('POST', '/v1/enrollments', {
          body: { enrollmentToken: DEMO_ENROLLMENT_TOKEN, terminalId, appVersion: '0.1.0' },
        });
        expect(r.status).toBe(201);
        return (r.json as { credential: string }).credential;
      },
      admin: (method, path, body) =>
        send(url, method, path, body === undefined ? {} : { 'content-type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body), false),
    };
  };
}

/** One HTTP exchange; with `check`, the response must match the spec for that operation. */
export async function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  check: boolean,
): Promise<Answer> {
  const payload = typeof body === 'string' || body === undefined ? body : new Uint8Array(body);
  const res = await fetch(base + path, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const text = await res.text();
  let json: unknown;
  if (text.length > 0 && (res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text) as unknown;
  if (check) {
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => (h[k] = v));
    expect(validateAgainstSpec(method, path, res.status, json, h), `response ${method} ${path} ${res.status}: ${text.slice(0, 300)}`).toEqual([]);
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
export const uuid = (): string => randomUUID();
