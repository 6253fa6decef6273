import { Suspense, useCallback, useRef, type ReactElement } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { DeviceHealth, KioskInfo, Priority } from '../../src-shared/dto';
import type { KioskErrorPayload } from '../../src-shared/errors';
import { Header } from '../components/Header';
import { AttractScreen } from '../screens/AttractScreen';
import { ErrorScreen } from '../screens/ErrorScreen';
import { HomeScreen } from '../screens/HomeScreen';
import { IssuingScreen } from '../screens/IssuingScreen';
import { LanguageScreen } from '../screens/LanguageScreen';
import { PriorityScreen } from '../screens/PriorityScreen';
import { ServicesScreen } from '../screens/ServicesScreen';
import { TicketScreen } from '../screens/TicketScreen';
import { assertNever } from '../../src-shared/assert-never';
import { CatalogScreen, DossierJourney, LookupScreen, ProcedureScreen, ProceduresScreen, RatingScreen, SearchScreen, SubmitDossierButton } from './lazy-screens';
import { backTarget, canGoHome, type SessionAction, type SessionState } from './session';
import { useAlive } from './use-alive';

interface SessionViewProps {
  kiosk: KioskClient;
  info: KioskInfo;
  devices: readonly DeviceHealth[];
  state: SessionState;
  dispatch: (action: SessionAction) => void;
  onEnd: () => void;
  onStoreTrouble: () => void;
}

/** The current screen of one session, with the header on every screen but the attract one. */
export function SessionView({ kiosk, info, devices, state, dispatch, onEnd, onStoreTrouble }: SessionViewProps): ReactElement {
  // Replies can arrive after this session ended (idle timeout during a slow call). This view is
  // remounted for each session, so a reply for an unmounted one is dropped here instead of
  // landing in the next visitor's session.
  const alive = useAlive();
  const send = useCallback((action: SessionAction) => alive.current && dispatch(action), [dispatch]);

  const fail = useCallback(
    (error: KioskErrorPayload) => {
      send({ type: 'callFailed', error });
      if (error.code === 'store_unavailable') onStoreTrouble();
    },
    [send, onStoreTrouble],
  );

  // One ticket per tap: a double tap must not reach the core twice.
  const issuing = useRef(false);
  const choosePriority = async (priority: Priority) => {
    const { screen, language } = state;
    if (issuing.current || screen.name !== 'priority') return;
    issuing.current = true;
    send({ type: 'priorityChosen', priority });
    try {
      const reply = await kiosk.takeTicket({ serviceId: screen.service.id, priority, language });
      if (reply.ok) send({ type: 'ticketIssued', ticket: reply.value });
      else fail(reply.error);
    } finally {
      issuing.current = false;
    }
  };

  const { screen, language } = state;
  if (screen.name === 'attract') {
    return <AttractScreen centerName={info.centerName[language]} language={language} onStart={() => send({ type: 'start' })} />;
  }

  const body = ((): ReactElement => {
    switch (screen.name) {
      case 'language':
        return <LanguageScreen onChoose={(chosen) => send({ type: 'languageChosen', language: chosen })} />;
      case 'home':
        return <HomeScreen kiosk={kiosk} language={language} devices={devices} dispatch={send} />;
      case 'services':
        return (
          <ServicesScreen
            kiosk={kiosk}
            language={language}
            onChoose={(service) => send({ type: 'serviceChosen', service })}
            onError={fail}
          />
        );
      case 'priority':
        return <PriorityScreen service={screen.service} language={language} onChoose={(p) => void choosePriority(p)} />;
      case 'issuing':
        return <IssuingScreen service={screen.service} language={language} />;
      case 'ticket':
        return (
          <TicketScreen
            kiosk={kiosk}
            ticket={screen.ticket}
            language={language}
            displaySeconds={info.idle.ticketDisplaySeconds}
            onUpdated={(ticket) => send({ type: 'ticketUpdated', ticket })}
            onDone={onEnd}
          />
        );
      case 'error':
        return <ErrorScreen error={screen.error} onHome={() => send({ type: 'home' })} />;
      case 'catalog':
        return (
          <CatalogScreen
            kiosk={kiosk}
            language={language}
            onField={(field) => send({ type: 'fieldChosen', field })}
            onSearch={() => send({ type: 'openSearch' })}
            onError={fail}
          />
        );
      case 'procedures':
        return (
          <ProceduresScreen
            kiosk={kiosk}
            field={screen.field}
            language={language}
            onOpen={(code) => send({ type: 'procedureChosen', code })}
            onError={fail}
          />
        );
      case 'search':
        return (
          <SearchScreen
            kiosk={kiosk}
            language={language}
            query={screen.query}
            method={screen.method}
            onQuery={(query) => send({ type: 'searchEdited', query })}
            onMethod={(method) => send({ type: 'inputMethodChosen', method })}
            onOpen={(code) => send({ type: 'procedureChosen', code })}
            onBrowse={() => send({ type: 'openCatalog' })}
          />
        );
      case 'procedure':
        // The "Nộp hồ sơ" action comes with the submission work, through `submitAction`.
        return (
          <ProcedureScreen
            key={screen.code}
            kiosk={kiosk}
            code={screen.code}
            language={language}
            devices={devices}
            onError={fail}
            submitAction={<SubmitDossierButton kiosk={kiosk} code={screen.code} onStart={() => send({ type: 'startDossier' })} />}
          />
        );
      case 'dossier':
        return (
          <DossierJourney
            kiosk={kiosk}
            code={screen.code}
            language={language}
            retentionHours={info.privacy.retentionHours}
            onLeave={() => send({ type: 'leaveDossier' })}
            onDone={onEnd}
            onError={fail}
          />
        );
      case 'lookup':
        return <LookupScreen kiosk={kiosk} language={language} />;
      case 'rating':
        return <RatingScreen kiosk={kiosk} language={language} onDone={() => send({ type: 'home' })} />;
      default:
        return assertNever(screen);
    }
  })();

  return (
    <>
      <Header
        kiosk={kiosk}
        centerName={info.centerName[language]}
        language={language}
        onLanguage={screen.name === 'language' ? undefined : (chosen) => send({ type: 'setLanguage', language: chosen })}
        onBack={backTarget(screen) ? () => send({ type: 'back' }) : undefined}
        onHome={canGoHome(screen) ? () => send({ type: 'home' }) : undefined}
      />
      <Suspense fallback={<main className="screen" aria-busy="true" />}>{body}</Suspense>
    </>
  );
}
