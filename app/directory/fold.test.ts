import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textWords, unicodeTextWords } from './fold';

/** Characters of every class a directory text holds: each ASCII code (letters, digits, punctuation, controls) and beyond. */
const ASCII = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
const BEYOND_ASCII = [
  'õ',
  'Õ',
  'ä',
  'ü',
  'ß',
  'Ø',
  'æ',
  'ł',
  'ı',
  'š',
  'Ж',
  'ё',
  'Σ',
  'é',
  '\u0301',
  '\u00a0',
  '\u2013',
  '中',
  '😀',
  '٣',
  'ﬁ',
  'İ',
];

describe('textWords', () => {
  it('makes the words the general path makes, for ASCII text (its own scan) and any other', () => {
    const asciiText = fc.string({ unit: fc.constantFrom(...ASCII), maxLength: 24 });
    const mixedText = fc.string({ unit: fc.constantFrom(...ASCII, ...BEYOND_ASCII), maxLength: 24 });
    for (const texts of [asciiText, mixedText, fc.string({ unit: 'binary', maxLength: 24 })]) {
      fc.assert(
        fc.property(texts, (text) => {
          expect(textWords(text)).toEqual(unicodeTextWords(text));
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('splits ASCII at every character that is not a letter or digit, and lowers its case', () => {
    expect(textWords('Kask & Partners AS')).toEqual({ primary: ['kask', 'partners', 'as'], secondary: [] });
    expect(textWords('A1-b2\u0010C3\u007fd')).toEqual({ primary: ['a1', 'b2', 'c3', 'd'], secondary: [] });
    expect(textWords('Müller-Lüdenscheidt')).toEqual({ primary: ['muller', 'ludenscheidt'], secondary: ['mueller', 'luedenscheidt'] });
  });
});
