import type { Database } from 'better-sqlite3';
import { assertNever } from '../../src-shared/assert-never';
import { localDay } from '../../src-shared/format';
import {
  ratingIndicesOf,
  type RatingScore,
  type RatingSubject,
  type RatingTarget,
  type RatingTargetCheck,
  type SubmittedRating,
} from '../../src-shared/rating';
import type { Clock } from '../kernel/clock';
import { KioskError } from '../kernel/kiosk-error';
import type { Logger } from '../kernel/logger';
import { normalizeCodeInput } from '../dossier/dossier-code';
import { findDossierByCode, getDossier } from '../dossier/dossier-repository';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';
import { doneOrAbsent, enqueueJob, hold } from '../outbox/outbox-repository';
import { ticketByNumberOn } from '../queue/ticket-repository';
import { storedComment } from './rating-comment';
import * as repo from './rating-repository';

/** The outbox kind that delivers a rating to the portal (its handler: sync/rating-delivery.ts). */
export const RATING_JOB_KIND = 'submit-rating';

/**
 * Dossier statuses whose handling is over and may be rated: not accepted (3), stopped (8), result
 * ready (9), result returned (10). Withdrawn by the citizen (7) had no handling to rate.
 */
const DECIDED_STATUSES: ReadonlySet<number> = new Set([3, 8, 9, 10]);

export interface RatingServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  timeZone: string;
  /** Asks the portal for a dossier's current status (bounded, never throws); absent offline-only. */
  refreshDossier?: (code: string) => Promise<unknown>;
  /** A rating job was enqueued: deliver it now rather than at the next poll. */
  wake: () => void;
}

/** What a target names, once found: the subject and the one id the rating keeps. */
interface Resolved {
  subject: RatingSubject;
  dossierId: string | null;
  ticketId: string | null;
}

/**
 * Satisfaction ratings (decision 0031): the kiosk's own service after a receipt, a dossier's
 * handling once it is decided, today's counter visit by ticket number. One rating per subject,
 * stored with its outbox job in one transaction; never anything that names the citizen.
 */
export class RatingService {
  constructor(private readonly deps: RatingServiceDeps) {}

  async check(target: RatingTarget): Promise<RatingTargetCheck> {
    const found = await this.resolve(target);
    if (!found) return { state: 'unavailable', subject: target.subject, indices: [] };
    if (repo.isRated(this.deps.db, found.subject, subjectIdOf(found))) return { state: 'rated', subject: found.subject, indices: [] };
    return { state: 'open', subject: found.subject, indices: [...ratingIndicesOf[found.subject]] };
  }

  async submit(target: RatingTarget, answers: readonly { code: string; score: RatingScore }[], comment: string | undefined): Promise<SubmittedRating> {
    const { db, clock, logger } = this.deps;
    const found = await this.resolve(target);
    if (!found) return { state: 'unavailable', ratingId: null };
    const overall = checkedOverall(found.subject, answers);
    const id = this.deps.newId();
    const ratedAt = clock.now().toISOString();
    const added = db
      .transaction(() => {
        const inserted = repo.insertRating(db, {
          id,
          subject: found.subject,
          dossierId: found.dossierId,
          ticketId: found.ticketId,
          overall,
          answers: answers.map((a) => ({ code: a.code, score: a.score })),
          comment: storedComment(comment),
          ratedAt,
        });
        if (!inserted) return false;
        enqueueJob(db, { kind: RATING_JOB_KIND, subjectId: id, idempotencyKey: id, payload: { ratingId: id }, now: ratedAt });
        // The portal takes a rating about a dossier only once it holds the dossier (migration 0008's trigger).
        if (found.dossierId !== null && !doneOrAbsent(db, found.dossierId, SUBMIT_JOB_KIND)) hold(db, id);
        return true;
      })
      .immediate();
    if (!added) return { state: 'rated', ratingId: null };
    logger.log('info', 'rating stored', { ratingId: id, subject: found.subject, overall });
    this.deps.wake();
    return { state: 'saved', ratingId: id };
  }

  private async resolve(target: RatingTarget): Promise<Resolved | null> {
    const { db } = this.deps;
    switch (target.subject) {
      case 'kiosk':
        return getDossier(db, target.dossierId) ? { subject: 'kiosk', dossierId: target.dossierId, ticketId: null } : null;
      case 'dossier': {
        const code = normalizeCodeInput(target.code).slice(0, 64);
        // Online, the portal's status (decided at the counter) is the one that counts.
        if (findDossierByCode(db, code)) await this.deps.refreshDossier?.(code);
        const row = findDossierByCode(db, code);
        return row && DECIDED_STATUSES.has(row.status) ? { subject: 'dossier', dossierId: row.id, ticketId: null } : null;
      }
      case 'counter': {
        const row = ticketByNumberOn(db, localDay(this.deps.clock.now(), this.deps.timeZone), target.ticket);
        return row ? { subject: 'counter', dossierId: null, ticketId: row.id } : null;
      }
      default:
        return assertNever(target);
    }
  }
}

const subjectIdOf = (r: Resolved): string => r.dossierId ?? r.ticketId ?? '';

/** The answers must be exactly the subject's indices, each once; returns the overall score. */
function checkedOverall(subject: RatingSubject, answers: readonly { code: string; score: RatingScore }[]): RatingScore {
  const expected = ratingIndicesOf[subject];
  const given = answers.map((a) => a.code);
  if (given.length !== expected.length || new Set(given).size !== given.length || !expected.every((code) => given.includes(code))) {
    throw new KioskError('invalid_request', `A ${subject} rating answers exactly: ${expected.join(', ')}`);
  }
  const overall = answers.find((a) => a.code === 'tong-the');
  if (!overall) throw new KioskError('invalid_request', 'The overall satisfaction is missing');
  return overall.score;
}
