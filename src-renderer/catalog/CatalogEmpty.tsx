import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icons';

/** No catalog imported: a plain word for the citizen, and what IT staff need to know. */
export function CatalogEmpty(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="catalog-empty" data-testid="catalog-empty">
      <div className="notice notice--warning" role="status">
        <span className="notice__icon">
          <Icon name="document" />
        </span>
        <div className="notice__text">
          <p className="notice__title">{t('catalog.empty.title')}</p>
          <p>{t('catalog.empty.body')}</p>
        </div>
      </div>
      <section className="staff">
        <h2 className="staff__title">{t('catalog.empty.staffTitle')}</h2>
        <p className="staff-detail">{t('catalog.empty.staffBody')}</p>
      </section>
    </div>
  );
}
