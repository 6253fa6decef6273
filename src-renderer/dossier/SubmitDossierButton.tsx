import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnlineLevel } from '../../src-shared/catalog';
import type { KioskClient } from '../../src-shared/contract';

interface SubmitDossierButtonProps {
  kiosk: KioskClient;
  code: string;
  onStart: () => void;
}

/** "Nộp hồ sơ" on a procedure's detail, only for procedures that take dossiers online (partly or fully). */
export function SubmitDossierButton({ kiosk, code, onStart }: SubmitDossierButtonProps): ReactElement | null {
  const { t } = useTranslation();
  const [level, setLevel] = useState<OnlineLevel | null>(null);
  useEffect(() => {
    let alive = true;
    void kiosk.getProcedure({ code }).then((reply) => {
      if (alive && reply.ok) setLevel(reply.value.level);
    });
    return () => {
      alive = false;
    };
  }, [kiosk, code]);
  if (level === null || level === 'information') return null;
  return (
    <button type="button" className="button button--primary button--wide" data-testid="procedure-submit-dossier" onClick={onStart}>
      {t('dossier.submitAction')}
    </button>
  );
}
