/**
 * The desktop side of the CRM hook: build the lookup URL from the
 * configured template, check the final URL once more right before handing
 * it to the OS, and only then open it (shell.openExternal, injected). The
 * page only ever sends a number; the URL is made here.
 */
import type { CommandResult } from '../../app/commands';
import { crmLookupUrl, isCrmLookupUrl } from '../../app/crm-link';
import { msg } from '../../app/i18n/message';

export interface CrmLookupOptions {
  template: () => string;
  openExternal: (url: string) => Promise<void>;
}

export async function openCrmLookup(number: string, options: CrmLookupOptions): Promise<CommandResult> {
  const template = options.template();
  const link = crmLookupUrl(template, number);
  if (!link.ok) return link;
  if (!isCrmLookupUrl(link.url, template, number)) return { ok: false, error: msg('crm.unsafe') };
  try {
    await options.openExternal(link.url);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: msg('crm.openFailed', { reason: error instanceof Error ? error.message : String(error) }) };
  }
}
