/**
 * Phone-number handling on libphonenumber-js. Numbers stay strings.
 *
 * - Internal extensions and feature codes (short, or containing * / #) are
 *   kept exactly as typed: they belong to the PBX's dial plan.
 * - Anything else is read with the line's default country and normalised to
 *   E.164 ("+3726401234") when libphonenumber-js finds it possible.
 * - Input with letters or stray symbols is refused, saying why (a catalog message).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { msg, type Message } from './i18n/message';

export type NumberResult = { ok: true; number: string } | { ok: false; error: Message };

/** Longest internal number treated as an extension without parsing. */
export const MAX_EXTENSION_DIGITS = 6;

/** RFC 3966 visual separators plus the spaces people paste from documents. */
const VISUAL_SEPARATORS = /[\s\u00a0\u2007\u202f\-.()/\u2010-\u2015]/g;

export function isCountryCode(country: string): country is CountryCode {
  return /^[A-Z]{2}$/.test(country);
}

/** Normalises a number typed or received for dialing. */
export function normalizeNumber(raw: string, country: string): NumberResult {
  const input = raw.trim();
  if (!input) return { ok: false, error: msg('number.empty') };
  if (input.length > 64) return { ok: false, error: msg('number.tooLong') };
  const compact = input.replace(VISUAL_SEPARATORS, '');
  if (!/^\+?[0-9*#]+$/.test(compact)) {
    return { ok: false, error: msg('number.notANumber', { text: shorten(input) }) };
  }
  const plus = compact.startsWith('+');
  const digits = plus ? compact.slice(1) : compact;
  if (!digits) return { ok: false, error: msg('number.empty') };
  if (/[*#]/.test(digits)) {
    if (plus) return { ok: false, error: msg('number.notANumber', { text: shorten(input) }) };
    return { ok: true, number: compact };
  }
  if (!plus && digits.length <= MAX_EXTENSION_DIGITS) return { ok: true, number: digits };
  if (digits.length > 17) return { ok: false, error: msg('number.tooLong') };

  const parsed = parsePhoneNumberFromString(compact, isCountryCode(country) ? country : undefined);
  // Written with '+', a number of a possible length is taken as meant (a range newer than the metadata still dials).
  // Written without, it must be a real number of the country: '06401234' on an Estonian line is the PBX's
  // outside-line 0 before 6401234, and read as national it became +37206401234, which exists nowhere.
  if (parsed && (plus ? parsed.isPossible() : parsed.isValid())) return { ok: true, number: parsed.number };
  if (plus) return { ok: false, error: msg('number.notInternational', { text: shorten(input) }) };
  // A long digit string libphonenumber cannot place: leave it to the PBX's dial plan (e.g. an outside-line prefix).
  return { ok: true, number: digits };
}

/** A readable form of a number for the screen; never throws. */
export function formatNumber(number: string, country: string): string {
  if (!number) return '';
  if (!number.startsWith('+')) return number;
  const parsed = parsePhoneNumberFromString(number);
  if (!parsed) return number;
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}

/** Whether two numbers denote the same party (E.164 vs national, separators). */
export function sameNumber(a: string, b: string, country: string): boolean {
  if (a === b) return true;
  const na = normalizeNumber(a, country);
  const nb = normalizeNumber(b, country);
  return na.ok && nb.ok && na.number === nb.number;
}

/** Whether directory search text should be treated as a number rather than a name. */
export function looksLikeNumber(text: string): boolean {
  const compact = text.trim().replace(VISUAL_SEPARATORS, '');
  return compact.length > 0 && /^\+?[0-9*#]+$/.test(compact);
}

/**
 * TelServer reports a hidden number as '*****-<reference>'; other PBXs send
 * an empty string. Both mean the caller withheld the number.
 */
export function isWithheld(number: string): boolean {
  return number === '' || /^\*{3,}/.test(number);
}

function shorten(text: string): string {
  return text.length > 32 ? `${text.slice(0, 29)}...` : text;
}
