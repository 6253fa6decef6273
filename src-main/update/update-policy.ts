import { assertNever } from '../../src-shared/assert-never';
import type { UpdateFeed } from '../../src-shared/update-feed';
import { inRollout } from './rollout-bucket';
import { compareVersions } from './semver';
import { failuresOf, type UpdateHistory } from './update-history';

/** A version that failed this often is not tried again (a newer release is). */
export const MAX_UPDATE_ATTEMPTS = 3;

export interface UpdateSituation {
  /** The release the portal's feed offers. */
  readonly feed: Pick<UpdateFeed, 'version' | 'stagingPercentage'>;
  readonly runningVersion: string;
  /** This terminal's place in a staged rollout, [0, 100) (rollout-bucket.ts). */
  readonly bucket: number;
  /** Between citizens: the attract screen is shown, no citizen or staff session is open. */
  readonly idle: boolean;
  /** The version downloaded and verified, ready to install; null when none is. */
  readonly downloaded: string | null;
  readonly history: UpdateHistory;
  readonly maxAttempts?: number;
}

export type UpdateDecision =
  | { readonly kind: 'up-to-date'; readonly version: string }
  | { readonly kind: 'not-in-rollout'; readonly version: string; readonly stagingPercentage: number }
  | { readonly kind: 'skip-failed-version'; readonly version: string; readonly failures: number }
  | { readonly kind: 'download'; readonly version: string }
  | { readonly kind: 'wait-for-idle'; readonly version: string }
  | { readonly kind: 'install'; readonly version: string };
export type UpdateDecisionKind = UpdateDecision['kind'];

/**
 * What the kiosk does about the feed's release, in this order: never an older or the same
 * version (a feed rolled back does not downgrade terminals); never a version that failed
 * MAX_UPDATE_ATTEMPTS times; only inside the staged rollout (checked on every look, so lowering
 * the percentage stops terminals that have not installed yet, even with the file downloaded);
 * download in the background; install only while idle between citizens.
 */
export function decideUpdate(s: UpdateSituation): UpdateDecision {
  const { version, stagingPercentage } = s.feed;
  if (compareVersions(version, s.runningVersion) <= 0) return { kind: 'up-to-date', version: s.runningVersion };
  const failures = failuresOf(s.history, version);
  if (failures >= (s.maxAttempts ?? MAX_UPDATE_ATTEMPTS)) return { kind: 'skip-failed-version', version, failures };
  if (!inRollout(s.bucket, stagingPercentage)) return { kind: 'not-in-rollout', version, stagingPercentage: stagingPercentage ?? 100 };
  if (s.downloaded !== version) return { kind: 'download', version };
  return s.idle ? { kind: 'install', version } : { kind: 'wait-for-idle', version };
}

/** Whether the decision asks anything of the installer (the rest only waits for the next look). */
export function decisionActs(decision: UpdateDecision): boolean {
  switch (decision.kind) {
    case 'download':
    case 'install':
      return true;
    case 'up-to-date':
    case 'not-in-rollout':
    case 'skip-failed-version':
    case 'wait-for-idle':
      return false;
    default:
      return assertNever(decision);
  }
}
