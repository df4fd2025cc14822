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

/** Receives a number's keys: its E.164 form (without '+') and its local forms (national, trunk 0, or an extension's own digits). */
export interface NumberKeySink {
  international(key: number): void;
  local(key: number): void;
}

/** One scratch buffer for every call: no string or array made per number. */
const scratch = new Uint8Array(64);

/**
 * The same forms as `numberForms`, as keys, straight from the characters.
 * Returns the digit count (0: no digits, nothing was reported).
 */
export function numberKeys(number: string, sink: NumberKeySink): number {
  let count = 0;
  let plus = false;
  let seenNonSpace = false;
  for (let i = 0; i < number.length && count < scratch.length; i++) {
    const c = number.charCodeAt(i);
    if (c >= 48 && c <= 57) scratch[count++] = c - 48;
    else if (!seenNonSpace && c === 43) plus = true;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) seenNonSpace = true;
  }
  if (count === 0) return 0;
  if (!plus) {
    sink.local(keyOf(0, count, -1));
    return count;
  }
  sink.international(keyOf(0, count, -1));
  let codeLength = 0;
  let code = 0;
  for (let length = 1; length <= 3 && length <= count; length++) {
    code = code * 10 + (scratch[length - 1] ?? 0);
    if (CALLING_CODE_TABLE[length]?.has(code)) {
      codeLength = length;
      break;
    }
  }
  if (codeLength === 0 || codeLength === count) return count;
  sink.local(keyOf(codeLength, count, -1));
  if (!NO_TRUNK_ZERO_CODES.has(code) && scratch[codeLength] !== 0) sink.local(keyOf(codeLength, count, 0));
  return count;
}

/** The key of scratch[from, to), with `lead` (a digit, or -1 for none) in front. */
function keyOf(from: number, to: number, lead: number): number {
  let key = 0;
  let place = 1;
  if (lead >= 0) key += (lead + 1) * (PLACE[place++] ?? 0);
  for (let i = from; i < to && place <= KEY_DIGITS; i++) key += ((scratch[i] ?? 0) + 1) * (PLACE[place++] ?? 0);
  return key;
}
