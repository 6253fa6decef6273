/**
 * The version of the consent text (Decree 13/2023, Law 91/2025/QH15) the citizen agrees to; it is
 * stored with the dossier. The words are in the i18n files under dossier.consent and
 * privacy.consentKept (what the kiosk keeps, where, how long): change the version with them.
 */
export const CONSENT_VERSION = 'pdp91-kiosk-2026-12';
