/**
 * One catalog per language serves every process: the renderer (through
 * react-i18next), the main process (tray, notifications) and `serve`.
 * Keys are flat ('call.state.ringing'); plural forms follow i18next's
 * suffixes from Intl.PluralRules (`_one`, `_few`, `_many`, `_other`), so
 * Russian and Estonian plurals are the language's own.
 */
import { createInstance, type i18n as I18n } from 'i18next';
import type { Catalog } from './catalog';
import { de } from './de';
import { en } from './en';
import { et } from './et';
import type { Language } from './languages';
import type { Message, MessageParams } from './message';
import { ru } from './ru';

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, de, et, ru };

/** An i18next instance for one language, ready at once (the catalogs are bundled, nothing loads). */
export function createI18n(language: Language): I18n {
  const instance = createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(CATALOGS).map(([lang, catalog]) => [lang, { translation: catalog }])),
    // Keys are flat and contain dots and colons of their own.
    keySeparator: false,
    nsSeparator: false,
    // React escapes what it renders; notifications and the tray are plain text.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** Puts a message into words; parameters that are messages are translated first. */
export function translate(i18n: Pick<I18n, 't'>, message: Message): string {
  return i18n.t(message.key, message.params ? resolveParams(i18n, message.params) : undefined);
}

function resolveParams(i18n: Pick<I18n, 't'>, params: MessageParams): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'object' ? translate(i18n, value) : value;
  return out;
}

/** A translator bound to one language, for code outside React (tray, notifications, the alert window's title). */
export interface Translator {
  readonly language: Language;
  (message: Message): string;
}

export function createTranslator(language: Language): Translator {
  const i18n = createI18n(language);
  return Object.assign((message: Message) => translate(i18n, message), { language });
}
