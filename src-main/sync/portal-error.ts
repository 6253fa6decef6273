import { failed, rateLimited, retry, type JobOutcome } from '../outbox/job-outcome';

/** How an exchange with the portal went wrong; the kind decides what the outbox does next. */
export type PortalFailureKind =
  /** No answer at all: refused, DNS, timeout before a response. */
  | 'unreachable'
  /** An answer that says try again (5xx, 409 request_in_progress, a body that does not parse, a cut stream). */
  | 'transient'
  /** 429, or 503 with Retry-After. */
  | 'rate-limited'
  /** A 4xx that will not change by retrying. */
  | 'rejected';

export class PortalError extends Error {
  constructor(
    readonly kind: PortalFailureKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    readonly retryAfterMs: number | null = null,
    /** The portal's Upload-Offset on 409 offset_mismatch. */
    readonly offset: number | null = null,
    /** The portal's `details.reason`, e.g. why it refused an enrollment token (docs/sync-api.yaml EnrollmentRefusal). */
    readonly reason: string | null = null,
  ) {
    super(message);
  }
}

/** Turns whatever a handler caught into the outbox's word for it. */
export function outcomeOf(error: unknown): JobOutcome {
  if (!(error instanceof PortalError)) return retry(error instanceof Error ? error.message : String(error));
  switch (error.kind) {
    case 'unreachable':
      return retry(error.message, true);
    case 'transient':
      return retry(error.message);
    case 'rate-limited':
      return rateLimited(error.message, error.retryAfterMs);
    case 'rejected':
      return failed('portal_refused', error.message);
  }
}

/** Errors from fetch/undici that mean the portal was not reached at all. */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);

export function networkError(error: unknown, what: string): PortalError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? '';
  const name = (error as { name?: string }).name ?? '';
  const text = cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (unreachableCodes.has(code) || name === 'TimeoutError') {
    return new PortalError('unreachable', `${what}: portal unreachable (${code || name}): ${text}`);
  }
  return new PortalError('transient', `${what}: connection failed (${code || name}): ${text}`);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[A-Za-z]/.test(text)) return null;
  return Math.max(0, at - now.getTime());
}
