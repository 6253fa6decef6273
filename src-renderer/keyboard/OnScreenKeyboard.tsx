import { useMemo, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import type { Language } from '../../src-shared/dto';
import { FUNCTION_KEYS, pressKey } from './key-press';
import { keyboardLayouts } from './layouts';
import type { InputMethod } from './vietnamese-ime';

interface OnScreenKeyboardProps {
  language: Language;
  method: InputMethod;
  text: string;
  maxLength: number;
  onChange: (text: string) => void;
}

/**
 * The kiosk's own keyboard (kiosk mode does not reliably open the system one). simple-keyboard
 * draws the keys and reports which was pressed; the text itself is ours: every key goes
 * through `pressKey` and the Vietnamese input engine, and simple-keyboard's own copy of the
 * input is never read.
 */
export function OnScreenKeyboard({ language, method, text, maxLength, onChange }: OnScreenKeyboardProps): ReactElement {
  const { t } = useTranslation();
  const display = useMemo(
    () => ({
      // The sign alone: it fits the narrow keyboards beside forms; the word is its accessible name.
      [FUNCTION_KEYS.backspace]: '⌫',
      [FUNCTION_KEYS.clear]: t('keyboard.clear'),
      [FUNCTION_KEYS.space]: t('keyboard.space'),
    }),
    [t],
  );
  // simple-keyboard keeps the handler it was last given; the ref also covers two taps landing
  // before React has rendered the first one's text.
  const current = useRef(text);
  current.current = text;
  const press = (button: string) => {
    const next = pressKey(current.current, button, method, maxLength);
    if (next === current.current) return;
    current.current = next;
    onChange(next);
  };
  const layout = useMemo(() => ({ default: [...keyboardLayouts[language]] }), [language]);
  return (
    <div className="osk" data-testid="keyboard" data-layout={language}>
      <Keyboard
        layout={layout}
        display={display}
        mergeDisplay
        theme="hg-theme-default osk__keys"
        buttonTheme={[
          { class: 'osk__key--function', buttons: `${FUNCTION_KEYS.backspace} ${FUNCTION_KEYS.clear}` },
          { class: 'osk__key--space', buttons: FUNCTION_KEYS.space },
        ]}
        buttonAttributes={[{ attribute: 'aria-label', value: t('keyboard.backspace'), buttons: FUNCTION_KEYS.backspace }]}
        useButtonTag
        // A finger resting on a key must not type it again and again.
        disableButtonHold
        disableCaretPositioning
        preventMouseDownDefault
        onKeyPress={press}
      />
    </div>
  );
}
