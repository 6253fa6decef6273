import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldSummary } from '../../src-shared/catalog';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import type { KioskErrorPayload } from '../../src-shared/errors';
import { CatalogEmpty } from '../catalog/CatalogEmpty';
import { CatalogFooter } from '../catalog/CatalogFooter';
import { useCatalogInfo } from '../catalog/use-catalog-info';
import { SearchIcon } from '../components/Icons';
import { ScreenFrame } from '../components/ScreenFrame';
import { Tile, TileGrid } from '../components/Tile';

interface CatalogScreenProps {
  kiosk: KioskClient;
  language: Language;
  onField: (field: FieldSummary) => void;
  onSearch: () => void;
  onError: (error: KioskErrorPayload) => void;
}

/** The catalog's front page: a way into search, and every field as a big tile. */
export function CatalogScreen({ kiosk, language, onField, onSearch, onError }: CatalogScreenProps): ReactElement {
  const { t } = useTranslation();
  const info = useCatalogInfo(kiosk);
  const [fields, setFields] = useState<readonly FieldSummary[] | null>(null);

  useEffect(() => {
    let current = true;
    void kiosk.listFields({}).then((reply) => {
      if (!current) return;
      if (reply.ok) setFields(reply.value);
      else onError(reply.error);
    });
    return () => {
      current = false;
    };
  }, [kiosk, onError]);

  const empty = info?.state === 'empty';
  return (
    <ScreenFrame testId="screen-catalog" title={t('catalog.title')} subtitle={empty ? undefined : t('catalog.subtitle')}>
      {empty ? (
        <CatalogEmpty />
      ) : (
        <>
          <button type="button" className="search-entry" data-testid="catalog-search" onClick={onSearch}>
            <span className="search-entry__icon">
              <SearchIcon />
            </span>
            <span>{t('catalog.searchButton')}</span>
          </button>
          {fields === null ? (
            <p className="status-line" role="status">
              {t('catalog.loading')}
            </p>
          ) : fields.length === 0 ? (
            <p className="notice" role="status">
              {t('catalog.noFields')}
            </p>
          ) : (
            <TileGrid compact>
              {fields.map((field) => (
                <Tile
                  key={field.code}
                  icon={field.icon}
                  title={field.name[language]}
                  description={t('catalog.procedureCount', { count: field.procedureCount })}
                  testId={`field-${field.code}`}
                  onSelect={() => onField(field)}
                />
              ))}
            </TileGrid>
          )}
        </>
      )}
      <CatalogFooter info={info} />
    </ScreenFrame>
  );
}
