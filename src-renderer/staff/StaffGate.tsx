import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import type { GrantedSession, StaffRole } from '../../src-shared/staff-access';
import { assertNever } from '../../src-shared/assert-never';
import { formatIssuedAt } from '../app/format';
import { PinPad } from './PinPad';
import { StaffPanel } from './StaffPanel';
import { SetupWizard } from '../setup/SetupWizard';
import { useStaffIdle } from './use-staff-idle';

/** Choosing a PIN: typed twice; the IT set-up goes on to the staff PIN. */
interface Choosing {
  step: 'choose';
  role: StaffRole;
  first: string | null;
  /** The IT session the new PIN is set with; null for the first IT PIN of a fresh terminal. */
  granted: GrantedSession | null;
  message: string | null;
}

type Gate =
  | { step: 'loading' }
  | { step: 'no-pin' }
  | { step: 'login'; message: string | null }
  | { step: 'locked'; until: string }
  | Choosing
  | { step: 'panel'; granted: GrantedSession; notice: string | null }
  | { step: 'wizard'; granted: GrantedSession };

interface StaffGateProps {
  kiosk: KioskClient;
  language: Language;
  /** `staffWasIn`: a staff session was open (the kiosk then starts afresh); false for a PIN pad cancelled. */
  onClose: (staffWasIn: boolean) => void;
}

/**
 * The way into the staff panel (decision 0021): a PIN pad, or on a terminal with no PIN the IT
 * set-up only. Main decides: wrong PINs count towards a lockout kept in its store, and a session
 * token comes back only for a right one. Closing (or unmounting on the idle reset) logs out.
 */
export function StaffGate({ kiosk, language, onClose }: StaffGateProps): ReactElement {
  const { t } = useTranslation();
  const [gate, setGate] = useState<Gate>({ step: 'loading' });
  const [busy, setBusy] = useState(false);
  const session = useRef<string | null>(null);

  const showAccess = useCallback(async () => {
    const reply = await kiosk.getStaffAccess({});
    if (!reply.ok) return setGate({ step: 'login', message: reply.error.message });
    const { itPinSet, lockedUntil } = reply.value;
    if (lockedUntil) setGate({ step: 'locked', until: lockedUntil });
    else setGate(itPinSet ? { step: 'login', message: null } : { step: 'no-pin' });
  }, [kiosk]);

  useEffect(() => {
    void showAccess();
    return () => {
      if (session.current) void kiosk.logoutStaff({ session: session.current });
      session.current = null;
    };
  }, [kiosk, showAccess]);

  const enter = (granted: GrantedSession, notice: string | null = null) => {
    session.current = granted.session;
    setGate({ step: 'panel', granted, notice });
  };

  const close = useCallback(() => {
    const staffWasIn = session.current !== null;
    if (session.current) void kiosk.logoutStaff({ session: session.current });
    session.current = null;
    onClose(staffWasIn);
  }, [kiosk, onClose]);

  const idle = useStaffIdle(kiosk, gate.step === 'panel' ? gate.granted : null, close);

  const login = async (pin: string) => {
    setBusy(true);
    const reply = await kiosk.loginStaff({ pin });
    setBusy(false);
    if (!reply.ok) return setGate({ step: 'login', message: reply.error.message });
    const result = reply.value;
    switch (result.outcome) {
      case 'granted':
        return enter(result);
      case 'wrong':
        return setGate({ step: 'login', message: t('staffAccess.wrong', { count: result.attemptsLeft }) });
      case 'locked':
        return setGate({ step: 'locked', until: result.lockedUntil });
      default:
        return assertNever(result);
    }
  };

  const choose = async (c: Choosing, pin: string) => {
    if (c.first === null) return setGate({ ...c, first: pin, message: null });
    if (c.first !== pin) return setGate({ ...c, first: null, message: t('staffAccess.mismatch') });
    setBusy(true);
    try {
      if (c.granted === null) {
        const reply = await kiosk.setupFirstItPin({ pin });
        if (!reply.ok) return setGate({ ...c, first: null, message: reply.error.message });
        session.current = reply.value.session;
        return setGate({ step: 'choose', role: 'staff', first: null, granted: reply.value, message: null });
      }
      const request = { session: c.granted.session, pin };
      const reply = c.role === 'staff' ? await kiosk.setStaffPin(request) : await kiosk.setItPin(request);
      if (!reply.ok) return setGate({ ...c, first: null, message: reply.error.message });
      enter(c.granted, t('staffAccess.pinSaved'));
    } finally {
      setBusy(false);
    }
  };

  const body = (): ReactElement | null => {
    switch (gate.step) {
      case 'loading':
        return null;
      case 'no-pin':
        return (
          <div className="pin-gate__notice" data-testid="pin-none">
            <h2>{t('staffAccess.noPinTitle')}</h2>
            <p>{t('staffAccess.noPinText')}</p>
            <button type="button" className="staff-panel__button" data-testid="pin-it-setup" onClick={() => setGate({ step: 'choose', role: 'it', first: null, granted: null, message: null })}>
              {t('staffAccess.itSetup')}
            </button>
            <button type="button" className="staff-panel__button" data-testid="pin-cancel" onClick={close}>
              {t('staffAccess.cancel')}
            </button>
          </div>
        );
      case 'locked':
        return (
          <div className="pin-gate__notice" data-testid="pin-locked">
            <h2>{t('staffAccess.lockedTitle')}</h2>
            <p role="alert">{t('staffAccess.locked', { until: formatIssuedAt(gate.until) })}</p>
            <button type="button" className="staff-panel__button" data-testid="pin-cancel" onClick={close}>
              {t('staffAccess.cancel')}
            </button>
          </div>
        );
      case 'login':
        return <PinPad key="login" title={t('staffAccess.padTitle')} message={gate.message} busy={busy} onSubmit={(pin) => void login(pin)} onCancel={close} />;
      case 'choose': {
        const role = gate.role === 'it' ? 'It' : 'Staff';
        const title = t(gate.first === null ? `staffAccess.choose${role}` : `staffAccess.repeat${role}`);
        return <PinPad key={`${gate.role}-${gate.first === null ? 1 : 2}`} title={title} message={gate.message} busy={busy} onSubmit={(pin) => void choose(gate, pin)} onCancel={close} />;
      }
      case 'panel':
        // The IT set-up of a fresh terminal goes on to the staff PIN: see `choose`.
        return (
          <StaffPanel
            kiosk={kiosk}
            language={language}
            granted={gate.granted}
            notice={gate.notice}
            onChangePin={(role) => setGate({ step: 'choose', role, first: null, granted: gate.granted, message: null })}
            onSetupWizard={() => setGate({ step: 'wizard', granted: gate.granted })}
            onClose={close}
          />
        );
      case 'wizard':
        // Cancel changes nothing and goes back to the panel; finishing reloads the page.
        return <SetupWizard kiosk={kiosk} session={gate.granted.session} onCancel={() => setGate({ step: 'panel', granted: gate.granted, notice: null })} />;
    }
  };

  return (
    <div className={gate.step === 'panel' ? 'overlay staff-overlay' : 'overlay staff-overlay pin-gate'} role="dialog" aria-modal="true" data-testid="staff-gate" {...idle}>
      {body()}
    </div>
  );
}
