import { z } from 'zod';

/**
 * How fast a service's queue moves, as the portal measured it today: seconds between two calls
 * of the service while someone was waiting (decision 0032). `low`/`high` are the lower and upper
 * quartiles of the last busy gaps; null when the data is too thin to say (fewer than
 * MIN_PACE_SAMPLES gaps, or no call for STALE_PACE_MINUTES).
 */
export const QueuePaceSchema = z.object({
  lowSeconds: z.number().int().min(0),
  highSeconds: z.number().int().min(0),
  samples: z.number().int().min(0),
});
export type QueuePace = z.infer<typeof QueuePaceSchema>;

export const WaitEstimateSchema = z.object({ minMinutes: z.number().int().min(0), maxMinutes: z.number().int().min(0) });
export type WaitEstimate = z.infer<typeof WaitEstimateSchema>;

/** Below this many busy gaps the quartiles mean little: no estimate. */
export const MIN_PACE_SAMPLES = 5;
/** The gaps looked at: the latest ones, so the estimate follows the counters' pace of the hour. */
export const PACE_WINDOW = 20;
/** No call for this long: a counter may have closed; the old pace says nothing of now. */
export const STALE_PACE_MINUTES = 60;
/** Past this, a range is a guess, not an estimate: none is given. */
export const MAX_ESTIMATE_MINUTES = 240;

const STEP = 5;

/**
 * The wait shown to a citizen with `peopleAhead` before them: from `peopleAhead` fast gaps to
 * `peopleAhead + 1` slow ones (the current call may have only just started), in whole 5-minute
 * steps, at least one step wide. null without a pace, or when it would pass MAX_ESTIMATE_MINUTES.
 */
export function waitRange(peopleAhead: number, pace: QueuePace | null): WaitEstimate | null {
  if (pace === null || pace.samples < MIN_PACE_SAMPLES) return null;
  const low = (peopleAhead * pace.lowSeconds) / 60;
  const high = ((peopleAhead + 1) * pace.highSeconds) / 60;
  const minMinutes = Math.floor(low / STEP) * STEP;
  const maxMinutes = Math.max(minMinutes + STEP, Math.ceil(high / STEP) * STEP);
  return maxMinutes > MAX_ESTIMATE_MINUTES ? null : { minMinutes, maxMinutes };
}
