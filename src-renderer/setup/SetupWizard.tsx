import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient, ResponseOf } from '../../src-shared/contract';
import type { SetupDevices, SetupDraft, SetupProblem, SetupState } from '../../src-shared/setup';
import i18n from '../i18n';
import { monotonicNow } from '../app/monotonic-clock';
import { ProblemText } from './ProblemText';
import { stepOfField, stepsOf, type SetupStep } from './setup-steps';
import { unanswered, type TestOutcome } from './test-outcome';
import { ItPinStep } from './steps/ItPinStep';
import { CenterStep } from './steps/CenterStep';
import { PortalStep } from './steps/PortalStep';
import { PrinterStep } from './steps/PrinterStep';
import { BarcodeStep } from './steps/BarcodeStep';
import { DocumentScannerStep } from './steps/DocumentScannerStep';
import { StaffPinStep } from './steps/StaffPinStep';
import { ReviewStep } from './steps/ReviewStep';
import './setup.css';

type Valid<M extends keyof ResponseOfSetup> = Extract<ResponseOfSetup[M], { valid: true }>['value'];
interface ResponseOfSetup {
  checkSetupPortal: ResponseOf<'checkSetupPortal'>;
  testSetupBarcodeScanner: ResponseOf<'testSetupBarcodeScanner'>;
  testSetupDocumentScanner: ResponseOf<'testSetupDocumentScanner'>;
}

interface SetupWizardProps {
  kiosk: KioskClient;
  /** An IT session (a redo from the IT menu); null on a first start, which begins with the IT PIN. */
  session: string | null;
  /** Leaves the wizard with nothing changed. */
  onCancel: () => void;
}

/** Keeps the IT session from its idle end while someone works through the steps. */
const TOUCH_EVERY_MS = 15_000;

/**
 * The set-up wizard (issue #19, decision 0040): a first start's IT PIN, then the center and
 * terminal, the portal, the three devices each tried from the settings chosen, the staff PIN and
 * a review. Main checks each step and the finish again; the finish writes config.json in one
 * step and the kiosk starts anew from it (the page reloads on `kioskReloaded`).
 */
export function SetupWizard({ kiosk, session: given, onCancel }: SetupWizardProps): ReactElement {
  const { t } = useTranslation();
  const steps = stepsOf(given === null);
  const [session, setSession] = useState<string | null>(given);
  const [state, setState] = useState<SetupState | null>(null);
  const [draft, setDraft] = useState<SetupDraft | null>(null);
  const [step, setStep] = useState<SetupStep>(steps[0] ?? 'center');
  const [problem, setProblem] = useState<SetupProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [devices, setDevices] = useState<SetupDevices | null>(null);
  const [portalFound, setPortalFound] = useState<Valid<'checkSetupPortal'>>(null);
  const [printTest, setPrintTest] = useState<TestOutcome<Record<string, never>>>({ state: 'idle' });
  const [printTestedKey, setPrintTestedKey] = useState<string | null>(null);
  const [readTest, setReadTest] = useState<TestOutcome<Valid<'testSetupBarcodeScanner'>>>({ state: 'idle' });
  const [scanTest, setScanTest] = useState<TestOutcome<Valid<'testSetupDocumentScanner'>>>({ state: 'idle' });
  const [staffPin, setStaffPin] = useState<string | null>(null);
  const [finished, setFinished] = useState(false);
  const lastTouch = useRef(0);

  const load = useCallback(
    async (token: string) => {
      const reply = await kiosk.getSetupState({ session: token });
      if (!reply.ok) return setProblem(unanswered(reply.error.message));
      setState(reply.value);
      setDraft(reply.value.draft);
    },
    [kiosk],
  );
  useEffect(() => {
    if (given !== null) void load(given);
  }, [given, load]);

  const loadDevices = useCallback(async () => {
    if (session === null) return;
    const reply = await kiosk.listSetupDevices({ session });
    if (reply.ok) setDevices(reply.value);
  }, [kiosk, session]);
  const needsDevices = step === 'printer' || step === 'barcode' || step === 'docscan';
  useEffect(() => {
    if (needsDevices && devices === null) void loadDevices();
  }, [needsDevices, devices, loadDevices]);

  const touch = () => {
    if (session === null || monotonicNow() - lastTouch.current < TOUCH_EVERY_MS) return;
    lastTouch.current = monotonicNow();
    void kiosk.touchStaffSession({ session });
  };

  const go = (next: SetupStep) => {
    setProblem(null);
    setNotice(null);
    setStep(next);
  };
  const index = steps.indexOf(step);
  const back = () => go(steps[Math.max(0, index - 1)] ?? step);
  const forward = () => go(steps[Math.min(steps.length - 1, index + 1)] ?? step);

  const printerKey = draft ? JSON.stringify(draft.printer) : '';
  const testPrint = async (): Promise<boolean> => {
    if (!draft || session === null) return false;
    setPrintTest({ state: 'busy' });
    const reply = await kiosk.testSetupPrinter({ session, printer: draft.printer });
    const answer = reply.ok ? reply.value : unanswered(reply.error.message);
    if (answer.valid) {
      setPrintTest({ state: 'done', value: {} });
      setPrintTestedKey(JSON.stringify(draft.printer));
      return true;
    }
    setPrintTest({ state: 'failed', problem: answer });
    return false;
  };

  /** Each step's check in main before going on; a refusal stays on the step and says why. */
  const next = async () => {
    if (!draft || session === null) return;
    setBusy(true);
    setProblem(null);
    try {
      switch (step) {
        case 'center': {
          const reply = await kiosk.checkSetupCenter({ session, center: draft.center });
          const answer = reply.ok ? reply.value : unanswered(reply.error.message);
          return answer.valid ? forward() : setProblem(answer);
        }
        case 'portal': {
          const reply = await kiosk.checkSetupPortal({ session, portal: draft.portal, terminalId: draft.center.terminalId });
          const answer = reply.ok ? reply.value : unanswered(reply.error.message);
          if (!answer.valid) return setProblem(answer);
          setPortalFound(answer.value);
          return forward();
        }
        case 'printer':
          // A test page through these very settings, once; a printer not there yet may be skipped on a second press.
          if (printTestedKey === printerKey || printTest.state === 'failed' || (await testPrint())) return forward();
          return;
        case 'staff-pin':
          if (staffPin === null && state?.staffPinSet !== true) return setProblem({ valid: false, reason: 'pin-missing', field: 'staffPin', detail: null });
          return forward();
        case 'review': {
          const reply = await kiosk.finishSetup({ session, draft, staffPin });
          const answer = reply.ok ? reply.value : unanswered(reply.error.message);
          if (answer.valid) return setFinished(true);
          const target = stepOfField(answer);
          setStep(target);
          return setProblem(answer);
        }
        default:
          return forward();
      }
    } finally {
      setBusy(false);
    }
  };

  const test = async <T,>(set: (o: TestOutcome<T>) => void, call: () => Promise<{ ok: true; value: { valid: true; value: T } | SetupProblem } | { ok: false; error: { message: string } }>) => {
    set({ state: 'busy' });
    const reply = await call();
    const answer = reply.ok ? reply.value : unanswered(reply.error.message);
    set(answer.valid ? { state: 'done', value: answer.value } : { state: 'failed', problem: answer });
  };

  // What was refused is shown until the person changes something.
  useEffect(() => setProblem(null), [draft]);
  const invalidField = problem?.field ?? null;
  const body = (): ReactElement | null => {
    if (step === 'it-pin') {
      return (
        <ItPinStep
          kiosk={kiosk}
          onGranted={(token) => {
            setSession(token);
            void load(token).then(() => go('center'));
          }}
          onCancel={onCancel}
        />
      );
    }
    if (!draft || session === null) return <p>{t('app.working')}</p>;
    switch (step) {
      case 'center':
        return <CenterStep center={draft.center} invalidField={invalidField} onChange={(center) => setDraft({ ...draft, center })} />;
      case 'portal':
        return (
          <PortalStep
            kiosk={kiosk}
            session={session}
            portal={draft.portal}
            invalidField={invalidField}
            onChange={(portal) => setDraft((d) => (d ? { ...d, portal } : d))}
            onTerminalId={(terminalId) => {
              setDraft((d) => (d ? { ...d, center: { ...d.center, terminalId } } : d));
              setNotice(t('setup.portal.terminalTaken', { id: terminalId }));
            }}
          />
        );
      case 'printer':
        return (
          <PrinterStep
            printer={draft.printer}
            devices={devices}
            invalidField={invalidField}
            test={printTest}
            onChange={(printer) => {
              setDraft({ ...draft, printer });
              setPrintTest({ state: 'idle' });
            }}
            onTest={() => void testPrint()}
          />
        );
      case 'barcode':
        return (
          <BarcodeStep
            scanner={draft.barcodeScanner}
            devices={devices}
            test={readTest}
            onChange={(barcodeScanner) => {
              setDraft({ ...draft, barcodeScanner });
              setReadTest({ state: 'idle' });
            }}
            onTest={() => void test(setReadTest, () => kiosk.testSetupBarcodeScanner({ session, barcodeScanner: draft.barcodeScanner }))}
          />
        );
      case 'docscan':
        return (
          <DocumentScannerStep
            scanner={draft.documentScanner}
            devices={devices}
            test={scanTest}
            onChange={(documentScanner) => {
              setDraft({ ...draft, documentScanner });
              setScanTest({ state: 'idle' });
            }}
            onTest={() => void test(setScanTest, () => kiosk.testSetupDocumentScanner({ session, documentScanner: draft.documentScanner }))}
          />
        );
      case 'staff-pin':
        return <StaffPinStep canKeep={state?.staffPinSet === true} pin={staffPin} message={null} onChange={setStaffPin} />;
      case 'review':
        return <ReviewStep draft={draft} staffPin={staffPin} itPinNew={given === null} portalFound={portalFound} />;
    }
  };

  if (finished) {
    return (
      <main className="setup-wizard setup-wizard--done" data-testid="setup-finished">
        <h1>{t('setup.finished')}</h1>
        <p>{t('setup.finishedText')}</p>
      </main>
    );
  }

  const other = i18n.language === 'en' ? 'vi' : 'en';
  return (
    <main className="setup-wizard" data-testid="setup-wizard" data-step={step} onPointerDown={touch}>
      <header className="setup-wizard__header">
        <p className="setup-wizard__count" data-testid="setup-step-count">
          {t('setup.stepOf', { n: index + 1, of: steps.length })}
        </p>
        <h1 data-testid="setup-step-title">{t(`setup.steps.${step}`)}</h1>
        <button type="button" className="setup-button setup-button--quiet" data-testid="setup-language" onClick={() => void i18n.changeLanguage(other)}>
          {t(`languages.${other}`, { lng: other })}
        </button>
      </header>
      <p className="setup-wizard__intro">{t(`setup.intro.${step}`)}</p>
      {/* The step scrolls if it must; the header, what went wrong and the buttons stay in view. */}
      {notice ? <p className="setup-ok" data-testid="setup-notice">{notice}</p> : null}
      <ProblemText problem={problem} />
      {step === 'printer' && printTest.state === 'failed' ? <p className="setup-hint" data-testid="setup-print-skip">{t('setup.printer.skipHint')}</p> : null}
      <div className="setup-wizard__main">
        {body()}
      </div>
      {step === 'it-pin' ? null : (
        <footer className="setup-wizard__footer">
          <button type="button" className="setup-button setup-button--quiet" data-testid="setup-cancel" onClick={onCancel}>
            {t(given === null ? 'setup.close' : 'setup.cancel')}
          </button>
          <span className="setup-wizard__spacer" />
          <button type="button" className="setup-button" data-testid="setup-back" disabled={busy || index <= (given === null ? 1 : 0)} onClick={back}>
            {t('setup.back')}
          </button>
          <button type="button" className="setup-button setup-button--primary" data-testid="setup-next" disabled={busy || draft === null} onClick={() => void next()}>
            {busy ? t('setup.checking') : t(step === 'review' ? 'setup.finish' : 'setup.next')}
          </button>
        </footer>
      )}
    </main>
  );
}
