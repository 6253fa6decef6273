import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemText } from './ProblemText';
import type { TestOutcome } from './test-outcome';

interface TestResultProps<T> {
  testId: string;
  outcome: TestOutcome<T>;
  /** What a test that worked shows. */
  done: (value: T) => ReactElement;
  /** Shown while it runs (a read waits for someone to scan). */
  busyText?: string;
}

export function TestResult<T>({ testId, outcome, done, busyText }: TestResultProps<T>): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="setup-test__result" data-testid={testId} data-state={outcome.state}>
      {outcome.state === 'busy' ? <p>{busyText ?? t('app.working')}</p> : null}
      {outcome.state === 'done' ? done(outcome.value) : null}
      {outcome.state === 'failed' ? <ProblemText problem={outcome.problem} /> : null}
    </div>
  );
}
