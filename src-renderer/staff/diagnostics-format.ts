import type { TFunction } from 'i18next';
import type { Language } from '../../src-shared/dto';

const localeOf = (language: Language) => (language === 'vi' ? 'vi-VN' : 'en-GB');

/** Bytes as a person reads them: "12,4 GB", "830 MB" (binary units, one decimal above 10). */
export function formatBytes(bytes: number | null, language: Language, t: TFunction): string {
  if (bytes === null) return t('diagnostics.unknown');
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(localeOf(language), { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[unit] ?? ''}`;
}

/** A duration in words, to the minute (seconds only under a minute): "2 ngày 3 giờ 5 phút". */
export function formatDuration(totalSeconds: number, t: TFunction): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return t('diagnostics.duration.seconds', { count: s });
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (days > 0) parts.push(t('diagnostics.duration.days', { count: days }));
  if (hours > 0) parts.push(t('diagnostics.duration.hours', { count: hours }));
  if (minutes > 0 || parts.length === 0) parts.push(t('diagnostics.duration.minutes', { count: minutes }));
  return parts.join(' ');
}

/** The portal's clock against the kiosk's, in words. */
export function formatSkew(skewSeconds: number | null, t: TFunction): string {
  if (skewSeconds === null) return t('diagnostics.skewUnknown');
  if (Math.abs(skewSeconds) <= 1) return t('diagnostics.skewNone');
  const amount = formatDuration(Math.abs(skewSeconds), t);
  // Portal minus kiosk > 0: the kiosk's clock is behind.
  return skewSeconds > 0 ? t('diagnostics.skewBehind', { amount }) : t('diagnostics.skewAhead', { amount });
}
