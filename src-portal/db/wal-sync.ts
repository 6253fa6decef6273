import { closeSync, existsSync, fdatasync, fsync, openSync } from 'node:fs';

/**
 * Group commit for the portal's store. The database runs WAL with synchronous=NORMAL, so a
 * commit only writes its frames to the -wal file; before any answer that acknowledges a write,
 * the server awaits `flush()`, an fdatasync of that file in the thread pool. Once it returns,
 * every transaction committed before the call is on disk (recovery replays the WAL), which is
 * what synchronous=FULL promised — but one sync serves all commits made meanwhile, and the
 * event loop never blocks on the disk. Checkpoints sync on their own (NORMAL syncs the WAL
 * before and the database after). The -wal file keeps its inode while the connection is open.
 */
type SyncCall = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

/**
 * The same group sync for the uploads folder: files created before the call have their entries
 * on disk once it resolves; uploads arriving together share one fsync of the folder.
 */
export const folderSync = (folder: string): WalSync => new WalSync(folder, fsync, folder);

export class WalSync {
  private inFlight: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  private readonly fd: number;

  /** `databaseFile` is already open in WAL mode and was read once, so its -wal file exists. */
  constructor(
    databaseFile: string,
    private readonly sync: SyncCall = fdatasync,
    /** Another file or a folder to sync the same way (the uploads folder: new entries). */
    path = `${databaseFile}-wal`,
  ) {
    if (!existsSync(path)) throw new Error(`${path} does not exist: the database is not open in WAL mode`);
    this.fd = openSync(path, 'r');
  }

  /** Resolves once everything committed before this call is durable. */
  flush(): Promise<void> {
    // A sync already running may have started before our commit: join the one after it.
    this.next ??= (this.inFlight ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        const run = new Promise<void>((resolve, reject) => this.sync(this.fd, (error) => (error ? reject(error) : resolve())));
        this.inFlight = run;
        return run.finally(() => {
          if (this.inFlight === run) this.inFlight = null;
        });
      });
    return this.next;
  }

  async close(): Promise<void> {
    await this.next?.catch(() => undefined);
    await this.inFlight?.catch(() => undefined);
    closeSync(this.fd);
  }
}
