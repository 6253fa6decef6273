import { Readable } from 'node:stream';
import busboy from 'busboy';
import { describe, expect, it } from 'vitest';
import { BodyBuffers } from '../../../src-main/sync/body-buffers';
import { MemoryCredentialStore } from '../../../src-main/sync/credential-store';
import { PortalClient, type BundleFileSource } from '../../../src-main/sync/portal-client';
import type { DossierBundleManifest } from '../../../src-main/sync/portal-schemas';

const MIB = 1024 * 1024;

// Identity, not content: comparing MiB buffers element by element is slow and says nothing here.
const same = (a: unknown, b: unknown): boolean => a === b;

describe('BodyBuffers', () => {
  it('gives back a kept buffer for a body that fits, and a new one for a body that does not', () => {
    const buffers = new BodyBuffers(4 * MIB);
    const first = buffers.take(300_000);
    expect(first.byteLength).toBe(MIB);
    buffers.give(first);
    expect(same(buffers.take(900_000), first)).toBe(true);
    buffers.give(first);
    const bigger = buffers.take(MIB + 1);
    expect(same(bigger, first)).toBe(false);
    expect(bigger.byteLength).toBe(2 * MIB);
    expect(same(buffers.take(10), first)).toBe(true);
    expect(same(buffers.take(10), first)).toBe(false);
  });

  it('holds no more than it was told to keep, and a buffer given twice once', () => {
    const buffers = new BodyBuffers(2 * MIB);
    const [a, b, c] = [buffers.take(1), buffers.take(1), buffers.take(1)];
    buffers.give(a);
    buffers.give(a);
    buffers.give(b);
    buffers.give(c);
    const again = [buffers.take(1), buffers.take(1), buffers.take(1)];
    expect(again.filter((x) => same(x, a)).length).toBe(1);
    expect(again.filter((x) => same(x, b)).length).toBe(1);
    expect(again.some((x) => same(x, c))).toBe(false);
  });
});

interface Sent {
  arrayBuffer: ArrayBufferLike;
  bytes: Buffer;
  contentType: string;
}

const receipt = (dossierId: string) =>
  new Response(JSON.stringify({ dossierId, code: 'G01.01-261123-0001', codeSource: 'assigned', status: 2, receivedAt: '2026-11-23T03:00:00Z' }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

function manifestOf(dossierId: string, files: Buffer[]): DossierBundleManifest {
  return {
    dossier: {
      dossierId,
      procedureCode: '1.000001',
      receivedAt: '2026-11-23T03:00:00Z',
      receivedDay: '2026-11-23',
      channel: 1,
      applicant: { kind: 1, name: 'Nguyễn Văn A', idNumber: '001090000001' },
      formData: {},
      files: [],
    },
    files: files.map((f, i) => ({ documentId: 'DOC', fileName: `p${i}.jpg`, sha256: `${String(i).padStart(2, '0')}${'a'.repeat(62)}`, length: f.byteLength, contentType: 'image/jpeg' })),
  };
}

const sourcesOf = (files: Buffer[]): BundleFileSource[] => files.map((f) => ({ byteLength: f.byteLength, fill: (target) => void target.set(f) }));

/** The parts busboy finds in a sent body: the manifest, then each file's bytes. */
async function partsOf(sent: Sent): Promise<{ manifest: unknown; files: Buffer[] }> {
  const parser = busboy({ headers: { 'content-type': sent.contentType } });
  let manifest: unknown = null;
  const files: Buffer[] = [];
  parser.on('field', (_name, value) => (manifest = JSON.parse(value)));
  parser.on('file', (_name, stream) => {
    const chunks: Buffer[] = [];
    const at = files.push(Buffer.alloc(0)) - 1;
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => (files[at] = Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', reject);
    Readable.from([sent.bytes]).pipe(parser);
  });
  return { manifest, files };
}

describe('the portal client builds each bundle in a reused body buffer', () => {
  it('reuses the body of a bundle the portal accepted, and the next bundle carries only its own bytes', async () => {
    const sent: Sent[] = [];
    const statuses = [200, 200, 500, 200];
    const client = new PortalClient({
      baseUrl: 'http://127.0.0.1:9/',
      credentials: new MemoryCredentialStore('cred'),
      clock: { now: () => new Date('2026-11-23T03:00:00Z') },
      fetch: async (_url, init) => {
        const body = init?.body as Uint8Array;
        sent.push({ arrayBuffer: body.buffer, bytes: Buffer.from(body), contentType: new Headers(init?.headers).get('content-type') ?? '' });
        const status = statuses[sent.length - 1] ?? 200;
        return status === 200 ? receipt(`d${sent.length}`) : new Response('{}', { status });
      },
    });
    const big = [Buffer.alloc(400_000, 0xf1), Buffer.alloc(300_000, 0xf2)];
    const small = [Buffer.alloc(1_000, 0xf3)];
    await client.submitDossierBundle({ manifest: manifestOf('d1', big), files: sourcesOf(big) });
    await client.submitDossierBundle({ manifest: manifestOf('d2', small), files: sourcesOf(small) });
    await expect(client.submitDossierBundle({ manifest: manifestOf('d3', small), files: sourcesOf(small) })).rejects.toThrow(/HTTP 500/);
    await client.submitDossierBundle({ manifest: manifestOf('d4', small), files: sourcesOf(small) });

    // Accepted: its buffer is the next bundle's. Refused (the client may still be sending it): not.
    expect(same(sent[1]?.arrayBuffer, sent[0]?.arrayBuffer)).toBe(true);
    expect(same(sent[2]?.arrayBuffer, sent[0]?.arrayBuffer)).toBe(true);
    expect(same(sent[3]?.arrayBuffer, sent[0]?.arrayBuffer)).toBe(false);
    // The second body is written over the first's bytes and holds nothing of them.
    const second = await partsOf(sent[1] as Sent);
    expect(second.manifest).toMatchObject({ dossier: { dossierId: 'd2' }, files: [{ length: 1_000 }] });
    expect(second.files.map((f) => f.equals(small[0] as Buffer))).toEqual([true]);
    expect(sent[1]?.bytes.includes(0xf1) || sent[1]?.bytes.includes(0xf2)).toBe(false);
    const first = await partsOf(sent[0] as Sent);
    expect(first.files.map((f, i) => f.equals(big[i] as Buffer))).toEqual([true, true]);
  });
});
