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
import type { ConsoleState, DirectoryEntry } from './model';
import type { Message } from './i18n/message';
import { preferencesSchema, type DesktopPreferences } from './preferences';
import type { StateChange } from './reducer';
import { country } from './validation/fields';
import { messageSchema } from './validation/message-schema';
import { parseWith, SchemaError, text, integer, v } from './validation/schema';
import { VENDORS } from './vendors';

/** First message to every subscriber, then patches in `seq` order. */
export type StateMessage = { type: 'snapshot'; seq: number; state: ConsoleState } | { type: 'patch'; seq: number; changes: StateChange[] };

export const directoryQuerySchema = v.strictObject({
  /** A name, part of a name, or a number as typed. */
  text: text(0, 128),
  limit: v.optional(integer(1, 200)),
});
export type DirectoryQuery = v.InferOutput<typeof directoryQuerySchema>;

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

/** Methods that take nothing: the parameter is absent (or null, as JSON has it). */
const nothing = v.optional(v.null());

/** Every request method (renderer → core) and the schema of its parameter. */
export const REQUESTS = {
  execute: commandSchema,
  searchDirectory: directoryQuerySchema,
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
  searchDirectory: DirectoryEntry[];
  reconnect: CommandResult;
  subscribe: null;
  getSettings: SettingsView;
  saveConnection: SettingsResult;
  removeConnection: SettingsResult;
  testConnection: CommandResult;
  savePreferences: SettingsResult;
  showCall: null;
  lookUpInCrm: CommandResult;
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
  reconnect: 'connectionId',
  subscribe: 'params',
  getSettings: 'params',
  saveConnection: 'submission',
  removeConnection: 'connectionId',
  testConnection: 'submission',
  savePreferences: 'general',
  showCall: 'callId',
  lookUpInCrm: 'number',
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
export type PushChannel = 'state' | 'focusCall';

/** Electron IPC channel names: `attendant:<method>` for requests, and the push channels. */
export function ipcChannel(name: RequestMethod | PushChannel): `attendant:${RequestMethod | PushChannel}` {
  return `attendant:${name}`;
}

export const validateCallId = (value: unknown): string => parseWith(entityId, value, 'callId');

// ---------------------------------------------------------------------------
// The WebSocket bridge (browser mode) frames the same requests.

export type BridgeServerFrame = { id: number; result: unknown } | { id: number; error: string } | { push: 'state'; message: StateMessage };

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
  v.strictObject({ id: v.number(), error: v.string() }),
  v.strictObject({ id: v.number(), result: v.unknown() }),
]);

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
});

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

const REPLIES: { [M in RequestMethod]: v.GenericSchema<unknown, Reply<M>> } = {
  execute: commandResultSchema,
  searchDirectory: v.array(directoryEntrySchema),
  reconnect: commandResultSchema,
  subscribe: v.null(),
  getSettings: settingsViewSchema,
  saveConnection: settingsResultSchema,
  removeConnection: settingsResultSchema,
  testConnection: commandResultSchema,
  savePreferences: settingsResultSchema,
  showCall: v.null(),
  lookUpInCrm: commandResultSchema,
};

/** A reply checked against what its method answers (the WebSocket bridge; Electron IPC replies come from the same process tree). */
export function parseReply<M extends RequestMethod>(method: M, result: unknown): Reply<M> {
  const schema: v.GenericSchema<unknown, Reply<M>> = REPLIES[method];
  return parseWith(schema, result, 'result');
}
