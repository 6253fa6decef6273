import { useCallback, useEffect, useState } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { LinkStateDto, SyncStatus } from '../../src-shared/sync';

/** The link state, kept current by the `linkState` event; null until the core has answered. */
export function useLinkState(kiosk: KioskClient): LinkStateDto | null {
  const [state, setState] = useState<LinkStateDto | null>(null);
  useEffect(() => {
    let live = true;
    void kiosk.getLinkState({}).then((reply) => {
      if (live && reply.ok) setState(reply.value);
    });
    const off = kiosk.on('linkState', (event) => setState(event.state));
    return () => {
      live = false;
      off();
    };
  }, [kiosk]);
  return state;
}

/** The full sync status for staff, refreshed on each link change and every few seconds while shown. */
export function useSyncStatus(kiosk: KioskClient, session: string, refreshMs = 5_000): { status: SyncStatus | null; refresh: () => Promise<void> } {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const refresh = useCallback(async () => {
    const reply = await kiosk.getSyncStatus({ session });
    if (reply.ok) setStatus(reply.value);
  }, [kiosk, session]);
  useEffect(() => {
    void refresh();
    const off = kiosk.on('linkState', () => void refresh());
    const timer = setInterval(() => void refresh(), refreshMs);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [kiosk, refresh, refreshMs]);
  return { status, refresh };
}
