import { Suspense, useCallback, useEffect, useLayoutEffect, useReducer, useState, type ReactElement } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { DeviceHealth, KioskInfo } from '../../src-shared/dto';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { IdleWarning } from '../components/IdleWarning';
import i18n from '../i18n';
import { initialSession, sessionReducer } from './session';
import { preloadScreens, StaffGate } from './lazy-screens';
import { SessionView } from './SessionView';
import { useIdleTimer } from './use-idle-timer';
import { useWedgeScanner } from '../scan/use-wedge-scanner';
import { StaffCorner } from '../staff/StaffCorner';
import { useOpenAlertCount } from '../staff/use-staff-alerts';
import { SpeechGuide } from '../speech/speech-guide';
import { SpeechProvider } from '../speech/SpeechProvider';
import { useDisplayModes } from '../display/display-modes';
import { useKeypad } from '../keypad/use-keypad';

interface KioskProps {
  kiosk: KioskClient;
  info: KioskInfo;
  devices: readonly DeviceHealth[];
  /** A call failed because the store is down: have the app check and take the kiosk out of service. */
  onStoreTrouble: () => void;
}

/**
 * Owns the visitor's session. Ending it (idle timeout, Done, a crash) resets the reducer to its
 * initial state AND remounts the session's components under a new key, so no component-local
 * state (a half-loaded list, a QR image of the last ticket) survives into the next visit.
 */
export function Kiosk({ kiosk, info, devices, onStoreTrouble }: KioskProps): ReactElement {
  const [state, dispatch] = useReducer(sessionReducer, info.defaultLanguage, initialSession);
  const [sessionKey, setSessionKey] = useState(0);

  const [staffOpen, setStaffOpen] = useState(false);
  // One audio guide for the kiosk's life; each session starts with it off (reset below).
  const [speech] = useState(() => new SpeechGuide({ speak: (text, language) => kiosk.speak({ text, language }), createAudioContext: () => new AudioContext() }));
  // Large text and high contrast belong to one visitor (decision 0034).
  const resetDisplayModes = useDisplayModes()?.reset;
  useKeypad();
  const endSession = useCallback(() => {
    speech.reset();
    dispatch({ type: 'reset' });
    setSessionKey((key) => key + 1);
    resetDisplayModes?.();
    // The idle reset also closes the staff panel (which logs out) and has main forget the last scan.
    setStaffOpen(false);
    void kiosk.endCitizenSession({});
  }, [kiosk, speech, resetDisplayModes]);

  // A citizen starts at the attract screen's first tap: main ends any staff session and forgets earlier scans.
  const citizenActive = state.screen.name !== 'attract';
  useEffect(() => {
    if (citizenActive) void kiosk.startCitizenSession({});
  }, [citizenActive, kiosk]);

  // Before paint, so a language switch never shows a frame in the old language.
  useLayoutEffect(() => {
    if (i18n.language !== state.language) void i18n.changeLanguage(state.language);
  }, [state.language]);

  // The attract screen is up: fetch the other screens now, while nobody is waiting for them.
  useEffect(() => {
    const timer = setTimeout(preloadScreens, 500);
    return () => clearTimeout(timer);
  }, []);

  const openAlerts = useOpenAlertCount(kiosk);
  // Wedge scans go to the core, which classifies them and pushes them back as `scan` events,
  // the same way screens hear a HID-POS scanner; nothing to do with the reply here.
  const onWedgeScan = useCallback(() => {}, []);
  useWedgeScanner(kiosk, onWedgeScan);

  const idle = useIdleTimer({
    enabled: state.screen.name !== 'attract',
    timeoutSeconds: info.idle.timeoutSeconds,
    warningSeconds: info.idle.warningSeconds,
    onExpire: endSession,
  });

  return (
    // The search screen fits the viewport exactly (results scroll, the keyboard stays put).
    <SpeechProvider guide={speech}>
      <div className={state.screen.name === 'search' ? 'app app--fit' : 'app'}>
        <ErrorBoundary onRestart={endSession}>
          <SessionView
            key={sessionKey}
            kiosk={kiosk}
            info={info}
            devices={devices}
            state={state}
            dispatch={dispatch}
            onEnd={endSession}
            onStoreTrouble={onStoreTrouble}
          />
        </ErrorBoundary>
        <StaffCorner openAlerts={openAlerts} onOpen={() => setStaffOpen(true)} />
        {/* Leaving the staff panel ends at the attract screen with a fresh session: nothing of the staff visit stays.
            A PIN pad cancelled (a citizen leaning on the corner) leaves the citizen where they were. */}
        {staffOpen ? (
          <Suspense fallback={null}>
            <StaffGate kiosk={kiosk} language={state.language} onClose={(staffWasIn) => (staffWasIn ? endSession() : setStaffOpen(false))} />
          </Suspense>
        ) : null}
        {idle.warningSecondsLeft === null ? null : (
          <IdleWarning secondsLeft={idle.warningSecondsLeft} onContinue={idle.stillHere} />
        )}
      </div>
    </SpeechProvider>
  );
}
