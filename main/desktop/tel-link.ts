/**
 * Reads a `tel:` (RFC 3966) or `callto:` link strictly, in two steps: the
 * link's syntax when it arrives (parseDialLink), and what it dials once the
 * line that will dial it is known (resolveDialLink: the line's country, the
 * console's own domains). Anything that is not plainly a phone number the
 * console may dial is refused with a message: a link comes from a web page, a
 * mail or a CRM, so it is hostile until proven otherwise. The result is only
 * ever handed to the core's `dial` command, never to a shell or another program.
 *
 * Accepted:
 *   tel:+372-640-1234                       global number, visual separators - . ( )
 *   tel:+1-201-555-0123;ext=1234            extension (reported, not dialled: it is keyed in once answered)
 *   tel:1100                                an internal extension (up to MAX_EXTENSION_DIGITS digits)
 *   tel:5123-4567                           a national number valid in the line's country (→ E.164)
 *   tel:00372-640-1234                      the line's country's own international prefix (00 in EE, 011 in US)
 *   tel:914-555-0123;phone-context=+1-914   a local number that is a whole national number inside its context
 *   tel:1100;phone-context=pbx.example.com  a local number in a domain context that is one of the console's domains
 *   tel:+372%20640%201234, tel://+3726401234, " tel:+3726401234 "   %-encoding, slashes and spaces browsers add
 *   callto:+3726401234, callto://+3726401234
 * Refused, among others: service codes (* and #: the kind of link that once factory-reset phones; the dial box keeps
 * them), an unknown mandatory `m-` parameter (RFC 3966 §5.4 requires that), `isub` with `ext`, a local number glued
 * to a numeric context (§5.1.5: the context says where a number is valid, it is not a prefix), an unknown domain.
 */

import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isCountryCode, MAX_EXTENSION_DIGITS } from '../../app/phone';
import { msg, type Message, type MessageParams } from '../../app/i18n/message';

export type LinkScheme = 'tel' | 'callto';

/** Where a local number is valid, by its phone-context. */
export type LinkContext = { kind: 'global'; digits: string } | { kind: 'domain'; name: string };

/** A link whose syntax is sound: what it names, before a line's country says what it dials. */
export interface DialLink {
  scheme: LinkScheme;
  /** Digits, with a leading '+' for a global number. */
  number: string;
  /** The phone-context of a local number. */
  context?: LinkContext;
  /** From `;ext=`; the caller is told to key it in, no PBX here dials it. */
  extension?: string;
}

export type ParsedLink = ({ ok: true } & DialLink) | { ok: false; error: Message };

/** What the link dials on a given line, or why it cannot. */
export type ResolvedLink = { ok: true; number: string } | { ok: false; error: Message };

export interface LinkDialPlan {
  /** The dialling line's country (ISO 3166 alpha-2). */
  country: string;
  /** Domain names that are the console's own (its PBXs' hosts); a domain phone-context must be one of them. */
  domains: readonly string[];
}

/** Longest link considered at all (RFC 3966 numbers are short; this bounds the work). */
export const MAX_LINK_LENGTH = 256;
/** Most digits a dialled number may have (E.164 allows 15; PBX prefixes add a few). */
const MAX_DIGITS = 24;

const SCHEME = /^(tel|callto):/i;
/** RFC 3966 visual separators, plus the space browsers send as %20. */
const SEPARATORS = /[-.() ]/g;
const PNAME = /^[A-Za-z0-9-]+$/;
/** An unreserved / param-unreserved pvalue after %-decoding (RFC 3966 §3, no quoting). */
const PVALUE = /^[A-Za-z0-9\-_.!~*'()[\]/:&+$]+$/;
const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export function isDialLink(text: string): boolean {
  return typeof text === 'string' && SCHEME.test(text.trim());
}

export function parseDialLink(input: string): ParsedLink {
  if (typeof input !== 'string') return refuse('empty');
  // Trimmed first: white space around a link is tolerated, so it does not count towards the limit.
  const link = input.trim();
  if (link.length > MAX_LINK_LENGTH) return refuse('tooLong');
  if (link.length === 0) return refuse('empty');
  const schemeMatch = SCHEME.exec(link);
  if (!schemeMatch) return refuse('scheme');
  const scheme: LinkScheme = schemeMatch[0].toLowerCase() === 'tel:' ? 'tel' : 'callto';
  let rest = link.slice(schemeMatch[0].length);
  // Skype and others write callto://number, and some pages write tel://number; neither has an authority.
  if (rest.startsWith('//')) rest = rest.slice(2).replace(/\/$/, '');
  if (/[?#]/.test(rest)) return refuse('queryOrFragment');

  const [rawNumber = '', ...rawParams] = rest.split(';');
  const number = decode(rawNumber);
  if (number === undefined) return refuse('badEncoding');
  if (scheme === 'callto' && rawParams.length > 0) return refuse('calltoParameters');

  const params = new Map<string, string | undefined>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    const name = (eq < 0 ? raw : raw.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? undefined : decode(raw.slice(eq + 1));
    if (!PNAME.test(name)) return refuse('malformedParameter');
    if (eq >= 0 && (value === undefined || !PVALUE.test(value))) return refuse('malformedNamedParameter', { name });
    if (params.has(name)) return refuse('duplicateParameter', { name });
    // RFC 3966 §5.4 (after RFC 4715): a parameter starting with "m-" is mandatory; one we do not know must stop the call.
    if (name.startsWith('m-')) return refuse('unknownMandatoryParameter', { name });
    params.set(name, value);
  }
  if (params.has('ext') && params.has('isub')) return refuse('extensionWithSubaddress');

  const compact = number.replace(SEPARATORS, '');
  const global = compact.startsWith('+');
  const digits = global ? compact.slice(1) : compact;
  if (!digits) return refuse('noNumber');
  if (/^[0-9*#]+$/.test(digits) && /[*#]/.test(digits)) return refuse('serviceCode');
  if (!/^[0-9]+$/.test(digits)) return refuse('notDialable', { number: printable(number) });
  if (digits.length > MAX_DIGITS) return refuse('numberTooLong');

  const parsed: DialLink = { scheme, number: global ? `+${digits}` : digits };
  if (params.has('phone-context')) {
    const context = params.get('phone-context');
    if (global) return refuse('globalWithContext');
    if (!context) return refuse('emptyContext');
    if (context.startsWith('+')) {
      const prefix = context.replace(SEPARATORS, '');
      if (!/^\+[0-9]{1,15}$/.test(prefix)) return refuse('contextNotNumber');
      parsed.context = { kind: 'global', digits: prefix.slice(1) };
    } else if (DOMAIN.test(context)) {
      parsed.context = { kind: 'domain', name: context.toLowerCase().replace(/\.$/, '') };
    } else {
      return refuse('contextInvalid');
    }
  }
  if (params.has('ext')) {
    const ext = (params.get('ext') ?? '').replace(SEPARATORS, '');
    if (!/^[0-9]{1,10}$/.test(ext)) return refuse('extensionNotNumber');
    parsed.extension = ext;
  }
  return { ok: true, ...parsed };
}

/**
 * What a sound link dials on a line: a global number as it is (when it can be a number at all); a local number
 * as an extension when it is short, else as a national number that must be valid in the line's country (never the
 * raw digits); a local number with a context only where that context is ours.
 */
export function resolveDialLink(link: DialLink, plan: LinkDialPlan): ResolvedLink {
  const country = isCountryCode(plan.country) ? plan.country : undefined;
  if (link.number.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(link.number);
    return parsed?.isPossible() ? { ok: true, number: parsed.number } : refuse('notInternational', { number: link.number });
  }
  const context = link.context;
  if (context?.kind === 'domain') {
    // Exactly one of ours: a parent (example.com, or a bare com) would take any digits past the national check.
    const ours = plan.domains.some((domain) => domain.toLowerCase().replace(/\.$/, '') === context.name);
    return ours ? { ok: true, number: link.number } : refuse('unknownDomain', { domain: context.name });
  }
  if (context?.kind === 'global') {
    // §5.1.5: the context says where the local number is valid; it is dialled only when it is a whole national
    // number there, i.e. its international form lies inside the context. Never glued to the context.
    const region = regionOfCallingCode(context.digits);
    const parsed = region ? parsePhoneNumberFromString(link.number, region) : undefined;
    if (parsed?.isValid() && parsed.number.startsWith(`+${context.digits}`)) return { ok: true, number: parsed.number };
    return refuse('localElsewhere', { number: link.number, context: `+${context.digits}` });
  }
  if (link.number.length <= MAX_EXTENSION_DIGITS) return { ok: true, number: link.number };
  // National numbers, and international ones behind the country's own prefix (00 in EE, 011 in US), must be valid there.
  const parsed = country ? parsePhoneNumberFromString(link.number, country) : undefined;
  if (parsed?.isValid()) return { ok: true, number: parsed.number };
  return refuse('notValidInCountry', { number: link.number, country: plan.country });
}

/** The main region of a country calling code that starts the given digits ('1914' → US, '372' → EE). */
function regionOfCallingCode(digits: string): CountryCode | undefined {
  for (let length = 1; length <= 3 && length <= digits.length; length++) {
    const code = digits.slice(0, length);
    const region = REGION_OF_CALLING_CODE.get(code);
    if (region) return region;
  }
  return undefined;
}

const REGION_OF_CALLING_CODE: ReadonlyMap<string, CountryCode> = (() => {
  const map = new Map<string, CountryCode>();
  // The main country of a shared code comes first in libphonenumber's metadata (US for 1, GB for 44, RU for 7).
  for (const [code, region] of [
    ['1', 'US'],
    ['7', 'RU'],
    ['44', 'GB'],
    ['61', 'AU'],
    ['39', 'IT'],
    ['47', 'NO'],
    ['590', 'GP'],
    ['262', 'RE'],
    ['212', 'MA'],
    ['358', 'FI'],
  ] as const) {
    map.set(code, region);
  }
  for (const region of getCountries()) {
    const code = getCountryCallingCode(region);
    if (!map.has(code)) map.set(code, region);
  }
  return map;
})();

/**
 * Strict %-decoding: every '%' starts a valid escape, and the result is
 * printable ASCII (no control characters, no look-alike Unicode digits).
 */
function decode(text: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return undefined;
  }
  return /^[\x20-\x7e]*$/.test(decoded) ? decoded : undefined;
}

/** The link text shortened for a message (it is already printable ASCII). */
function printable(text: string): string {
  return text.length > 32 ? `${text.slice(0, 29)}...` : text;
}

/** Why a link is refused: a key of app/i18n/catalogs/desktop.ts ('desktop.tel.…'). */
type RefusalReason =
  | 'empty'
  | 'tooLong'
  | 'scheme'
  | 'queryOrFragment'
  | 'badEncoding'
  | 'calltoParameters'
  | 'malformedParameter'
  | 'malformedNamedParameter'
  | 'duplicateParameter'
  | 'noNumber'
  | 'notDialable'
  | 'globalWithContext'
  | 'emptyContext'
  | 'contextNotNumber'
  | 'contextInvalid'
  | 'numberTooLong'
  | 'extensionNotNumber'
  | 'unknownMandatoryParameter'
  | 'extensionWithSubaddress'
  | 'serviceCode'
  | 'notInternational'
  | 'unknownDomain'
  | 'localElsewhere'
  | 'notValidInCountry';

function refuse(reason: RefusalReason, params?: MessageParams): { ok: false; error: Message } {
  return { ok: false, error: msg(`desktop.tel.${reason}`, params) };
}

/** The dial links on a command line (a second launch, or the first one from a browser). */
export function dialLinksInArgv(argv: readonly string[]): string[] {
  return argv.filter(isDialLink);
}
