import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../kernel/clock';
import { ConfigError } from './config';
import { embeddedDefaults, type LaunchFlags } from './load-config';
import { provisionTerminal } from './provision';

/**
 * `--provision FILE [--terminal-id ID] [--data-dir DIR]` in either host: applies the profile and
 * says in one line what was written, or every problem with nothing written (exit code 2).
 */
export async function runProvisioning(flags: LaunchFlags, appVersion: string): Promise<void> {
  const file = flags.provision ?? '';
  try {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`Cannot read the profile ${file}: ${(error as Error).message}`);
    }
    const plan = await provisionTerminal({
      profileText: text,
      profileSource: file,
      dataDir: flags.dataDir,
      ...(flags.terminalId === null ? {} : { terminalId: flags.terminalId }),
      hostname: hostname(),
      embeddedDefaults: embeddedDefaults(),
      appVersion,
      clock: systemClock,
    });
    process.stdout.write(`Provisioned terminal ${plan.terminalId}: ${join(flags.dataDir, 'config.json')} written. Start the kiosk with npm start.\n`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Provisioning stopped, nothing was written.\n${error.message}\n`);
    process.exitCode = 2;
  }
}
