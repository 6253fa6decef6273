import type { Database } from 'better-sqlite3';
import { overallOfScore, RatingIndexCodeSchema, RatingScoreSchema } from '../../src-shared/rating';
import { z } from 'zod';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';
import { failed, finished, retry, type JobHandler, type JobOutcome } from '../outbox/job-outcome';
import { doneOrAbsent } from '../outbox/outbox-repository';
import { getRating } from '../rating/rating-repository';
import type { PortalClient } from './portal-client';
import { outcomeOf } from './portal-error';
import type { RatingSubmission } from './portal-schemas';

export interface RatingSyncDeps {
  db: Database;
  client: Pick<PortalClient, 'submitRating'>;
}

const StoredAnswersSchema = z.array(z.object({ code: RatingIndexCodeSchema, score: RatingScoreSchema }));

/**
 * The `submit-rating` outbox job: POST /v1/ratings with Idempotency-Key = the rating id, so a
 * rating sent again after a torn connection is recorded once. A rating about a dossier waits
 * until its dossier is on the portal (the portal answers 409 until then: "later", not "never").
 */
export function createRatingSyncHandler(deps: RatingSyncDeps): JobHandler {
  return async (job, signal) => {
    try {
      return await deliverRating(deps, job.subjectId, signal);
    } catch (error) {
      return outcomeOf(error);
    }
  };
}

async function deliverRating(deps: RatingSyncDeps, ratingId: string, signal: AbortSignal): Promise<JobOutcome> {
  const { db, client } = deps;
  const row = getRating(db, ratingId);
  if (!row) return failed('record_missing', `Rating ${ratingId} is not in the local store`);
  if (row.dossier_id !== null && !doneOrAbsent(db, row.dossier_id, SUBMIT_JOB_KIND)) {
    return retry(`Rating ${ratingId} waits for dossier ${row.dossier_id} to reach the portal first`);
  }
  const answers = StoredAnswersSchema.safeParse(JSON.parse(row.answers));
  if (!answers.success) return failed('record_unreadable', `Rating ${ratingId} has answers this version cannot read`);
  const body: RatingSubmission = {
    ratingId: row.id,
    subject: row.subject,
    ...(row.dossier_id !== null ? { dossierId: row.dossier_id } : {}),
    ...(row.ticket_id !== null ? { ticketId: row.ticket_id } : {}),
    ratedAt: row.rated_at,
    overall: overallOfScore[row.overall],
    indices: answers.data,
    ...(row.comment !== null ? { comment: row.comment } : {}),
  };
  await client.submitRating(body, signal);
  return finished;
}
