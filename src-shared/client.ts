import { events, methodNames, type ClientTransport, type EventName, type KioskClient } from './contract';
import { fail, type Reply } from './errors';

/**
 * Builds `window.kiosk` for either host. Replies that do not have the reply shape are turned
 * into an `internal` error so the UI never has to guess.
 */
export function createKioskClient(transport: ClientTransport): KioskClient {
  const client: Record<string, unknown> = {};
  for (const method of methodNames) {
    client[method] = async (request: unknown): Promise<Reply<unknown>> => {
      try {
        const reply = await transport.invoke(method, request);
        return isReply(reply) ? reply : fail('internal', 'Malformed reply from the kiosk core');
      } catch (error) {
        return fail('internal', error instanceof Error ? error.message : String(error));
      }
    };
  }
  client.on = (event: EventName, listener: (payload: unknown) => void) =>
    transport.subscribe((name, payload) => {
      if (name !== event) return;
      const parsed = events[event].safeParse(payload);
      if (parsed.success) listener(parsed.data);
    });
  return client as KioskClient;
}

function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'value' in value;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string';
}
