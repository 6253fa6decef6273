import { join } from 'node:path';
import { systemClock } from '../../src-main/kernel/clock';
import { createKioskCore, type KioskCore } from '../../src-main/app/composition-root';
import { createMemoryLogger, type Logger } from '../../src-main/kernel/logger';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import type { SubmitOutcome } from '../../src-shared/dossier';
import { demoConfig } from '../fakes/demo-config';
import { LAND, landDraft, pagePng } from '../unit/dossier/fixture';
import { isMethodName } from '../../src-shared/contract';
import { roleOf } from '../../src-shared/method-roles';
import { dispatchAsStaff } from '../fakes/staff-session';

/** A kiosk core as `npm start` composes it (virtual printer), syncing with `portalUrl`. */
export async function startKioskCore(
  dataDir: string,
  portalUrl: string | null,
  options: { heartbeatSeconds?: number; logger?: Logger; dossierCodesPerDay?: number; queueBlockSize?: number } = {},
): Promise<KioskCore> {
  const codes = {
    ...(options.dossierCodesPerDay === undefined ? {} : { dossierCodesPerDay: options.dossierCodesPerDay }),
    ...(options.queueBlockSize === undefined ? {} : { queueBlockSize: options.queueBlockSize }),
  };
  const core = await createKioskCore({
    dataDir,
    config: demoConfig({ sync: { portalUrl, enrollmentToken: 'demo-enrollment-token', heartbeatSeconds: options.heartbeatSeconds ?? 1, ...codes } }),
    host: 'web',
    version: 'test',
    clock: systemClock,
    logger: options.logger ?? createMemoryLogger(),
    printer: new VirtualPrinter(576, join(dataDir, 'prints'), systemClock),
  });
  // Closing twice (a test that closes it, then the cleanup) closes once.
  let closed: Promise<void> | null = null;
  const close = core.close.bind(core);
  core.close = () => (closed ??= close());
  return core;
}

/** A contract call as the renderer makes it (staff calls with an IT session); throws the error reply. */
export async function call<T>(core: KioskCore, method: string, request: unknown = {}): Promise<T> {
  const staff = isMethodName(method) && roleOf(method) !== 'citizen';
  const reply = staff ? await dispatchAsStaff(core, method, request as object) : await core.dispatcher.dispatch(method, request);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

/** Polls until `probe` gives a value. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Through the contract, as the renderer submits: a land dossier with three scanned pages. */
export async function submitLandDossier(core: KioskCore): Promise<SubmitOutcome> {
  const { sessionId } = await call<{ sessionId: string }>(core, 'beginDossier', { procedureCode: LAND });
  const pageIds: string[][] = [];
  for (const n of [1, 2, 3]) {
    const staged = await call<{ pageId: string }>(core, 'stageScannedPage', {
      sessionId,
      mediaType: 'image/png',
      dataBase64: Buffer.from(pagePng(`p${n}`)).toString('base64'),
    });
    pageIds.push([staged.pageId]);
  }
  return call<SubmitOutcome>(core, 'submitDossier', { draft: landDraft(sessionId, pageIds) });
}
