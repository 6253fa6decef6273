import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../kernel/clock';
import { enrollmentRefusal, type EnrollmentRefusal } from '../sync/enrollment-refusal';
import { writeFileAtomic } from '../kernel/write-file-atomic';
import { PortalError } from '../sync/portal-error';
import { trialEnrollment } from '../sync/trial-enrollment';
import { InsecurePortalUrlError } from '../sync/url-policy';
import { ConfigError } from './config';
import { LOCAL_CONFIG_VERSION } from './config-version';
import { planProvision, type ProvisionPlan } from './provision-profile';

export interface ProvisionRequest {
  profileText: string;
  profileSource: string;
  dataDir: string;
  terminalId?: string;
  hostname: string;
  embeddedDefaults: unknown;
  appVersion: string;
  clock: Clock;
  fetch?: typeof fetch;
}

const REFUSAL_TEXT: Record<EnrollmentRefusal, string> = {
  expired: "the enrollment token has expired. Ask the portal's administrators for a new one",
  used: "the enrollment token was already used by another terminal (each one-time token enrolls one terminal). Ask the portal's administrators for a new one",
  'other-terminal': 'the enrollment token was issued for another terminal id. Use that id, or ask for a token for this one',
  wrong: "the portal refused the enrollment token (wrong token). Check it, or ask the portal's administrators for a new one",
};

/**
 * The portal named in the plan answers and accepts the enrollment token (a trial enrollment,
 * src-main/sync/trial-enrollment.ts).
 */
async function checkPortal(plan: ProvisionPlan, req: ProvisionRequest): Promise<void> {
  const { portalUrl, enrollmentToken } = plan.config.sync;
  if (portalUrl === null) return;
  if (enrollmentToken === '') throw new ConfigError('sync.enrollmentToken: the portal is set but no enrollment token is');
  try {
    await trialEnrollment({ portalUrl, enrollmentToken, terminalId: plan.terminalId, appVersion: req.appVersion, clock: req.clock, fetch: req.fetch });
  } catch (error) {
    if (error instanceof InsecurePortalUrlError) throw new ConfigError(`sync.portalUrl (${portalUrl}): ${error.message}`);
    if (!(error instanceof PortalError)) throw error;
    if (error.kind === 'unreachable') throw new ConfigError(`sync.portalUrl: the portal at ${portalUrl} cannot be reached (${error.message}). Check the address and the network.`);
    const refusal = enrollmentRefusal(error);
    if (refusal !== null) throw new ConfigError(`sync.enrollmentToken: ${REFUSAL_TEXT[refusal]} (${error.message})`);
    throw new ConfigError(`The portal at ${portalUrl} refused the enrollment of ${plan.terminalId}: ${error.message}`);
  }
}

/**
 * Headless provisioning (`npm start -- --provision profile.json`): validates the whole profile,
 * checks the portal and the token, then writes <data dir>/config.json in one step. Any problem
 * throws a ConfigError naming it, with nothing written.
 */
export async function provisionTerminal(req: ProvisionRequest): Promise<ProvisionPlan> {
  const plan = planProvision(req.profileText, req.profileSource, req.embeddedDefaults, { terminalId: req.terminalId, hostname: req.hostname });
  await checkPortal(plan, req);
  mkdirSync(req.dataDir, { recursive: true, mode: 0o700 });
  // The file names its format, so a later kiosk knows what it reads (decision 0041).
  const file = { configVersion: LOCAL_CONFIG_VERSION, ...plan.written };
  writeFileAtomic(join(req.dataDir, 'config.json'), `${JSON.stringify(file, null, 2)}\n`, req.dataDir);
  return plan;
}
