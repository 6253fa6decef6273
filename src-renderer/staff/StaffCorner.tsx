import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLongPress } from './use-long-press';

/** How long staff hold the corner; a citizen leaning on the screen rarely holds one spot this long. */
export const STAFF_LONG_PRESS_MS = 3000;

interface StaffCornerProps {
  /** Open alerts: shown as a small dot only staff know to look for. */
  openAlerts: number;
  onOpen: () => void;
}

/**
 * The hidden way to the staff PIN pad (StaffGate): a long press (3 s) in the bottom-left corner of
 * any screen. Nothing shows there but a small discreet dot while a staff alert is open. Hidden is
 * not the protection: main refuses staff calls without a session from a correct PIN.
 */
export function StaffCorner({ openAlerts, onOpen }: StaffCornerProps): ReactElement {
  const { t } = useTranslation();
  const press = useLongPress(onOpen, STAFF_LONG_PRESS_MS);
  return (
    <div className="staff-corner" data-testid="staff-corner" aria-hidden="true" {...press}>
      {openAlerts > 0 ? <span className="staff-corner__badge" data-testid="staff-alert-badge" title={t('staff.alertsOpen', { count: openAlerts })} /> : null}
    </div>
  );
}
