import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureDetail } from '../../src-shared/catalog';
import type { KioskClient } from '../../src-shared/contract';
import type { DraftProblem } from '../../src-shared/dossier';
import type { Language } from '../../src-shared/dto';
import type { KioskErrorPayload } from '../../src-shared/errors';
import type { ScanMessage } from '../../src-shared/scan';
import { assertNever } from '../../src-shared/assert-never';
import { useAlive } from '../app/use-alive';
import { ScreenFrame } from '../components/ScreenFrame';
import { ConsentStep } from './ConsentStep';
import { DeliveryStep } from './DeliveryStep';
import { DocumentsStep } from './DocumentsStep';
import { FormStep } from './FormStep';
import { IdentifyStep } from './IdentifyStep';
import { IntroStep } from './IntroStep';
import { buildDraft, initialJourney, journeyReducer, nextStep, previousStep, problemsOfStep, type JourneyState } from './journey';
import { localProblems } from './local-problems';
import { ReceiptStep } from './ReceiptStep';
import { ReviewStep } from './ReviewStep';
import './dossier.css';

interface DossierJourneyProps {
  kiosk: KioskClient;
  code: string;
  language: Language;
  /** How long the kiosk keeps a delivered dossier's personal data (consent and receipt say it). */
  retentionHours: number;
  /** Leave without submitting (back to the procedure). */
  onLeave: () => void;
  /** The visit is over (receipt seen): the session is wiped. */
  onDone: () => void;
  onError: (error: KioskErrorPayload) => void;
}

/** "Nộp hồ sơ": loads the procedure, then runs the journey for it. */
export function DossierJourney({ kiosk, code, language, retentionHours, onLeave, onDone, onError }: DossierJourneyProps): ReactElement {
  const { t } = useTranslation();
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  useEffect(() => {
    let alive = true;
    void kiosk.getProcedure({ code }).then((reply) => {
      if (!alive) return;
      if (reply.ok) setProcedure(reply.value);
      else onError(reply.error);
    });
    return () => {
      alive = false;
    };
  }, [kiosk, code, onError]);
  if (!procedure) {
    return (
      <ScreenFrame testId="dossier-loading" title={t('procedure.loading')}>
        <div className="spinner" aria-hidden="true" />
      </ScreenFrame>
    );
  }
  return <Journey kiosk={kiosk} procedure={procedure} language={language} retentionHours={retentionHours} onLeave={onLeave} onDone={onDone} onError={onError} />;
}

interface JourneyProps extends Omit<DossierJourneyProps, 'code'> {
  procedure: ProcedureDetail;
}

function Journey({ kiosk, procedure, language, retentionHours, onLeave, onDone, onError }: JourneyProps): ReactElement {
  const { t } = useTranslation();
  const reducer = useMemo(() => journeyReducer(procedure), [procedure]);
  const [state, dispatch] = useReducer(reducer, procedure, initialJourney);
  const [busy, setBusy] = useState(false);
  const [scanProblem, setScanProblem] = useState<ScanMessage | null>(null);
  const stateRef = useRef<JourneyState>(state);
  stateRef.current = state;
  const alive = useAlive();

  // Leaving before the receipt (Home, Back, idle timeout) cancels the session: the core deletes
  // the scanned pages, and unmounting drops everything typed here.
  useEffect(() => {
    return () => {
      const { sessionId, step } = stateRef.current;
      if (sessionId && step !== 'receipt') void kiosk.cancelDossier({ sessionId });
    };
  }, [kiosk]);

  useEffect(
    () =>
      kiosk.on('scan', (event) => {
        if (stateRef.current.step !== 'identify') return;
        if (event.kind === 'cccd') {
          setScanProblem(null);
          dispatch({ type: 'cccdScanned', identity: event.identity });
        } else if (event.kind === 'unknown') setScanProblem(event.message);
        else setScanProblem({ vi: t('dossier.identify.notACard', { lng: 'vi' }), en: t('dossier.identify.notACard', { lng: 'en' }) });
      }),
    [kiosk, t],
  );

  const start = async () => {
    if (busy) return;
    setBusy(true);
    const reply = await kiosk.beginDossier({ procedureCode: procedure.code });
    if (!alive.current) return;
    setBusy(false);
    if (reply.ok) dispatch({ type: 'sessionBegun', sessionId: reply.value.sessionId });
    else onError(reply.error);
  };

  /** Asks the core whether this step is right; goes on only when it has nothing to say about it. */
  const next = useCallback(async () => {
    const now = stateRef.current;
    const local = localProblems(now);
    const draft = buildDraft(now, procedure, language);
    if (!draft || busy) return;
    setBusy(true);
    const reply = await kiosk.validateDossierDraft({ draft });
    if (!alive.current) return;
    setBusy(false);
    if (!reply.ok) return dispatch({ type: 'problems', problems: [{ path: 'request', message: { vi: reply.error.message, en: reply.error.message } }] });
    const problems: DraftProblem[] = [...local, ...problemsOfStep(now.step, reply.value, now.delivery.method).filter((p) => !local.some((l) => l.path === p.path))];
    if (problems.length > 0) dispatch({ type: 'problems', problems });
    else dispatch({ type: 'goto', step: nextStep(now) });
  }, [busy, kiosk, language, procedure]);

  const submit = async () => {
    const draft = buildDraft(stateRef.current, procedure, language);
    if (!draft || busy) return;
    setBusy(true);
    dispatch({ type: 'goto', step: 'submitting' });
    const reply = await kiosk.submitDossier({ draft });
    if (!alive.current) return;
    setBusy(false);
    if (reply.ok) return dispatch({ type: 'submitted', outcome: reply.value });
    dispatch({ type: 'goto', step: 'review' });
    dispatch({ type: 'problems', problems: [{ path: 'submit', message: { vi: reply.error.message, en: reply.error.message } }] });
  };

  const back = () => {
    const previous = previousStep(state.step);
    if (previous === 'intro' || previous === null) onLeave();
    else dispatch({ type: 'goto', step: previous });
  };
  const common = { state, language, problems: state.problems, busy, dispatch, onBack: back, onNext: () => void next() };

  switch (state.step) {
    case 'intro':
      return <IntroStep procedure={procedure} language={language} starting={busy} onStart={() => void start()} onCancel={onLeave} />;
    case 'identify':
      return <IdentifyStep {...common} scanProblem={scanProblem} />;
    case 'form':
      return <FormStep {...common} procedure={procedure} />;
    case 'documents':
      return <DocumentsStep {...common} kiosk={kiosk} procedure={procedure} />;
    case 'delivery':
      return <DeliveryStep {...common} procedure={procedure} />;
    case 'consent':
      return <ConsentStep state={state} language={language} retentionHours={retentionHours} dispatch={dispatch} onBack={back} onNext={() => void next()} />;
    case 'review':
      return <ReviewStep {...common} procedure={procedure} onSubmit={() => void submit()} />;
    case 'submitting':
      return (
        <ScreenFrame testId="dossier-submitting" title={t('dossier.submitting.title')} subtitle={t('dossier.submitting.subtitle')}>
          <div className="spinner" aria-hidden="true" />
        </ScreenFrame>
      );
    case 'receipt':
      return state.outcome ? <ReceiptStep kiosk={kiosk} outcome={state.outcome} language={language} retentionHours={retentionHours} onDone={onDone} /> : <></>;
    default:
      return assertNever(state.step);
  }
}
