import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useScreenSpeech } from '../speech/speech-context';
import type { SearchResult } from '../../src-shared/catalog';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import { LatestOnly } from '../app/latest-only';
import { CatalogEmpty } from '../catalog/CatalogEmpty';
import { CatalogFooter } from '../catalog/CatalogFooter';
import { ProcedureList } from '../catalog/ProcedureList';
import { useCatalogInfo } from '../catalog/use-catalog-info';
import { SearchIcon } from '../components/Icons';
import { InputMethodSwitch } from '../keyboard/InputMethodSwitch';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import type { InputMethod } from '../keyboard/vietnamese-ime';

/** The core reads the first 200 characters; the box holds no more, so what shows is what is searched. */
export const MAX_QUERY_LENGTH = 200;

interface SearchScreenProps {
  kiosk: KioskClient;
  language: Language;
  query: string;
  method: InputMethod;
  onQuery: (query: string) => void;
  onMethod: (method: InputMethod) => void;
  onOpen: (code: string) => void;
  onBrowse: () => void;
}

type Answer =
  | { readonly state: 'answered'; readonly query: string; readonly result: SearchResult }
  | { readonly state: 'failed'; readonly query: string };

const NO_RESULT: SearchResult = { match: 'none', results: [] };

/**
 * Search as the citizen types on the on-screen keyboard. The text belongs to the session (so
 * Back from a procedure finds it again and an idle reset wipes it); the results belong here.
 */
export function SearchScreen({ kiosk, language, query, method, onQuery, onMethod, onOpen, onBrowse }: SearchScreenProps): ReactElement {
  const { t } = useTranslation();
  const info = useCatalogInfo(kiosk);
  const [answer, setAnswer] = useState<Answer | null>(null);
  // An exact code opens its procedure only right after the citizen typed it: coming Back to
  // the same text must show the result, not bounce straight into the procedure again.
  const typedQuery = useRef<string | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;

  const [search] = useState(
    () =>
      new LatestOnly<string, SearchResult>(
        async (q) => {
          if (q.trim() === '') return NO_RESULT;
          const reply = await kiosk.searchProcedures({ query: q });
          if (!reply.ok) throw new Error(reply.error.message);
          return reply.value;
        },
        (q, result) => {
          setAnswer({ state: 'answered', query: q, result });
          const exact = result.match === 'exact-code' ? result.results[0] : undefined;
          if (exact && result.results.length === 1 && typedQuery.current === q) open.current(exact.code);
        },
        (q) => setAnswer({ state: 'failed', query: q }),
      ),
  );
  useEffect(() => () => search.stop(), [search]);
  useEffect(() => search.request(query), [search, query]);

  const type = (next: string) => {
    typedQuery.current = next;
    // Asked right in the key handler, not after React has rendered the new text: the answer
    // is on its way a frame earlier. The effect above covers text set from elsewhere (Back).
    search.request(next);
    onQuery(next);
  };
  useScreenSpeech(t('search.title'), t('search.hintEmpty'));
  // English visitors get the English layout, where no input method applies.
  const effectiveMethod: InputMethod = language === 'vi' ? method : 'none';

  if (info?.state === 'empty') {
    return (
      <main className="screen" data-testid="screen-search">
        <h1 className="screen__title">{t('search.title')}</h1>
        <CatalogEmpty />
        <CatalogFooter info={info} />
      </main>
    );
  }

  return (
    <main className="screen search" data-testid="screen-search">
      <h1 className="screen__title search__title">{t('search.title')}</h1>
      <div className="search__box">
        <span className="search__box-icon">
          <SearchIcon />
        </span>
        <input
          className="search__input"
          data-testid="search-input"
          aria-label={t('search.boxLabel')}
          placeholder={t('search.placeholder')}
          value={query}
          // Only the on-screen keyboard types here: no system keyboard, no caret to place.
          readOnly
          inputMode="none"
          tabIndex={-1}
        />
      </div>
      <div className="search__body">
        <section className="search__results" aria-live="polite">
          <Results answer={answer} query={query} language={language} onOpen={onOpen} onBrowse={onBrowse} />
        </section>
        <section className="search__keyboard">
          {language === 'vi' ? <InputMethodSwitch method={method} onChoose={onMethod} /> : null}
          {[...query].length >= MAX_QUERY_LENGTH ? (
            <p className="search__full" role="status">
              {t('search.maxLength', { max: MAX_QUERY_LENGTH })}
            </p>
          ) : null}
          <OnScreenKeyboard language={language} method={effectiveMethod} text={query} maxLength={MAX_QUERY_LENGTH} onChange={type} />
        </section>
      </div>
      <CatalogFooter info={info} />
    </main>
  );
}

interface ResultsProps {
  answer: Answer | null;
  query: string;
  language: Language;
  onOpen: (code: string) => void;
  onBrowse: () => void;
}

function Results({ answer, query, language, onOpen, onBrowse }: ResultsProps): ReactElement {
  const { t } = useTranslation();
  const browse = (
    <button type="button" className="button button--secondary" data-testid="search-browse" onClick={onBrowse}>
      {t('search.browse')}
    </button>
  );
  if (query.trim() === '') {
    return (
      <div className="search__empty" data-testid="search-hint">
        <p>{t('search.hintEmpty')}</p>
        {browse}
      </div>
    );
  }
  if (answer === null) return <div />;
  if (answer.state === 'failed') {
    return (
      <div className="search__empty" role="alert" data-testid="search-failed">
        <p>{t('search.failed')}</p>
        {browse}
      </div>
    );
  }
  const { result } = answer;
  if (result.results.length === 0) {
    return (
      <div className="search__empty" data-testid="search-no-results" data-query={answer.query}>
        <p className="search__empty-title">{t('search.noResultsTitle')}</p>
        <p>{t('search.noResultsBody')}</p>
        {browse}
      </div>
    );
  }
  return (
    <>
      <p className="search__count" data-testid="search-count">
        {result.match === 'corrected' ? t('search.corrected') : t('search.resultCount', { count: result.results.length })}
      </p>
      <ProcedureList
        procedures={result.results}
        language={language}
        onOpen={onOpen}
        testId="search-results"
        query={answer.query}
      />
    </>
  );
}
