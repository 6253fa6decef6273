import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldSummary, ProcedureSummary } from '../../src-shared/catalog';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import type { KioskErrorPayload } from '../../src-shared/errors';
import { CatalogFooter } from '../catalog/CatalogFooter';
import { ProcedureList } from '../catalog/ProcedureList';
import { useCatalogInfo } from '../catalog/use-catalog-info';
import { ScreenFrame } from '../components/ScreenFrame';

interface ProceduresScreenProps {
  kiosk: KioskClient;
  field: FieldSummary;
  language: Language;
  onOpen: (code: string) => void;
  onError: (error: KioskErrorPayload) => void;
}

/** The procedures of one field, in catalog order. */
export function ProceduresScreen({ kiosk, field, language, onOpen, onError }: ProceduresScreenProps): ReactElement {
  const { t } = useTranslation();
  const info = useCatalogInfo(kiosk);
  const [procedures, setProcedures] = useState<readonly ProcedureSummary[] | null>(null);

  useEffect(() => {
    let current = true;
    void kiosk.listProcedures({ fieldCode: field.code }).then((reply) => {
      if (!current) return;
      if (reply.ok) setProcedures(reply.value);
      else onError(reply.error);
    });
    return () => {
      current = false;
    };
  }, [kiosk, field.code, onError]);

  return (
    <ScreenFrame testId="screen-procedures" title={field.name[language]} subtitle={t('procedures.subtitle')}>
      {procedures === null ? (
        <p className="status-line" role="status">
          {t('procedures.loading')}
        </p>
      ) : procedures.length === 0 ? (
        <p className="notice" role="status" data-testid="procedures-empty">
          {t('procedures.empty')}
        </p>
      ) : (
        <ProcedureList procedures={procedures} language={language} onOpen={onOpen} testId="procedure-list" />
      )}
      <CatalogFooter info={info} />
    </ScreenFrame>
  );
}
