import type { ReactElement } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import { useLinkState } from './use-sync-status';
import { syncTexts } from './sync-texts';
import './link-dot.css';

/**
 * A small dot in the header: citizens need not act on it, but a grey one explains why the
 * receipt says "provisional". Nothing is shown when the kiosk has no portal at all.
 */
export function LinkDot({ kiosk, language }: { kiosk: KioskClient; language: Language }): ReactElement | null {
  const state = useLinkState(kiosk);
  if (state === null || state === 'disabled') return null;
  const label = syncTexts[language].dot[state];
  return <span className={`link-dot link-dot--${state}`} role="img" aria-label={label} title={label} data-testid="link-dot" data-state={state} />;
}
