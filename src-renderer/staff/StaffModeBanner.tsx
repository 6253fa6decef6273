import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Across the top of the screen while the staff panel is open: anyone walking up sees at once that
 * the kiosk is in staff hands, not waiting for a citizen. Both languages, whatever the screen's.
 */
export function StaffModeBanner(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="staff-mode-banner" role="status" data-testid="staff-mode-banner">
      {t('staffWork.banner', { lng: 'vi' })} · {t('staffWork.banner', { lng: 'en' })}
    </div>
  );
}
