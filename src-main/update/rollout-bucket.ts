import { createHash } from 'node:crypto';

/**
 * Where a terminal stands in a staged rollout: a number in [0, 100) derived from its terminal id
 * alone, so it is the same on every check and after every restart or reinstall, and the fleet
 * spreads evenly over it (the first 32 bits of a SHA-256, scaled). A release staged at P % is
 * taken by the terminals whose bucket is below P — electron-updater's own rule for its random
 * `.updaterId` (`percentage < stagingPercentage`), with the terminal id in place of a random id
 * so that the portal's admin can tell which terminals a percentage reaches. Raising P never takes
 * a terminal out; 0 reaches nobody, 100 everybody.
 */
export function rolloutBucket(terminalId: string): number {
  const digest = createHash('sha256').update(`motcua-kiosk update rollout\n${terminalId}`).digest();
  return (digest.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

/** A release without a percentage is offered to everybody (electron-builder's default). */
export function inRollout(bucket: number, stagingPercentage: number | undefined): boolean {
  return bucket < (stagingPercentage ?? 100);
}
