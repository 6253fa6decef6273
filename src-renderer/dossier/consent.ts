/**
 * The version of the consent text (Decree 13/2023) the citizen agrees to; it is stored with the
 * dossier. The words are in the i18n files under dossier.consent: change both together.
 */
export const CONSENT_VERSION = 'nd13-kiosk-2026-11';
