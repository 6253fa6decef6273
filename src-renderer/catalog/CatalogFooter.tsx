import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogInfo } from '../../src-shared/catalog';
import { formatIssuedAt } from '../app/format';

/** A discreet line for IT staff: which catalog this kiosk answers from. */
export function CatalogFooter({ info }: { info: CatalogInfo | null }): ReactElement | null {
  const { t } = useTranslation();
  if (info === null) return null;
  const text =
    info.state === 'empty'
      ? t('catalog.footerEmpty')
      : [
          t('catalog.footer', { version: info.version, count: info.procedureCount, importedAt: formatIssuedAt(info.importedAt) }),
          info.demo ? t('catalog.footerDemo') : null,
        ]
          .filter(Boolean)
          .join(' · ');
  return (
    <footer className="catalog-footer" data-testid="catalog-footer">
      {text}
    </footer>
  );
}
