import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureDetail, RequiredDocument } from '../../src-shared/catalog';
import type { KioskClient } from '../../src-shared/contract';
import type { DraftProblem } from '../../src-shared/dossier';
import type { LocalizedText } from '../../src-shared/dto';
import { problemAt, type DocumentChoice, type JourneyState } from './journey';
import { StepFrame } from './StepFrame';
import type { StepProps } from './step-props';
import { useAlive } from '../app/use-alive';

interface DocumentsStepProps extends StepProps {
  kiosk: KioskClient;
}

interface Scanning {
  documentId: string;
  thumbnails: string[];
}

type Message = { documentId: string; text: LocalizedText | string; tone: 'warning' | 'error' };

/** Each required document: scanned here (pages shown, deleted, added, redone) or brought on paper. */
export function DocumentsStep({ kiosk, procedure, state, language, problems, busy, dispatch, onBack, onNext }: DocumentsStepProps): ReactElement {
  const { t } = useTranslation();
  const [scanning, setScanning] = useState<Scanning | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const scanningRef = useRef<Scanning | null>(null);
  scanningRef.current = scanning;
  const alive = useAlive();
  useEffect(
    () =>
      kiosk.on('scanProgress', (p) => {
        const now = scanningRef.current;
        if (!now || p.sessionId !== state.sessionId || p.documentId !== now.documentId) return;
        setScanning({ ...now, thumbnails: [...now.thumbnails, p.thumbnail] });
      }),
    [kiosk, state.sessionId],
  );

  const discard = async (documentId: string, pageId: string) => {
    if (!state.sessionId) return;
    await kiosk.discardStagedPage({ sessionId: state.sessionId, pageId });
    if (alive.current) dispatch({ type: 'pageRemoved', documentId, pageId });
  };

  const scan = async (doc: RequiredDocument, redo: boolean) => {
    const sessionId = state.sessionId;
    if (!sessionId || scanningRef.current) return;
    setMessage(null);
    if (redo) {
      const before = state.documents[doc.id];
      if (before?.kind === 'scanned') for (const p of before.pages) await discard(doc.id, p.pageId);
    }
    const started = { documentId: doc.id, thumbnails: [] };
    scanningRef.current = started;
    setScanning(started);
    const reply = await kiosk.scanDocumentPages({ sessionId, documentId: doc.id, language });
    if (!alive.current) return;
    setScanning(null);
    if (reply.ok) {
      dispatch({ type: 'pagesAdded', documentId: doc.id, pages: reply.value.pages });
      if (reply.value.notice) setMessage({ documentId: doc.id, text: reply.value.notice, tone: 'warning' });
    } else setMessage({ documentId: doc.id, text: reply.error.message, tone: 'error' });
  };

  const paperAllowed = (doc: RequiredDocument) => !doc.acceptScan || procedure.level !== 'fully_online';

  return (
    <StepFrame
      step="documents"
      title={t('dossier.documents.title')}
      subtitle={t('dossier.documents.subtitle')}
      language={language}
      problems={problems}
      onBack={scanning ? undefined : onBack}
      onNext={scanning ? undefined : onNext}
      busy={busy}
    >
      <ol className="dossier__documents">
        {procedure.documents.map((doc) => {
          const choice: DocumentChoice = state.documents[doc.id] ?? { kind: 'none' };
          const live = scanning?.documentId === doc.id ? scanning : null;
          const problem = problems.find((p) => p.path === `documents.${doc.id}`) ?? problemAtDocument(problems, procedure, state, doc.id);
          const note = message?.documentId === doc.id ? message : null;
          return (
            <li key={doc.id} className={problem ? 'dossier__document is-invalid' : 'dossier__document'} data-testid={`doc-${doc.id}`} data-state={choice.kind}>
              <div className="dossier__document-head">
                <span className="dossier__document-name">{doc.name[language]}</span>
                <span className="documents__facts">
                  <span className="chip">{t(`procedure.forms.${doc.form}`)}</span>
                  <span className={doc.mandatory ? 'chip chip--strong' : 'chip'}>{doc.mandatory ? t('procedure.mandatory') : t('procedure.optional')}</span>
                </span>
              </div>
              {choice.kind === 'paper' ? (
                <p className="dossier__paper" data-testid={`doc-${doc.id}-paper`}>
                  {doc.acceptScan ? t('dossier.documents.paperChosen') : t('dossier.documents.paperOnly')}
                </p>
              ) : null}
              {choice.kind === 'scanned' || live ? (
                <div className="dossier__pages" data-testid={`doc-${doc.id}-pages`}>
                  {(choice.kind === 'scanned' ? choice.pages : []).map((p, i) => (
                    <figure key={p.pageId} className="dossier__page" data-testid="scanned-page">
                      <img src={p.thumbnail} alt={t('dossier.documents.pageAlt', { number: i + 1 })} />
                      <figcaption>
                        <span>{t('dossier.documents.page', { number: i + 1 })}</span>
                        <button type="button" className="dossier__page-delete" data-testid="page-delete" disabled={scanning !== null} onClick={() => void discard(doc.id, p.pageId)}>
                          {t('dossier.documents.deletePage')}
                        </button>
                      </figcaption>
                    </figure>
                  ))}
                  {live?.thumbnails.map((thumb, i) => (
                    <figure key={`live-${i}`} className="dossier__page dossier__page--live">
                      <img src={thumb} alt={t('dossier.documents.pageAlt', { number: i + 1 })} />
                    </figure>
                  ))}
                </div>
              ) : null}
              {live ? (
                <p className="dossier__scanning" role="status" data-testid="scan-progress">
                  <span className="spinner spinner--small" aria-hidden="true" />
                  {live.thumbnails.length === 0 ? t('dossier.documents.scanningStart') : t('dossier.documents.scanningPage', { count: live.thumbnails.length })}
                </p>
              ) : null}
              {note ? (
                <p className={`notice notice--${note.tone}`} role="alert" data-testid={`doc-${doc.id}-message`}>
                  {typeof note.text === 'string' ? note.text : note.text[language]}
                </p>
              ) : null}
              {problem ? (
                <p className="field__problem" role="alert">
                  {problem.message[language]}
                </p>
              ) : null}
              <div className="dossier__document-actions">
                {doc.acceptScan && choice.kind !== 'scanned' ? (
                  <button type="button" className="button button--primary" data-testid={`doc-${doc.id}-scan`} disabled={scanning !== null} onClick={() => void scan(doc, false)}>
                    {t('dossier.documents.scan')}
                  </button>
                ) : null}
                {doc.acceptScan && choice.kind === 'scanned' ? (
                  <>
                    <button type="button" className="button button--secondary" data-testid={`doc-${doc.id}-add`} disabled={scanning !== null} onClick={() => void scan(doc, false)}>
                      {t('dossier.documents.addPage')}
                    </button>
                    <button type="button" className="button button--secondary" data-testid={`doc-${doc.id}-rescan`} disabled={scanning !== null} onClick={() => void scan(doc, true)}>
                      {t('dossier.documents.rescan')}
                    </button>
                  </>
                ) : null}
                {doc.acceptScan && paperAllowed(doc) && choice.kind === 'none' ? (
                  <button type="button" className="button button--secondary" data-testid={`doc-${doc.id}-paper-choose`} disabled={scanning !== null} onClick={() => dispatch({ type: 'documentChosen', documentId: doc.id, choice: 'paper' })}>
                    {t('dossier.documents.choosePaper')}
                  </button>
                ) : null}
                {doc.acceptScan && choice.kind === 'paper' ? (
                  <button type="button" className="button button--secondary" data-testid={`doc-${doc.id}-paper-undo`} onClick={() => dispatch({ type: 'documentChosen', documentId: doc.id, choice: 'none' })}>
                    {t('dossier.documents.scanInstead')}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </StepFrame>
  );
}

/**
 * The core names a draft document by its position in the draft, which lists the documents chosen
 * (scanned or paper) in the procedure's order (buildDraft); map that back to the document.
 */
function problemAtDocument(problems: readonly DraftProblem[], procedure: ProcedureDetail, state: JourneyState, documentId: string): DraftProblem | undefined {
  const inDraft = procedure.documents.filter((d) => (state.documents[d.id]?.kind ?? 'none') !== 'none').map((d) => d.id);
  const index = inDraft.indexOf(documentId);
  return index < 0 ? undefined : problemAt(problems, `documents.${index}`);
}
