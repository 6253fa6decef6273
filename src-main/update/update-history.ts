import { z } from 'zod';

/**
 * What this terminal remembers of its updates across restarts (`<data dir>/update-history.json`):
 * the versions that failed and how often, and the install it started, if any. An install is
 * judged at the next start: running the new version is a success; running the old one means the
 * installer failed or the new version did not come up, and the old one kept the kiosk going.
 * Pure functions over the value; UpdateHistoryFile keeps it.
 */
export const UPDATE_FAILURE_REASONS = ['download-failed', 'install-failed', 'still-old-version'] as const;
export type UpdateFailureReason = (typeof UPDATE_FAILURE_REASONS)[number];

const FailureSchema = z.strictObject({
  version: z.string(),
  count: z.number().int().positive(),
  lastReason: z.enum(UPDATE_FAILURE_REASONS),
  lastAt: z.string(),
});
export type UpdateFailure = z.infer<typeof FailureSchema>;

export const UpdateHistorySchema = z.strictObject({
  failures: z.array(FailureSchema),
  /** An install handed to the installer: `version` replacing `from`. */
  pendingInstall: z.strictObject({ version: z.string(), from: z.string(), at: z.string() }).nullable(),
});
export type UpdateHistory = z.infer<typeof UpdateHistorySchema>;

export const EMPTY_UPDATE_HISTORY: UpdateHistory = { failures: [], pendingInstall: null };

/** Only the latest versions' failures are worth keeping. */
const KEEP_VERSIONS = 10;

export function failuresOf(history: UpdateHistory, version: string): number {
  return history.failures.find((f) => f.version === version)?.count ?? 0;
}

export function noteFailure(history: UpdateHistory, version: string, reason: UpdateFailureReason, at: string): UpdateHistory {
  const previous = failuresOf(history, version);
  const others = history.failures.filter((f) => f.version !== version);
  return { ...history, failures: [...others, { version, count: previous + 1, lastReason: reason, lastAt: at }].slice(-KEEP_VERSIONS) };
}

export function beginInstall(history: UpdateHistory, version: string, from: string, at: string): UpdateHistory {
  return { ...history, pendingInstall: { version, from, at } };
}

export type StartOutcome =
  | { readonly kind: 'no-install' }
  | { readonly kind: 'installed'; readonly version: string; readonly from: string }
  | { readonly kind: 'kept-old-version'; readonly version: string; readonly running: string };

/** At start: what became of the install the last run started. */
export function settleAtStart(history: UpdateHistory, running: string, at: string): { history: UpdateHistory; outcome: StartOutcome } {
  const pending = history.pendingInstall;
  if (pending === null) return { history, outcome: { kind: 'no-install' } };
  const cleared = { ...history, pendingInstall: null };
  if (running === pending.version) return { history: cleared, outcome: { kind: 'installed', version: pending.version, from: pending.from } };
  return {
    history: noteFailure(cleared, pending.version, 'still-old-version', at),
    outcome: { kind: 'kept-old-version', version: pending.version, running },
  };
}

/** The stored history, whatever the file holds: anything unreadable counts as no history. */
export function parseUpdateHistory(text: string | null): UpdateHistory {
  if (text === null) return EMPTY_UPDATE_HISTORY;
  try {
    const result = UpdateHistorySchema.safeParse(JSON.parse(text));
    return result.success ? result.data : EMPTY_UPDATE_HISTORY;
  } catch {
    return EMPTY_UPDATE_HISTORY;
  }
}
