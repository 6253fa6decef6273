import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileHandle } from 'node:fs/promises';
import { openDirect, PackStore } from '../../src-portal/handlers/pack-store';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

function store(dir: string, maxBytes: number, directIo = false) {
  let n = 0;
  let folderSyncs = 0;
  const opened: string[] = [];
  const packs = new PackStore(
    dir,
    () => `p${++n}`,
    async () => {
      folderSyncs += 1;
    },
    { maxBytes, directIo, onOpened: (pack, direct) => opened.push(`${pack} ${direct ? 'direct' : 'buffered'}`) },
  );
  return { packs, folderSyncs: () => folderSyncs, opened };
}

describe('PackStore', () => {
  it('gives bundles arriving together one pack, side by side, with the folder synced once for it', async () => {
    const dir = tempDir();
    const { packs, folderSyncs, opened } = store(dir, 1000);
    const [a, b, c] = await Promise.all([packs.reserve(100), packs.reserve(50), packs.reserve(10)]);
    expect([a?.name, b?.name, c?.name]).toEqual(['p1.pack', 'p1.pack', 'p1.pack']);
    expect([a?.end, b?.end, c?.end]).toEqual([0, 100, 150]);
    expect(folderSyncs()).toBe(1);
    await a?.write([Buffer.alloc(100, 1)], a.end);
    await b?.write([Buffer.alloc(50, 2)], b.end);
    await Promise.all([a?.flush(), b?.flush()]);
    await Promise.all([a?.release(), b?.release(), c?.release()]);
    await packs.close();
    const bytes = readFileSync(join(dir, 'p1.pack'));
    expect([bytes.length, bytes[99], bytes[100], bytes[149]]).toEqual([150, 1, 2, 2]);
    expect(opened).toEqual(['p1.pack buffered']);
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
    await second.write([Buffer.from('still open')], second.end);
    await second.release();
    await expect(second.write([Buffer.from('x')], second.end)).rejects.toThrow();
    await second.release(); // twice is harmless
    await third.release();
    await packs.close();
    expect(readdirSync(dir).sort()).toEqual(['p1.pack', 'p2.pack']);
  });

  it('a restart begins a new pack and leaves the old ones as they are', async () => {
    const dir = tempDir();
    const one = store(dir, 1000);
    const a = await one.packs.reserve(5);
    await a.write([Buffer.from('hello')], a.end);
    await a.flush();
    await a.release();
    await one.packs.close();
    let n = 100;
    const again = new PackStore(dir, () => `p${++n}`, async () => undefined, { directIo: false });
    const b = await again.reserve(5);
    expect([b.name, b.end]).toEqual(['p101.pack', 0]);
    await b.release();
    await again.close();
    expect(readFileSync(join(dir, 'p1.pack'), 'utf8')).toBe('hello');
  });
  it('with direct I/O, starts each bundle on a block after the probe block and pads its region to whole blocks', async () => {
    const dir = tempDir();
    const { packs, opened } = store(dir, 1 << 20, true);
    const [a, b] = await Promise.all([packs.reserve(5000), packs.reserve(100)]);
    expect([a.end, b.end]).toEqual([4096, 4096 + 8192]);
    const body = Buffer.alloc(5000, 7);
    // Arrives in uneven pieces, as socket chunks do; in place only once finished.
    await a.write([body.subarray(0, 1), body.subarray(1, 4099)], a.end);
    await a.write([body.subarray(4099)], a.end + 4099);
    await b.write([Buffer.from('second bundle')], b.end);
    await Promise.all([a.finish(), b.finish()]);
    await Promise.all([a.flush(), a.release(), b.release()]);
    await packs.close();
    const bytes = readFileSync(join(dir, 'p1.pack'));
    expect(bytes.length).toBe(4096 + 8192 + 4096);
    expect(bytes.subarray(0, 4096).every((x) => x === 0)).toBe(true);
    expect(bytes.subarray(4096, 9096).equals(body)).toBe(true);
    expect(bytes.subarray(9096, 12288).every((x) => x === 0)).toBe(true);
    expect(bytes.subarray(12288, 12288 + 13).toString()).toBe('second bundle');
    expect(opened).toEqual(['p1.pack direct']);
  });

  it('opens a pack buffered where the filesystem refuses O_DIRECT, at open or at the first write', async () => {
    const dir = tempDir();
    const einval = () => Object.assign(new Error('EINVAL: invalid argument'), { code: 'EINVAL' });
    expect(await openDirect(join(dir, 'a.pack'), () => Promise.reject<FileHandle>(einval()))).toBeNull();
    // Linux creates the file before refusing the flag: it is removed, so the buffered open can create it.
    const created = join(dir, 'd.pack');
    const createThenRefuse = (path: string) => {
      writeFileSync(path, '');
      return Promise.reject<FileHandle>(einval());
    };
    expect(await openDirect(created, createThenRefuse)).toBeNull();
    expect(existsSync(created)).toBe(false);
    let closed = 0;
    const refusing: Pick<FileHandle, 'write' | 'close'> = {
      write: () => Promise.reject(einval()),
      close: () => Promise.resolve(void (closed += 1)),
    };
    expect(await openDirect(join(dir, 'b.pack'), () => Promise.resolve(refusing))).toBeNull();
    expect(closed).toBe(1);
    // Any other failure is the disk's, not a missing feature: it is not hidden.
    const eio = Object.assign(new Error('EIO'), { code: 'EIO' });
    await expect(openDirect(join(dir, 'c.pack'), () => Promise.reject<FileHandle>(eio))).rejects.toThrow('EIO');
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
