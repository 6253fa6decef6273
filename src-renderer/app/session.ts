import type { KioskErrorPayload } from '../../src-shared/errors';
import type { FieldSummary } from '../../src-shared/catalog';
import type { Language, Priority, QueueServiceDto, TicketDto } from '../../src-shared/dto';
import type { InputMethod } from '../keyboard/vietnamese-ime';
import { assertNever } from '../../src-shared/assert-never';

/**
 * One citizen's visit, from the attract screen to the ticket. Everything a visitor chose lives
 * here and nowhere else, so that resetting this state (idle timeout, "Done") wipes the session.
 * The reducer is pure; calls to the core happen in components, which report back with actions.
 */
export type Screen =
  | { readonly name: 'attract' }
  | { readonly name: 'language' }
  | { readonly name: 'home' }
  | { readonly name: 'services' }
  | { readonly name: 'priority'; readonly service: QueueServiceDto }
  | { readonly name: 'issuing'; readonly service: QueueServiceDto; readonly priority: Priority }
  | { readonly name: 'ticket'; readonly ticket: TicketDto }
  | { readonly name: 'error'; readonly error: KioskErrorPayload }
  | { readonly name: 'catalog' }
  | { readonly name: 'procedures'; readonly field: FieldSummary }
  | SearchScreenState
  | { readonly name: 'procedure'; readonly code: string; readonly returnTo: ProcedureOrigin }
  /** Submitting a dossier; the citizen's data lives in the journey component, not here. */
  | { readonly name: 'dossier'; readonly code: string; readonly returnTo: ProcedureOrigin }
  | { readonly name: 'lookup' }
  /** The "Đánh giá" tile: a dossier's handling by code, or today's counter visit by ticket number. */
  | { readonly name: 'rating' };

/**
 * The search text lives in the session, not in the screen's component: Back from a procedure
 * returns to the same text, and an idle reset wipes it with everything else.
 */
export interface SearchScreenState {
  readonly name: 'search';
  readonly query: string;
  readonly method: InputMethod;
  /** Where Back leads: search opens from the home screen and from the catalog. */
  readonly from: 'home' | 'catalog';
}

/** The screens a procedure's detail is opened from, and returns to. */
export type ProcedureOrigin = Extract<Screen, { name: 'procedures' | 'search' }>;

/** Search starts in no-tone mode: the catalog search ignores marks, so plain letters always work. */
export const DEFAULT_INPUT_METHOD: InputMethod = 'none';

export type ScreenName = Screen['name'];

export interface SessionState {
  readonly screen: Screen;
  readonly language: Language;
  /** The center's language; a reset returns to it. */
  readonly defaultLanguage: Language;
}

export type SessionAction =
  | { readonly type: 'start' }
  | { readonly type: 'languageChosen'; readonly language: Language }
  | { readonly type: 'setLanguage'; readonly language: Language }
  | { readonly type: 'openServices' }
  | { readonly type: 'serviceChosen'; readonly service: QueueServiceDto }
  | { readonly type: 'priorityChosen'; readonly priority: Priority }
  | { readonly type: 'ticketIssued'; readonly ticket: TicketDto }
  | { readonly type: 'ticketUpdated'; readonly ticket: TicketDto }
  | { readonly type: 'callFailed'; readonly error: KioskErrorPayload }
  | { readonly type: 'openCatalog' }
  | { readonly type: 'openSearch' }
  | { readonly type: 'fieldChosen'; readonly field: FieldSummary }
  | { readonly type: 'procedureChosen'; readonly code: string }
  | { readonly type: 'searchEdited'; readonly query: string }
  | { readonly type: 'inputMethodChosen'; readonly method: InputMethod }
  | { readonly type: 'startDossier' }
  | { readonly type: 'leaveDossier' }
  | { readonly type: 'openLookup' }
  | { readonly type: 'openRating' }
  | { readonly type: 'back' }
  | { readonly type: 'home' }
  | { readonly type: 'reset' };

export function initialSession(defaultLanguage: Language = 'vi'): SessionState {
  return { screen: { name: 'attract' }, language: defaultLanguage, defaultLanguage };
}

/**
 * Where Back leads from each screen, or null where going back makes no sense: on the attract
 * screen, while a ticket is being issued (the request is already with the core), and once a
 * ticket exists (going "back" to the priority question would invite a second ticket).
 */
export function backTarget(screen: Screen): Screen | null {
  switch (screen.name) {
    case 'attract':
    case 'issuing':
    case 'ticket':
      return null;
    case 'language':
      return { name: 'attract' };
    case 'home':
      return { name: 'language' };
    case 'services':
    case 'error':
      return { name: 'home' };
    case 'priority':
      return { name: 'services' };
    case 'catalog':
      return { name: 'home' };
    case 'procedures':
      return { name: 'catalog' };
    case 'search':
      return screen.from === 'home' ? { name: 'home' } : { name: 'catalog' };
    case 'procedure':
      return screen.returnTo;
    case 'dossier':
      // The journey has its own Back per step; the header's would skip past what was typed.
      return null;
    case 'lookup':
    case 'rating':
      return { name: 'home' };
    default:
      return assertNever(screen);
  }
}

/** Home is offered everywhere except where a visit has not started or a request is in flight. */
export function canGoHome(screen: Screen): boolean {
  return screen.name !== 'attract' && screen.name !== 'issuing';
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  const { screen } = state;
  const go = (next: Screen): SessionState => ({ ...state, screen: next });
  // Actions that do not fit the current screen are ignored rather than thrown: they are
  // usually late replies or double taps, and the visitor must never see a crash for them.
  switch (action.type) {
    case 'start':
      return screen.name === 'attract' ? go({ name: 'language' }) : state;
    case 'languageChosen':
      return screen.name === 'language' ? { ...state, language: action.language, screen: { name: 'home' } } : state;
    case 'setLanguage':
      return { ...state, language: action.language };
    case 'openServices':
      return screen.name === 'home' ? go({ name: 'services' }) : state;
    case 'serviceChosen':
      return screen.name === 'services' ? go({ name: 'priority', service: action.service }) : state;
    case 'priorityChosen':
      return screen.name === 'priority'
        ? go({ name: 'issuing', service: screen.service, priority: action.priority })
        : state;
    case 'ticketIssued':
      return screen.name === 'issuing' ? go({ name: 'ticket', ticket: action.ticket }) : state;
    case 'ticketUpdated':
      return screen.name === 'ticket' && screen.ticket.id === action.ticket.id
        ? go({ name: 'ticket', ticket: action.ticket })
        : state;
    case 'callFailed':
      return screen.name === 'attract' ? state : go({ name: 'error', error: action.error });
    case 'openCatalog':
      // From search too: its empty state suggests browsing by field instead.
      return screen.name === 'home' || screen.name === 'search' ? go({ name: 'catalog' }) : state;
    case 'openSearch':
      return screen.name === 'home' || screen.name === 'catalog'
        ? go({ name: 'search', query: '', method: DEFAULT_INPUT_METHOD, from: screen.name })
        : state;
    case 'fieldChosen':
      return screen.name === 'catalog' ? go({ name: 'procedures', field: action.field }) : state;
    case 'procedureChosen':
      return screen.name === 'procedures' || screen.name === 'search'
        ? go({ name: 'procedure', code: action.code, returnTo: screen })
        : state;
    case 'searchEdited':
      return screen.name === 'search' ? go({ ...screen, query: action.query }) : state;
    case 'inputMethodChosen':
      return screen.name === 'search' ? go({ ...screen, method: action.method }) : state;
    case 'startDossier':
      return screen.name === 'procedure' ? go({ name: 'dossier', code: screen.code, returnTo: screen.returnTo }) : state;
    case 'leaveDossier':
      return screen.name === 'dossier' ? go({ name: 'procedure', code: screen.code, returnTo: screen.returnTo }) : state;
    case 'openLookup':
      return screen.name === 'home' ? go({ name: 'lookup' }) : state;
    case 'openRating':
      return screen.name === 'home' ? go({ name: 'rating' }) : state;
    case 'back': {
      const target = backTarget(screen);
      return target ? go(target) : state;
    }
    case 'home':
      return canGoHome(screen) ? go({ name: 'home' }) : state;
    case 'reset':
      return initialSession(state.defaultLanguage);
    default:
      return assertNever(action);
  }
}
