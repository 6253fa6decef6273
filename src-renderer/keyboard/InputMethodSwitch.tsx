import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputMethod } from './vietnamese-ime';

const methods: readonly InputMethod[] = ['none', 'telex', 'vni'];

interface InputMethodSwitchProps {
  method: InputMethod;
  onChoose: (method: InputMethod) => void;
}

/** How letters get their marks: no marks, Telex or VNI, with a one-line reminder of the keys. */
export function InputMethodSwitch({ method, onChoose }: InputMethodSwitchProps): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="ime-switch">
      <div className="segmented" role="group" aria-label={t('keyboard.methodLabel')}>
        {methods.map((m) => (
          <button
            key={m}
            type="button"
            className="segmented__button"
            aria-pressed={m === method}
            data-testid={`ime-${m}`}
            onClick={() => onChoose(m)}
          >
            {t(`keyboard.methods.${m}.name`)}
          </button>
        ))}
      </div>
      <p className="ime-switch__hint" data-testid="ime-hint">
        {t(`keyboard.methods.${method}.hint`)}
      </p>
    </div>
  );
}
