import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

import { setLanguageGetter } from '@/lib/auth/auth-fetch';
import { zhCN, type LanguageResources } from '@/locales/resources';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGE_STORAGE_KEY = 'tmis.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Chinese is in the first download; other languages' texts download when first chosen. */
const LOADERS: Record<Language, () => Promise<LanguageResources>> = {
  'zh-CN': () => Promise.resolve(zhCN),
  en: () => import('@/locales/en/resources').then((module) => module.default),
};

async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'common')) return;
  const bundles = await LOADERS[language]();
  for (const [namespace, bundle] of Object.entries(bundles)) i18n.addResourceBundle(language, namespace, bundle);
}

/** Switches the UI language, remembers it, and tells the page (for fonts and screen readers). */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // ignore: the switch still applies to this page
  }
  await loadLanguage(language);
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': zhCN },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  defaultNS: 'common',
  ns: ['common', 'auth', 'dashboard', 'orgs', 'users', 'profile', 'catalog', 'teachers', 'reviews', 'importExport'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

setLanguageGetter(currentLanguage);

/** Resolves when the remembered language's texts are loaded and active (main.tsx renders after it). */
export const languageReady: Promise<void> = (async () => {
  const language = storedLanguage();
  if (language === DEFAULT_LANGUAGE) return;
  try {
    await loadLanguage(language);
    await i18n.changeLanguage(language);
  } catch {
    // The texts could not be downloaded: the page stays in Chinese.
  }
})();

export default i18n;
