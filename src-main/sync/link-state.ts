import type { JobOutcome } from '../outbox/job-outcome';
import { assertNever } from '../../src-shared/assert-never';

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

/** Keeps the last samples (bounded) and tells the state; the worker and the client feed it. */
export class LinkMonitor {
  private readonly samples: LinkSample[] = [];
  private lastError: { at: number; message: string } | null = null;

  constructor(
    private readonly now: () => number,
    private readonly options: LinkStateOptions = defaultLinkOptions,
    private readonly onChange: (state: LinkState) => void = () => undefined,
    private readonly maxSamples = 200,
  ) {}

  record(result: LinkSample['result'], error?: string): void {
    const before = this.state();
    const at = this.now();
    this.samples.push({ at, result });
    if (this.samples.length > this.maxSamples) this.samples.splice(0, this.samples.length - this.maxSamples);
    if (error !== undefined) this.lastError = { at, message: error };
    const after = this.state();
    if (after !== before) this.onChange(after);
  }

  recordOutcome(outcome: JobOutcome): void {
    const sample = sampleOf(outcome, this.now());
    this.record(sample.result, outcome.kind === 'finished' ? undefined : 'error' in outcome ? outcome.error : outcome.reason);
  }

  state(): LinkState {
    return linkStateOf(this.samples, this.now(), this.options);
  }

  error(): { at: number; message: string } | null {
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
