import type { ReactElement, ReactNode } from 'react';

interface ChoiceProps {
  testId: string;
  chosen: boolean;
  onChoose: () => void;
  children: ReactNode;
}

/** One of a step's options (a driver, a device, a paper width): a large button that stays pressed. */
export function Choice({ testId, chosen, onChoose, children }: ChoiceProps): ReactElement {
  return (
    <button type="button" className={`setup-choice${chosen ? ' setup-choice--chosen' : ''}`} data-testid={testId} aria-pressed={chosen} onClick={onChoose}>
      {children}
    </button>
  );
}
