import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureSummary } from '../../src-shared/catalog';
import type { Language } from '../../src-shared/dto';
import { formatVnd } from '../../src-shared/format';
import { LevelBadge } from './LevelBadge';

interface ProcedureListProps {
  procedures: readonly ProcedureSummary[];
  language: Language;
  onOpen: (code: string) => void;
  testId: string;
  /** What the list answers (the search text), for tests and the keystroke benchmark. */
  query?: string;
}

/** Procedures as full-width touch rows: name first, then code, level, time and fee. */
export function ProcedureList({ procedures, language, onOpen, testId, query }: ProcedureListProps): ReactElement {
  const { t } = useTranslation();
  return (
    <ul className="procedure-list" data-testid={testId} data-query={query}>
      {procedures.map((p) => (
        <li key={p.code}>
          <button type="button" className="procedure-row" data-testid={`procedure-${p.code}`} onClick={() => onOpen(p.code)}>
            <span className="procedure-row__name">{p.name[language]}</span>
            <span className="procedure-row__facts">
              <span className="procedure-row__code">{p.code}</span>
              <LevelBadge level={p.level} />
              <span>{p.processingDays === 0 ? t('procedure.sameDay') : t('procedure.days', { count: p.processingDays })}</span>
              <span>{p.feeTotalVnd === 0 ? t('procedure.free') : formatVnd(p.feeTotalVnd)}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
