import { useMemo, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { FUNCTION_KEYS, pressKey } from '../keyboard/key-press';
import type { InputMethod } from '../keyboard/vietnamese-ime';

const SHIFT = '{shift}';
const { backspace, clear, space } = FUNCTION_KEYS;
const SYMBOLS = `: / . - _ @ ? = & ${space}`;

/**
 * The wizard's keyboard: what a portal address, a token and a terminal id need (the citizens'
 * keyboard has no `:` or `/` and no capitals), and Telex for a center's name in Vietnamese.
 */
const LAYOUTS = {
  default: [`1 2 3 4 5 6 7 8 9 0 ${backspace}`, 'q w e r t y u i o p', 'a s d f g h j k l đ', `${SHIFT} z x c v b n m ${clear}`, SYMBOLS],
  shift: [`1 2 3 4 5 6 7 8 9 0 ${backspace}`, 'Q W E R T Y U I O P', 'A S D F G H J K L Đ', `${SHIFT} Z X C V B N M ${clear}`, SYMBOLS],
};

interface SetupKeyboardProps {
  text: string;
  maxLength: number;
  method: InputMethod;
  onChange: (text: string) => void;
}

export function SetupKeyboard({ text, maxLength, method, onChange }: SetupKeyboardProps): ReactElement {
  const { t } = useTranslation();
  const [shift, setShift] = useState(false);
  const current = useRef(text);
  current.current = text;
  const display = useMemo(
    () => ({ [backspace]: '⌫', [clear]: t('keyboard.clear'), [space]: t('keyboard.space'), [SHIFT]: '⇧' }),
    [t],
  );
  const press = (button: string) => {
    if (button === SHIFT) return setShift((s) => !s);
    const next = pressKey(current.current, button, method, maxLength);
    if (next === current.current) return;
    current.current = next;
    onChange(next);
  };
  return (
    <div className="osk setup-keyboard" data-testid="setup-keyboard">
      <Keyboard
        layout={LAYOUTS}
        layoutName={shift ? 'shift' : 'default'}
        display={display}
        mergeDisplay
        theme="hg-theme-default osk__keys"
        buttonTheme={[
          { class: 'osk__key--function', buttons: `${backspace} ${clear} ${SHIFT}` },
          { class: 'osk__key--space', buttons: space },
        ]}
        buttonAttributes={[
          { attribute: 'aria-label', value: t('keyboard.backspace'), buttons: backspace },
          { attribute: 'aria-label', value: t('setup.shift'), buttons: SHIFT },
        ]}
        useButtonTag
        disableButtonHold
        disableCaretPositioning
        preventMouseDownDefault
        onKeyPress={press}
      />
    </div>
  );
}
