/**
 * The CRM hook: a URL template configured by the receptionist (or an
 * administrator), e.g. `https://crm.example.com/search?phone={number}`, and
 * the lookup URL built from it for a caller's number. One implementation
 * for both the desktop app (main process, before shell.openExternal) and
 * browser mode (the page, before window.open), so a URL is opened only when
 * it is plainly http(s), carries no credentials, and is exactly the
 * configured template with the URL-encoded number in its one placeholder.
 */
import { msg, type Message } from './i18n/message';
import { parseUrl, type ParsedUrl } from './url';
import { says, text, v } from './validation/schema';

export const NUMBER_PLACEHOLDER = '{number}';
const MAX_TEMPLATE_LENGTH = 2048;
/** What a caller's number may contain (as the PBX reports it): digits, a leading +, * and #. */
const LOOKUP_NUMBER = /^\+?[0-9*#]{1,32}$/;

export type CrmLinkResult = { ok: true; url: string } | { ok: false; error: Message };

function parseHttpUrl(text: string): ParsedUrl | null {
  const url = parseUrl(text);
  if (!url) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url;
}

/** Why a template cannot be used, or null when it can. */
export function crmTemplateProblem(template: string): Message | null {
  if (template.length > MAX_TEMPLATE_LENGTH) return msg('crm.tooLong', { limit: MAX_TEMPLATE_LENGTH });
  // No spaces, tabs, newlines or control characters anywhere: nothing that could split a header or a command line.
  if (/[\s\p{Cc}\\]/u.test(template)) return msg('crm.badCharacters');
  if (!/^https?:\/\//i.test(template)) return msg('crm.scheme');
  if (template.split(NUMBER_PLACEHOLDER).length !== 2) return msg('crm.placeholderOnce');
  if (/[{}]/.test(template.replace(NUMBER_PLACEHOLDER, ''))) return msg('crm.braces');
  const afterScheme = template.slice(template.indexOf('://') + 3);
  const authorityEnd = afterScheme.search(/[/?#]/);
  if (authorityEnd < 0 || afterScheme.indexOf(NUMBER_PLACEHOLDER) < authorityEnd) {
    return msg('crm.placeholderAfterHost');
  }
  if (!parseHttpUrl(template.replace(NUMBER_PLACEHOLDER, '0'))) return msg('crm.invalid');
  return null;
}

/** The preference: '' (no CRM), or a usable template; a problem is reported as the template's own reason. */
export const crmUrlTemplate = v.pipe(
  text(0, MAX_TEMPLATE_LENGTH),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed || dataset.value === '') return;
    const problem = crmTemplateProblem(dataset.value);
    if (problem) addIssue({ message: says(problem.key) });
  }),
);

/** The lookup URL for a number, or why there is none. */
export function crmLookupUrl(template: string, number: string): CrmLinkResult {
  if (template === '') return { ok: false, error: msg('crm.notSet') };
  const problem = crmTemplateProblem(template);
  if (problem) return { ok: false, error: problem };
  if (!LOOKUP_NUMBER.test(number)) return { ok: false, error: msg('crm.noNumber') };
  const [before, after] = template.split(NUMBER_PLACEHOLDER);
  const url = parseHttpUrl(`${before}${encodeURIComponent(number)}${after}`);
  const origin = parseHttpUrl(`${before}0${after}`)?.origin;
  if (!url || url.origin !== origin) return { ok: false, error: msg('crm.badLink') };
  return { ok: true, url: url.href };
}

/** The check right before opening: exactly the URL this template makes for this number. */
export function isCrmLookupUrl(url: string, template: string, number: string): boolean {
  const expected = crmLookupUrl(template, number);
  return expected.ok && expected.url === url && parseHttpUrl(url) !== null;
}
