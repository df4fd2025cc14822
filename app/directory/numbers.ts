/**
 * The digit forms a stored number is found by: '+372 5123 456' is found by
 * '372…' (E.164), '5123…' (national significant number) and, for countries
 * that dial a trunk 0, by '0…' as it is written at home ('+49 30 1234567' by '030 12…').
 * Extensions and other short numbers are found by their own digits.
 *
 * The calling code is read from libphonenumber-js's country list (no parse
 * per number: building 100,000 entries must stay well under the bench's 300 ms).
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

const CALLING_CODES: ReadonlySet<string> = new Set(getCountries().map((country) => getCountryCallingCode(country)));

/** The calling codes by their length (index 1–3) as numbers: looked up digit by digit without making a string. */
export const CALLING_CODE_TABLE: readonly ReadonlySet<number>[] = [0, 1, 2, 3].map(
  (length) => new Set([...CALLING_CODES].filter((code) => code.length === length).map(Number)),
);

/** Calling codes of countries without a trunk '0' (or with another one: Russia's '8'). */
const NO_TRUNK_ZERO: ReadonlySet<string> = new Set(['1', '7', '372', '39', '371', '45', '47', '34', '30', '351', '352', '354', '378']);
/** The same codes as numbers. */
export const NO_TRUNK_ZERO_CODES: ReadonlySet<number> = new Set([...NO_TRUNK_ZERO].map(Number));

/** Digits only ('+372 5123-456' → '3725123456'). */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** The calling code an E.164 digit string starts with, when it is a known one. */
export function callingCodeOf(e164Digits: string): string | undefined {
  for (let length = 1; length <= 3; length++) {
    const code = e164Digits.slice(0, length);
    if (CALLING_CODES.has(code)) return code;
  }
  return undefined;
}

/** What a typed query means as a number: its digits, and whether it was typed internationally ('+…', '00…'). */
export function numberQuery(text: string): { digits: string; international: boolean } | undefined {
  const compact = text.trim().replace(/[\s\u00a0\-.()/]/g, '');
  if (!/^\+?[0-9]+$/.test(compact)) return undefined;
  if (compact.startsWith('+')) return { digits: compact.slice(1), international: true };
  if (compact.startsWith('00') && compact.length > 2) return { digits: compact.slice(2), international: true };
  return { digits: compact, international: false };
}
