import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dialsTrunkZero, digitKey, joinedDigitKey, keyDigits, numberKeys, prefixKeySpan, prefixKeyWidth } from './number-keys';
import { callingCodeOf, digitsOf } from './numbers';
import { sortWithPayload } from './radix-sort';

/** The reference the keys are checked against: a number's forms as strings, the way they are written. */
function numberForms(number: string): { international?: string; local: string[] } {
  const digits = digitsOf(number);
  if (!digits) return { local: [] };
  if (!number.trimStart().startsWith('+')) return { local: [digits] };
  const code = callingCodeOf(digits);
  if (!code) return { international: digits, local: [] };
  const national = digits.slice(code.length);
  const local = national ? [national] : [];
  if (national && dialsTrunkZero(Number(code)) && !national.startsWith('0')) local.push(`0${national}`);
  return { international: digits, local };
}

describe('number keys', () => {
  it('have a reference that reads E.164, national and trunk-0 forms', () => {
    expect(numberForms('+372 5123 456')).toEqual({ international: '3725123456', local: ['5123456'] });
    expect(numberForms('+49 30 1234567')).toEqual({ international: '49301234567', local: ['301234567', '0301234567'] });
    expect(numberForms('1101')).toEqual({ local: ['1101'] });
  });

  const digitStrings = ['', '0', '00', '1', '10', '100', '372', '3720', '37200', '3721', '373', '9', '99', '999999999999999'];

  it('sort as their digit strings do, shorter before longer, and give the digits back', () => {
    const byKey = [...digitStrings].sort((a, b) => digitKey(a) - digitKey(b));
    expect(byKey).toEqual([...digitStrings].sort());
    for (const digits of digitStrings) expect(keyDigits(digitKey(digits))).toBe(digits);
    expect(new Set(digitStrings.map(digitKey)).size).toBe(digitStrings.length);
  });

  it('put every string that starts with a prefix, and only those, inside its span', () => {
    for (const prefix of ['3', '37', '372', '0', '9', '3720']) {
      const { lo, hi } = prefixKeySpan(prefix);
      for (const digits of digitStrings) {
        const key = digitKey(digits);
        expect(key >= lo && key < hi, `${digits} in ${prefix}…`).toBe(digits.startsWith(prefix));
      }
    }
    expect(prefixKeySpan('1234567890123456')).toEqual({ lo: 0, hi: 0 });
  });

  it('one key per number: E.164 digits with their calling code, or an extension’s own digits', () => {
    for (const number of [
      '+372 5123 456',
      '+49 30 1234567',
      '+49 0301234',
      '1101',
      '+33 6 12 34 56 78',
      '+1 914 555 0123',
      ' +7 495 1234567',
      '+999 123',
      '+372',
      '12+34',
      '(0)30-123',
      'no digits',
    ]) {
      const forms = numberForms(number);
      const seen: { international?: [string, number]; local?: string; digits?: string } = {};
      numberKeys(number, {
        international: (key, code) => (seen.international = [keyDigits(key), code]),
        local: (key) => (seen.local = keyDigits(key)),
        digits: (digits, count) => (seen.digits = [...digits.subarray(0, count)].join('')),
      });
      expect(seen.international?.[0], number).toBe(forms.international);
      if (forms.international) expect(String(seen.international?.[1] || ''), number).toBe(callingCodeOf(forms.international) ?? '');
      expect(seen.local, number).toBe(number.trimStart().startsWith('+') ? undefined : forms.local[0]);
      expect(seen.digits, number).toBe(digitsOf(number) || undefined);
    }
  });
});

describe('sortWithPayload', () => {
  it('sorts keys below 2^53 with their payload, stably, as a comparator sort would', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const size of [0, 1, 2, 17, 5000]) {
      const keys = Float64Array.from({ length: size }, (_, i) => (i % 7 === 0 ? 42 : Math.floor(random() * 4e15)));
      const payload = Int32Array.from({ length: size }, (_, i) => i);
      const expected = [...keys].map((key, i) => [key, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      sortWithPayload(keys, payload);
      expect([...keys]).toEqual(expected.map(([key]) => key));
      expect([...payload]).toEqual(expected.map(([, i]) => i));
    }
  });
});

describe('joinedDigitKey', () => {
  it('keys a calling code and typed digits (from an offset) as their joined string, and spans its prefix as prefixKeySpan does', () => {
    const digitString = fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), maxLength: 16 });
    fc.assert(
      fc.property(digitString, digitString, fc.nat(3), (head, tail, from) => {
        const joined = head + tail.slice(from);
        expect(joinedDigitKey(head, tail, Math.min(from, tail.length))).toBe(digitKey(joined));
        if (joined.length <= 15) expect(digitKey(joined) + prefixKeyWidth(joined.length)).toBe(prefixKeySpan(joined).hi);
      }),
    );
  });
});
