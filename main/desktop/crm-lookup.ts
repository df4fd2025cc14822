/**
 * The desktop side of the CRM hook: build the lookup URL from the
 * configured template, check the final URL once more right before handing
 * it to the OS, and only then open it (shell.openExternal, injected). The
 * page only ever sends a number; the URL is made here.
 */
import type { CommandResult } from '../../app/commands';
import { crmLookupUrl, isCrmLookupUrl } from '../../app/crm-link';

export interface CrmLookupOptions {
  template(): string;
  openExternal(url: string): Promise<void>;
}

export async function openCrmLookup(number: string, options: CrmLookupOptions): Promise<CommandResult> {
  const template = options.template();
  const link = crmLookupUrl(template, number);
  if (!link.ok) return link;
  if (!isCrmLookupUrl(link.url, template, number)) return { ok: false, error: 'The CRM link was refused as unsafe.' };
  try {
    await options.openExternal(link.url);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `The CRM page could not be opened: ${error instanceof Error ? error.message : String(error)}` };
  }
}
