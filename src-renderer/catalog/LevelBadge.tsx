import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnlineLevel } from '../../src-shared/catalog';

/** How far a procedure can be done online, colour-coded and always spelled out. */
export function LevelBadge({ level }: { level: OnlineLevel }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${level}`} data-testid="level-badge">
      {t(`procedure.levels.${level}`)}
    </span>
  );
}
