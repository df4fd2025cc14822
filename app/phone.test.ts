import { english } from './testing/english';
import { describe, expect, it } from 'vitest';
import { formatNumber, isWithheld, looksLikeNumber, normalizeNumber, sameNumber } from './phone';

describe('normalizeNumber', () => {
  it.each([
    ['1103', '1103'],
    ['  1103 ', '1103'],
    ['0012', '0012'],
    ['*21#', '*21#'],
    ['+372 640 1234', '+3726401234'],
    ['640 1234', '+3726401234'],
    ['+33 1 60 12 77 64', '+33160127764'],
    ['00 33 1 60 12 77 64', '+33160127764'],
    ['(+44) 20-7946-0958', '+442079460958'],
    ['+1.212.555.0100', '+12125550100'],
  ])('%s → %s (Estonia by default)', (input, expected) => {
    expect(normalizeNumber(input, 'EE')).toEqual({ ok: true, number: expected });
  });

  it('reads national numbers with the line country', () => {
    expect(normalizeNumber('01 60 12 77 64', 'FR')).toEqual({ ok: true, number: '+33160127764' });
  });

  it.each(['', '   ', 'abc', '1103; rm -rf /', '+', '+*21', 'javascript:alert(1)', '12a4'])('refuses %j with a sentence', (input) => {
    const result = normalizeNumber(input, 'EE');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(english(result.error)).toMatch(/number/i);
  });

  it('leaves a national-looking number the country has not to the PBX, digits as written', () => {
    // Estonia has no trunk 0: 06401234 is an outside-line 0 before 6401234, never +37206401234.
    expect(normalizeNumber('06401234', 'EE')).toEqual({ ok: true, number: '06401234' });
    expect(normalizeNumber('0 640 1234', 'EE')).toEqual({ ok: true, number: '06401234' });
    // Real national and international forms still become E.164.
    expect(normalizeNumber('6401234', 'EE')).toEqual({ ok: true, number: '+3726401234' });
    expect(normalizeNumber('003726401234', 'EE')).toEqual({ ok: true, number: '+3726401234' });
    expect(normalizeNumber('030 1234567', 'DE')).toEqual({ ok: true, number: '+49301234567' });
  });

  it('refuses absurdly long input', () => {
    expect(normalizeNumber('1'.repeat(80), 'EE').ok).toBe(false);
    expect(normalizeNumber('1'.repeat(20), 'EE').ok).toBe(false);
  });

  it('keeps numbers as strings with their leading zeros', () => {
    const r = normalizeNumber('0012', 'EE');
    expect(r.ok && typeof r.number).toBe('string');
  });
});

describe('formatting and matching', () => {
  it('formats same-country numbers nationally, others internationally', () => {
    expect(formatNumber('+3726401234', 'EE')).toBe('640 1234');
    expect(formatNumber('+33160127764', 'EE')).toBe('+33 1 60 12 77 64');
    expect(formatNumber('1103', 'EE')).toBe('1103');
    expect(formatNumber('', 'EE')).toBe('');
  });
  it('matches the same number written differently', () => {
    expect(sameNumber('+372 640 1234', '6401234', 'EE')).toBe(true);
    expect(sameNumber('1103', '1104', 'EE')).toBe(false);
  });
  it('tells numbers from names and spots withheld numbers', () => {
    expect(looksLikeNumber('+33 1 60')).toBe(true);
    expect(looksLikeNumber('Mar')).toBe(false);
    expect(isWithheld('*****-42')).toBe(true);
    expect(isWithheld('')).toBe(true);
    expect(isWithheld('1103')).toBe(false);
  });
});
