import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { StaffRole } from '../../src-shared/staff-access';

/** IT only: set the staff PIN (said plainly when there is none yet) or change the IT PIN. */
export function PinSettings({ kiosk, onChangePin }: { kiosk: KioskClient; onChangePin: (role: StaffRole) => void }): ReactElement {
  const { t } = useTranslation();
  const [staffPinSet, setStaffPinSet] = useState(true);
  useEffect(() => {
    let live = true;
    void kiosk.getStaffAccess({}).then((reply) => live && reply.ok && setStaffPinSet(reply.value.staffPinSet));
    return () => {
      live = false;
    };
  }, [kiosk]);
  return (
    <section className="staff-panel__pins" data-testid="staff-pins">
      <h3>{t('staffAccess.pins')}</h3>
      {staffPinSet ? null : <p data-testid="staff-no-staff-pin">{t('staffAccess.noStaffPin')}</p>}
      <div className="staff-panel__pin-buttons">
        <button type="button" className="staff-panel__button" data-testid="staff-set-staff-pin" onClick={() => onChangePin('staff')}>
          {t('staffAccess.setStaffPin')}
        </button>
        <button type="button" className="staff-panel__button" data-testid="staff-set-it-pin" onClick={() => onChangePin('it')}>
          {t('staffAccess.setItPin')}
        </button>
      </div>
    </section>
  );
}
