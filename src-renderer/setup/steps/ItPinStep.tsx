import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../../src-shared/contract';
import { PinPad } from '../../staff/PinPad';

type Pad = { kind: 'loading' } | { kind: 'choose'; first: string | null; message: string | null } | { kind: 'login'; message: string | null };

interface ItPinStepProps {
  kiosk: KioskClient;
  /** An IT session: the first IT PIN was set, or (a set-up begun before) the IT PIN was right. */
  onGranted: (session: string) => void;
  onCancel: () => void;
}

/**
 * The first step of a first start: the IT PIN, typed twice, set before anything else so only IT
 * goes on. A terminal whose set-up was begun and not finished asks for the IT PIN set then.
 */
export function ItPinStep({ kiosk, onGranted, onCancel }: ItPinStepProps): ReactElement | null {
  const { t } = useTranslation();
  const [pad, setPad] = useState<Pad>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void kiosk.getStaffAccess({}).then((reply) => {
      if (!reply.ok) return setPad({ kind: 'login', message: reply.error.message });
      setPad(reply.value.itPinSet ? { kind: 'login', message: null } : { kind: 'choose', first: null, message: null });
    });
  }, [kiosk]);

  const submit = async (pin: string) => {
    if (pad.kind === 'loading') return;
    if (pad.kind === 'choose' && pad.first === null) return setPad({ kind: 'choose', first: pin, message: null });
    if (pad.kind === 'choose' && pad.first !== pin) return setPad({ kind: 'choose', first: null, message: t('staffAccess.mismatch') });
    setBusy(true);
    try {
      if (pad.kind === 'choose') {
        const reply = await kiosk.setupFirstItPin({ pin });
        if (!reply.ok) return setPad({ kind: 'choose', first: null, message: reply.error.message });
        return onGranted(reply.value.session);
      }
      const reply = await kiosk.loginStaff({ pin });
      if (!reply.ok) return setPad({ kind: 'login', message: reply.error.message });
      const result = reply.value;
      if (result.outcome === 'granted' && result.role === 'it') return onGranted(result.session);
      if (result.outcome === 'granted') {
        void kiosk.logoutStaff({ session: result.session });
        return setPad({ kind: 'login', message: t('setup.itPin.needIt') });
      }
      if (result.outcome === 'wrong') return setPad({ kind: 'login', message: t('staffAccess.wrong', { count: result.attemptsLeft }) });
      return setPad({ kind: 'login', message: t('staffAccess.locked', { until: result.lockedUntil }) });
    } finally {
      setBusy(false);
    }
  };

  if (pad.kind === 'loading') return null;
  const title = pad.kind === 'login' ? t('setup.itPin.login') : t(pad.first === null ? 'staffAccess.chooseIt' : 'staffAccess.repeatIt');
  return (
    <div className="setup-step__body setup-step__body--pin" data-testid="setup-it-pin">
      <PinPad key={pad.kind === 'choose' ? `c${pad.first === null ? 1 : 2}` : 'login'} title={title} message={pad.message} busy={busy} onSubmit={(pin) => void submit(pin)} onCancel={onCancel} />
    </div>
  );
}
