import { describe, expect, it } from 'vitest';
import { useCleanups } from '../fakes/cleanups';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import type { TicketDto } from '../../src-shared/dto';
import type { RatingTargetCheck, SubmittedRating } from '../../src-shared/rating';
import type { SyncStatus } from '../../src-shared/sync';
import type { PortalServer } from '../../src-portal/portal-server';
import type { Fault } from '../../src-portal/faults/fault';
import { call, startKioskCore, submitLandDossier, until } from './core-harness';
import { startPortal } from './harness';

/*
 * Satisfaction ratings end to end between a kiosk core and the reference portal on loopback: each
 * rating reaches the portal exactly once, even when the connection is torn after the portal has
 * stored it (the retry carries the same Idempotency-Key), and a dossier's handling can be rated
 * only once the portal has decided it.
 */

const { cleanups, tempDir } = useCleanups('kiosk-rating-');

const portalRatings = (portal: PortalServer) =>
  (portal.deps.db.prepare(`SELECT id, body FROM ratings ORDER BY received_at`).all() as { id: string; body: string }[]).map((r) => ({
    id: r.id,
    ...(JSON.parse(r.body) as Record<string, unknown>),
  }));

/** The kiosk's outbox rows for one rating, read from its store file once the core is closed. */
function ratingJobs(dataDir: string, ratingId: string) {
  const db = new BetterSqlite3(join(dataDir, 'kiosk.sqlite3'), { readonly: true });
  try {
    return db.prepare(`SELECT kind, state, attempts FROM outbox_jobs WHERE subject_id = ?`).all(ratingId);
  } finally {
    db.close();
  }
}

async function enrolledCore(faults: readonly Fault[] = []) {
  const { server, url } = await startPortal(tempDir(), faults);
  cleanups.push(() => server.close());
  const dataDir = tempDir();
  const core = await startKioskCore(dataDir, url, { heartbeatSeconds: 3600 });
  cleanups.push(() => core.close());
  await until('enrolled and online', async () => {
    const s = await call<SyncStatus>(core, 'getSyncStatus');
    return s.enrolled && s.state === 'online' ? s : undefined;
  });
  return { server, url, core, dataDir };
}

describe('satisfaction ratings with the reference portal', () => {
  it('delivers a kiosk rating after its dossier, exactly once although the first answer is torn off after the portal stored it', async () => {
    const { server, core, dataDir } = await enrolledCore([{ kind: 'reset', phase: 'after', path: '/v1/ratings', times: 1, rate: 1 }]);
    const outcome = await submitLandDossier(core);
    // Rated at once, while the dossier may still be on its way: the rating's job is held until the
    // dossier's is done (no attempt is spent waiting for it), so its attempts are the torn one and the replay.
    const target = { subject: 'kiosk', dossierId: outcome.receipt.dossierId };
    expect(await call<RatingTargetCheck>(core, 'checkRatingTarget', { target })).toEqual({ state: 'open', subject: 'kiosk', indices: ['tong-the', 'de-su-dung'] });

    const saved = await call<SubmittedRating>(core, 'submitRating', {
      target,
      answers: [
        { code: 'tong-the', score: 2 },
        { code: 'de-su-dung', score: 1 },
      ],
      // A bidi override, a control character and an ID number: none of it reaches the portal.
      comment: '  Máy\u202E dễ dùng,\u0007 số 001099012345  ',
    });
    expect(saved.state).toBe('saved');
    const ratingId = saved.ratingId ?? '';

    await until('the rating job done', async () => ((await call<unknown[]>(core, 'listOutbox')).length === 0 ? true : undefined), 20_000);
    expect(portalRatings(server)).toEqual([
      {
        id: ratingId,
        ratingId,
        subject: 'kiosk',
        dossierId: outcome.receipt.dossierId,
        ratedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        overall: 'very_satisfied',
        indices: [
          { code: 'tong-the', score: 2 },
          { code: 'de-su-dung', score: 1 },
        ],
        comment: 'Máy dễ dùng, số #redacted#',
      },
    ]);
    expect(await call<SyncStatus>(core, 'getSyncStatus')).toMatchObject({ outboxDepth: 0, parked: 0 });

    // One rating per subject: the kiosk says so, and nothing more is sent.
    expect(await call<RatingTargetCheck>(core, 'checkRatingTarget', { target })).toMatchObject({ state: 'rated', indices: [] });
    expect(
      await call<SubmittedRating>(core, 'submitRating', { target, answers: [{ code: 'tong-the', score: 0 }, { code: 'de-su-dung', score: 0 }] }),
    ).toEqual({ state: 'rated', ratingId: null });
    expect(portalRatings(server)).toHaveLength(1);

    // The torn attempt counted: the second one was a replay of the same key, not a second rating.
    // (The kiosk holds its store exclusively while it runs: read it once closed.)
    await core.close();
    expect(ratingJobs(dataDir, ratingId)).toEqual([{ kind: 'submit-rating', state: 'done', attempts: 2 }]);
  }, 60_000);

  it("rates a dossier's handling by its code only once the portal decided it, and today's counter visit by ticket number", async () => {
    const { server, url, core } = await enrolledCore();
    const outcome = await submitLandDossier(core);
    const code = outcome.receipt.code;
    const byCode = { subject: 'dossier', code: ` ${code.toLowerCase()} ` };
    await until('the dossier on the portal', () => (server.deps.db.prepare(`SELECT 1 FROM dossiers`).get() ? true : undefined));

    // Being processed: not yet (and the answer does not say whether the code exists).
    expect(await call<RatingTargetCheck>(core, 'checkRatingTarget', { target: byCode })).toEqual({ state: 'unavailable', subject: 'dossier', indices: [] });
    expect(await call<RatingTargetCheck>(core, 'checkRatingTarget', { target: { subject: 'dossier', code: 'NO-SUCH-CODE' } })).toMatchObject({ state: 'unavailable' });

    const decided = await fetch(`${url}/admin/dossiers/${outcome.receipt.dossierId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 9 }),
    });
    expect(decided.status).toBe(200);
    const open = await call<RatingTargetCheck>(core, 'checkRatingTarget', { target: byCode });
    expect(open).toEqual({ state: 'open', subject: 'dossier', indices: ['tong-the', 'thoi-gian', 'so-lan-lien-he', 'thai-do'] });

    // Answers must be exactly the subject's indices.
    const partial = await core.dispatcher.dispatch('submitRating', { target: byCode, answers: [{ code: 'tong-the', score: 2 }] });
    expect(partial).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const dossierRating = await call<SubmittedRating>(core, 'submitRating', {
      target: byCode,
      answers: open.indices.map((c, i) => ({ code: c, score: i === 0 ? 0 : 1 })),
    });
    expect(dossierRating.state).toBe('saved');

    const ticket = await call<TicketDto>(core, 'takeTicket', { serviceId: 'dat-dai', priority: 'none', language: 'vi' });
    expect(await call<RatingTargetCheck>(core, 'checkRatingTarget', { target: { subject: 'counter', ticket: 'Z999' } })).toMatchObject({ state: 'unavailable' });
    // As typed off the paper: lower case, without the leading zeros.
    const typed = ticket.display.replace(/^([A-Z]+)0+/, '$1').toLowerCase();
    const counter = { subject: 'counter', ticket: typed };
    expect(await call<RatingTargetCheck>(core, 'checkRatingTarget', { target: counter })).toEqual({
      state: 'open',
      subject: 'counter',
      indices: ['tong-the', 'thoi-gian-cho', 'thai-do'],
    });
    const counterRating = await call<SubmittedRating>(core, 'submitRating', {
      target: counter,
      answers: [
        { code: 'thai-do', score: 2 },
        { code: 'tong-the', score: 1 },
        { code: 'thoi-gian-cho', score: 0 },
      ],
      comment: '   ',
    });
    expect(counterRating.state).toBe('saved');

    await until('both ratings on the portal', () => (portalRatings(server).length === 2 ? true : undefined), 20_000);
    const held = portalRatings(server);
    expect(held.find((r) => r.id === dossierRating.ratingId)).toMatchObject({ subject: 'dossier', dossierId: outcome.receipt.dossierId, overall: 'not_satisfied' });
    const atCounter = held.find((r) => r.id === counterRating.ratingId);
    expect(atCounter).toMatchObject({ subject: 'counter', ticketId: ticket.id, overall: 'satisfied' });
    expect(atCounter).not.toHaveProperty('comment');
    expect(atCounter).not.toHaveProperty('dossierId');

    // The portal's admin page lists them.
    const page = await (await fetch(`${url}/admin`)).text();
    expect(page).toContain('Satisfaction ratings (2)');
    expect(page).toContain('not_satisfied');
  }, 60_000);
});
