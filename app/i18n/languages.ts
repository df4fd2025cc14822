/** The languages the console speaks, and how a preference list (the OS's, the browser's) picks one. */
export const LANGUAGES = ['en', 'de', 'et', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the receptionist chose in Settings: a language, or whatever the system prefers. */
export type LanguagePreference = Language | 'system';

/** Each language's own name, as the Settings list shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  et: 'Eesti',
  ru: 'Русский',
};

export function isLanguage(value: string): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/** The first of the preferred BCP 47 tags ('de-AT', 'et', 'ru-RU') the console speaks; English otherwise. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** The language to use: the chosen one, else the system's preference. */
export function resolveLanguage(preference: LanguagePreference | undefined, systemLanguages: readonly string[]): Language {
  return preference && preference !== 'system' ? preference : pickLanguage(systemLanguages);
}
