import type { SetupProblem } from '../../src-shared/setup';

/** A step's test (print, read, scan): not tried, under way, what it found, or why it failed. */
export type TestOutcome<T> = { state: 'idle' } | { state: 'busy' } | { state: 'done'; value: T } | { state: 'failed'; problem: SetupProblem };

/** A reply that never came back as a step's answer (the session ended, the core restarted). */
export const unanswered = (message: string): SetupProblem => ({ valid: false, reason: 'no-answer', field: '', detail: message });
