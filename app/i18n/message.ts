/**
 * What the core says to a person travels as a code and its parameters, never
 * as a sentence: each window (and the tray, and a notification) puts it into
 * the receptionist's language with the catalog of app/i18n. Parameters that
 * are messages themselves are translated first ("X is not online ({state})").
 * A time is a number (epoch ms) that the catalog text formats with i18next's
 * Intl format ({{time, datetime(…)}}): each window shows it in its own
 * language and time zone, never the server's.
 */
import type { en } from './en';

/** A catalog key without its plural suffix: `calls_one` / `calls_other` are the key `calls`. */
type PluralBase<K extends string> = K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K;

export type MessageKey = PluralBase<keyof typeof en>;

export type MessageParam = string | number | Message;
export type MessageParams = Readonly<Record<string, MessageParam>>;

export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** A message with its parameters; `count` selects the plural form. */
export function msg(key: MessageKey, params?: MessageParams): Message {
  return params && Object.keys(params).length > 0 ? { key, params } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'key' in value && typeof value.key === 'string';
}
