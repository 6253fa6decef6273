import { useEffect, useState } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { StaffAlert } from '../../src-shared/staff';

/** The staff alerts, newest first: loaded once, then kept current from `staffAlert` events. */
export function useStaffAlerts(kiosk: KioskClient): readonly StaffAlert[] {
  const [alerts, setAlerts] = useState<readonly StaffAlert[]>([]);
  useEffect(() => {
    let live = true;
    void kiosk.listStaffAlerts({}).then((reply) => {
      if (live && reply.ok) setAlerts(reply.value);
    });
    const off = kiosk.on('staffAlert', (alert) => setAlerts((previous) => [alert, ...previous.filter((a) => a.id !== alert.id)]));
    return () => {
      live = false;
      off();
    };
  }, [kiosk]);
  return alerts;
}
