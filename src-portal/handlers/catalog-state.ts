import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The catalog the portal publishes: bytes, ETag, and each procedure's agency for submit checks and codes. */
export class CatalogState {
  private bytes: Buffer = Buffer.alloc(0);
  private tag = '';
  /** Procedure code → the agency that handles it (its dossier codes are that agency's). */
  private agencyByProcedure = new Map<string, string | undefined>();

  constructor(file: string) {
    this.publish(readFileSync(file));
  }

  /** Replaces the catalog atomically; throws (changing nothing) when it is not a catalog. */
  publish(bytes: Buffer): void {
    const doc: unknown = JSON.parse(bytes.toString('utf8'));
    const procedures = typeof doc === 'object' && doc !== null ? (doc as { procedures?: unknown }).procedures : undefined;
    if (!Array.isArray(procedures)) throw new Error('A catalog needs a procedures array');
    const agencies = new Map<string, string | undefined>();
    for (const p of procedures) {
      const { code, agencyCode } = typeof p === 'object' && p !== null ? (p as { code?: unknown; agencyCode?: unknown }) : {};
      if (typeof code === 'string') agencies.set(code, typeof agencyCode === 'string' ? agencyCode : undefined);
    }
    this.bytes = bytes;
    this.agencyByProcedure = agencies;
    this.tag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`;
  }

  get etag(): string {
    return this.tag;
  }
  get body(): Buffer {
    return this.bytes;
  }
  hasProcedure(code: string): boolean {
    return this.agencyByProcedure.has(code);
  }
  /** The agency a procedure's dossiers are numbered under; undefined when the catalog names none. */
  agencyOf(procedureCode: string): string | undefined {
    return this.agencyByProcedure.get(procedureCode);
  }
  /** Whether some procedure of the catalog is handled by this agency. */
  offersAgency(agencyCode: string): boolean {
    for (const a of this.agencyByProcedure.values()) if (a === agencyCode) return true;
    return false;
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
