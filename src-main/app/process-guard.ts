import type { Logger } from '../kernel/logger';

/** The part of `process` the guard listens on; a fake in tests. */
export interface ProcessFailureEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

/**
 * A kiosk that exits is a dead screen in a public hall until someone restarts it: a promise
 * nobody awaited that rejects, or a throw in a timer or event listener, is logged and survived.
 * Installed once by each host's entry point (never at module load), on the real `process`.
 * Returns the uninstaller.
 */
export function surviveStrayFailures(events: ProcessFailureEvents, logger: Logger): () => void {
  const onRejection = (reason: unknown) => {
    logger.log('error', 'unhandled rejection survived', { error: describeFailure(reason) });
  };
  const onException = (error: Error) => {
    logger.log('error', 'uncaught exception survived', { error: describeFailure(error) });
  };
  events.on('unhandledRejection', onRejection);
  events.on('uncaughtException', onException);
  return () => {
    events.off('unhandledRejection', onRejection);
    events.off('uncaughtException', onException);
  };
}

function describeFailure(reason: unknown): string {
  if (reason instanceof Error) return reason.stack ?? reason.message;
  // Not String(reason): a rejected value may be any object, even one whose toString throws.
  return `a rejection with a ${reason === null ? 'null' : typeof reason}`;
}
