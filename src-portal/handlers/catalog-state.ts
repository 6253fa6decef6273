import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The catalog the portal publishes: bytes, ETag, and the procedure codes for submit checks. */
export class CatalogState {
  private bytes: Buffer = Buffer.alloc(0);
  private tag = '';
  private codes = new Set<string>();

  constructor(file: string) {
    this.publish(readFileSync(file));
  }

  /** Replaces the catalog atomically; throws (changing nothing) when it is not a catalog. */
  publish(bytes: Buffer): void {
    const doc: unknown = JSON.parse(bytes.toString('utf8'));
    const procedures = typeof doc === 'object' && doc !== null ? (doc as { procedures?: unknown }).procedures : undefined;
    if (!Array.isArray(procedures)) throw new Error('A catalog needs a procedures array');
    const codes = new Set<string>();
    for (const p of procedures) {
      const code = typeof p === 'object' && p !== null ? (p as { code?: unknown }).code : undefined;
      if (typeof code === 'string') codes.add(code);
    }
    this.bytes = bytes;
    this.codes = codes;
    this.tag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`;
  }

  get etag(): string {
    return this.tag;
  }
  get body(): Buffer {
    return this.bytes;
  }
  hasProcedure(code: string): boolean {
    return this.codes.has(code);
  }
  /** If-None-Match may list several tags or `*`; weak tags compare equal. */
  matches(ifNoneMatch: string | undefined): boolean {
    if (!ifNoneMatch) return false;
    return ifNoneMatch.split(',').some((t) => {
      const tag = t.trim().replace(/^W\//, '');
      return tag === '*' || tag === this.tag;
    });
  }
}
