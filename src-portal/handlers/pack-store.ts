import { constants, fdatasync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { WalSync } from '../db/wal-sync';
import { alignedBuffer, alignedBuffers, BLOCK_BYTES, BlockWriter, fileOut, roundUpToBlock, type BytesOut } from './block-writer';

/** A pack file being appended to; packs are never rewritten, only read and appended. */
interface OpenPack {
  name: string;
  file: FileHandle;
  /** Bytes reserved so far: the next reservation starts here. */
  reserved: number;
  /** Group fdatasync: one sync covers every bundle written to the pack before it started. */
  sync: WalSync;
  /** Bundles still writing or committing; a full pack closes when the last one is done. */
  users: number;
  /** Opened with O_DIRECT: bundles write whole blocks from aligned memory (see BlockWriter). */
  direct: boolean;
}

/**
 * A bundle's place in a pack: its files go one after another from `end`, which each received file
 * moves on. Rows record the pack's name and where their bytes start.
 */
export interface BundlePack extends BytesOut {
  /** The pack's file name in the uploads folder (what the rows record). */
  readonly name: string;
  /** Where the next file's bytes go. */
  end: number;
  /** Every byte written so far is in the file (a direct region writes its staged tail); call before recording them. */
  finish(): Promise<void>;
  /** Resolves once every byte written to the pack before the call is on disk. */
  flush(): Promise<void>;
  /** The bundle is done with the pack (committed or not). */
  release(): Promise<void>;
}

export interface PackStoreOptions {
  /** A pack takes no new bundle once it holds this many bytes. */
  maxBytes?: number;
  /**
   * Write packs with O_DIRECT where the platform has it (Linux). A folder whose filesystem
   * refuses it (some network mounts, older tmpfs) gets ordinary buffered packs, pack by pack.
   */
  directIo?: boolean;
  /** A new pack was opened, written direct or buffered (for the log: IT staff see which). */
  onOpened?: (pack: string, direct: boolean) => void;
}

/**
 * Bundles' files appended to shared pack files in the uploads folder (decision 0018): a dossier
 * costs no file creation and shares its sync with the bundles arriving alongside, instead of a
 * create, an fsync and a folder sync per file. Each bundle reserves the bytes its manifest
 * announces, so bundles arriving together write side by side; bytes of a refused or broken file
 * stay in the pack unreferenced (rare, and a pack is only ever appended to). A pack is closed to
 * new bundles at `maxBytes` and a new one begun; a restart begins a new one too.
 */
export class PackStore {
  private current: OpenPack | null = null;
  private opening: Promise<OpenPack> | null = null;
  private readonly full = new Set<OpenPack>();
  /** Syncs of committed bundles' bytes still running; a failed one stays (see `track`). */
  private readonly syncing = new Set<Promise<void>>();
  /** Uploads whose sync finished, to be marked `pack_synced` by the next commit. */
  private synced: string[] = [];
  /**
   * Staging buffers for direct regions, made STAGES_PER_MEMORY at a time and kept for the next
   * bundles: the portal holds as many as bundles ever wrote at once.
   */
  private readonly stages: Buffer[] = [];
  private readonly maxBytes: number;
  private readonly directIo: boolean;
  private readonly onOpened: (pack: string, direct: boolean) => void;

  constructor(
    private readonly uploadsDir: string,
    private readonly newId: () => string,
    /** Puts a new pack's folder entry on disk before any row can point at it. */
    private readonly syncFolder: () => Promise<void>,
    options: PackStoreOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.directIo = options.directIo ?? constants.O_DIRECT !== undefined;
    this.onOpened = options.onOpened ?? (() => undefined);
  }

  async reserve(length: number): Promise<BundlePack> {
    const pack = await this.packWithRoom();
    const start = pack.reserved;
    pack.reserved += pack.direct ? roundUpToBlock(length) : length;
    pack.users += 1;
    let released = false;
    if (pack.direct && this.stages.length === 0) this.stages.push(...alignedBuffers(STAGES_PER_MEMORY, STAGE_BYTES));
    const stage = pack.direct ? (this.stages.pop() ?? null) : null;
    const out: BytesOut & { finish(): Promise<void> } = stage
      ? new BlockWriter(pack.file, start, length, stage)
      : { ...fileOut(pack.file), finish: () => Promise.resolve() };
    return {
      name: pack.name,
      end: start,
      write: (buffers, position) => out.write(buffers, position),
      finish: () => out.finish(),
      flush: () => pack.sync.flush(),
      release: async () => {
        if (released) return;
        released = true;
        // Nothing more is written to this region: its staging buffer serves the next bundle.
        if (stage) this.stages.push(stage);
        pack.users -= 1;
        if (pack.users === 0 && this.full.has(pack)) {
          this.full.delete(pack);
          await closePack(pack);
        }
      },
    };
  }

  /**
   * Rows for `uploadIds` were committed while `sync` of their bytes runs: every answer that
   * acknowledges a change waits for it (`syncsInFlight`) alongside the store's WAL sync, so the
   * two syncs overlap instead of following each other. A sync that fails stays in the set: the
   * portal then acknowledges nothing until it restarts and checks those bytes (fail-stop, as a
   * disk that cannot sync may have lost them).
   */
  track(uploadIds: readonly string[], sync: Promise<void>): void {
    const tracked = sync.then(() => {
      this.syncing.delete(tracked);
      this.synced.push(...uploadIds);
    });
    tracked.catch(() => undefined);
    this.syncing.add(tracked);
  }

  /** What an acknowledgement must wait for: the syncs of bytes whose rows are committed. */
  syncsInFlight(): Promise<void>[] {
    return [...this.syncing];
  }

  /** Uploads whose bytes were synced since the last call (their rows say so in the next commit). */
  takeSynced(): string[] {
    const ids = this.synced;
    this.synced = [];
    return ids;
  }

  /** After the server stopped taking requests. */
  async close(): Promise<void> {
    const packs = [...this.full, ...(this.current ? [this.current] : [])];
    this.full.clear();
    this.current = null;
    await Promise.all(packs.map(closePack));
  }

  private async packWithRoom(): Promise<OpenPack> {
    if (this.current && this.current.reserved >= this.maxBytes) {
      const old = this.current;
      this.current = null;
      if (old.users === 0) await closePack(old);
      else this.full.add(old);
    }
    if (this.current) return this.current;
    // Bundles arriving while the new pack is created wait for the same one.
    this.opening ??= this.create().finally(() => {
      this.opening = null;
    });
    const pack = await this.opening;
    this.current ??= pack;
    return this.current;
  }

  private async create(): Promise<OpenPack> {
    const name = `${this.newId()}.pack`;
    const path = join(this.uploadsDir, name);
    const direct = this.directIo ? await openDirect(path, open) : null;
    const file = direct ?? (await open(path, 'wx+'));
    try {
      await this.syncFolder();
      this.onOpened(name, direct !== null);
      // A direct pack begins with the block that proved direct writes work here.
      return { name, file, reserved: direct ? BLOCK_BYTES : 0, sync: new WalSync(path, fdatasync, path), users: 0, direct: direct !== null };
    } catch (error) {
      await file.close().catch(() => undefined);
      throw error;
    }
  }
}

/** Bytes staged per bundle before a direct write: the batch size the buffered path writes too. */
const STAGE_BYTES = 1024 * 1024;
const STAGES_PER_MEMORY = 8;

/**
 * The pack opened with O_DIRECT and its first block written, or null (nothing left behind) when
 * this filesystem refuses either: then the caller opens it buffered.
 */
export async function openDirect<F extends Pick<FileHandle, 'write' | 'close'>>(path: string, openFile: (path: string, flags: number) => Promise<F>): Promise<F | null> {
  let file: F;
  try {
    file = await openFile(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_DIRECT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
    // Linux creates the file before it checks the flag: O_EXCL says any file there is this one.
    await unlink(path).catch(() => undefined);
    return null;
  }
  try {
    await file.write(alignedBuffer(BLOCK_BYTES), 0, BLOCK_BYTES, 0);
    return file;
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EINVAL') return null;
    throw error;
  }
}

async function closePack(pack: OpenPack): Promise<void> {
  await pack.sync.close();
  await pack.file.close();
}
