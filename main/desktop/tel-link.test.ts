import { describe, expect, it } from 'vitest';
import { msg } from '../../app/i18n/message';
import { createTranslator } from '../../app/i18n/translator';
import { dialLinksInArgv, MAX_LINK_LENGTH, parseDialLink } from './tel-link';

const en = createTranslator('en');

const ok = (link: string) => {
  const parsed = parseDialLink(link);
  if (!parsed.ok) throw new Error(`${link} refused: ${en(parsed.error)}`);
  return parsed;
};

describe('parseDialLink: what a receptionist clicks', () => {
  it.each([
    ['tel:+372-640-1234', '+3726401234'],
    ['tel:+1(201)555.0123', '+12015550123'],
    ['TEL:+3726401234', '+3726401234'],
    ['tel:+372%20640%201234', '+3726401234'],
    ['tel:%2B3726401234', '+3726401234'],
    ['tel:1100', '1100'],
    ['tel:*21%23', '*21#'],
    ['tel:5551234', '5551234'],
    ['callto:+3726401234', '+3726401234'],
    ['callto://+3726401234', '+3726401234'],
    ['callto://+3726401234/', '+3726401234'],
  ])('%s dials %s', (link, number) => {
    expect(ok(link).number).toBe(number);
  });

  it('reports ;ext= separately: the extension is keyed in once answered, not dialled', () => {
    expect(ok('tel:+1-201-555-0123;ext=1234')).toEqual({ ok: true, scheme: 'tel', number: '+12015550123', extension: '1234' });
  });

  it('prefixes a local number with a numeric phone-context', () => {
    expect(ok('tel:863-1234;phone-context=+1-914-555').number).toBe('+19145558631234');
  });

  it('keeps a local number in a domain context as it is (the PBX dial plan)', () => {
    expect(ok('tel:1100;phone-context=pbx.example.com').number).toBe('1100');
  });

  it('ignores unknown but well-formed parameters, as RFC 3966 asks', () => {
    expect(ok('tel:+3726401234;isub=1411;tgrp=x').number).toBe('+3726401234');
  });

  it('finds the links on a command line', () => {
    expect(dialLinksInArgv(['/opt/app/attendant', '--no-sandbox', 'tel:+3726401234', 'callto:1100', 'https://x'])).toEqual([
      'tel:+3726401234',
      'callto:1100',
    ]);
  });
});

describe('parseDialLink: hostile and broken links are refused', () => {
  it.each([
    ['', /empty/],
    ['https://evil.example/+3726401234', /Only tel: and callto:/],
    ['sip:1100@pbx', /Only tel: and callto:/],
    ['javascript:alert(1)', /Only tel: and callto:/],
    ['tel:', /no number/],
    ['tel:+', /no number/],
    ['tel:1-800-FLOWERS', /not a phone number/],
    ['tel:$(rm -rf ~)', /not a phone number/],
    ['tel:`calc`', /not a phone number/],
    ['tel:+3726401234&calc.exe', /not a phone number/],
    ['tel:+3726401234|sh', /not a phone number/],
    ['tel:+3726401234%0a--inject', /not properly encoded/],
    ['tel:+3726401234%00', /not properly encoded/],
    ['tel:+37264%zz01234', /not properly encoded/],
    ['tel:+3726401234%', /not properly encoded/],
    ['tel:+٣٧٢٦٤٠١٢٣٤', /not properly encoded/],
    ['tel:%EF%BC%913726401234', /not properly encoded/],
    ['tel:+3726401234?body=x', /query or a fragment/],
    ['tel:+3726401234#frag', /query or a fragment/],
    ['tel:+37*26401234', /not a phone number/],
    ['tel:+3726401234;ext=12a', /extension is not a number/],
    ['tel:+3726401234;ext=1;ext=2', /twice/],
    ['tel:+3726401234;phone-context=+1', /cannot have a phone-context/],
    ['tel:1234;phone-context=', /phone-context" parameter is malformed/],
    ['tel:1234;phone-context=evil domain', /malformed/],
    ['tel:1234;phone-context=-bad-.example', /neither a number nor a domain/],
    ['tel:1234;phone-context=+1-800-x', /not a number/],
    ['tel:*21#;phone-context=+372', /query or a fragment|feature code/],
    ['tel:+3726401234;a b=c', /malformed parameter/],
    ['tel:+3726401234;x="y"', /malformed/],
    ['callto:+3726401234;ext=1', /only a number/],
    ['callto:someone.on.skype', /not a phone number/],
    [`tel:+${'1'.repeat(30)}`, /too long/],
    [`tel:+${'1'.repeat(MAX_LINK_LENGTH)}`, /too long/],
  ])('%s', (link, error) => {
    const parsed = parseDialLink(link);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(en(parsed.error)).toMatch(error);
  });

  it("refuses a feature code in another number's context", () => {
    const parsed = parseDialLink('tel:*21%23;phone-context=+372');
    expect(parsed).toEqual({ ok: false, error: msg('desktop.tel.featureCodeInContext') });
  });

  it('says why as a message, with the offending part as a parameter, in any language', () => {
    const parsed = parseDialLink('tel:+3726401234;ext=1;ext=2');
    expect(parsed).toEqual({ ok: false, error: msg('desktop.tel.duplicateParameter', { name: 'ext' }) });
    if (!parsed.ok) expect(createTranslator('de')(parsed.error)).toBe('Der Link nennt „ext“ zweimal.');
    const long = parseDialLink(`tel:${'1-'.repeat(20)}x`);
    expect(long).toEqual({ ok: false, error: msg('desktop.tel.notDialable', { number: `${'1-'.repeat(14)}1...` }) });
  });
});
