import type { Clock } from '../kernel/clock';
import { MemoryCredentialStore } from './credential-store';
import { PortalClient } from './portal-client';
import type { Enrollment } from './portal-schemas';

export interface TrialEnrollment {
  portalUrl: string;
  enrollmentToken: string;
  terminalId: string;
  appVersion: string;
  clock: Clock;
  fetch?: typeof fetch | undefined;
  timeoutMs?: number;
}

/**
 * Whether the portal answers and accepts the token, found by enrolling: what the terminal does
 * at its first start anyway (headless provisioning and the set-up wizard, issue #19). The
 * credential it gives is dropped. Throws InsecurePortalUrlError for an address the kiosk will not
 * use, PortalError for everything the portal (or the network) said.
 */
export async function trialEnrollment(trial: TrialEnrollment): Promise<Enrollment> {
  const client = new PortalClient({
    baseUrl: trial.portalUrl,
    credentials: new MemoryCredentialStore(),
    clock: trial.clock,
    timeoutMs: trial.timeoutMs ?? 10_000,
    ...(trial.fetch ? { fetch: trial.fetch } : {}),
  });
  return client.enroll(trial.enrollmentToken, trial.terminalId, trial.appVersion.slice(0, 50) || 'unknown');
}
