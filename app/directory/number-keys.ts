/**
 * Phone numbers as sortable float64 keys, for the directory index.
 *
 * Why not strings: a 100,000-entry directory has ~340,000 distinct number
 * forms; interning and sorting them as strings took ~700 ms of a build whose
 * budget is 300 ms (`npm run bench:directory`). A Float64Array sorts natively
 * in a tenth of that, and a prefix is still a contiguous run of keys.
 *
 * The key reads a digit string as a base-11 numeral of exactly KEY_DIGITS
 * places: digit d is d + 1 and a place past the end is 0, so keys sort as the
 * strings do ('372' < '3720' < '373') and every string starting with a prefix
 * lies in [key(prefix), key(prefix) + 11^(places left)). 11^15 < 2^53, so
 * every key is an exact integer. E.164 numbers have at most 15 digits; longer
 * digit strings are found by their first 15.
 */
import { CALLING_CODE_TABLE, NO_TRUNK_ZERO_CODES } from './numbers';

export const KEY_DIGITS = 15;
const PLACE: readonly number[] = Array.from({ length: KEY_DIGITS + 1 }, (_, i) => 11 ** (KEY_DIGITS - i));

/** The key of a digit string ('0'–'9' only). */
export function digitKey(digits: string): number {
  let key = 0;
  const length = Math.min(digits.length, KEY_DIGITS);
  for (let i = 0; i < length; i++) key += (digits.charCodeAt(i) - 47) * (PLACE[i + 1] ?? 0);
  return key;
}

/** Every key whose digits start with `digits`: [lo, hi). Empty for a prefix longer than a key holds. */
export function prefixKeySpan(digits: string): { lo: number; hi: number } {
  if (digits.length > KEY_DIGITS) return { lo: 0, hi: 0 };
  const lo = digitKey(digits);
  return { lo, hi: lo + (PLACE[digits.length] ?? 0) };
}

/** The key of `head` followed by `tail` from `from` on (digits only), without joining them: digitKey(head + tail.slice(from)). */
export function joinedDigitKey(head: string, tail: string, from: number): number {
  let key = 0;
  let place = 0;
  for (let i = 0; i < head.length && place < KEY_DIGITS; i++) key += (head.charCodeAt(i) - 47) * (PLACE[++place] ?? 0);
  for (let i = from; i < tail.length && place < KEY_DIGITS; i++) key += (tail.charCodeAt(i) - 47) * (PLACE[++place] ?? 0);
  return key;
}

/** How far past key(prefix) the keys starting with a prefix of `length` digits (at most KEY_DIGITS) reach. */
export function prefixKeyWidth(length: number): number {
  return PLACE[length] ?? 0;
}

/** The digit string a key was made from. */
export function keyDigits(key: number): string {
  let out = '';
  let rest = key;
  for (let i = 1; i <= KEY_DIGITS; i++) {
    const place = PLACE[i] ?? 1;
    const digit = Math.floor(rest / place);
    if (digit === 0) break;
    out += String.fromCharCode(47 + digit);
    rest -= digit * place;
  }
  return out;
}

/**
 * Receives a number's key: its E.164 digits (without '+') with the calling
 * code they start with (0 when none is known), or, for a number written
 * without '+' (an extension, an unplaced number), its own digits. National
 * and trunk-0 forms are not stored: a search asks for each calling code
 * the directory holds followed by what was typed (see DirectoryIndex).
 */
export interface NumberKeySink {
  international(key: number, callingCode: number): void;
  local(key: number): void;
  /** The number's digits ('0'–'9' as 0–9) in `digits[0, count)`, for the digits-anywhere text. */
  digits?(digits: Uint8Array, count: number): void;
}

/** One scratch buffer for every call: no string or array made per number. */
const scratch = new Uint8Array(64);

/** Per digit count (1–3), a flag for each number of that many digits that is a calling code: read per number instead of a Set lookup. */
const CALLING_CODE_FLAGS: readonly Uint8Array[] = CALLING_CODE_TABLE.map((codes, length) => {
  const flags = new Uint8Array(10 ** length);
  for (const code of codes) flags[code] = 1;
  return flags;
});

/** The calling code that E.164 digits start with, as a number (0: none known). */
function callingCodeIn(digits: Uint8Array, count: number): number {
  let code = 0;
  for (let length = 1; length <= 3 && length <= count; length++) {
    code = code * 10 + (digits[length - 1] ?? 0);
    if (CALLING_CODE_FLAGS[length]?.[code]) return code;
  }
  return 0;
}

/** A number's key, straight from its characters (the key summed as the digits come). Returns the digit count (0: no digits, nothing was reported). */
export function numberKeys(number: string, sink: NumberKeySink): number {
  let count = 0;
  let key = 0;
  let plus = false;
  let seenNonSpace = false;
  for (let i = 0; i < number.length && count < scratch.length; i++) {
    const c = number.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (count < KEY_DIGITS) key += (c - 47) * (PLACE[count + 1] ?? 0);
      scratch[count++] = c - 48;
    } else if (!seenNonSpace && c === 43) plus = true;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) seenNonSpace = true;
  }
  if (count === 0) return 0;
  sink.digits?.(scratch, count);
  if (plus) sink.international(key, callingCodeIn(scratch, count));
  else sink.local(key);
  return count;
}

/** Whether a country of this calling code dials a trunk '0' before national numbers ('030 1234567' in Germany). */
export function dialsTrunkZero(callingCode: number): boolean {
  return !NO_TRUNK_ZERO_CODES.has(callingCode);
}
