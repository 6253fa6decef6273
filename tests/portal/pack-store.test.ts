import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackStore } from '../../src-portal/handlers/pack-store';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

function store(dir: string, maxBytes: number) {
  let n = 0;
  let folderSyncs = 0;
  const packs = new PackStore(
    dir,
    () => `p${++n}`,
    async () => {
      folderSyncs += 1;
    },
    maxBytes,
  );
  return { packs, folderSyncs: () => folderSyncs };
}

describe('PackStore', () => {
  it('gives bundles arriving together one pack, side by side, with the folder synced once for it', async () => {
    const dir = tempDir();
    const { packs, folderSyncs } = store(dir, 1000);
    const [a, b, c] = await Promise.all([packs.reserve(100), packs.reserve(50), packs.reserve(10)]);
    expect([a?.name, b?.name, c?.name]).toEqual(['p1.pack', 'p1.pack', 'p1.pack']);
    expect([a?.end, b?.end, c?.end]).toEqual([0, 100, 150]);
    expect(folderSyncs()).toBe(1);
    await a?.file.write(Buffer.alloc(100, 1), 0, 100, a.end);
    await b?.file.write(Buffer.alloc(50, 2), 0, 50, b.end);
    await Promise.all([a?.flush(), b?.flush()]);
    await Promise.all([a?.release(), b?.release(), c?.release()]);
    await packs.close();
    const bytes = readFileSync(join(dir, 'p1.pack'));
    expect([bytes.length, bytes[99], bytes[100], bytes[149]]).toEqual([150, 1, 2, 2]);
  });

  it('begins a new pack once one is full, and closes the full one when its last bundle is done', async () => {
    const dir = tempDir();
    const { packs, folderSyncs } = store(dir, 100);
    const first = await packs.reserve(80);
    const second = await packs.reserve(80); // p1 had room (80 < 100) when it was asked
    const third = await packs.reserve(10); // p1 is past 100: a new pack
    expect([first.name, second.name, third.name]).toEqual(['p1.pack', 'p1.pack', 'p2.pack']);
    expect(folderSyncs()).toBe(2);
    await first.release();
    // Still writable while `second` holds it.
    await second.file.write(Buffer.from('still open'), 0, 10, second.end);
    await second.release();
    await expect(second.file.write(Buffer.from('x'), 0, 1, 0)).rejects.toThrow();
    await second.release(); // twice is harmless
    await third.release();
    await packs.close();
    expect(readdirSync(dir).sort()).toEqual(['p1.pack', 'p2.pack']);
  });

  it('a restart begins a new pack and leaves the old ones as they are', async () => {
    const dir = tempDir();
    const one = store(dir, 1000);
    const a = await one.packs.reserve(5);
    await a.file.write(Buffer.from('hello'), 0, 5, a.end);
    await a.flush();
    await a.release();
    await one.packs.close();
    let n = 100;
    const again = new PackStore(dir, () => `p${++n}`, async () => undefined);
    const b = await again.reserve(5);
    expect([b.name, b.end]).toEqual(['p101.pack', 0]);
    await b.release();
    await again.close();
    expect(readFileSync(join(dir, 'p1.pack'), 'utf8')).toBe('hello');
  });
  it('holds acknowledgements for the syncs of committed bytes, hands their uploads over once, and keeps a failed sync', async () => {
    const { packs } = store(tempDir(), 1000);
    let finish: () => void = () => undefined;
    let fail: (e: Error) => void = () => undefined;
    packs.track(['u1', 'u2'], new Promise<void>((r) => (finish = r)));
    packs.track(['u3'], new Promise<void>((_, j) => (fail = j)));
    expect(packs.syncsInFlight()).toHaveLength(2);
    expect(packs.takeSynced()).toEqual([]);
    finish();
    await new Promise((r) => setImmediate(r));
    expect(packs.syncsInFlight()).toHaveLength(1);
    expect(packs.takeSynced()).toEqual(['u1', 'u2']);
    expect(packs.takeSynced()).toEqual([]);
    fail(new Error('EIO'));
    await new Promise((r) => setImmediate(r));
    // Fail-stop: every later acknowledgement fails until a restart checks those bytes.
    expect(packs.syncsInFlight()).toHaveLength(1);
    await expect(Promise.all(packs.syncsInFlight())).rejects.toThrow('EIO');
    expect(packs.takeSynced()).toEqual([]);
  });
});
