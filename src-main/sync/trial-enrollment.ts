import type { Clock } from '../kernel/clock';
import type { CredentialStore } from './credential-store';
import { PortalClient } from './portal-client';
import type { Enrollment } from './portal-schemas';

/** Holds the credential of the trial enrollment only in memory: the kiosk enrolls again when it starts. */
class ThrowawayCredentials implements CredentialStore {
  private value: string | null = null;
  read(): string | null {
    return this.value;
  }
  write(credential: string): void {
    this.value = credential;
  }
  clear(): void {
    this.value = null;
  }
}

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
    credentials: new ThrowawayCredentials(),
    clock: trial.clock,
    timeoutMs: trial.timeoutMs ?? 10_000,
    ...(trial.fetch ? { fetch: trial.fetch } : {}),
  });
  return client.enroll(trial.enrollmentToken, trial.terminalId, trial.appVersion.slice(0, 50) || 'unknown');
}
