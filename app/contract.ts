/**
 * The one contract between the core (Electron main process or `serve`) and
 * the renderer: channel names, payload types and the runtime validation of
 * every message that crosses the boundary. Both bridges (Electron IPC via
 * the preload, WebSocket in browser mode) carry exactly these messages.
 */
import type { Command, CommandResult } from './commands';
import type { ConsoleState, DirectoryEntry, Vendor } from './model';
import { validatePreferences, type DesktopPreferences } from './preferences';
import { FORWARD_TYPES } from './model';
import type { StateChange } from './reducer';
import { bool, int, isPlainObject, literal, object, optional, str, union, ValidationError, type Validator } from './validate';

/** First message to every subscriber, then patches in `seq` order. */
export type StateMessage = { type: 'snapshot'; seq: number; state: ConsoleState } | { type: 'patch'; seq: number; changes: StateChange[] };

export interface DirectoryQuery {
  /** A name, part of a name, or a number as typed. */
  text: string;
  limit?: number;
}

/** The API object the renderer sees as `window.attendant`. */
export interface AttendantApi {
  execute(command: Command): Promise<CommandResult>;
  searchDirectory(query: DirectoryQuery): Promise<DirectoryEntry[]>;
  /** Subscribes to state; the listener first receives a snapshot. Returns the unsubscribe function. */
  onState(listener: (message: StateMessage) => void): () => void;
  /** Asks the core to reconnect a connection now instead of waiting for the backoff. */
  reconnect(connectionId: string): Promise<CommandResult>;
  /** The settings view's data: saved connections (passwords never included), preferences, where passwords are kept. */
  getSettings(): Promise<SettingsView>;
  /** Adds or replaces (same id) a connection and (re)starts it; a password given is stored in the credential store. */
  saveConnection(submission: ConnectionSubmission): Promise<SettingsResult>;
  /** Stops a saved connection and forgets it, its stored password included. */
  removeConnection(connectionId: string): Promise<SettingsResult>;
  /** Connects once with these settings and disconnects: accepted, or refused with the reason. Saves nothing. */
  testConnection(submission: ConnectionSubmission): Promise<CommandResult>;
  /** The default country (configuration) and the desktop preferences. */
  savePreferences(general: GeneralSettings): Promise<SettingsResult>;
  /**
   * The desktop app asks the window to show this call (a click on its alert).
   * Returns the unsubscribe function. The browser bridge never sends it.
   */
  onFocusCall(listener: (callId: string) => void): () => void;
  /**
   * Brings the console forward with this call selected (the alert window's
   * Show button). In a browser it selects the call in this page.
   */
  showCall(callId: string): Promise<void>;
  /**
   * Opens the configured CRM's page for this number (app/crm-link.ts): the
   * desktop app in the default browser, a browser in a new tab. Refused
   * (with the reason) when no CRM is set or the link would not be safe.
   */
  lookUpInCrm(number: string): Promise<CommandResult>;
}

// ---------------------------------------------------------------------------
// Settings. A connection's fields belong to its vendor: the renderer sends
// them as edited, the core validates them with that vendor's own validator
// (main/connectors/<vendor>/config.ts). Passwords only ever travel towards
// the core; the settings view learns whether one is stored, never its value.

export const VENDORS: readonly Vendor[] = ['telserver', 'innovaphone', 'portasip', 'telia'];

/** One connection's settings as in the configuration file (vendor-specific fields beyond these). */
export interface ConnectionDraft {
  vendor: Vendor;
  id: string;
  label: string;
  [field: string]: unknown;
}

export interface SavedConnection {
  connection: ConnectionDraft;
  /** A password for this connection is in the credential store. */
  hasPassword: boolean;
}

export interface ConnectionSubmission {
  connection: ConnectionDraft;
  /** New password; left out keeps the stored one. */
  password?: string;
}

export interface GeneralSettings {
  /** ISO country for numbers typed without a country code. */
  defaultCountry: string;
  preferences: DesktopPreferences;
}

export type PasswordStorage = 'keychain' | 'encrypted-file' | 'unavailable';

export interface SettingsView extends GeneralSettings {
  connections: SavedConnection[];
  /** Where passwords are kept, and the sentence that says so (or why they cannot be saved). */
  passwordStorage: { kind: PasswordStorage; description: string };
  /** Preferences that act only in the desktop app (tray, login item, global shortcuts, native alerts). */
  desktop: boolean;
  /** Where connections are saved (the configuration file's path). */
  savedTo: string;
}

export type SettingsResult = { ok: true; settings: SettingsView } | { ok: false; error: string };

/** Request methods of the contract (renderer → core). */
export type RequestMethod =
  | 'execute'
  | 'searchDirectory'
  | 'reconnect'
  | 'subscribe'
  | 'getSettings'
  | 'saveConnection'
  | 'removeConnection'
  | 'testConnection'
  | 'savePreferences'
  /** Electron only (the browser bridge answers it in the page): show a call in the main window. */
  | 'showCall'
  /** Electron only (the browser bridge opens the tab in the page): open the CRM lookup in the default browser. */
  | 'lookUpInCrm';

/** Messages the main process pushes to the renderer (no ipcMain handler, no reply). */
export type PushChannel = 'state' | 'focusCall';
export const PUSH_CHANNELS: readonly PushChannel[] = ['state', 'focusCall'];

/** Electron IPC channel names: the only ones ipcMain handles and the preload uses. */
export const IPC_CHANNELS = {
  execute: 'attendant:execute',
  searchDirectory: 'attendant:search-directory',
  reconnect: 'attendant:reconnect',
  /** renderer → main: start sending state messages to this frame. */
  subscribe: 'attendant:subscribe',
  /** main → renderer: a StateMessage. */
  state: 'attendant:state',
  getSettings: 'attendant:get-settings',
  saveConnection: 'attendant:save-connection',
  removeConnection: 'attendant:remove-connection',
  testConnection: 'attendant:test-connection',
  savePreferences: 'attendant:save-preferences',
  showCall: 'attendant:show-call',
  lookUpInCrm: 'attendant:look-up-in-crm',
  /** main → renderer: a call id to select and bring into view. */
  focusCall: 'attendant:focus-call',
} as const satisfies Record<RequestMethod | PushChannel, string>;

// ---------------------------------------------------------------------------
// Runtime validation of what the renderer sends.

/** A phone number or dial string as typed: digits, separators, + * # and letters for refusal messages later. */
const dialString = str({ min: 1, max: 64 });
const id = str({ min: 1, max: 256 });

const callOnly = (kind: string) => object({ kind: literal(kind), callId: id });
const callWithTarget = (kind: string) => object({ kind: literal(kind), callId: id, to: dialString });

export const validateCommand: Validator<Command> = union<Command>('kind', {
  answer: callOnly('answer') as Validator<Command>,
  hangup: callOnly('hangup') as Validator<Command>,
  hold: callOnly('hold') as Validator<Command>,
  retrieve: callOnly('retrieve') as Validator<Command>,
  completeTransfer: callOnly('completeTransfer') as Validator<Command>,
  conference: callOnly('conference') as Validator<Command>,
  alternate: callOnly('alternate') as Validator<Command>,
  reconnect: callOnly('reconnect') as Validator<Command>,
  transfer: callWithTarget('transfer') as Validator<Command>,
  consult: callWithTarget('consult') as Validator<Command>,
  divert: callWithTarget('divert') as Validator<Command>,
  addParty: callWithTarget('addParty') as Validator<Command>,
  park: callOnly('park') as Validator<Command>,
  unpark: callOnly('unpark') as Validator<Command>,
  pickup: object({ kind: literal('pickup'), lineId: id, colleagueId: id, ref: id }),
  setCallerName: object({ kind: literal('setCallerName'), lineId: id, name: str({ min: 1, max: 64 }) }),
  phonebookSave: object({
    kind: literal('phonebookSave'),
    connectionId: id,
    entry: object({ entryId: optional(id), name: str({ min: 1, max: 128 }), number: dialString }),
  }),
  phonebookDelete: object({ kind: literal('phonebookDelete'), connectionId: id, entryId: id }),
  dial: object({ kind: literal('dial'), lineId: id, to: dialString }),
  setDnd: object({ kind: literal('setDnd'), lineId: id, enabled: bool }),
  setForward: (v: unknown, path = '') => {
    const cmd = object({
      kind: literal('setForward'),
      lineId: id,
      enabled: bool,
      type: literal(...FORWARD_TYPES),
      to: optional(dialString),
    })(v, path);
    if (cmd.enabled && !cmd.to) throw new ValidationError(path ? `${path}.to` : 'to', 'a number to forward to');
    return cmd;
  },
  setAgentState: object({
    kind: literal('setAgentState'),
    lineId: id,
    state: literal('loggedOff', 'loggedOn', 'notReady', 'ready', 'workingAfterCall'),
  }),
});

export const validateDirectoryQuery: Validator<DirectoryQuery> = object({
  text: str({ max: 128 }),
  limit: optional(int({ min: 1, max: 200 })),
});

export const validateConnectionId: Validator<string> = id;
export const validateCallId: Validator<string> = id;

/**
 * The envelope of a connection's settings: a plain object naming a known
 * vendor. Its fields are checked by the core with the vendor's validator,
 * so they are described once, there.
 */
export const validateConnectionDraft: Validator<ConnectionDraft> = (v, path = '') => {
  if (!isPlainObject(v)) throw new ValidationError(path, 'an object');
  literal(...VENDORS)(v.vendor, path ? `${path}.vendor` : 'vendor');
  return v as ConnectionDraft;
};

export const validateConnectionSubmission: Validator<ConnectionSubmission> = object({
  connection: validateConnectionDraft,
  password: optional(str({ min: 1, max: 256 })),
});

export const validateGeneralSettings: Validator<GeneralSettings> = object({
  defaultCountry: str({ pattern: /^[A-Z]{2}$/ }),
  preferences: validatePreferences,
});

function nothing(params: unknown): undefined {
  if (params !== undefined && params !== null) throw new ValidationError('params', 'nothing');
  return undefined;
}

/** Validates the argument of a request method. */
export function validateRequest(method: RequestMethod, params: unknown): unknown {
  switch (method) {
    case 'execute':
      return validateCommand(params, 'command');
    case 'searchDirectory':
      return validateDirectoryQuery(params, 'query');
    case 'reconnect':
      return validateConnectionId(params, 'connectionId');
    case 'subscribe':
    case 'getSettings':
      return nothing(params);
    case 'saveConnection':
    case 'testConnection':
      return validateConnectionSubmission(params, 'submission');
    case 'removeConnection':
      return validateConnectionId(params, 'connectionId');
    case 'savePreferences':
      return validateGeneralSettings(params, 'general');
    case 'showCall':
      return validateCallId(params, 'callId');
    case 'lookUpInCrm':
      return dialString(params, 'number');
  }
}

// ---------------------------------------------------------------------------
// The WebSocket bridge (browser mode) frames the same requests.

export type BridgeClientFrame = { id: number; method: RequestMethod; params?: unknown };
export type BridgeServerFrame = { id: number; result: unknown } | { id: number; error: string } | { push: 'state'; message: StateMessage };

const REQUEST_METHODS: readonly RequestMethod[] = [
  'execute',
  'searchDirectory',
  'reconnect',
  'subscribe',
  'getSettings',
  'saveConnection',
  'removeConnection',
  'testConnection',
  'savePreferences',
];

/** Largest frame the bridge server accepts from a browser. */
export const MAX_BRIDGE_FRAME_BYTES = 16 * 1024;

/** Parses and validates one frame a browser sent; throws ValidationError with a readable message. */
export function parseBridgeClientFrame(text: string): { id: number; method: RequestMethod; params: unknown } {
  if (text.length > MAX_BRIDGE_FRAME_BYTES) throw new ValidationError('frame', `at most ${MAX_BRIDGE_FRAME_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ValidationError('frame', 'JSON');
  }
  if (!isPlainObject(raw)) throw new ValidationError('frame', 'an object');
  const frameId = int({ min: 0, max: Number.MAX_SAFE_INTEGER })(raw.id, 'id');
  const method = literal(...REQUEST_METHODS)(raw.method, 'method');
  for (const key of Object.keys(raw)) {
    if (key !== 'id' && key !== 'method' && key !== 'params') throw new ValidationError(key, 'no such field');
  }
  return { id: frameId, method, params: validateRequest(method, raw.params) };
}

/** Light shape check of what the browser receives from the bridge server. */
export function parseBridgeServerFrame(text: string): BridgeServerFrame {
  const raw: unknown = JSON.parse(text);
  if (!isPlainObject(raw)) throw new ValidationError('frame', 'an object');
  if (raw.push === 'state') {
    const message = raw.message;
    if (!isPlainObject(message) || (message.type !== 'snapshot' && message.type !== 'patch') || typeof message.seq !== 'number') {
      throw new ValidationError('message', 'a state message');
    }
    return raw as BridgeServerFrame;
  }
  if (typeof raw.id !== 'number' || !('result' in raw || typeof raw.error === 'string')) {
    throw new ValidationError('frame', 'a reply');
  }
  return raw as BridgeServerFrame;
}
