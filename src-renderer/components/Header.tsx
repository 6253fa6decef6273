import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import { languages } from '../i18n';
import { LinkDot } from '../sync/LinkDot';
import { AccessibilityBar } from './AccessibilityBar';
import { BackIcon, HomeIcon } from './Icons';

interface HeaderProps {
  centerName: string;
  language: Language;
  /** Absent on the language screen, which is itself the choice (and would name each twice). */
  onLanguage?: ((language: Language) => void) | undefined;
  /** Absent where Back makes no sense. */
  onBack?: (() => void) | undefined;
  /** Absent while nothing may interrupt (a ticket being issued). */
  onHome?: (() => void) | undefined;
  /** When given, a discreet dot shows the link to the portal. */
  kiosk?: KioskClient | undefined;
}

export function Header({ centerName, language, onLanguage, onBack, onHome, kiosk }: HeaderProps): ReactElement {
  const { t } = useTranslation();
  return (
    <header className="header">
      <nav className="header__nav" aria-label={t('common.navigation')}>
        {onBack ? (
          <button type="button" className="header__button" data-testid="nav-back" data-keypad-back onClick={onBack}>
            <BackIcon />
            <span>{t('common.back')}</span>
          </button>
        ) : null}
        {onHome ? (
          <button type="button" className="header__button" data-testid="nav-home" onClick={onHome}>
            <HomeIcon />
            <span>{t('common.home')}</span>
          </button>
        ) : null}
      </nav>
      <p className="header__center">{centerName}</p>
      {kiosk ? <LinkDot kiosk={kiosk} language={language} /> : null}
      <div className="header__tools">
        <AccessibilityBar />
        {onLanguage ? <LanguageSwitch language={language} onLanguage={onLanguage} /> : null}
      </div>
    </header>
  );
}

interface LanguageSwitchProps {
  language: Language;
  onLanguage: (language: Language) => void;
}

function LanguageSwitch({ language, onLanguage }: LanguageSwitchProps): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('common.languageSwitch')}>
      {languages.map((code) => (
        <button
          key={code}
          type="button"
          className="language-switch__button"
          aria-pressed={code === language}
          // Each language is named in itself, so a visitor can find theirs in either mode.
          aria-label={t(`languages.${code}`)}
          lang={code}
          data-testid={`lang-${code}`}
          onClick={() => onLanguage(code)}
        >
          {t(`languagesShort.${code}`)}
        </button>
      ))}
    </div>
  );
}
