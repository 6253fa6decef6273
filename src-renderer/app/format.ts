import { formatLocalDateTime } from '../../src-shared/format';

/** Public service centers show local Vietnamese time whatever the terminal's clock zone is. */
export const CENTER_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * `HH:mm dd/MM/yyyy` in the center's time zone, with the same formatter as the paper ticket so
 * screen and paper agree. An unparsable value is returned as is: showing something is better
 * than showing nothing on a ticket.
 */
export function formatIssuedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatLocalDateTime(date, CENTER_TIME_ZONE);
}
