import { describe, expect, it } from 'vitest';
import { validateAgainstSpec } from './harness';

describe('validateAgainstSpec', () => {
  it('accepts a well-formed exchange and names what is wrong in a bad one', () => {
    const body = { blockId: 'b1', agencyCode: '000.00.12.H29', day: '2026-05-12', codes: ['000.00.12.H29-260512-0001'] };
    expect(validateAgainstSpec('POST', '/v1/dossier-code-blocks', 201, body)).toEqual([]);
    expect(validateAgainstSpec('POST', '/v1/dossier-code-blocks', 201, { ...body, codes: ['X-1'] }).join()).toMatch(/codes\/0/);
    expect(validateAgainstSpec('POST', '/v1/dossier-code-blocks', 201, { ...body, extra: 1 }).join()).toMatch(/extra/);
    expect(validateAgainstSpec('POST', '/v1/dossier-code-blocks', 418, body).join()).toMatch(/418/);
    expect(validateAgainstSpec('GET', '/v1/nowhere', 200, {}).join()).toMatch(/not an operation/);
    expect(validateAgainstSpec('HEAD', '/v1/uploads/u1', 200, undefined, { 'upload-offset': '5' }).join()).toMatch(/Upload-Length/);
  });

  it('checks requests: headers, path parameters and bodies', () => {
    const headers = { 'idempotency-key': 'key-12345678' };
    expect(validateAgainstSpec('POST', '/v1/dossier-code-blocks', 'request', { day: '2026-05-12', count: 3 }, headers)).toEqual([]);
    expect(validateAgainstSpec('POST', '/v1/dossier-code-blocks', 'request', { day: '2026-05-12', count: 3 }).join()).toMatch(/Idempotency-Key/);
    expect(validateAgainstSpec('POST', '/v1/dossier-code-blocks', 'request', { day: '12/05/2026', count: 0 }, headers)).toHaveLength(2);
    expect(validateAgainstSpec('GET', '/v1/dossiers/not-a-uuid', 'request', undefined).join()).toMatch(/dossierId/);
    expect(validateAgainstSpec('GET', '/v1/dossiers?limit=9999', 'request', undefined).join()).toMatch(/limit/);
  });
});
