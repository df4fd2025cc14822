/**
 * Numbers between the console (E.164 with '+', or extensions) and Telia,
 * whose Anumber fields must be "E.164, with country code, but without
 * prefix +" (3726200001), while its lists and notifications carry national
 * (6403231) or international-without-plus (37262000001) numbers.
 */
import { msg } from '../../../app/i18n/message';
import { normalizeNumber, type NumberResult } from '../../../app/phone';

/** For an Anumber: E.164 digits without '+'; a catalog message when the number cannot be written so. */
export function toTeliaE164(number: string, country: string): NumberResult {
  const normalized = normalizeNumber(number, country);
  if (!normalized.ok) return normalized;
  if (!normalized.number.startsWith('+')) {
    return { ok: false, error: msg('telia.notInternational', { number }) };
  }
  return { ok: true, number: normalized.number.slice(1) };
}

/** For a Bnumber or a phonebook number: E.164 digits without '+', or a short number as typed. */
export function toTeliaDialString(number: string, country: string): NumberResult {
  const normalized = normalizeNumber(number, country);
  if (!normalized.ok) return normalized;
  return { ok: true, number: normalized.number.replace(/^\+/, '') };
}

/** A number as Telia wrote it, for the console: E.164 with '+' when it can be read as one. */
export function fromTelia(number: string, country: string): string {
  const digits = number.trim();
  if (!/^\+?[0-9]+$/.test(digits)) return digits;
  if (digits.startsWith('+')) return digits;
  // Nine digits or more without a trunk '0' are international without the '+' (37262000001).
  if (digits.length >= 9 && !digits.startsWith('0')) {
    const international = normalizeNumber(`+${digits}`, country);
    if (international.ok && international.number.startsWith('+')) return international.number;
  }
  const national = normalizeNumber(digits, country);
  return national.ok ? national.number : digits;
}

/**
 * fromTelia for one country, remembering what it read: libphonenumber takes
 * tens of µs a number, and a notification burst names the same numbers
 * again and again. Bounded: a peer writing every number differently costs a
 * parse each time, never memory.
 */
export class TeliaNumberMemo {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly country: string,
    private readonly limit: number,
  ) {}

  get size(): number {
    return this.known.size;
  }

  read(number: string): string {
    const seen = this.known.get(number);
    if (seen !== undefined) return seen;
    const read = fromTelia(number, this.country);
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(number, read);
    return read;
  }
}
