import { describe, expect, it } from 'vitest';
import type { QueueServiceDto, TicketDto } from '../../../src-shared/dto';
import {
  backTarget,
  initialSession,
  sessionReducer,
  type SessionAction,
  type SessionState,
} from '../../../src-renderer/app/session';

const land: QueueServiceDto = {
  id: 'dat-dai',
  prefix: 'A',
  icon: 'land',
  name: { vi: 'Đất đai', en: 'Land' },
  description: { vi: 'Đăng ký biến động', en: 'Land changes' },
};

const ticket: TicketDto = {
  id: '0b6f4c2e-6a7e-4b8e-9d0c-2f1a3b4c5d6e',
  display: 'A001',
  serviceId: 'dat-dai',
  serviceName: land.name,
  priority: 'elderly',
  issuedAt: '2025-05-12T01:02:03.000Z',
  waitingAhead: 3,
  wait: { peopleAhead: 3, source: 'kiosk', asOf: null, asOfText: null, estimate: null },
  qrText: 'https://example.test/q/A001',
  printed: true,
  printError: null,
};

const run = (state: SessionState, ...actions: SessionAction[]): SessionState => actions.reduce(sessionReducer, state);

describe('session reducer', () => {
  it('starts on the attract screen in the default language', () => {
    expect(initialSession()).toEqual({ screen: { name: 'attract' }, language: 'vi', defaultLanguage: 'vi' });
    expect(initialSession('en').language).toBe('en');
  });

  it('walks the happy path from attract to a ticket', () => {
    let state = initialSession('vi');
    state = sessionReducer(state, { type: 'start' });
    expect(state.screen).toEqual({ name: 'language' });
    state = sessionReducer(state, { type: 'languageChosen', language: 'en' });
    expect(state.screen).toEqual({ name: 'home' });
    expect(state.language).toBe('en');
    state = sessionReducer(state, { type: 'openServices' });
    expect(state.screen).toEqual({ name: 'services' });
    state = sessionReducer(state, { type: 'serviceChosen', service: land });
    expect(state.screen).toEqual({ name: 'priority', service: land });
    state = sessionReducer(state, { type: 'priorityChosen', priority: 'elderly' });
    expect(state.screen).toEqual({ name: 'issuing', service: land, priority: 'elderly' });
    state = sessionReducer(state, { type: 'ticketIssued', ticket });
    expect(state.screen).toEqual({ name: 'ticket', ticket });
    const reprinted = { ...ticket, printed: false, printError: 'paper out' };
    state = sessionReducer(state, { type: 'ticketUpdated', ticket: reprinted });
    expect(state.screen).toEqual({ name: 'ticket', ticket: reprinted });
  });

  it('returns exactly the initial state on an idle reset, from any screen and language', () => {
    const initial = initialSession('vi');
    const deep = run(
      initial,
      { type: 'start' },
      { type: 'languageChosen', language: 'en' },
      { type: 'openServices' },
      { type: 'serviceChosen', service: land },
      { type: 'priorityChosen', priority: 'none' },
      { type: 'ticketIssued', ticket },
    );
    expect(deep.screen.name).toBe('ticket');
    expect(sessionReducer(deep, { type: 'reset' })).toEqual(initial);
    expect(sessionReducer(initial, { type: 'reset' })).toEqual(initial);
  });

  it('goes back from priority to services, and from services to home', () => {
    const atPriority = run(
      initialSession(),
      { type: 'start' },
      { type: 'languageChosen', language: 'vi' },
      { type: 'openServices' },
      { type: 'serviceChosen', service: land },
    );
    const back = sessionReducer(atPriority, { type: 'back' });
    expect(back.screen).toEqual({ name: 'services' });
    expect(sessionReducer(back, { type: 'back' }).screen).toEqual({ name: 'home' });
  });

  it('offers no Back while a ticket is issued or shown, nor on the attract screen', () => {
    expect(backTarget({ name: 'attract' })).toBeNull();
    expect(backTarget({ name: 'issuing', service: land, priority: 'none' })).toBeNull();
    expect(backTarget({ name: 'ticket', ticket })).toBeNull();
    const issuing: SessionState = { ...initialSession(), screen: { name: 'issuing', service: land, priority: 'none' } };
    expect(sessionReducer(issuing, { type: 'back' })).toBe(issuing);
    expect(sessionReducer(issuing, { type: 'home' })).toBe(issuing);
  });

  it('ignores late or out-of-place actions instead of jumping screens', () => {
    const home: SessionState = { ...initialSession(), screen: { name: 'home' } };
    expect(sessionReducer(home, { type: 'ticketIssued', ticket })).toBe(home);
    expect(sessionReducer(home, { type: 'priorityChosen', priority: 'none' })).toBe(home);
    const attract = initialSession();
    expect(sessionReducer(attract, { type: 'callFailed', error: { code: 'internal', message: 'x' } })).toBe(attract);
    const other = { ...ticket, id: '1b6f4c2e-6a7e-4b8e-9d0c-2f1a3b4c5d6e' };
    const shown: SessionState = { ...initialSession(), screen: { name: 'ticket', ticket } };
    expect(sessionReducer(shown, { type: 'ticketUpdated', ticket: other })).toBe(shown);
  });

  it('shows a failed call as an error screen whose way out is home', () => {
    const error = { code: 'device_unavailable' as const, message: 'printer offline' };
    const issuing: SessionState = { ...initialSession(), screen: { name: 'issuing', service: land, priority: 'none' } };
    const failed = sessionReducer(issuing, { type: 'callFailed', error });
    expect(failed.screen).toEqual({ name: 'error', error });
    expect(sessionReducer(failed, { type: 'home' }).screen).toEqual({ name: 'home' });
    expect(sessionReducer(failed, { type: 'back' }).screen).toEqual({ name: 'home' });
  });

  it('switches language on any screen without moving', () => {
    const services: SessionState = { ...initialSession(), screen: { name: 'services' } };
    expect(sessionReducer(services, { type: 'setLanguage', language: 'en' })).toEqual({ ...services, language: 'en' });
  });
});
