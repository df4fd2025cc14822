/**
 * The window's language: the one chosen in Settings, else the browser's (in
 * Electron, Chromium's, which follows the OS). `<html lang>` follows it, so
 * screen readers and spell checkers use the right language too.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../../app/i18n/languages';
import { resolveLanguage } from '../../../app/i18n/languages';
import { msg, type Message, type MessageKey, type MessageParams } from '../../../app/i18n/message';
import { createI18n, translate } from '../../../app/i18n/translator';
import { useAttendant } from '../store/context';

interface LanguageContextValue {
  language: Language;
  text: (message: Message) => string;
}

const englishI18n = createI18n('en');
const LanguageContext = createContext<LanguageContextValue>({ language: 'en', text: (m) => translate(englishI18n, m) });

/** The browser's preferred languages (navigator.languages), read when the window starts. */
function systemLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages.length ? navigator.languages : [navigator.language];
}

/** Provides the language chosen in Settings (or the system's) to everything below it; `language` pins one (tests). */
export function LanguageProvider({ children, language: pinned }: { children: ReactNode; language?: Language }) {
  const preference = useAttendant((state) => state.settings?.preferences.language);
  const [system] = useState(systemLanguages);
  const language = pinned ?? resolveLanguage(preference, system);
  const value = useMemo<LanguageContextValue>(() => {
    const i18n = createI18n(language);
    return { language, text: (message) => translate(i18n, message) };
  }, [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): Language {
  return useContext(LanguageContext).language;
}

/** Puts a message from the core (a refusal, a connection's detail) into the window's language. */
export function useMessageText(): (message: Message) => string {
  return useContext(LanguageContext).text;
}

/** The catalog text of a key in the window's language: `t('call.count', { count })`. */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const text = useContext(LanguageContext).text;
  return useMemo(() => (key: MessageKey, params?: MessageParams) => text(msg(key, params)), [text]);
}
