import { describe, expect, it } from 'vitest';
import { msg } from '../../app/i18n/message';
import { createTranslator } from '../../app/i18n/translator';
import { dialLinksInArgv, MAX_LINK_LENGTH, parseDialLink, resolveDialLink, type LinkDialPlan } from './tel-link';

const en = createTranslator('en');

const ok = (link: string) => {
  const parsed = parseDialLink(link);
  if (!parsed.ok) throw new Error(`${link} refused: ${en(parsed.error)}`);
  return parsed;
};

const ESTONIA: LinkDialPlan = { country: 'EE', domains: ['pbx.example.com'] };

/** Parse, then resolve on a line in the plan's country: what the console would dial, or why not (in English). */
const dial = (link: string, plan: LinkDialPlan = ESTONIA): string => {
  const parsed = parseDialLink(link);
  if (!parsed.ok) return `refused: ${en(parsed.error)}`;
  const resolved = resolveDialLink(parsed, plan);
  return resolved.ok ? resolved.number : `refused: ${en(resolved.error)}`;
};

describe('parseDialLink: what a receptionist clicks', () => {
  it.each([
    ['tel:+372-640-1234', '+3726401234'],
    ['tel:+1(201)555.0123', '+12015550123'],
    ['TEL:+3726401234', '+3726401234'],
    ['tel:+372%20640%201234', '+3726401234'],
    ['tel:%2B3726401234', '+3726401234'],
    ['tel:1100', '1100'],
    ['tel:5123-4567', '+37251234567'],
    ['tel:00372-640-1234', '+3726401234'],
    ['callto:+3726401234', '+3726401234'],
    ['callto://+3726401234', '+3726401234'],
    ['callto://+3726401234/', '+3726401234'],
    ['tel://+3726401234', '+3726401234'],
    ['  tel:+3726401234\n', '+3726401234'],
    [`${' '.repeat(MAX_LINK_LENGTH)}tel:1100\t`, '1100'],
    ['tel:1100;phone-context=pbx.example.com', '1100'],
    ['tel:1100;phone-context=PBX.Example.com.', '1100'],
    ['tel:914-555-0123;phone-context=+1-914', '+19145550123'],
  ])('%s dials %s', (link, number) => {
    expect(dial(link)).toBe(number);
  });

  it("dials the international prefix of the line's own country only", () => {
    expect(dial('tel:011-372-640-1234', { country: 'US', domains: [] })).toBe('+3726401234');
    expect(dial('tel:003726401234', { country: 'US', domains: [] })).toBe('refused: 003726401234 is not a valid number in US.');
  });

  it('reports ;ext= separately: the extension is keyed in once answered, not dialled', () => {
    expect(ok('tel:+1-201-555-0123;ext=1234')).toEqual({ ok: true, scheme: 'tel', number: '+12015550123', extension: '1234' });
  });

  it('never glues a local number to a numeric phone-context (RFC 3966 §5.1.5): it must be a whole number there', () => {
    expect(dial('tel:555-0123;phone-context=+1-914')).toBe('refused: 5550123 is a local number in +1914 and cannot be dialled from here.');
    expect(dial('tel:863-1234;phone-context=+1-914-555')).toMatch(/^refused: .*local number in \+1914555/);
    // A whole national number, but not inside the context it names.
    expect(dial('tel:212-555-0123;phone-context=+1-914')).toMatch(/^refused: .*local number in \+1914/);
  });

  it("keeps a local number in a domain context only when the domain is the console's own", () => {
    expect(dial('tel:7042;phone-context=example.com', { country: 'EE', domains: [] })).toBe(
      "refused: The number belongs to example.com, which is not one of this console's telephone systems.",
    );
    expect(dial('tel:7042;phone-context=other.example', ESTONIA)).toMatch(/belongs to other\.example/);
    // A parent of our domain is not ours: it would carry any digits past the national number check.
    expect(dial('tel:02079460123;phone-context=example.com', ESTONIA)).toMatch(/belongs to example\.com/);
    expect(dial('tel:02079460123;phone-context=com', ESTONIA)).toMatch(/belongs to com,/);
    expect(dial('tel:7042;phone-context=sub.pbx.example.com', ESTONIA)).toMatch(/belongs to sub\.pbx\.example\.com/);
  });

  it("refuses a national number that is not valid in the line's country instead of passing the digits on", () => {
    expect(dial('tel:020-7946-0123')).toBe('refused: 02079460123 is not a valid number in EE.');
    expect(dial('tel:020-7946-0123', { country: 'GB', domains: [] })).toBe('+442079460123');
  });

  it('ignores unknown but well-formed optional parameters, as RFC 3966 asks', () => {
    expect(ok('tel:+3726401234;isub=1411;tgrp=x').number).toBe('+3726401234');
  });

  it('stops at an unknown mandatory parameter (RFC 3966 §5.4)', () => {
    expect(dial('tel:+3726401234;m-foo=bar')).toBe(
      'refused: The link requires "m-foo", which the console does not understand, so it does not dial.',
    );
  });

  it('refuses service codes: a link never dials * or #', () => {
    for (const link of ['tel:*2767*3855%23', 'tel:*21%23', 'tel:%2321%23', 'tel:*31*1100']) {
      expect(dial(link)).toMatch(/^refused: Links cannot dial service codes/);
    }
  });

  it('refuses an extension together with a subaddress', () => {
    expect(dial('tel:+3726401234;isub=1411;ext=12')).toBe('refused: A link cannot carry both an extension and a subaddress.');
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
    ['tel:+37*26401234', /service codes/],
    ['tel:+372*26401234%23', /service codes/],
    ['tel:+3726401234;ext=12a', /extension is not a number/],
    ['tel:+3726401234;ext=1;ext=2', /twice/],
    ['tel:+3726401234;phone-context=+1', /cannot have a phone-context/],
    ['tel:1234;phone-context=', /phone-context" parameter is malformed/],
    ['tel:1234;phone-context=evil domain', /malformed/],
    ['tel:1234;phone-context=-bad-.example', /neither a number nor a domain/],
    ['tel:1234;phone-context=+1-800-x', /not a number/],
    ['tel:*21#;phone-context=+372', /query or a fragment/],
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
    expect(parsed).toEqual({ ok: false, error: msg('desktop.tel.serviceCode') });
  });

  it('says why as a message, with the offending part as a parameter, in any language', () => {
    const parsed = parseDialLink('tel:+3726401234;ext=1;ext=2');
    expect(parsed).toEqual({ ok: false, error: msg('desktop.tel.duplicateParameter', { name: 'ext' }) });
    if (!parsed.ok) expect(createTranslator('de')(parsed.error)).toBe('Der Link nennt „ext“ zweimal.');
    const long = parseDialLink(`tel:${'1-'.repeat(20)}x`);
    expect(long).toEqual({ ok: false, error: msg('desktop.tel.notDialable', { number: `${'1-'.repeat(14)}1...` }) });
  });
});
