import { z } from 'zod';

/**
 * Why a device is in its state, as a code the UI translates (i18n `reasons.device.*`); the
 * device's own words (an OS error, a printer name, scanimage's last line) travel apart in
 * `detail`, shown folded as a technical line (issue #21).
 */
export const DeviceReasonSchema = z.enum([
  'printer_ready',
  'printer_paper_low',
  'printer_paper_out',
  'printer_cover_open',
  'printer_not_responding',
  'printer_not_installed',
  'printer_not_checked',
  'scanner_connected',
  'scanner_not_started',
  'scanner_not_connected',
  'scanner_not_found',
  'scanner_disconnected',
  'scanner_cannot_open',
  'scanner_stopped',
  'docscan_ready',
  'docscan_not_checked',
  'docscan_no_device',
  'docscan_not_installed',
  'docscan_jammed',
  'docscan_feeder_empty',
  'docscan_no_feeder',
  'docscan_cover_open',
  'docscan_busy',
  'docscan_timeout',
  'docscan_device_error',
]);
export type DeviceReason = z.infer<typeof DeviceReasonSchema>;

/** Why a staff alert is open, beyond a device's own reason (i18n `reasons.alert.*`, with `params`). */
export const KioskAlertReasonSchema = z.enum([
  'staff_entry_locked',
  'disk_nearly_full',
  'disk_full',
  'outbox_rows_parked',
  'outbox_row_parked',
  'clock_behind',
  'clock_ahead',
  'purge_failing',
  'kiosk_out_of_service',
  // A central configuration from the portal refused, or the saved one damaged (decision 0041).
  'central_config_rejected',
  'central_config_damaged',
]);
export type KioskAlertReason = z.infer<typeof KioskAlertReasonSchema>;

export const AlertReasonSchema = z.enum([...DeviceReasonSchema.options, ...KioskAlertReasonSchema.options]);
export type AlertReason = z.infer<typeof AlertReasonSchema>;

/** Values a translated reason interpolates (a count, minutes, a time); never personal data. */
export const ReasonParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ReasonParams = z.infer<typeof ReasonParamsSchema>;

/** Why the last exchange with the portal failed (i18n `reasons.sync.*`); the raw error is `message`. */
export const SyncErrorCodeSchema = z.enum([
  'portal_unreachable',
  'portal_error',
  'portal_throttled',
  'portal_refused',
  'credential_rejected',
  'no_enrollment_token',
  // The portal refused the enrollment token, and why (decision 0038): what IT has to do differs.
  'enrollment_token_expired',
  'enrollment_token_used',
  'enrollment_token_other_terminal',
  'enrollment_token_refused',
]);
export type SyncErrorCode = z.infer<typeof SyncErrorCodeSchema>;

/** Why an outbox row was set aside (i18n `reasons.parked.*`); the raw text is the row's `detail`. */
export const ParkReasonSchema = z.enum(['portal_refused', 'record_missing', 'record_unreadable', 'file_damaged', 'unknown_kind', 'gave_up', 'other']);
export type ParkReason = z.infer<typeof ParkReasonSchema>;
