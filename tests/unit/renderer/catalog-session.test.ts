import { describe, expect, it } from 'vitest';
import type { FieldSummary } from '../../../src-shared/catalog';
import { homeTiles } from '../../../src-renderer/app/home-tiles';
import {
  backTarget,
  DEFAULT_INPUT_METHOD,
  initialSession,
  sessionReducer,
  type SessionAction,
  type SessionState,
} from '../../../src-renderer/app/session';
import en from '../../../src-renderer/i18n/en.json';
import vi from '../../../src-renderer/i18n/vi.json';

const land: FieldSummary = { code: 'dat-dai', name: { vi: 'Đất đai', en: 'Land' }, icon: 'land', procedureCount: 11 };
const run = (state: SessionState, ...actions: SessionAction[]): SessionState => actions.reduce(sessionReducer, state);
const home: SessionState = { ...initialSession('vi'), screen: { name: 'home' } };

describe('catalog navigation', () => {
  it('offers the catalog and search on the home screen, with the wording asked for', () => {
    expect(homeTiles.find((t) => t.id === 'catalog')?.action).toEqual({ type: 'openCatalog' });
    expect(homeTiles.find((t) => t.id === 'search')?.action).toEqual({ type: 'openSearch' });
    expect(vi.home.tiles.catalog.title).toBe('Thủ tục hành chính');
    expect(en.home.tiles.catalog.title).toBe('Administrative procedures');
    expect(vi.procedure.print).toBe('In danh sách giấy tờ');
    expect(en.procedure.print).toBe('Print document checklist');
  });

  it('walks home → fields → list → detail and back the same way', () => {
    const detail = run(home, { type: 'openCatalog' }, { type: 'fieldChosen', field: land }, { type: 'procedureChosen', code: '1.013831' });
    expect(detail.screen).toEqual({ name: 'procedure', code: '1.013831', returnTo: { name: 'procedures', field: land } });
    const list = sessionReducer(detail, { type: 'back' });
    expect(list.screen).toEqual({ name: 'procedures', field: land });
    const fields = sessionReducer(list, { type: 'back' });
    expect(fields.screen).toEqual({ name: 'catalog' });
    expect(sessionReducer(fields, { type: 'back' }).screen).toEqual({ name: 'home' });
  });

  it('returns from a detail to the search with its text and typing mode', () => {
    const typed = run(
      home,
      { type: 'openSearch' },
      { type: 'inputMethodChosen', method: 'telex' },
      { type: 'searchEdited', query: 'đất' },
      { type: 'procedureChosen', code: '1.013831' },
    );
    expect(typed.screen.name).toBe('procedure');
    expect(sessionReducer(typed, { type: 'back' }).screen).toEqual({ name: 'search', query: 'đất', method: 'telex', from: 'home' });
  });

  it('goes back from search to where it was opened', () => {
    const fromHome = run(home, { type: 'openSearch' });
    expect(fromHome.screen).toEqual({ name: 'search', query: '', method: DEFAULT_INPUT_METHOD, from: 'home' });
    expect(backTarget(fromHome.screen)).toEqual({ name: 'home' });
    const fromCatalog = run(home, { type: 'openCatalog' }, { type: 'openSearch' });
    expect(backTarget(fromCatalog.screen)).toEqual({ name: 'catalog' });
    expect(sessionReducer(fromCatalog, { type: 'openCatalog' }).screen).toEqual({ name: 'catalog' });
  });

  it('wipes the search text on reset and ignores edits off the search screen', () => {
    const typed = run(home, { type: 'openSearch' }, { type: 'searchEdited', query: 'khai sinh' });
    expect(sessionReducer(typed, { type: 'reset' })).toEqual(initialSession('vi'));
    expect(sessionReducer(home, { type: 'searchEdited', query: 'x' })).toBe(home);
    expect(sessionReducer(home, { type: 'inputMethodChosen', method: 'vni' })).toBe(home);
    expect(sessionReducer(home, { type: 'procedureChosen', code: '1.013831' })).toBe(home);
    expect(sessionReducer(home, { type: 'fieldChosen', field: land })).toBe(home);
  });

  it('keeps home and the language switch reachable from every catalog screen', () => {
    const screens = [
      run(home, { type: 'openCatalog' }),
      run(home, { type: 'openCatalog' }, { type: 'fieldChosen', field: land }),
      run(home, { type: 'openSearch' }, { type: 'searchEdited', query: 'x' }),
    ];
    for (const state of screens) {
      expect(sessionReducer(state, { type: 'home' }).screen).toEqual({ name: 'home' });
      expect(sessionReducer(state, { type: 'setLanguage', language: 'en' }).screen).toBe(state.screen);
    }
  });
});
