import i18next from 'i18next';
import { Settings } from 'luxon';
import { initReactI18next } from 'react-i18next';
import az from './locales/az.json';
import en from './locales/en.json';
import pl from './locales/pl.json';
import tr from './locales/tr.json';
import { currentSession } from '../auth/session';
import { rememberedLanguage, rememberLanguage } from './language-preference';

/** The console's languages, each named in itself. */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'tr', label: 'Türkçe' },
  { code: 'az', label: 'Azərbaycan' },
  { code: 'pl', label: 'Polski' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

function supported(code: string | null | undefined): Language | undefined {
  return LANGUAGES.find((l) => l.code === code)?.code;
}

function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const found = supported(tag.slice(0, 2).toLowerCase());
    if (found) return found;
  }
  return 'en';
}

function applyLocale(language: string): void {
  // Dates (luxon) and the page's declared language follow the chosen language.
  Settings.defaultLocale = language;
  document.documentElement.lang = language;
}

export const i18n = i18next.createInstance();
const initial = supported(rememberedLanguage()) ?? browserLanguage();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, tr: { translation: tr }, az: { translation: az }, pl: { translation: pl } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLocale(initial);
i18n.on('languageChanged', applyLocale);

/** Switches the language and remembers the choice (for this user, on the API, when signed in). */
export function chooseLanguage(language: string): void {
  const code = supported(language) ?? 'en';
  rememberLanguage(code);
  void i18n.changeLanguage(code);
}

/**
 * After sign-in (or a resumed session): the user's own remembered choice; a user without one keeps the
 * language picked on the sign-in page, now remembered for them too.
 */
export function applyUserLanguage(): void {
  const own = supported(currentSession()?.user.locale ?? null);
  if (!own && currentSession() && rememberedLanguage()) rememberLanguage(i18n.language);
  const code = own ?? supported(rememberedLanguage());
  if (code && code !== i18n.language) void i18n.changeLanguage(code);
}
