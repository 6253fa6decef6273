import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequiredDocument } from '../../src-shared/catalog';
import type { Language } from '../../src-shared/dto';

/** The documents to bring, each with its form, how many, and whether it is required. */
export function DocumentList({ documents, language }: { documents: readonly RequiredDocument[]; language: Language }): ReactElement {
  const { t } = useTranslation();
  if (documents.length === 0) return <p data-testid="procedure-documents">{t('procedure.documentsNone')}</p>;
  return (
    <ol className="documents" data-testid="procedure-documents">
      {documents.map((doc) => (
        <li key={doc.id} className="documents__item" data-testid={`document-${doc.id}`}>
          <span className="documents__name">{doc.name[language]}</span>
          <span className="documents__facts">
            <span className="chip">{t(`procedure.forms.${doc.form}`)}</span>
            <span className="chip">{t('procedure.documentCount', { count: doc.count })}</span>
            <span className={doc.mandatory ? 'chip chip--strong' : 'chip'}>
              {doc.mandatory ? t('procedure.mandatory') : t('procedure.optional')}
            </span>
            <span className="chip">{doc.acceptScan ? t('procedure.scanAccepted') : t('procedure.paperOnly')}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
