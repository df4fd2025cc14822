/**
 * The one contract between the core (Electron main process or `serve`) and
 * the renderer. One map, REQUESTS, says for every method what its parameter
 * is (a schema, so it is checked at run time and its type inferred) and
 * REPLIES says what comes back; the renderer's API, the request handler,
 * the preload, the IPC channels and the WebSocket bridge are all derived
 * from these two, so no method list is kept in step by hand.
 */
import { commandSchema, dialString, entityId, type CommandResult } from './commands';
import type { BaseConnectionConfig } from './vendors';
import type { ConsoleState, DirectoryEntry, JournalEntry } from './model';
import {
  journalDoneSchema,
  journalFiguresSchema,
  journalNoteSchema,
  journalQuerySchema,
  type JournalExport,
  type JournalFigures,
  type JournalPage,
  type LineFigures,
} from './journal';
import type { Message } from './i18n/message';
import { preferencesSchema, type DesktopPreferences } from './preferences';
import type { StateChange } from './reducer';
import { country } from './validation/fields';
import { messageSchema } from './validation/message-schema';
import { parseWith, SchemaError, text, integer, v } from './validation/schema';
import { VENDORS } from './vendors';
import {
  contactInputSchema,
  importBatchSchema,
  type Contact,
  type ContactDeletedReply,
  type ContactSavedReply,
  type ContactsReply,
  type ImportReply,
} from './directory/contact';

/** First message to every subscriber, then patches in `seq` order. */
export type StateMessage = { type: 'snapshot'; seq: number; state: ConsoleState } | { type: 'patch'; seq: number; changes: StateChange[] };

export const directoryQuerySchema = v.strictObject({
  /** A name, part of a name, or a number as typed. */
  text: text(0, 128),
  limit: v.optional(integer(1, 200)),
  /**
   * 'local': the console's own directory (every PBX's users and the contacts), answered at once;
   * 'all' (the default): the same with every online PBX's own search merged in, once they answered.
   * The UI asks for both and shows the first reply, then the second.
   */
  scope: v.optional(v.picklist(['local', 'all'])),
});
export type DirectoryQuery = v.InferOutput<typeof directoryQuerySchema>;

/** A PBX search that failed or timed out: shown with the results, never as "no matches". */
export interface DirectoryFailure {
  source: string;
  error: Message;
}

export interface DirectoryAnswer {
  entries: DirectoryEntry[];
  /** Scope 'local' with PBX searches still to ask: a scope 'all' reply will follow the receptionist's request for it. */
  vendorsPending: boolean;
  failures: DirectoryFailure[];
  /** A newer search of the same client replaced this one before some PBX answered: the UI shows the newer one. */
  superseded?: boolean;
}

export interface ConnectionSubmission {
  /** One connection's settings, checked by its vendor's schema (the core checks again with the registry it runs). */
  connection: BaseConnectionConfig;
  /** New password; left out keeps the stored one. */
  password?: string;
}

export const connectionSubmissionSchema: v.GenericSchema<unknown, ConnectionSubmission> = v.strictObject({
  connection: VENDORS.connectionSchema,
  password: v.optional(text(1, 256)),
});

export const generalSettingsSchema = v.strictObject({
  /** ISO country for numbers typed without a country code. */
  defaultCountry: country,
  preferences: preferencesSchema,
});
export type GeneralSettings = { defaultCountry: string; preferences: DesktopPreferences };

/** Longest link the page may hand over; the core's link parser refuses anything above its own, smaller limit, saying why. */
export const MAX_LINK_PARAM_LENGTH = 2048;

export const linkRequestSchema = v.strictObject({
  /** The tel:/callto: link the page was opened with; left out: the link the console holds for a page (`serve --open-link`). */
  link: v.optional(text(1, MAX_LINK_PARAM_LENGTH)),
});
export type LinkRequest = v.InferOutput<typeof linkRequestSchema>;

/** A link resolved on one line: what the confirmation shows, and what the `dial` command then sends. */
export interface LinkDialRequest {
  link: string;
  /** What is dialled: E.164, or an extension of the line's PBX. */
  number: string;
  /** The number as the receptionist reads it (national form in the line's country). */
  formatted: string;
  /** Who the number belongs to, when the directory knows. */
  name?: string;
  /** From `;ext=`: keyed in once answered, never dialled. */
  extension?: string;
  line: { id: string; label: string };
}

/**
 * What the core says of a link for the page: confirm this dial, refused (why), waiting for a line to come online
 * (ask again when one does, or after `retryInMs` to hear that the wait expired), or no link at all.
 */
export type LinkOffer =
  | { kind: 'confirm'; request: LinkDialRequest }
  | { kind: 'refused'; error: Message }
  | { kind: 'waiting'; number: string; retryInMs: number }
  | { kind: 'none' };

/** Methods that take nothing: the parameter is absent (or null, as JSON has it). */
const nothing = v.optional(v.null());

/** Every request method (renderer → core) and the schema of its parameter. */
export const REQUESTS = {
  execute: commandSchema,
  searchDirectory: directoryQuerySchema,
  /** The local contacts (settings folder). */
  listContacts: nothing,
  /** Adds a contact, or replaces the one with the same id. */
  saveContact: contactInputSchema,
  deleteContact: entityId,
  /** A batch of an import of contacts read from a CSV or vCard file (the UI previews the file first); the last one saves the import. */
  importContacts: importBatchSchema,
  /** Reconnect a connection now instead of waiting for the backoff. */
  reconnect: entityId,
  /** Start sending state messages (a snapshot, then patches). */
  subscribe: nothing,
  /** The settings view's data: saved connections (passwords never included), preferences, where passwords are kept. */
  getSettings: nothing,
  /** Adds or replaces (same id) a connection and (re)starts it; a password given is stored in the credential store. */
  saveConnection: connectionSubmissionSchema,
  /** Stops a saved connection and forgets it, its stored password included. */
  removeConnection: entityId,
  /** Connects once with these settings and disconnects: accepted, or refused with the reason. Saves nothing. */
  testConnection: connectionSubmissionSchema,
  /** The default country (configuration) and the desktop preferences. */
  savePreferences: generalSettingsSchema,
  /** Brings the console forward with this call selected (the alert window's Show button); a browser selects it in the page. */
  showCall: entityId,
  /** Opens the configured CRM's page for this number (app/crm-link.ts): the desktop app in the default browser, a browser in a new tab. */
  lookUpInCrm: dialString,
  /** A page of the journal (finished calls, newest first), searched and filtered, with the count of missed calls not yet done. */
  queryJournal: journalQuerySchema,
  /** Marks journal entries done, or every missed call at once. */
  markJournalDone: journalDoneSchema,
  /** A note on a running call (it lands on the call's entry when it ends) or on a journal entry. */
  setJournalNote: journalNoteSchema,
  /** Today at a glance: answered, missed, average and longest wait, per line, for calls since this moment. */
  journalFigures: journalFiguresSchema,
  /** The journal as CSV, as the query filters it (paging ignored): the browser downloads it, the desktop app asks where to save it. */
  exportJournal: journalQuerySchema,
  /**
   * Browser mode's click-to-dial: resolves the link the page was opened with (or, without one, takes the link the
   * console holds) on the line it would dial, with the directory's name. Nothing is dialled: after the confirmation
   * the page sends the ordinary `dial` command. The desktop app asks in its own dialog and answers `none` here.
   */
  openLink: linkRequestSchema,
} as const;

export type RequestMethod = keyof typeof REQUESTS;
export type RequestParams<M extends RequestMethod> = v.InferOutput<(typeof REQUESTS)[M]>;

// ---------------------------------------------------------------------------
// Settings. Passwords only ever travel towards the core; the settings view
// learns whether one is stored, never its value.

export interface SavedConnection {
  connection: BaseConnectionConfig;
  /** A password for this connection is in the credential store. */
  hasPassword: boolean;
}

export type PasswordStorage = 'keychain' | 'encrypted-file' | 'unavailable';

export interface SettingsView extends GeneralSettings {
  connections: SavedConnection[];
  /** Where passwords are kept, and what that means (or why they cannot be saved). */
  passwordStorage: { kind: PasswordStorage; description: Message };
  /** Preferences that act only in the desktop app (tray, login item, global shortcuts, native alerts). */
  desktop: boolean;
  /** Where connections are saved (the configuration file's path). */
  savedTo: string;
}

/** A problem with a field of the submitted settings: where, and what is wrong. */
export interface SettingsProblem {
  path: string;
  message: Message;
}

export type SettingsResult = { ok: true; settings: SettingsView } | { ok: false; error: Message; problems?: SettingsProblem[] };

/** What each request method answers. */
export interface Replies {
  execute: CommandResult;
  searchDirectory: DirectoryAnswer;
  listContacts: ContactsReply;
  saveContact: ContactSavedReply;
  deleteContact: ContactDeletedReply;
  importContacts: ImportReply;
  reconnect: CommandResult;
  subscribe: null;
  getSettings: SettingsView;
  saveConnection: SettingsResult;
  removeConnection: SettingsResult;
  testConnection: CommandResult;
  savePreferences: SettingsResult;
  showCall: null;
  lookUpInCrm: CommandResult;
  queryJournal: JournalPage;
  markJournalDone: CommandResult;
  setJournalNote: CommandResult;
  /** null when this console keeps no journal. */
  journalFigures: JournalFigures | null;
  exportJournal: JournalExport;
  openLink: LinkOffer;
}
export type Reply<M extends RequestMethod> = Replies[M];

/** What answers the requests: one function per method, each taking its checked parameter. */
export type RequestHandlers = { [M in RequestMethod]: (params: RequestParams<M>) => Promise<Reply<M>> };

/** Methods the renderer calls on `window.attendant` (subscribing is `onState`). */
export type ApiMethod = Exclude<RequestMethod, 'subscribe'>;

/** The API object the renderer sees as `window.attendant`. */
export type AttendantApi = {
  [M in ApiMethod]: undefined extends RequestParams<M> ? () => Promise<Reply<M>> : (params: RequestParams<M>) => Promise<Reply<M>>;
} & {
  /** Subscribes to state; the listener first receives a snapshot. Returns the unsubscribe function. */
  onState: (listener: (message: StateMessage) => void) => () => void;
  /**
   * The desktop app asks the window to show this call (a click on its alert).
   * Returns the unsubscribe function. The browser bridge never sends it.
   */
  onFocusCall: (listener: (callId: string) => void) => () => void;
  /**
   * The settings changed outside this window (the tray's do-not-disturb):
   * read them again. Carries nothing, so nothing unchecked reaches the page.
   * The browser bridge never sends it (there, only the page changes them).
   */
  onSettingsChanged: (listener: () => void) => () => void;
};

export function isRequestMethod(name: string): name is RequestMethod {
  return Object.prototype.hasOwnProperty.call(REQUESTS, name);
}

/** The method's parameter, checked; throws SchemaError naming the place (`command.callId`). */
export function parseRequest<M extends RequestMethod>(method: M, params: unknown): RequestParams<M> {
  return parseWith(REQUESTS[method], params, PARAM_NAMES[method]);
}

/** How a method's parameter is named in error paths ("Invalid request: command.callId: …"). */
const PARAM_NAMES: Record<RequestMethod, string> = {
  execute: 'command',
  searchDirectory: 'query',
  listContacts: 'params',
  saveContact: 'contact',
  deleteContact: 'contactId',
  importContacts: 'batch',
  reconnect: 'connectionId',
  subscribe: 'params',
  getSettings: 'params',
  saveConnection: 'submission',
  removeConnection: 'connectionId',
  testConnection: 'submission',
  savePreferences: 'general',
  showCall: 'callId',
  lookUpInCrm: 'number',
  queryJournal: 'query',
  markJournalDone: 'request',
  setJournalNote: 'note',
  journalFigures: 'params',
  exportJournal: 'query',
  openLink: 'request',
};

/** Runs the handler of a method with its (already checked) parameter. */
export function dispatchRequest<M extends RequestMethod>(
  handlers: RequestHandlers,
  method: M,
  params: RequestParams<M>,
): Promise<Reply<M>> {
  const handler: RequestHandlers[M] = handlers[method];
  return handler(params);
}

/** Messages the main process pushes to the renderer (no handler, no reply). */
export type PushChannel = 'state' | 'focusCall' | 'settingsChanged';

/**
 * What an IPC request handler answers: the reply, or the refusal as a Message. A rejection would reach the
 * page as an Error whose text is all that crosses IPC (and the contextBridge), in English; a Message is put
 * into the page's own language there.
 */
export type IpcReply = { result: unknown } | { error: Message };

const ipcReplySchema = v.union([v.strictObject({ error: messageSchema }), v.strictObject({ result: v.unknown() })]);

/**
 * The preload's side of IpcReply, shape-checked: the reply, or a rejection with the refusal's Message
 * (a plain object: the contextBridge copies it whole, where an Error would arrive as its text alone).
 */
export function ipcReplyValue(raw: unknown): Promise<unknown> {
  const reply = parseWith(ipcReplySchema, raw, 'reply');
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- see above: the Message is what must arrive
  return 'error' in reply ? Promise.reject(reply.error) : Promise.resolve(reply.result);
}

/** Electron IPC channel names: `attendant:<method>` for requests, and the push channels. */
export function ipcChannel(name: RequestMethod | PushChannel): `attendant:${RequestMethod | PushChannel}` {
  return `attendant:${name}`;
}

export const validateCallId = (value: unknown): string => parseWith(entityId, value, 'callId');

// ---------------------------------------------------------------------------
// The WebSocket bridge (browser mode) frames the same requests.

/** A refused request's `error` is the core's Message (a code and parameters): the page says it in its own language. */
export type BridgeServerFrame = { id: number; result: unknown } | { id: number; error: Message } | { push: 'state'; message: StateMessage };

/** Largest frame the bridge server accepts from a browser. */
export const MAX_BRIDGE_FRAME_BYTES = 16 * 1024;

const clientFrameSchema = v.strictObject({
  id: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  method: v.custom<RequestMethod>((value) => typeof value === 'string' && isRequestMethod(value)),
  params: v.optional(v.unknown()),
});

/** A request as the browser frames it: the parameter was checked against the method's schema. */
export interface BridgeClientFrame<M extends RequestMethod = RequestMethod> {
  id: number;
  method: M;
  params: RequestParams<M>;
}

/** Parses and validates one frame a browser sent; throws SchemaError naming the place. */
export function parseBridgeClientFrame(text: string): BridgeClientFrame {
  if (text.length > MAX_BRIDGE_FRAME_BYTES)
    throw new SchemaError([{ path: 'frame', message: { key: 'validation.maxLength', params: { requirement: MAX_BRIDGE_FRAME_BYTES } } }]);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SchemaError([{ path: 'frame', message: { key: 'validation.invalid' } }]);
  }
  const frame = parseWith(clientFrameSchema, raw, 'frame');
  return withParams(frame.id, frame.method, frame.params);
}

function withParams<M extends RequestMethod>(id: number, method: M, params: unknown): BridgeClientFrame<M> {
  return { id, method, params: parseRequest(method, params) };
}

const stateMessageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('snapshot'), seq: v.number(), state: v.custom<ConsoleState>(isObject) }),
  v.strictObject({ type: v.literal('patch'), seq: v.number(), changes: v.array(v.custom<StateChange>(isObject)) }),
]);

const serverFrameSchema = v.union([
  v.strictObject({ push: v.literal('state'), message: stateMessageSchema }),
  v.strictObject({ id: v.number(), error: messageSchema }),
  v.strictObject({ id: v.number(), result: v.unknown() }),
]);

/** The request id of a frame that failed validation, when one can be read (both ends answer it rather than leave it waiting). */
export function readableFrameId(text: string): number | undefined {
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw !== 'object' || raw === null || !('id' in raw)) return undefined;
    const id = raw.id;
    return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the browser receives from the bridge server, shape-checked. The
 * state itself is the core's own output and is not re-validated field by
 * field (a thousand calls per snapshot); replies are checked per method by
 * `parseReply`.
 */
export function parseBridgeServerFrame(text: string): BridgeServerFrame {
  const raw: unknown = JSON.parse(text);
  return parseWith(serverFrameSchema, raw, 'frame');
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

// ---------------------------------------------------------------------------
// Replies as the renderer receives them over the WebSocket, checked per method.

const commandResultSchema: v.GenericSchema<unknown, CommandResult> = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), notice: v.optional(messageSchema) }),
  v.strictObject({ ok: v.literal(false), error: messageSchema, code: v.optional(v.string()) }),
]);

const directoryEntrySchema: v.GenericSchema<unknown, DirectoryEntry> = v.looseObject({
  number: v.string(),
  name: v.optional(v.string()),
  company: v.optional(v.string()),
  numberType: v.optional(v.picklist(['work', 'home', 'mobile', 'ip'])),
  source: v.string(),
  connectionId: v.optional(v.string()),
  entryId: v.optional(v.string()),
  editable: v.optional(v.boolean()),
  origin: v.optional(v.picklist(['colleague', 'line', 'contact', 'phonebook', 'vendor'])),
  department: v.optional(v.string()),
  presence: v.optional(
    v.strictObject({
      activity: v.picklist(['idle', 'ringing', 'busy', 'offline', 'unknown']),
      status: v.optional(v.string()),
      note: v.optional(v.string()),
    }),
  ),
  contactId: v.optional(v.string()),
  match: v.optional(
    v.picklist(['exact-name', 'name-prefix', 'number-prefix', 'number-digits', 'company-prefix', 'secondary-spelling', 'vendor']),
  ),
});

const directoryAnswerSchema: v.GenericSchema<unknown, DirectoryAnswer> = v.strictObject({
  entries: v.array(directoryEntrySchema),
  vendorsPending: v.boolean(),
  failures: v.array(v.strictObject({ source: v.string(), error: messageSchema })),
  superseded: v.optional(v.boolean()),
});

const contactSchema: v.GenericSchema<unknown, Contact> = v.strictObject({
  id: v.string(),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  company: v.optional(v.string()),
  department: v.optional(v.string()),
  numbers: v.array(v.strictObject({ number: v.string(), type: v.optional(v.picklist(['work', 'home', 'mobile', 'ip'])) })),
  email: v.optional(v.string()),
  note: v.optional(v.string()),
});

const contactsRefusalSchema = v.strictObject({ ok: v.literal(false), error: messageSchema });

const contactsReplySchema: v.GenericSchema<unknown, ContactsReply> = v.variant('ok', [
  v.strictObject({
    ok: v.literal(true),
    contacts: v.array(contactSchema),
  }),
  contactsRefusalSchema,
]);

/** A save or a delete answers only what changed (strict: a reply carrying the list is refused). */
const contactSavedReplySchema: v.GenericSchema<unknown, ContactSavedReply> = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), saved: contactSchema }),
  contactsRefusalSchema,
]);

const contactDeletedReplySchema: v.GenericSchema<unknown, ContactDeletedReply> = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), removed: v.string() }),
  contactsRefusalSchema,
]);

const importReplySchema: v.GenericSchema<unknown, ImportReply> = v.variant('ok', [
  v.strictObject({
    ok: v.literal(true),
    importId: v.string(),
    added: v.number(),
    skipped: v.array(v.strictObject({ index: v.number(), reason: messageSchema })),
    saved: v.boolean(),
  }),
  v.strictObject({ ok: v.literal(false), error: messageSchema }),
]);

const settingsViewSchema: v.GenericSchema<unknown, SettingsView> = v.strictObject({
  connections: v.array(v.strictObject({ connection: VENDORS.connectionSchema, hasPassword: v.boolean() })),
  defaultCountry: v.string(),
  preferences: preferencesSchema,
  passwordStorage: v.strictObject({ kind: v.picklist(['keychain', 'encrypted-file', 'unavailable']), description: messageSchema }),
  desktop: v.boolean(),
  savedTo: v.string(),
});

const settingsResultSchema: v.GenericSchema<unknown, SettingsResult> = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), settings: settingsViewSchema }),
  v.strictObject({
    ok: v.literal(false),
    error: messageSchema,
    problems: v.optional(v.array(v.strictObject({ path: v.string(), message: messageSchema }))),
  }),
]);

const partySchema = v.strictObject({
  number: v.string(),
  name: v.optional(v.string()),
  company: v.optional(v.string()),
  numberType: v.optional(v.picklist(['work', 'home', 'mobile', 'ip'])),
});

const journalEntrySchema: v.GenericSchema<unknown, JournalEntry> = v.strictObject({
  callId: v.string(),
  lineId: v.string(),
  direction: v.picklist(['incoming', 'outgoing']),
  remote: partySchema,
  startedAt: v.number(),
  endedAt: v.number(),
  answered: v.boolean(),
  talkSeconds: v.number(),
  source: v.optional(v.picklist(['console', 'vendor'])),
  id: v.optional(v.number()),
  connectionId: v.optional(v.string()),
  lineLabel: v.optional(v.string()),
  connectionLabel: v.optional(v.string()),
  answeredAt: v.optional(v.number()),
  outcome: v.optional(v.picklist(['answered', 'missed', 'not-reached', 'transferred', 'diverted'])),
  handedTo: v.optional(v.string()),
  handledBy: v.optional(v.string()),
  note: v.optional(v.string()),
  done: v.optional(v.boolean()),
});

const journalPageSchema: v.GenericSchema<unknown, JournalPage> = v.strictObject({
  entries: v.array(journalEntrySchema),
  total: v.number(),
  missedOpen: v.number(),
});

const lineFiguresSchema: v.GenericSchema<unknown, LineFigures> = v.strictObject({
  lineId: v.string(),
  label: v.string(),
  answered: v.number(),
  missed: v.number(),
  averageWaitSeconds: v.nullable(v.number()),
  longestWaitSeconds: v.nullable(v.number()),
});

const journalExportSchema: v.GenericSchema<unknown, JournalExport> = v.variant('kind', [
  v.strictObject({ kind: v.literal('csv'), fileName: v.string(), csv: v.string() }),
  v.strictObject({ kind: v.literal('saved'), path: v.string() }),
  v.strictObject({ kind: v.literal('cancelled') }),
  v.strictObject({ kind: v.literal('unavailable') }),
]);

const linkOfferSchema: v.GenericSchema<unknown, LinkOffer> = v.variant('kind', [
  v.strictObject({
    kind: v.literal('confirm'),
    request: v.strictObject({
      link: v.string(),
      number: v.string(),
      formatted: v.string(),
      name: v.optional(v.string()),
      extension: v.optional(v.string()),
      line: v.strictObject({ id: v.string(), label: v.string() }),
    }),
  }),
  v.strictObject({ kind: v.literal('refused'), error: messageSchema }),
  v.strictObject({ kind: v.literal('waiting'), number: v.string(), retryInMs: v.number() }),
  v.strictObject({ kind: v.literal('none') }),
]);

const REPLIES: { [M in RequestMethod]: v.GenericSchema<unknown, Reply<M>> } = {
  execute: commandResultSchema,
  searchDirectory: directoryAnswerSchema,
  listContacts: contactsReplySchema,
  saveContact: contactSavedReplySchema,
  deleteContact: contactDeletedReplySchema,
  importContacts: importReplySchema,
  reconnect: commandResultSchema,
  subscribe: v.null(),
  getSettings: settingsViewSchema,
  saveConnection: settingsResultSchema,
  removeConnection: settingsResultSchema,
  testConnection: commandResultSchema,
  savePreferences: settingsResultSchema,
  showCall: v.null(),
  lookUpInCrm: commandResultSchema,
  queryJournal: journalPageSchema,
  markJournalDone: commandResultSchema,
  setJournalNote: commandResultSchema,
  journalFigures: v.nullable(v.strictObject({ total: lineFiguresSchema, lines: v.array(lineFiguresSchema) })),
  exportJournal: journalExportSchema,
  openLink: linkOfferSchema,
};

/** A reply checked against what its method answers (the WebSocket bridge; Electron IPC replies come from the same process tree). */
export function parseReply<M extends RequestMethod>(method: M, result: unknown): Reply<M> {
  const schema: v.GenericSchema<unknown, Reply<M>> = REPLIES[method];
  return parseWith(schema, result, 'result');
}
