import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import { AccessibilityBar } from '../components/AccessibilityBar';
import { Bilingual } from '../components/Bilingual';
import { Icon } from '../components/Icons';
import { AudioGuideButton } from '../speech/AudioGuideButton';
import { useAttractBeat } from './use-attract-beat';

interface AttractScreenProps {
  centerName: string;
  language: Language;
  onStart: () => void;
}

/**
 * The idle face of the kiosk. The whole screen is one button: touching anywhere starts. The audio
 * guide sits apart from it (a button cannot hold another) and starts the session speaking.
 */
export function AttractScreen({ centerName, language, onStart }: AttractScreenProps): ReactElement {
  const { t } = useTranslation();
  const raised = useAttractBeat();
  // The display toggles sit beside the one big button, not in it (a button holds no buttons),
  // and after it: the keypad's first control here is "start".
  return (
    <div className="attract-stage attract-frame">
      <button type="button" className={raised ? 'attract attract--raised' : 'attract'} data-testid="screen-attract" onClick={onStart}>
        <span className="attract__emblem">
          <Icon name="building" />
        </span>
        <span className="attract__center">{centerName}</span>
        <span className="attract__subtitle">{t('attract.subtitle')}</span>
        <Bilingual k="attract.touchToStart" language={language} className="attract__cta" />
      </button>
      <AudioGuideButton language={language} onTurnedOn={onStart} testId="attract-audio-guide" />
      <AccessibilityBar className="a11y-bar--attract" />
    </div>
  );
}
