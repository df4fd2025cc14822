/**
 * The CRM hook: a URL template configured by the receptionist (or an
 * administrator), e.g. `https://crm.example.com/search?phone={number}`, and
 * the lookup URL built from it for a caller's number. One implementation
 * for both the desktop app (main process, before shell.openExternal) and
 * browser mode (the page, before window.open), so a URL is opened only when
 * it is plainly http(s), carries no credentials, and is exactly the
 * configured template with the URL-encoded number in its one placeholder.
 */
import { str, ValidationError, type Validator } from './validate';

export const NUMBER_PLACEHOLDER = '{number}';
const MAX_TEMPLATE_LENGTH = 2048;
/** What a caller's number may contain (as the PBX reports it): digits, a leading +, * and #. */
const LOOKUP_NUMBER = /^\+?[0-9*#]{1,32}$/;

/**
 * The WHATWG URL parser, which every runtime of app/ has (Node, browsers,
 * Electron); app/ compiles without DOM or Node types, so its shape is named here.
 */
interface ParsedUrl {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  origin: string;
  href: string;
}
const WhatwgUrl = (globalThis as unknown as { URL: new (text: string) => ParsedUrl }).URL;

export type CrmLinkResult = { ok: true; url: string } | { ok: false; error: string };

function parseHttpUrl(text: string): ParsedUrl | null {
  let url: ParsedUrl;
  try {
    url = new WhatwgUrl(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url;
}

/** Why a template cannot be used, or null when it can. */
export function crmTemplateProblem(template: string): string | null {
  if (template.length > MAX_TEMPLATE_LENGTH) return `The CRM address is longer than ${MAX_TEMPLATE_LENGTH} characters.`;
  // No spaces, tabs, newlines or control characters anywhere: nothing that could split a header or a command line.
  if (/[\s\p{Cc}\\]/u.test(template)) return 'The CRM address must not contain spaces, line breaks, control characters or backslashes.';
  if (!/^https?:\/\//i.test(template)) return 'The CRM address must start with http:// or https://.';
  if (template.split(NUMBER_PLACEHOLDER).length !== 2) return `The CRM address must contain ${NUMBER_PLACEHOLDER} exactly once.`;
  if (/[{}]/.test(template.replace(NUMBER_PLACEHOLDER, ''))) return `The CRM address may contain braces only in ${NUMBER_PLACEHOLDER}.`;
  const afterScheme = template.slice(template.indexOf('://') + 3);
  const authorityEnd = afterScheme.search(/[/?#]/);
  if (authorityEnd < 0 || afterScheme.indexOf(NUMBER_PLACEHOLDER) < authorityEnd) {
    return `${NUMBER_PLACEHOLDER} must come after the server name (in the path or the query), so a number can never change where the link goes.`;
  }
  if (!parseHttpUrl(template.replace(NUMBER_PLACEHOLDER, '0')))
    return 'The CRM address is not a valid http(s) address without a user name or password.';
  return null;
}

/** The preference: '' (no CRM), or a usable template. */
export const crmUrlTemplate: Validator<string> = (value, path = '') => {
  const template = str({ max: MAX_TEMPLATE_LENGTH })(value, path);
  if (template === '') return template;
  const problem = crmTemplateProblem(template);
  if (problem)
    throw new ValidationError(path, `a CRM address such as https://crm.example.com/search?phone=${NUMBER_PLACEHOLDER} (${problem})`);
  return template;
};

/** The lookup URL for a number, or why there is none. */
export function crmLookupUrl(template: string, number: string): CrmLinkResult {
  if (template === '') return { ok: false, error: 'No CRM address is set (Settings → Preferences).' };
  const problem = crmTemplateProblem(template);
  if (problem) return { ok: false, error: problem };
  if (!LOOKUP_NUMBER.test(number)) return { ok: false, error: 'This call has no number to look up.' };
  const [before, after] = template.split(NUMBER_PLACEHOLDER);
  const url = parseHttpUrl(`${before}${encodeURIComponent(number)}${after}`);
  const origin = parseHttpUrl(`${before}0${after}`)?.origin;
  if (!url || url.origin !== origin) return { ok: false, error: 'The CRM address does not make a valid link for this number.' };
  return { ok: true, url: url.href };
}

/** The check right before opening: exactly the URL this template makes for this number. */
export function isCrmLookupUrl(url: string, template: string, number: string): boolean {
  const expected = crmLookupUrl(template, number);
  return expected.ok && expected.url === url && parseHttpUrl(url) !== null;
}
