import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src-portal/spec/load-spec';
import { send, usePortals } from './harness';

const startPortal = usePortals();

/** Every operation of docs/sync-api.yaml: method, a concrete path, and whether a portal may drop it. */
function specOperations(): { method: string; path: string; optional: boolean }[] {
  const paths = loadSpec()['paths'] as Record<string, Record<string, { deprecated?: boolean }>>;
  return Object.entries(paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'head', 'post', 'patch', 'put', 'delete'].includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path: template.replace(/\{\w+\}/g, 'some-id'), optional: op.deprecated === true })),
  );
}

describe('reference portal: routing', () => {
  it('answers every operation of the spec but the optional dossier batches, which get 404 (deployed kiosks then send bundles)', async () => {
    const p = await startPortal();
    const ops = specOperations();
    expect(ops.filter((o) => o.optional).map((o) => `${o.method} ${o.path}`)).toEqual(['POST /v1/dossier-batches']);
    for (const op of ops) {
      // The 404 of an operation left out is checked against the spec's answer for it.
      const answer = await send(p.url, op.method, op.path, {}, undefined, op.optional);
      // Without a credential: 401 from an operation the portal has, 400 for the enrollment (no body).
      const expected = op.optional ? 404 : op.path === '/v1/enrollments' ? 400 : 401;
      expect(answer.status, `${op.method} ${op.path}`).toBe(expected);
    }
    const unknown = await send(p.url, 'GET', '/v1/no-such-thing', {}, undefined, false);
    expect(unknown.status).toBe(404);
    expect((unknown.json as { error: { code: string } }).error.code).toBe('not_found');
  });
});
