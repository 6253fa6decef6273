import type { Database } from 'better-sqlite3';
import { QueueStatusSchema, type QueueStatus } from './portal-schemas';
import { getMeta, setMeta } from './sync-repository';

/** The portal's last answer about the center's queue, kept as a sync fact (sync_meta), for offline waits. */
const KEY = 'queue_status';

export function saveQueueSnapshot(db: Database, status: QueueStatus, at: Date): void {
  setMeta(db, KEY, JSON.stringify(status), at);
}

/** The last snapshot of `day`; null when there is none for that day (or it does not parse). */
export function queueSnapshot(db: Database, day: string): QueueStatus | null {
  const raw = getMeta(db, KEY);
  if (raw === null) return null;
  try {
    const parsed = QueueStatusSchema.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.day === day ? parsed.data : null;
  } catch {
    return null;
  }
}
