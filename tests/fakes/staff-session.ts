import type { KioskCore } from '../../src-main/app/composition-root';
import type { Reply } from '../../src-shared/errors';

/** The IT PIN test cores are set up with (through the contract, as the first IT set-up does). */
export const TEST_IT_PIN = '20261118';

const tokens = new WeakMap<KioskCore, string>();

/** An IT session on `core`: sets the first IT PIN on a fresh store, logs in otherwise. */
export async function itSession(core: KioskCore): Promise<string> {
  const access = await core.dispatcher.dispatch('getStaffAccess', {});
  if (!access.ok) throw new Error(`getStaffAccess: ${access.error.message}`);
  const reply = (access.value as { itPinSet: boolean }).itPinSet
    ? await core.dispatcher.dispatch('loginStaff', { pin: TEST_IT_PIN })
    : await core.dispatcher.dispatch('setupFirstItPin', { pin: TEST_IT_PIN });
  if (!reply.ok) throw new Error(`login: ${reply.error.message}`);
  const session = (reply.value as { session?: string }).session;
  if (!session) throw new Error(`login refused: ${JSON.stringify(reply.value)}`);
  tokens.set(core, session);
  return session;
}

/** A staff/IT call as the panel makes it: with the session token, logging in again when it ended. */
export async function dispatchAsStaff(core: KioskCore, method: string, request: object = {}): Promise<Reply<unknown>> {
  const first = await core.dispatcher.dispatch(method, { ...request, session: tokens.get(core) ?? (await itSession(core)) });
  if (first.ok || first.error.code !== 'forbidden') return first;
  return core.dispatcher.dispatch(method, { ...request, session: await itSession(core) });
}
