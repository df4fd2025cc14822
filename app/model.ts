/**
 * The vendor-neutral call model. Every connector maps its vendor's wire
 * messages into these types; the renderer only ever sees these types.
 *
 * Phone numbers are strings everywhere (never numbers): leading zeros, '+',
 * '*' and '#' are significant.
 */

import type { Message } from './i18n/message';
import type { Vendor } from './vendors';

export type { Vendor } from './vendors';

/**
 * The state of one configured connection to a PBX / CTI server.
 *
 *   connecting ──ok──▶ online ◀──link back──▶ pbx-link-down
 *       ▲                │ lost / failed
 *       └── retry ── offline (retryAt set)
 *
 * `pbx-link-down`: the CTI server answers but has lost its own link to the
 * PBX, so no call can be seen or controlled until it comes back.
 */
export const LINK_STATES = ['connecting', 'online', 'pbx-link-down', 'offline', 'stopped'] as const;
export type LinkState = (typeof LINK_STATES)[number];

export interface ConnectionStatus {
  id: string;
  vendor: Vendor;
  label: string;
  state: LinkState;
  /** What is happening, or the last error: a catalog message. */
  detail?: Message;
  /** Epoch ms of the next reconnect attempt while offline. */
  retryAt?: number;
  /** Epoch ms of the last state change. */
  since: number;
  /**
   * Things the receptionist (or an administrator) needs to see about the
   * connection, e.g. the notification listener's URL and whether it is
   * reachable (Telia).
   */
  facts?: ConnectionFact[];
}

/** A fact about a connection: a label and a value that is data (a URL, a firmware version) or words. */
export interface ConnectionFact {
  label: Message;
  value: string | Message;
}

export type NumberType = 'work' | 'home' | 'mobile' | 'ip';

export interface Party {
  /** As the PBX reports it; '' when withheld / unknown. */
  number: string;
  name?: string;
  company?: string;
  numberType?: NumberType;
}

/**
 * Call states a receptionist distinguishes.
 * - dialing: we went off-hook / the number is being processed
 * - ringback: our outgoing call rings at the other party
 * - ringing: an incoming call rings here
 * - queued: the call waits in a queue / hunt group
 * - connected: talking
 * - held: we put it on hold
 * - held-by-peer: the other side put us on hold
 * - failed: the call failed (busy, unobtainable); still shown until cleared
 * - parked: parked on the PBX, waiting to be picked up (innovaphone)
 */
export type CallState = 'dialing' | 'ringback' | 'ringing' | 'queued' | 'connected' | 'held' | 'held-by-peer' | 'failed' | 'parked';

export const CALL_STATES: readonly CallState[] = [
  'dialing',
  'ringback',
  'ringing',
  'queued',
  'connected',
  'held',
  'held-by-peer',
  'failed',
  'parked',
];

export type CallDirection = 'incoming' | 'outgoing';

/** Why the call reached its current state, when the PBX says so. */
export type CallCause =
  | 'busy'
  | 'conference'
  | 'dest-not-obtainable'
  | 'dropped-by-other-party'
  | 'held-by-other-party'
  | 'redirect'
  | 'retrieved-by-other-party'
  | 'transfer'
  | 'route';

/** Actions a call may offer. The UI shows exactly the ones in `Call.actions`. */
export type CallAction =
  | 'answer'
  | 'hangup'
  | 'hold'
  | 'retrieve'
  | 'transfer'
  | 'consult'
  | 'completeTransfer'
  | 'conference'
  | 'alternate'
  | 'reconnect'
  | 'divert'
  | 'addParty'
  | 'park'
  | 'unpark';

export const CALL_ACTIONS: readonly CallAction[] = [
  'answer',
  'hangup',
  'hold',
  'retrieve',
  'transfer',
  'consult',
  'completeTransfer',
  'conference',
  'alternate',
  'reconnect',
  'divert',
  'addParty',
  'park',
  'unpark',
];

/** The accessible name of each action's button (tests and screen readers rely on them). */
export const ACTION_LABEL: Record<CallAction, string> = {
  answer: 'Answer',
  hangup: 'Hang up',
  hold: 'Hold',
  retrieve: 'Retrieve',
  transfer: 'Transfer',
  consult: 'Consult',
  completeTransfer: 'Complete transfer',
  conference: 'Conference',
  alternate: 'Alternate',
  reconnect: 'Reconnect',
  divert: 'Divert',
  addParty: 'Add party',
  park: 'Park',
  unpark: 'Unpark',
};

/** Actions that need a destination number. */
export const ACTIONS_WITH_TARGET: readonly CallAction[] = ['transfer', 'consult', 'divert', 'addParty'];

export interface Call {
  /** Stable, unique across connections: `<lineId>#<vendor reference>`. */
  id: string;
  lineId: string;
  connectionId: string;
  direction: CallDirection;
  state: CallState;
  remote: Party;
  /** Further parties when this call is a conference. */
  conferenceParties?: Party[];
  conference: boolean;
  /** The number first dialled by the caller (for example the DID), when it differs from this line. */
  firstCalled?: Party;
  /** Who diverted or transferred the call to us. */
  redirectedBy?: Party;
  /**
   * The queue or hunt group the call came through or waits in, where the PBX
   * says so: its id, its name (from the PBX, else the connection's configured
   * id → name map), the caller's place in it and how many operators are active.
   */
  queue?: { id: string; name?: string; position?: number; operators?: number };
  cause?: CallCause;
  /**
   * A consultation pair: the call placed while another was held is the
   * `consultation`, and each points to the other through `relatedCallId`.
   */
  role?: 'consultation' | 'consulted-from';
  relatedCallId?: string;
  /** Epoch ms when the console first saw the call. */
  startedAt: number;
  /** Epoch ms when the call was (last) connected; drives the running duration. */
  connectedAt?: number;
  actions: CallAction[];
}

export type ForwardType = 'immediate' | 'busy' | 'noAnswer' | 'immInt' | 'immExt' | 'busyInt' | 'busyExt' | 'noAnswerInt' | 'noAnswerExt';

export const FORWARD_TYPES: readonly ForwardType[] = [
  'immediate',
  'busy',
  'noAnswer',
  'immInt',
  'immExt',
  'busyInt',
  'busyExt',
  'noAnswerInt',
  'noAnswerExt',
];

export interface Forward {
  type: ForwardType;
  to: string;
}

export type AgentState = 'null' | 'loggedOff' | 'loggedOn' | 'busy' | 'notReady' | 'ready' | 'workingAfterCall';

export interface AgentInfo {
  state: AgentState;
  userId?: string;
  timeoutSeconds?: number;
  permittedStates: AgentState[];
  inboundServices: string[];
  /** The PBX's own counts for this agent, where it keeps them (TelServer queryUserStatistics 'total'). */
  statistics?: AgentStatistics;
}

/** An agent's incoming calls as the PBX counts them since `since`. */
export interface AgentStatistics {
  /** When the PBX started counting, as it writes it (local time, e.g. '2009-11-09T11:13:23'). */
  since?: string;
  offered: number;
  answered: number;
  abandoned: number;
  averageWaitSeconds?: number;
  longestWaitSeconds?: number;
}

/** What a line can do at all (per vendor); per-call actions are in `Call.actions`. */
export type LineCapability =
  | 'dial'
  | 'answer'
  | 'hangup'
  | 'hold'
  | 'transfer'
  | 'consult'
  | 'conference'
  | 'divert'
  | 'addParty'
  | 'forward'
  | 'dnd'
  | 'directory'
  | 'history'
  | 'agent'
  /** Colleagues' presence and activity (busy lamp field). */
  | 'presence'
  /** Pick up a call ringing at a colleague. */
  | 'pickup'
  | 'park'
  /**
   * Dialing is a callback: the PBX rings the receptionist's own phone first,
   * then the destination (PortaSIP originate, Telia clickToCall).
   */
  | 'callback-dial'
  /** No in-call control at all: calls are only reported (Telia). */
  | 'notify-only'
  /** The connection's phonebook can be edited from the console. */
  | 'phonebook'
  /** The line's outgoing display name can be set. */
  | 'caller-name';

export interface Line {
  /** `<connectionId>/<device number>` */
  id: string;
  connectionId: string;
  vendor: Vendor;
  /** The line's own number (extension / device / account). */
  number: string;
  /** As configured or as the PBX names it; '' when neither does (the UI then names it by its number). */
  label: string;
  /** ISO 3166 alpha-2 country used to read numbers typed without a country code. */
  country: string;
  capabilities: LineCapability[];
  dnd: boolean;
  /** Active forwards. */
  forwards: Forward[];
  messageWaiting: boolean;
  agent?: AgentInfo;
  /**
   * A colleague's extension the console watches (a PortaSIP Centrex): its
   * calls show in that vendor's view and can be acted on, but they are not
   * the receptionist's own calls (call list, ringing banner, shortcuts).
   */
  watched?: boolean;
}

/** A finished call, for the history view. */
export interface JournalEntry {
  callId: string;
  lineId: string;
  direction: CallDirection;
  remote: Party;
  startedAt: number;
  endedAt: number;
  /** Whether it was ever connected. */
  answered: boolean;
  /** Seconds connected. */
  talkSeconds: number;
  /** Where the record came from when not seen live by the console (e.g. the vendor's call history). */
  source?: 'console' | 'vendor';
  /** The journal's own id (stored entries only; call ids repeat across PBX restarts). */
  id?: number;
  connectionId?: string;
  /** The line's and connection's names when the call ended (the journal outlives a removed connection). */
  lineLabel?: string;
  connectionLabel?: string;
  /** Epoch ms when the call was first answered. */
  answeredAt?: number;
  outcome?: JournalOutcome;
  /** Where the receptionist transferred or diverted the call. */
  handedTo?: string;
  /** Who handled it: the receptionist's line (its label or number). */
  handledBy?: string;
  note?: string;
  /** A missed call dealt with (marked, or the caller was reached since). */
  done?: boolean;
}

/** How a call ended, as the journal tells it. */
export type JournalOutcome = 'answered' | 'missed' | 'not-reached' | 'transferred' | 'diverted';

export interface DirectoryEntry extends Party {
  /** Where the entry came from, e.g. the connection label. */
  source: string;
  connectionId?: string;
  /** The vendor's id of the entry, when it can be edited or deleted (a phonebook entry). */
  entryId?: string;
  /** Whether the receptionist may edit or delete it (capability 'phonebook'). */
  editable?: boolean;
  /**
   * What kind of source the core's directory found it in: a PBX colleague (presence grid), a PBX
   * line or extension, a local contact, a PBX's shared phonebook, or a vendor search's answer. Absent on a connector's own reply.
   */
  origin?: DirectoryOrigin;
  department?: string;
  /** The colleague's presence where a PBX reports it. */
  presence?: { activity: ColleagueActivity; status?: string; note?: string };
  /** The local contact's id (origin 'contact'). */
  contactId?: string;
  /** How the entry matched the query (app/directory/directory-index.ts MATCH_TIERS). */
  match?: DirectoryMatch;
}

export type DirectoryOrigin = 'colleague' | 'line' | 'contact' | 'phonebook' | 'vendor';
export type DirectoryMatch =
  'exact-name' | 'name-prefix' | 'number-prefix' | 'number-digits' | 'company-prefix' | 'secondary-spelling' | 'vendor';

/**
 * A colleague as the PBX shows them to the console: the presence grid
 * (busy lamp field). Not a monitored line: only what the PBX publishes.
 */
export type ColleagueActivity = 'idle' | 'ringing' | 'busy' | 'offline' | 'unknown';

export interface ColleagueCall {
  /** Vendor reference, usable with the 'pickup' command while ringing. */
  ref: string;
  state: CallState;
  direction: CallDirection;
  remote: Party;
}

export interface Colleague {
  /** `<connectionId>/<vendor user id>` */
  id: string;
  connectionId: string;
  name: string;
  /** Number to dial / transfer to ('' when the colleague has none). */
  number: string;
  /** Whether a phone is registered for the user. */
  registered: boolean;
  activity: ColleagueActivity;
  /**
   * Presence as the user set it: `status` the PBX's own word (innovaphone
   * 'open' / 'closed'), `activity` what they are doing ('busy', 'lunch',
   * 'dnd' …), and their note. Data, shown as written.
   */
  presence?: { status: string; activity?: string; note?: string };
  /** Do not disturb, as the colleague's presence says (innovaphone: the `dnd` activity). */
  dnd?: boolean;
  /** Department, group or node, for grouping and search. */
  group?: string;
  /**
   * 'queue': not a person but a call queue of the PBX (innovaphone's waiting-queue object): its ringing
   * calls are callers waiting in it, taken with 'pickup'. Shown in the queue view, not the presence grid.
   */
  kind?: 'queue';
  /** Calls the console can see at this colleague (ringing ones can be picked up). */
  calls: ColleagueCall[];
}

export interface ConsoleState {
  connections: Record<string, ConnectionStatus>;
  lines: Record<string, Line>;
  calls: Record<string, Call>;
  /** Presence grid; may hold thousands of entries, patched one by one. */
  colleagues: Record<string, Colleague>;
  /**
   * The calls that ended most recently, newest first, capped at JOURNAL_LIMIT:
   * a live feed (the journal view re-reads its page when it changes); the
   * whole journal is kept by the core's journal store and read through the contract.
   */
  journal: JournalEntry[];
}

export const JOURNAL_LIMIT = 50;

export function emptyConsoleState(): ConsoleState {
  return { connections: {}, lines: {}, calls: {}, colleagues: {}, journal: [] };
}
