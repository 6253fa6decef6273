import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupProblem } from '../../src-shared/setup';
import { TechnicalDetail } from '../components/ReasonText';

/** A refused step in the UI's language; main's own words folded beneath, for whoever fixes it. */
export function ProblemText({ problem }: { problem: SetupProblem | null }): ReactElement | null {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <div className="setup-problem" role="alert" data-testid="setup-problem" data-reason={problem.reason} data-field={problem.field}>
      <p>{t(`setup.reasons.${problem.reason}`)}</p>
      {problem.detail ? <TechnicalDetail detail={problem.detail} /> : null}
    </div>
  );
}
