/**
 * The one place where a request from the renderer reaches the core, shared
 * by the WebSocket bridge (browser mode) and the Electron IPC bridge: both
 * check the parameter against the contract's schema and dispatch to the
 * same handlers. What only one bridge can do (subscribing its own window,
 * showing a call, opening the CRM) it adds as its own handlers.
 */
import { refused, type CommandResult } from '../../app/commands';
import { msg } from '../../app/i18n/message';
import { journalCsvFileName } from '../../app/journal';
import type { ContactsRefusal } from '../../app/directory/contact';
import {
  dispatchRequest,
  isRequestMethod,
  parseRequest,
  type Reply,
  type RequestHandlers,
  type RequestMethod,
  type RequestParams,
  type ConnectionSubmission,
  type GeneralSettings,
  type LinkOffer,
  type SettingsResult,
  type SettingsView,
} from '../../app/contract';
import { SchemaError } from '../../app/validation/schema';
import type { ConsoleService } from '../core/console-service';
import { ConsoleError } from '../core/errors';

/** The service methods a request may reach (lets tests pass a spy; one without the journal's answers that there is none). */
export type RequestTarget = Pick<ConsoleService, 'execute' | 'searchDirectory' | 'reconnect'> &
  Partial<JournalTarget> &
  Partial<ContactsTarget>;

/** The local contacts' methods of the service. */
export type ContactsTarget = Pick<ConsoleService, 'listContacts' | 'saveContact' | 'deleteContact' | 'importContacts'>;

/** The journal methods of the service. */
export type JournalTarget = Pick<
  ConsoleService,
  'queryJournal' | 'markJournalDone' | 'setJournalNote' | 'journalFigures' | 'exportJournalCsv'
>;

/** The settings methods a request may reach (the runtime's SettingsService); without them a bridge answers that settings cannot be changed here. */
export interface SettingsTarget {
  view: () => Promise<SettingsView>;
  saveConnection: (submission: ConnectionSubmission) => Promise<SettingsResult>;
  removeConnection: (connectionId: string) => Promise<SettingsResult>;
  testConnection: (submission: ConnectionSubmission) => Promise<CommandResult>;
  savePreferences: (general: GeneralSettings) => Promise<SettingsResult>;
}

/** Browser mode's click-to-dial links (main/desktop/link-dialer.ts LinkInbox): a link from the page, and what to show. */
export interface LinkTarget {
  open: (link: string) => void;
  take: () => Promise<LinkOffer>;
}

/** The handlers of the methods every bridge answers the same way. */
export type CoreHandlers = Pick<
  RequestHandlers,
  | 'execute'
  | 'searchDirectory'
  | 'reconnect'
  | 'getSettings'
  | 'saveConnection'
  | 'removeConnection'
  | 'testConnection'
  | 'savePreferences'
  | 'queryJournal'
  | 'markJournalDone'
  | 'setJournalNote'
  | 'journalFigures'
  | 'exportJournal'
  | 'listContacts'
  | 'saveContact'
  | 'deleteContact'
  | 'importContacts'
  | 'openLink'
>;

/**
 * The core's handlers for one client. `origin` names it (a bridge socket, the desktop app): its directory searches
 * replace one another, never another client's.
 */
export function coreHandlers(service: RequestTarget, settings?: SettingsTarget, origin?: string, links?: LinkTarget): CoreHandlers {
  const withSettings = (): SettingsTarget => {
    if (!settings) throw new ConsoleError(msg('request.noSettings'));
    return settings;
  };
  return {
    execute: (command) => service.execute(command),
    searchDirectory: (query) => service.searchDirectory(query, origin),
    listContacts: async () => (await service.listContacts?.()) ?? noContacts(),
    saveContact: async (contact) => (await service.saveContact?.(contact)) ?? noContacts(),
    deleteContact: async (contactId) => (await service.deleteContact?.(contactId)) ?? noContacts(),
    importContacts: async ({ contacts, ...batch }) => (await service.importContacts?.(contacts, batch)) ?? noContacts(),
    reconnect: (connectionId) => Promise.resolve(service.reconnect(connectionId)),
    getSettings: () => withSettings().view(),
    saveConnection: (submission) => withSettings().saveConnection(submission),
    removeConnection: (connectionId) => withSettings().removeConnection(connectionId),
    testConnection: (submission) => withSettings().testConnection(submission),
    savePreferences: (general) => withSettings().savePreferences(general),
    queryJournal: async (query) => service.queryJournal?.(query) ?? { entries: [], total: 0, missedOpen: 0 },
    markJournalDone: async (request) => service.markJournalDone?.(request) ?? refused(msg('journal.unavailable')),
    setJournalNote: async (request) => service.setJournalNote?.(request) ?? refused(msg('journal.unavailable')),
    journalFigures: async ({ since }) => service.journalFigures?.(since) ?? null,
    exportJournal: async (query) => {
      const csv = await service.exportJournalCsv?.(query);
      return csv === undefined ? { kind: 'unavailable' } : { kind: 'csv', fileName: journalCsvFileName(Date.now()), csv };
    },
    // Without an inbox (the desktop app asks in its own dialog) there is never a link for the page.
    openLink: async ({ link }) => {
      if (!links) return { kind: 'none' };
      if (link !== undefined) links.open(link);
      return links.take();
    },
  };
}

function noContacts(): ContactsRefusal {
  return { ok: false, error: msg('directory.contact.unavailable') };
}

/**
 * Turns a contract violation into the refusal sent back to the renderer ("Invalid request: command.callId: …"):
 * a Message, so the page says it in its language. The first problem only: a request the page should never
 * have made needs one reason, not a sentence built of several.
 */
export function invalidRequestError(error: SchemaError): ConsoleError {
  const first = error.problems[0];
  return new ConsoleError(msg('request.invalid', { path: first?.path || 'params', problem: first?.message ?? msg('validation.invalid') }), {
    cause: error,
  });
}

/** The method's parameter, checked; a violation rejects with `Invalid request: <path>: …` before any handler runs. */
export function checkedParams<M extends RequestMethod>(method: M, params: unknown): RequestParams<M> {
  try {
    return parseRequest(method, params);
  } catch (error) {
    if (error instanceof SchemaError) throw invalidRequestError(error);
    throw error;
  }
}

/**
 * Checks `method` and `params` against the contract and runs the handler.
 * Rejects with `Invalid request: …` for a method the contract does not
 * have or a parameter that breaks it, before any handler is touched.
 */
export async function handleRequest(handlers: RequestHandlers, method: string, params: unknown): Promise<Reply<RequestMethod>> {
  if (!isRequestMethod(method)) throw new ConsoleError(msg('request.unknownMethod'));
  return dispatchRequest(handlers, method, checkedParams(method, params));
}
