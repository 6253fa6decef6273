// `npm run portal`: the reference portal as its own process; prints PORTAL_URL=<url> when ready.
import { randomBytes, randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePortalArgs } from './cli-args';
import { DEMO_ENROLLMENT_TOKEN } from './portal-config';
import { PortalServer } from './portal-server';

async function main(): Promise<void> {
  let config;
  try {
    config = parsePortalArgs(process.argv.slice(2), {
      dataDir: join(homedir(), '.local', 'share', 'motcua-kiosk-portal'),
      catalogFile: fileURLToPath(new URL('../assets/demo-catalog.json', import.meta.url)),
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const portal = new PortalServer(config, {
    clock: () => new Date(),
    log: (line) => process.stderr.write(`${line}\n`),
    newId: () => randomUUID(),
    newSecret: () => randomBytes(32).toString('base64url'),
  });
  const url = await portal.listen();
  if (config.enrollmentTokens.includes(DEMO_ENROLLMENT_TOKEN))
    process.stderr.write(`Demo enrollment token: ${DEMO_ENROLLMENT_TOKEN} (give --enrollment-token for a real one)\n`);
  process.stderr.write(`Add a terminal (one-time token and set-up QR): ${url}/admin/terminals/new\n`);
  process.stdout.write(`PORTAL_URL=${url}\n`);
  // A signal sent to the whole process group arrives twice (directly and forwarded by npm's
  // script); a one-shot handler would let the second end the portal mid-close. Close once.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void portal.close().then(() => process.exit(0));
    });
}

void main();
