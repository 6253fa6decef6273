import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplayModes, type DisplayMode } from '../display/display-modes';
import '../display/display-modes.css';

const MODES: readonly { mode: DisplayMode; glyph: string; testId: string }[] = [
  { mode: 'largeText', glyph: 'A+', testId: 'mode-large-text' },
  { mode: 'highContrast', glyph: '◐', testId: 'mode-high-contrast' },
];

/** The two display toggles, large text and high contrast, on every screen. */
export function AccessibilityBar({ className }: { className?: string }): ReactElement | null {
  const { t } = useTranslation();
  const control = useDisplayModes();
  if (!control) return null;
  return (
    <div className={['a11y-bar', className].filter(Boolean).join(' ')} role="group" aria-label={t('displayModes.groupLabel')}>
      {MODES.map(({ mode, glyph, testId }) => (
        <button
          key={mode}
          type="button"
          className="a11y-bar__button"
          aria-pressed={control.modes[mode]}
          data-testid={testId}
          onClick={(e) => {
            // On the attract screen the bar sits over the "touch anywhere" button.
            e.stopPropagation();
            control.toggle(mode);
          }}
        >
          <span className="a11y-bar__glyph" aria-hidden="true">
            {glyph}
          </span>
          <span className="a11y-bar__label">{t(`displayModes.${mode}`)}</span>
        </button>
      ))}
    </div>
  );
}
