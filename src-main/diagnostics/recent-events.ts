import type { RecentEvent } from '../../src-shared/diagnostics';
import type { Clock } from '../kernel/clock';
import { redactIdentityNumbers, type Logger, type LogLevel } from '../kernel/logger';

/** What the diagnostics screen shows; older events are in the log files. */
export const RECENT_EVENTS_KEPT = 50;
/** A field longer than this is cut: the screen shows a line per event, the files keep the whole. */
const FIELD_CHARS = 200;

/**
 * The last log events in memory, for the IT diagnostics screen. It receives exactly what the
 * logger receives (level, event name or message, fields) through `teeLogger`, so it carries no
 * more than the log files do: callers never log personal data (decision 0022), and ID-like runs
 * of digits are masked here as the file logger masks them.
 */
export class RecentEvents {
  private readonly ring: RecentEvent[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly kept = RECENT_EVENTS_KEPT,
  ) {}

  record(level: LogLevel, event: string, fields?: Record<string, unknown>): void {
    this.ring.push({ at: this.clock.now().toISOString(), level, event: clip(event), fields: flatten(fields) });
    if (this.ring.length > this.kept) this.ring.splice(0, this.ring.length - this.kept);
  }

  /** Latest first. */
  list(): RecentEvent[] {
    return this.ring.map((e) => ({ ...e, fields: { ...e.fields } })).reverse();
  }
}

/** A logger that also hands each line to the ring; the wrapped logger's behaviour is unchanged. */
export function teeLogger(logger: Logger, recent: RecentEvents): Logger {
  return {
    log(level, message, fields) {
      logger.log(level, message, fields);
      recent.record(level, message, fields);
    },
  };
}

function clip(text: string): string {
  const masked = redactIdentityNumbers(text);
  return masked.length > FIELD_CHARS ? `${masked.slice(0, FIELD_CHARS - 1)}…` : masked;
}

function flatten(fields: Record<string, unknown> | undefined): RecentEvent['fields'] {
  const out: RecentEvent['fields'] = {};
  if (!fields) return out;
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) out[key] = null;
    else if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : String(value);
    else if (typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'string') out[key] = clip(value);
    else if (value instanceof Error) out[key] = clip(value.message);
    else out[key] = clip(safeJson(value));
  }
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
