import { useEffect, useState } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { StaffAlert } from '../../src-shared/staff';

/** The staff alerts for the panel, newest first: loaded with the session, then kept current from `staffAlert` events. */
export function useStaffAlerts(kiosk: KioskClient, session: string): readonly StaffAlert[] {
  const [alerts, setAlerts] = useState<readonly StaffAlert[]>([]);
  useEffect(() => {
    let live = true;
    void kiosk.listStaffAlerts({ session }).then((reply) => {
      if (live && reply.ok) setAlerts(reply.value);
    });
    const off = kiosk.on('staffAlert', (alert) => setAlerts((previous) => [alert, ...previous.filter((a) => a.id !== alert.id)]));
    return () => {
      live = false;
      off();
    };
  }, [kiosk, session]);
  return alerts;
}

/** How many staff alerts are open, for the corner's discreet dot: no login needed, nothing about them. */
export function useOpenAlertCount(kiosk: KioskClient): number {
  const [open, setOpen] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      void kiosk.getStaffAlertBadge({}).then((reply) => {
        if (live && reply.ok) setOpen(reply.value.open);
      });
    load();
    const off = kiosk.on('staffAlert', load);
    return () => {
      live = false;
      off();
    };
  }, [kiosk]);
  return open;
}
