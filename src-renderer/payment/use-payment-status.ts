import { useEffect, useState } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { PaymentStatus } from '../../src-shared/payment';
import { useAlive } from '../app/use-alive';

/**
 * The payment's state, asked again every few seconds while it is pending: each ask lets the core
 * question the portal (bounded), so a transfer shows here within seconds of its confirmation.
 * One ask at a time; it stops once the payment is final or the screen is gone.
 */
export function usePaymentStatus(kiosk: KioskClient, first: PaymentStatus | null, everyMs = 3_000): PaymentStatus | null {
  const [status, setStatus] = useState<PaymentStatus | null>(first);
  const alive = useAlive();
  useEffect(() => setStatus(first), [first]);
  const paymentId = status?.paymentId ?? null;
  const pending = status?.state === 'pending';
  useEffect(() => {
    if (paymentId === null || !pending) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const ask = async () => {
      const reply = await kiosk.getPaymentStatus({ paymentId });
      if (stopped || !alive.current) return;
      if (reply.ok) setStatus(reply.value);
      // On a pending answer (or an error) the effect stays and the next ask is scheduled.
      if (!reply.ok || reply.value.state === 'pending') timer = setTimeout(() => void ask(), everyMs);
    };
    timer = setTimeout(() => void ask(), everyMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [kiosk, paymentId, pending, everyMs, alive]);
  return status;
}
