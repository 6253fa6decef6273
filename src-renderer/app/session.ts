import type { KioskErrorPayload } from '../../src-shared/errors';
import type { Language, Priority, QueueServiceDto, TicketDto } from '../../src-shared/dto';
import { assertNever } from './assert-never';

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
  | { readonly name: 'error'; readonly error: KioskErrorPayload };

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
