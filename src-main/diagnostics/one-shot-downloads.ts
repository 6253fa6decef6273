import type { Clock } from '../kernel/clock';

/** How long a download link stays valid: long enough to press "save", short enough not to linger. */
export const DOWNLOAD_TTL_MS = 5 * 60_000;
/** Exports held at once; an older one is dropped (each may be a few megabytes). */
const HELD = 2;

interface Held {
  token: string;
  fileName: string;
  bytes: Buffer;
  expiresAt: number;
}

/**
 * Log exports waiting for the browser host to serve them (decision 0030). The token is the
 * authorization: 32 random bytes handed only to an IT session through `exportLogs`, good for one
 * download within a few minutes, never written to a log.
 */
export class OneShotDownloads {
  private held: Held[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly newToken: () => string,
  ) {}

  offer(fileName: string, bytes: Buffer): string {
    const token = this.newToken();
    this.drop();
    this.held.push({ token, fileName, bytes, expiresAt: this.clock.now().getTime() + DOWNLOAD_TTL_MS });
    if (this.held.length > HELD) this.held.splice(0, this.held.length - HELD);
    return token;
  }

  /** The export for this token, once; null for an unknown, used or expired token. */
  take(token: string): { fileName: string; bytes: Buffer } | null {
    this.drop();
    const index = this.held.findIndex((h) => h.token === token);
    if (index < 0) return null;
    const [found] = this.held.splice(index, 1);
    return found ? { fileName: found.fileName, bytes: found.bytes } : null;
  }

  private drop(): void {
    const now = this.clock.now().getTime();
    this.held = this.held.filter((h) => h.expiresAt > now);
  }
}
