/**
 * English and Simplified Chinese. Every string the desk itself shows is in locales/en.json and
 * locales/zh.json (a test keeps their keys identical). Text that comes from the server (explanations,
 * citations, names) is shown as the server gives it.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zh from './locales/zh.json';

export const LANGUAGES = [
  { code: 'en', label: 'English', htmlLang: 'en' },
  { code: 'zh', label: '简体中文', htmlLang: 'zh-CN' },
] as const;
export type Lang = (typeof LANGUAGES)[number]['code'];

const KEY = 'htt.lang';

export function initialLanguage(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  const stored = localStorage.getItem(KEY);
  if (stored === 'en' || stored === 'zh') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function applyHtmlLang(lang: string) {
  document.documentElement.lang = LANGUAGES.find((l) => l.code === lang)?.htmlLang ?? 'en';
}

export async function initI18n(): Promise<typeof i18next> {
  const lng = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, zh: { translation: zh } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyHtmlLang(lng);
  i18next.on('languageChanged', (l) => {
    localStorage.setItem(KEY, l);
    applyHtmlLang(l);
    document.title = i18next.t('app.title');
  });
  document.title = i18next.t('app.title');
  return i18next;
}
