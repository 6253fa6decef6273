import type { Database } from 'better-sqlite3';
import type { CredentialStore } from './credential-store';
import type { Enrollment } from './portal-schemas';
import { setMeta } from './sync-repository';

/**
 * Keeps an enrollment made before the kiosk's sync started (the set-up wizard's, issue #19) as
 * SyncUpkeep keeps its own: the credential, and the terminal's index, agency and center in the
 * store. The next core then starts enrolled and does not spend the token a second time (the
 * portal's one-time tokens allow one enrollment).
 */
export function keepEnrollment(db: Database, credentials: CredentialStore, e: Enrollment, now: Date): void {
  setMeta(db, 'terminal_index', String(e.terminalIndex), now);
  setMeta(db, 'agency_code', e.agencyCode, now);
  setMeta(db, 'center_id', e.centerId, now);
  credentials.write(e.credential);
}
