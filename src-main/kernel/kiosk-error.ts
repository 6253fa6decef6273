import type { ErrorCode } from '../../src-shared/errors';

/** Thrown by handlers for an expected failure the renderer should show; becomes an error reply. */
export class KioskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
