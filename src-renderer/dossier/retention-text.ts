import type { TFunction } from 'i18next';

/** "and 24 hours after that" / "— and no longer": how long the kiosk keeps a delivered dossier. */
export function retentionWhen(t: TFunction, retentionHours: number): string {
  return retentionHours === 0 ? t('privacy.whenNow') : t('privacy.whenHours', { hours: retentionHours });
}
