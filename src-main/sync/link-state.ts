import type { JobOutcome } from '../outbox/job-outcome';
import { assertNever } from '../../src-shared/assert-never';
import type { SyncErrorCode } from '../../src-shared/reasons';

export type LinkState = 'online' | 'degraded' | 'offline';

/** One exchange with the portal, reduced to what the link state needs. */
export interface LinkSample {
  readonly at: number;
  /** ok: answered as hoped; troubled: answered, but with an error or a request to slow down; unreachable: no answer. */
  readonly result: 'ok' | 'troubled' | 'unreachable';
}

export interface LinkStateOptions {
  /** Samples older than this no longer count. */
  readonly windowMs: number;
  /** Share of troubled answers in the window from which the link is called degraded. */
  readonly degradedShare: number;
}

export const defaultLinkOptions: LinkStateOptions = { windowMs: 2 * 60_000, degradedShare: 0.2 };

/**
 * Offline when the last exchange got no answer (the portal cannot be reached now); degraded when
 * it answers but a noticeable share of recent answers were errors or throttling; else online.
 * With no sample at all the kiosk has not talked to the portal yet: offline until it has.
 */
export function linkStateOf(samples: readonly LinkSample[], now: number, options: LinkStateOptions): LinkState {
  const recent = samples.filter((s) => now - s.at <= options.windowMs);
  const last = samples[samples.length - 1];
  if (!last || last.result === 'unreachable') return 'offline';
  if (recent.length === 0) return last.result === 'ok' ? 'online' : 'degraded';
  const troubled = recent.filter((s) => s.result !== 'ok').length;
  return troubled / recent.length >= options.degradedShare ? 'degraded' : 'online';
}

export function sampleOf(outcome: JobOutcome, at: number): LinkSample {
  switch (outcome.kind) {
    case 'finished':
      return { at, result: 'ok' };
    case 'retry':
      return { at, result: outcome.linkDown ? 'unreachable' : 'troubled' };
    case 'rate-limited':
      return { at, result: 'troubled' };
    case 'failed':
      // The portal answered; the job itself is at fault, not the link.
      return { at, result: 'ok' };
    default:
      return assertNever(outcome);
  }
}

/** The last failed exchange: a code for staff, the raw message for the technical line. */
export interface LinkError {
  readonly at: number;
  readonly code: SyncErrorCode;
  readonly message: string;
}

function codeOf(result: LinkSample['result']): SyncErrorCode {
  switch (result) {
    case 'unreachable':
      return 'portal_unreachable';
    case 'troubled':
      return 'portal_error';
    case 'ok':
      return 'portal_refused';
    default:
      return assertNever(result);
  }
}

/** Keeps the last samples (bounded) and tells the state; the worker and the client feed it. */
export class LinkMonitor {
  private readonly samples: LinkSample[] = [];
  private lastError: LinkError | null = null;

  constructor(
    private readonly now: () => number,
    private readonly options: LinkStateOptions = defaultLinkOptions,
    private readonly onChange: (state: LinkState) => void = () => undefined,
    private readonly maxSamples = 200,
  ) {}

  /** `code` says why in words staff read; without one it follows from the result. */
  record(result: LinkSample['result'], error?: string, code: SyncErrorCode = codeOf(result)): void {
    const before = this.state();
    const at = this.now();
    this.samples.push({ at, result });
    if (this.samples.length > this.maxSamples) this.samples.splice(0, this.samples.length - this.maxSamples);
    if (error !== undefined) this.lastError = { at, code, message: error };
    const after = this.state();
    if (after !== before) this.onChange(after);
  }

  recordOutcome(outcome: JobOutcome): void {
    const sample = sampleOf(outcome, this.now());
    if (outcome.kind === 'finished') this.record(sample.result);
    else if (outcome.kind === 'rate-limited') this.record(sample.result, outcome.error, 'portal_throttled');
    else if (outcome.kind === 'failed') this.record(sample.result, outcome.reason, 'portal_refused');
    else this.record(sample.result, outcome.error);
  }

  state(): LinkState {
    return linkStateOf(this.samples, this.now(), this.options);
  }

  error(): LinkError | null {
    return this.lastError;
  }

  /** When the portal last answered anything (an error answer counts: it was reached); null before that. */
  lastAnswerAt(): number | null {
    for (let i = this.samples.length - 1; i >= 0; i--) {
      const sample = this.samples[i];
      if (sample && sample.result !== 'unreachable') return sample.at;
    }
    return null;
  }
}
