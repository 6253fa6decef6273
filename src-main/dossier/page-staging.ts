import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { StagedPage } from '../../src-shared/dossier';
import { sha256Hex, type ContentStore, type StoreFs } from './content-store';

const MAX_PAGES_PER_SESSION = 200;
const MAX_PAGE_BYTES = 20 * 1024 * 1024;

interface Session {
  procedureCode: string;
  /** Epoch ms of the last page staged or the start; an abandoned session is swept by the purge. */
  touchedAt: number;
  pages: Map<string, StagedPage & { path: string }>;
}

export type StageProblem = 'unknown_session' | 'not_an_image' | 'too_large' | 'too_many_pages';

export class StageError extends Error {
  constructor(readonly problem: StageProblem) {
    super(problem);
  }
}

export function sniffMediaType(bytes: Uint8Array): StagedPage['mediaType'] | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  // The document scanner may hand over a whole document as one PDF (devices/docscan).
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/**
 * Scanned pages of dossiers still being filled, as fsync'd files under `<root>/staging/<session>/`
 * on the content store's disk, so submit only has to rename them into the store. Sessions live
 * in memory: after a restart nobody is filling them, and the start sweep removes the folder.
 */
export class PageStaging {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly root: string,
    private readonly fs: StoreFs,
    private readonly store: ContentStore,
    private readonly now: () => number,
  ) {}

  begin(procedureCode: string): string {
    const sessionId = randomUUID();
    this.fs.mkdirSync(this.dir(sessionId), { recursive: true, mode: 0o700 });
    this.sessions.set(sessionId, { procedureCode, touchedAt: this.now(), pages: new Map() });
    return sessionId;
  }

  hasSession(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  /** Keeps one page durably; the bytes must be a PNG or JPEG image, or a PDF of scanned pages. */
  stage(sessionId: string, bytes: Uint8Array): StagedPage {
    const session = this.sessions.get(sessionId);
    if (!session) throw new StageError('unknown_session');
    const mediaType = sniffMediaType(bytes);
    if (!mediaType) throw new StageError('not_an_image');
    if (bytes.byteLength > MAX_PAGE_BYTES) throw new StageError('too_large');
    if (session.pages.size >= MAX_PAGES_PER_SESSION) throw new StageError('too_many_pages');
    const pageId = randomUUID();
    const path = join(this.dir(sessionId), `${pageId}.page`);
    this.store.writeDurably(path, bytes);
    const page = { pageId, byteSize: bytes.byteLength, sha256: sha256Hex(bytes), mediaType, path };
    session.pages.set(pageId, page);
    session.touchedAt = this.now();
    return { pageId, byteSize: page.byteSize, sha256: page.sha256, mediaType };
  }

  page(sessionId: string, pageId: string): (StagedPage & { path: string }) | undefined {
    return this.sessions.get(sessionId)?.pages.get(pageId);
  }

  discardPage(sessionId: string, pageId: string): boolean {
    const page = this.sessions.get(sessionId)?.pages.get(pageId);
    if (!page) return false;
    this.fs.rmSync(page.path, { force: true });
    this.sessions.get(sessionId)?.pages.delete(pageId);
    return true;
  }

  /** Forgets a session and removes whatever of its pages is still here (after submit or cancel). */
  end(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.fs.rmSync(this.dir(sessionId), { recursive: true, force: true });
  }

  /**
   * Sessions nobody touched for `idleMs` (the screen that filled them crashed or was closed
   * without cancelling: the renderer's idle timeout would have ended them long before) lose
   * their scanned pages. Returns how many were removed.
   */
  sweepAbandoned(idleMs: number): number {
    const before = this.now() - idleMs;
    let removed = 0;
    for (const [sessionId, session] of this.sessions) {
      if (session.touchedAt > before) continue;
      this.end(sessionId);
      removed++;
    }
    return removed;
  }

  /** At start: no session survives a restart. */
  sweep(): number {
    const staging = join(this.root, 'staging');
    if (!this.fs.existsSync(staging)) return 0;
    const names = this.fs.readdirSync(staging);
    for (const name of names) if (!this.sessions.has(name)) this.fs.rmSync(join(staging, name), { recursive: true, force: true });
    return names.length;
  }

  private dir(sessionId: string): string {
    return join(this.root, 'staging', sessionId);
  }
}
