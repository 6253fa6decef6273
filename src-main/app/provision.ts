import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../kernel/clock';
import type { CredentialStore } from '../sync/credential-store';
import { PortalClient } from '../sync/portal-client';
import { PortalError } from '../sync/portal-error';
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

/**
 * The portal named in the plan answers and accepts the enrollment token. Tried by enrolling,
 * which is what the terminal will do at its first start anyway; the trial's credential is dropped.
 */
async function checkPortal(plan: ProvisionPlan, req: ProvisionRequest): Promise<void> {
  const { portalUrl, enrollmentToken } = plan.config.sync;
  if (portalUrl === null) return;
  let client: PortalClient;
  try {
    client = new PortalClient({ baseUrl: portalUrl, credentials: new ThrowawayCredentials(), clock: req.clock, timeoutMs: 10_000, fetch: req.fetch });
  } catch (error) {
    throw new ConfigError(`sync.portalUrl (${portalUrl}): ${(error as Error).message}`);
  }
  if (enrollmentToken === '') throw new ConfigError('sync.enrollmentToken: the portal is set but no enrollment token is');
  try {
    await client.enroll(enrollmentToken, plan.terminalId, req.appVersion.slice(0, 50) || 'unknown');
  } catch (error) {
    if (!(error instanceof PortalError)) throw error;
    if (error.kind === 'unreachable') throw new ConfigError(`sync.portalUrl: the portal at ${portalUrl} cannot be reached (${error.message}). Check the address and the network.`);
    if (error.status === 401) throw new ConfigError(`sync.enrollmentToken: the portal refused the enrollment token (expired or wrong). Ask the portal's administrators for a new one.`);
    throw new ConfigError(`The portal at ${portalUrl} refused the enrollment of ${plan.terminalId}: ${error.message}`);
  }
}

/** Writes a file whole or not at all: a temp file, flushed, renamed over the old one, the folder flushed. */
export function writeFileAtomic(file: string, text: string, dir: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
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
