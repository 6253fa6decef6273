import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { park, requeueParked } from '../../src-main/outbox/outbox-repository';
import { SyncStatusView } from '../../src-main/staff/sync-status-view';
import { useTempDirs } from '../fakes/temp-dir';
import { openKioskDb, seedDossiers } from './harness';

const tempDir = useTempDirs();

describe('outbox rows set aside (the staff view\'s parkedRows, requeueParked) on a real store', () => {
  it('lists parked rows latest first with the code of the dossier they are about, a payment through its dossier, and sends one again only while parked', () => {
    const dir = tempDir();
    const db = openKioskDb(join(dir, 'kiosk.sqlite3'));
    const [a, b] = seedDossiers(db, join(dir, 'files'), 2, 1, 100);
    if (!a || !b) throw new Error('no dossiers seeded');
    db.prepare(`UPDATE dossiers SET official_code = '000.00.12.H29-261123-0007' WHERE id = ?`).run(b.id);
    db.prepare(
      `INSERT INTO payments (id, dossier_id, amount_vnd, reference, state, created_at, updated_at) VALUES ('pay-1', ?, 50000, 'HS0001', 'pending', '2026-11-23T02:00:00Z', '2026-11-23T02:00:00Z')`,
    ).run(a.id);
    db.prepare(
      `INSERT INTO outbox_jobs (kind, subject_id, idempotency_key, payload, state, next_attempt_at, created_at, updated_at)
       VALUES ('submit-payment', 'pay-1', 'pay-1', '{}', 'pending', '2026-11-23T02:00:00Z', '2026-11-23T02:00:00Z', '2026-11-23T02:00:00Z'),
              ('mystery', 'm-1', 'm-1', '{}', 'pending', '2026-11-23T02:00:00Z', '2026-11-23T02:00:00Z', '2026-11-23T02:00:00Z')`,
    ).run();
    const idOf = (subject: string) => (db.prepare(`SELECT id FROM outbox_jobs WHERE subject_id = ?`).get(subject) as { id: number }).id;
    db.prepare(`UPDATE outbox_jobs SET attempts = 3`).run();
    park(db, idOf(b.id), 'portal_refused', 'HTTP 422: the agency is closed', new Date('2026-11-23T02:55:00Z'));
    park(db, idOf(a.id), 'portal_refused', 'HTTP 422: the procedure is closed', new Date('2026-11-23T03:00:00Z'));
    park(db, idOf('pay-1'), 'portal_refused', 'HTTP 422: amount', new Date('2026-11-23T03:05:00Z'));
    park(db, idOf('m-1'), 'unknown_kind', 'No handler for outbox kind "mystery"', new Date('2026-11-23T03:10:00Z'));

    const view = new SyncStatusView({ db, clock: { now: () => new Date('2026-11-23T03:20:00Z') }, portal: null, wake: () => undefined, alerts: { raise: () => undefined, resolve: () => undefined } });
    const parked = view.parkedRows();
    expect(parked.map((r) => [r.kind, r.dossierCode, r.reason, r.detail, r.attempts])).toEqual([
      ['other', null, 'unknown_kind', 'No handler for outbox kind "mystery"', 3],
      ['payment', a.provisionalCode, 'portal_refused', 'HTTP 422: amount', 3],
      ['dossier', a.provisionalCode, 'portal_refused', 'HTTP 422: the procedure is closed', 3],
      // A dossier with an official code is named by it.
      ['dossier', '000.00.12.H29-261123-0007', 'portal_refused', 'HTTP 422: the agency is closed', 3],
    ]);
    // A row parked before reasons had codes reads as "other" with all its text.
    db.prepare(`UPDATE outbox_jobs SET parked_reason = 'HTTP 500 from an older kiosk' WHERE id = ?`).run(idOf('m-1'));
    expect(view.parkedRows()[0]).toMatchObject({ reason: 'other', detail: 'HTTP 500 from an older kiosk' });

    const now = new Date('2026-11-23T04:00:00Z');
    expect(requeueParked(db, idOf(a.id), now)).toBe(true);
    expect(db.prepare(`SELECT state, attempts, next_attempt_at, parked_reason, last_error FROM outbox_jobs WHERE id = ?`).get(idOf(a.id))).toEqual({
      state: 'pending',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      parked_reason: null,
      last_error: 'HTTP 422: the procedure is closed',
    });
    expect(requeueParked(db, idOf(a.id), now)).toBe(false);
    expect(requeueParked(db, idOf(b.id), now)).toBe(true);
    expect(requeueParked(db, idOf(b.id), now)).toBe(false);
    expect(requeueParked(db, 9999, now)).toBe(false);
    expect(view.parkedRows().map((r) => r.kind)).toEqual(['other', 'payment']);
    db.close();
  });
});
