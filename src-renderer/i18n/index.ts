import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import en from './en.json';
import vi from './vi.json';

export const resources = {
  vi: { translation: vi },
  en: { translation: en },
} as const;

// Typed keys: `t('no.such.key')` is a compile error, and so is a key built from a union
// (`errors.codes.${code}`) that misses one member.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['vi'];
  }
}

export const languages: readonly Language[] = ['vi', 'en'];

export const otherLanguage = (language: Language): Language => (language === 'vi' ? 'en' : 'vi');

void i18n.use(initReactI18next).init({
  resources,
  lng: 'vi',
  fallbackLng: 'vi',
  supportedLngs: languages,
  // Resources are bundled, so initialisation is synchronous and the first render is translated.
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;" on screen.
  interpolation: { escapeValue: false },
});

// Screen readers and the browser's font fallback both use <html lang>.
const reflectLanguage = (language: string) => {
  document.documentElement.lang = language;
  document.title = i18n.t('app.documentTitle');
};
i18n.on('languageChanged', reflectLanguage);
reflectLanguage(i18n.language);

export default i18n;
