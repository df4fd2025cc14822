/**
 * Reads a `tel:` (RFC 3966) or `callto:` link strictly, into a dial string
 * the core can normalise. Anything that is not plainly a phone number is
 * refused with a message: a link comes from a web page, a mail or a CRM,
 * so it is hostile until proven otherwise. The result is only ever handed
 * to the core's `dial` command, never to a shell or another program.
 *
 * Accepted:
 *   tel:+372-640-1234                    global number, visual separators - . ( )
 *   tel:+1-201-555-0123;ext=1234         extension (reported, not dialled: it is keyed in once answered)
 *   tel:863-1234;phone-context=+1-914-555  local number in a numeric context → +19145558631234
 *   tel:1100;phone-context=pbx.example.com local number in a domain context → 1100 (the PBX's own plan)
 *   tel:+372%20640%201234                %-encoded (browsers encode spaces this way)
 *   callto:+3726401234, callto://+3726401234
 */

import { msg, type Message, type MessageParams } from '../../app/i18n/message';

export type LinkScheme = 'tel' | 'callto';

export type ParsedLink =
  | {
      ok: true;
      scheme: LinkScheme;
      /** Digits with an optional leading '+', or a feature code with * and #. */
      number: string;
      /** From `;ext=`; the caller is told to key it in, no PBX here dials it. */
      extension?: string;
    }
  | { ok: false; error: Message };

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
  return SCHEME.test(text);
}

export function parseDialLink(link: string): ParsedLink {
  if (typeof link !== 'string' || link.length === 0) return refuse('empty');
  if (link.length > MAX_LINK_LENGTH) return refuse('tooLong');
  const schemeMatch = SCHEME.exec(link);
  if (!schemeMatch) return refuse('scheme');
  const scheme = schemeMatch[1].toLowerCase() as LinkScheme;
  let rest = link.slice(schemeMatch[0].length);
  // callto: is informal; Skype and others write callto://number.
  if (scheme === 'callto' && rest.startsWith('//')) rest = rest.slice(2).replace(/\/$/, '');
  if (/[?#]/.test(rest)) return refuse('queryOrFragment');

  const [rawNumber, ...rawParams] = rest.split(';');
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
    params.set(name, value);
  }

  const compact = number.replace(SEPARATORS, '');
  const global = compact.startsWith('+');
  const digits = global ? compact.slice(1) : compact;
  if (!digits) return refuse('noNumber');
  if (global ? !/^[0-9]+$/.test(digits) : !/^[0-9*#]+$/.test(digits)) {
    return refuse('notDialable', { number: printable(number) });
  }

  let dialString = global ? `+${digits}` : digits;
  const context = params.get('phone-context');
  if (params.has('phone-context')) {
    if (global) return refuse('globalWithContext');
    if (!context) return refuse('emptyContext');
    if (context.startsWith('+')) {
      const prefix = context.replace(SEPARATORS, '');
      if (!/^\+[0-9]+$/.test(prefix)) return refuse('contextNotNumber');
      if (/[*#]/.test(digits)) return refuse('featureCodeInContext');
      dialString = prefix + digits;
    } else if (!DOMAIN.test(context)) {
      return refuse('contextInvalid');
    }
  }
  // RFC 3966 wants a phone-context on every local number; browsers, mail clients and CRMs omit it, so a
  // local number without one is read like a number typed into the dial box (with the line's country).
  if (dialString.replace('+', '').length > MAX_DIGITS) return refuse('numberTooLong');

  let extension: string | undefined;
  if (params.has('ext')) {
    const ext = (params.get('ext') ?? '').replace(SEPARATORS, '');
    if (!/^[0-9]{1,10}$/.test(ext)) return refuse('extensionNotNumber');
    extension = ext;
  }
  return extension ? { ok: true, scheme, number: dialString, extension } : { ok: true, scheme, number: dialString };
}

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
  | 'featureCodeInContext'
  | 'contextInvalid'
  | 'numberTooLong'
  | 'extensionNotNumber';

function refuse(reason: RefusalReason, params?: MessageParams): ParsedLink {
  return { ok: false, error: msg(`desktop.tel.${reason}`, params) };
}

/** The dial links on a command line (a second launch, or the first one from a browser). */
export function dialLinksInArgv(argv: readonly string[]): string[] {
  return argv.filter((arg) => typeof arg === 'string' && isDialLink(arg));
}
