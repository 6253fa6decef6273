import { z } from 'zod';

/**
 * The satisfaction rating (issue #23, decision 0031): Circular 01/2018 Art. 13–14 indices, each
 * scored 2/1/0 on three large choices, plus the overall satisfaction. No personal data: a rating
 * names its subject only by a dossier id or a ticket id, and its comment is capped free text.
 */

/** What is rated: the kiosk's own service after a receipt, a dossier's handling, a visit at the counter. */
export const RatingSubjectSchema = z.enum(['kiosk', 'dossier', 'counter']);
export type RatingSubject = z.infer<typeof RatingSubjectSchema>;

/** 2 best, 1 middle, 0 worst (Circular 01/2018's scoring). */
export const RatingScoreSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type RatingScore = z.infer<typeof RatingScoreSchema>;

/** The index codes; the portal receives them as they are. `overall` is asked of every subject. */
export const RatingIndexCodeSchema = z.enum(['tong-the', 'de-su-dung', 'thoi-gian', 'so-lan-lien-he', 'thai-do', 'thoi-gian-cho']);
export type RatingIndexCode = z.infer<typeof RatingIndexCodeSchema>;

/** The indices asked of each subject, in screen order; the first is always the overall satisfaction. */
export const ratingIndicesOf: Readonly<Record<RatingSubject, readonly RatingIndexCode[]>> = {
  kiosk: ['tong-the', 'de-su-dung'],
  dossier: ['tong-the', 'thoi-gian', 'so-lan-lien-he', 'thai-do'],
  counter: ['tong-the', 'thoi-gian-cho', 'thai-do'],
};

/** The overall score as the portal's `overall` (RatingSubmission in docs/sync-api.yaml). */
export const overallOfScore = { 2: 'very_satisfied', 1: 'satisfied', 0: 'not_satisfied' } as const satisfies Record<RatingScore, string>;

/** A comment is optional and short: a remark, not a form to fill in. */
export const RATING_COMMENT_MAX = 300;

/** How the citizen named what they rate. */
export const RatingTargetSchema = z.discriminatedUnion('subject', [
  /** Right after a receipt: the kiosk's own service for this dossier. */
  z.strictObject({ subject: z.literal('kiosk'), dossierId: z.string().uuid() }),
  /** The dossier code printed on the receipt (official or provisional). */
  z.strictObject({ subject: z.literal('dossier'), code: z.string().min(1).max(64) }),
  /** Today's queue ticket number as printed, e.g. A007. */
  z.strictObject({ subject: z.literal('counter'), ticket: z.string().min(1).max(16) }),
]);
export type RatingTarget = z.infer<typeof RatingTargetSchema>;

/**
 * open: it may be rated now; rated: a rating was already given (one per subject); unavailable:
 * no such dossier with a result (or no such ticket today) on this kiosk. Unknown and not finished
 * are one answer, so the tile does not tell anyone a stranger's dossier's progress.
 */
export const RatingTargetStateSchema = z.enum(['open', 'rated', 'unavailable']);
export type RatingTargetState = z.infer<typeof RatingTargetStateSchema>;

export const RatingTargetCheckSchema = z.strictObject({
  state: RatingTargetStateSchema,
  subject: RatingSubjectSchema,
  /** The indices to ask, in order (empty unless open). */
  indices: z.array(RatingIndexCodeSchema),
});
export type RatingTargetCheck = z.infer<typeof RatingTargetCheckSchema>;

export const RatingAnswerSchema = z.strictObject({ code: RatingIndexCodeSchema, score: RatingScoreSchema });

export const SubmittedRatingSchema = z.strictObject({
  /** saved: stored and queued for the portal; rated/unavailable: as in the check, nothing stored. */
  state: z.enum(['saved', 'rated', 'unavailable']),
  ratingId: z.string().nullable(),
});
export type SubmittedRating = z.infer<typeof SubmittedRatingSchema>;

/** Requests of the rating methods (wired into the contract's method map). */
export const ratingRequests = {
  checkRatingTarget: z.strictObject({ target: RatingTargetSchema }),
  submitRating: z.strictObject({
    target: RatingTargetSchema,
    /** One answer per index of the subject, `tong-the` included; main checks the set. */
    answers: z.array(RatingAnswerSchema).min(1).max(10),
    /** Longer text is refused by the screen's keyboard first; main cuts at the cap anyway. */
    comment: z.string().max(2000).optional(),
  }),
} as const;
