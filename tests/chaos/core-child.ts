// A whole kiosk core in its own process, so a test can put a file-size limit on it (prlimit --pid)
// as a full disk. Argv: <data dir>. Reads `{"id","method","request"}` lines on stdin, answers
// `REPLY <id> <reply json>` through the dispatcher; prints READY once the core is up.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { systemClock } from '../../src-main/kernel/clock';
import { createKioskCore } from '../../src-main/app/composition-root';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { demoConfig } from '../fakes/demo-config';

const [dataDir = ''] = process.argv.slice(2);
const core = await createKioskCore({
  dataDir,
  config: demoConfig(),
  host: 'web',
  version: 'chaos',
  clock: systemClock,
  logger: createMemoryLogger(),
  printer: new VirtualPrinter(576, join(dataDir, 'prints'), systemClock),
});
createInterface({ input: process.stdin })
  .on('line', (line) => {
    const { id, method, request } = JSON.parse(line) as { id: number; method: string; request: unknown };
    void core.dispatcher.dispatch(method, request).then((reply) => process.stdout.write(`REPLY ${id} ${JSON.stringify(reply)}\n`));
  })
  .on('close', () => void core.close().then(() => process.exit(0)));
process.stdout.write('READY\n');
