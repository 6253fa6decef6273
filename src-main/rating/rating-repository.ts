import type { Database } from 'better-sqlite3';
import type { RatingScore, RatingSubject } from '../../src-shared/rating';

/** The only file with SQL on `ratings` (migration 0008). */

export interface RatingRow {
  id: string;
  subject: RatingSubject;
  dossier_id: string | null;
  ticket_id: string | null;
  overall: RatingScore;
  /** JSON: [{ code, score }] in screen order, the overall's `tong-the` included. */
  answers: string;
  comment: string | null;
  rated_at: string;
}

export interface NewRating {
  id: string;
  subject: RatingSubject;
  dossierId: string | null;
  ticketId: string | null;
  overall: RatingScore;
  answers: readonly { code: string; score: RatingScore }[];
  comment: string | null;
  /** ISO 8601 UTC. */
  ratedAt: string;
}

/**
 * Adds a rating inside the caller's transaction (its outbox job commits with it). A second rating
 * of the same subject is not added (one per subject); returns whether a row was added.
 */
export function insertRating(db: Database, r: NewRating): boolean {
  return (
    db
      .prepare(
        `INSERT INTO ratings (id, subject, dossier_id, ticket_id, overall, answers, comment, rated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(r.id, r.subject, r.dossierId, r.ticketId, r.overall, JSON.stringify(r.answers), r.comment, r.ratedAt).changes === 1
  );
}

export function getRating(db: Database, id: string): RatingRow | undefined {
  return db.prepare(`SELECT * FROM ratings WHERE id = ?`).get(id) as RatingRow | undefined;
}

/** Whether this subject (a dossier id, or a ticket id for the counter) already has its rating. */
export function isRated(db: Database, subject: RatingSubject, subjectId: string): boolean {
  return db.prepare(`SELECT 1 FROM ratings WHERE subject = ? AND coalesce(dossier_id, ticket_id) = ?`).get(subject, subjectId) !== undefined;
}

export interface RatingCounts {
  total: number;
  kiosk: number;
  dossier: number;
  counter: number;
  /** Overall satisfaction, by score: 2 very satisfied, 1 satisfied, 0 not satisfied. */
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  withComment: number;
}

/** Ratings given in [from, to) (ISO 8601 UTC), counted for the day report. */
export function ratingCountsIn(db: Database, from: string, to: string): RatingCounts {
  return db
    .prepare(
      `SELECT count(*) AS total,
              coalesce(sum(subject = 'kiosk'), 0) AS kiosk,
              coalesce(sum(subject = 'dossier'), 0) AS dossier,
              coalesce(sum(subject = 'counter'), 0) AS counter,
              coalesce(sum(overall = 2), 0) AS verySatisfied,
              coalesce(sum(overall = 1), 0) AS satisfied,
              coalesce(sum(overall = 0), 0) AS notSatisfied,
              coalesce(sum(comment IS NOT NULL), 0) AS withComment
       FROM ratings WHERE rated_at >= ? AND rated_at < ?`,
    )
    .get(from, to) as RatingCounts;
}
