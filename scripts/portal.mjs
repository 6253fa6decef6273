// `npm run portal -- [flags]`: runs the reference portal (src-portal/main.ts) under tsx.
import { spawn } from 'node:child_process';

const child = spawn(process.execPath, ['--import', 'tsx', 'src-portal/main.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
