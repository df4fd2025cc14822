/**
 * innovaphone ↔ domain, pure apart from the clock.
 *
 * - InnovaphoneLineAdapter: one monitored PBX user (a Line). CallInfo
 *   events for its user handle become calls; commands become SOAP
 *   requests. innovaphone has no list of permitted services, so each call's
 *   actions are derived from its state, the line's other calls and the
 *   line's capabilities.
 * - InnovaphonePresence: UserInfo events for everyone in the session's scope
 *   become the presence grid (colleagues).
 *
 * The CallInfo state bit field (the document's table): low nibble the phase
 * (1 setup … 4 alert, 5 connect, 6/7 disconnect sent/received, 8 parked),
 * 0x80 "outbound" as the PBX sees it — a call from the PBX to the terminal —
 * so for the receptionist it is an incoming call; 0x100 held by us, 0x200
 * held by the peer.
 */
import { isCallCommand, isConnectionCommand, type Command } from '../../../app/commands';
import type { DomainEvent } from '../../../app/events';
import { msg, type Message } from '../../../app/i18n/message';
import type {
  Call,
  CallAction,
  CallDirection,
  CallState,
  Colleague,
  ColleagueActivity,
  DirectoryEntry,
  Line,
  LineCapability,
  Party,
} from '../../../app/model';
import type { PbxRequest } from './codec';
import {
  CALL_PHASE,
  CAUSE_NORMAL_CLEARING,
  RC_CONFERENCE,
  STATE_HELD,
  STATE_HELD_BY_PEER,
  STATE_OUTBOUND,
  STATE_PHASE_MASK,
  type CallInfo,
  type NoRecord,
  type UserInfo,
} from './messages';

export const INNOVAPHONE_CAPABILITIES: LineCapability[] = [
  'dial',
  'answer',
  'hangup',
  'hold',
  'transfer',
  'consult',
  'conference',
  'divert',
  'directory',
  'presence',
  'pickup',
  'park',
];

export interface InnovaphoneLineInfo {
  connectionId: string;
  /** The monitored PBX user's Long Name (cn). */
  cn: string;
  /** The line's number until the PBX reports the user's e164. */
  number?: string;
  label: string;
  country: string;
}

export function lineIdFor(connectionId: string, cn: string): string {
  return `${connectionId}/${encodeURIComponent(cn)}`;
}

export function colleagueIdFor(connectionId: string, cn: string): string {
  return `${connectionId}/${encodeURIComponent(cn)}`;
}

/** The domain view of a CallInfo state: direction as the receptionist sees it, and the call state. */
export function mapCallState(state: number): { direction: CallDirection; state: CallState } {
  const direction: CallDirection = state & STATE_OUTBOUND ? 'incoming' : 'outgoing';
  const phase = state & STATE_PHASE_MASK;
  let mapped: CallState;
  if (phase === CALL_PHASE.parked) mapped = 'parked';
  else if (phase === CALL_PHASE.disconnectSent || phase === CALL_PHASE.disconnectReceived) mapped = 'failed';
  else if (state & STATE_HELD) mapped = 'held';
  else if (state & STATE_HELD_BY_PEER) mapped = 'held-by-peer';
  else if (phase === CALL_PHASE.connect) mapped = 'connected';
  else if (direction === 'incoming') mapped = 'ringing';
  else mapped = phase === CALL_PHASE.alert ? 'ringback' : 'dialing';
  return { direction, state: mapped };
}

export function partyOf(no: NoRecord | undefined): Party {
  if (!no) return { number: '' };
  const party: Party = { number: no.e164 || no.h323 };
  const name = no.dn || no.cn;
  if (name) party.name = name;
  return party;
}

/**
 * partyOf, or `kept` (the party the call already has) when the record says the same: an unchanged party stays one
 * object however many CallInfos repeat it, so the core does not walk it again and nothing new outlives the event.
 */
function keptPartyOf(no: NoRecord, kept: Party | undefined): Party {
  // Every party of this adapter's calls was made by partyOf, so number and name are all it can differ in.
  return kept !== undefined && kept.number === (no.e164 || no.h323) && kept.name === (no.dn || no.cn || undefined) ? kept : partyOf(no);
}

/** The requests that carry out a command, or why it cannot be done (a catalog message). */
export type CommandPlan =
  | {
      requests: PbxRequest[];
      /** The calls whose CallInfo shows the PBX acted, when not just those the requests name (a conference: both calls). */
      effectOn?: number[];
    }
  | { refused: Message };

/** How long after UserRc 4 the held call's end is read as it joining the conference. */
export const CONFERENCE_WINDOW_MS = 5000;

/** A call of the line and what ties it to the PBX. */
interface TrackedCall {
  call: Call;
  /** The call handle of the current session; 0 while the PBX has not given one (a call known only from `Calls`). */
  handle: number;
  /** The call's conference GUID (Info type `conf`): the same in every session and across transfers. */
  conf: string;
}

/**
 * Matching a call across sessions. Handles belong to a session, and the
 * handles in a `Calls` answer are "meaningless" (the document), so a call is
 * recognised by its conference GUID, else by its peer's number and its
 * direction.
 */
function sameCall(tracked: TrackedCall, conf: string, peerNumber: string, direction: CallDirection): boolean {
  if (conf && tracked.conf) return conf === tracked.conf;
  return peerNumber !== '' && tracked.call.remote.number === peerNumber && tracked.call.direction === direction;
}

function confOf(info: CallInfo): string {
  return info.info.find((i) => i.type === 'conf')?.vals ?? '';
}

export class InnovaphoneLineAdapter {
  readonly lineId: string;
  /** The user handle from UserInitialize; 0 while not initialised. */
  userHandle = 0;
  private number: string;
  /** call id → call; changed only through track and untrack, which keep `census` */
  private readonly calls = new Map<string, TrackedCall>();
  /** How many of `calls` are held, talking and connected: what the other calls' actions depend on. */
  private readonly census = new CallCensus();
  /** census.shape() when the actions were last refreshed: while it stays, an event changes no other call's actions. */
  private refreshedShape = -1;
  /** call handle (this session's) → call id */
  private readonly idByHandle = new Map<number, string>();
  /** While resyncing, calls are collected silently and published as one lineCallsReplaced. */
  private resyncing = false;
  /** The calls before the resync began: a call found again keeps its id. */
  private previous: TrackedCall[] = [];
  /** Whether this resync has the PBX's `Calls` answer (then it alone says which calls exist). */
  private snapshotTaken = false;
  /** Counts sessions, so an id made from a handle of a later session cannot repeat an earlier one. */
  private sessionNumber = 0;
  private unboundCount = 0;
  /**
   * A conference just asked for (UserRc 4): the PBX reports it only as the
   * held call ending while the active one stays, so that is how the
   * adapter recognises it — within CONFERENCE_WINDOW_MS of the request.
   */
  private pendingConference: { target: number; partner: number; partnerParty: Party; until: number } | undefined;

  constructor(
    readonly info: InnovaphoneLineInfo,
    private readonly now: () => number,
  ) {
    this.lineId = lineIdFor(info.connectionId, info.cn);
    this.number = info.number ?? '';
  }

  get cn(): string {
    return this.info.cn;
  }

  line(): Line {
    return {
      id: this.lineId,
      connectionId: this.info.connectionId,
      vendor: 'innovaphone',
      number: this.number,
      label: this.info.label,
      country: this.info.country,
      capabilities: INNOVAPHONE_CAPABILITIES,
      dnd: false,
      forwards: [],
      messageWaiting: false,
    };
  }

  /** The PBX told us the user's own data: keep the line's number current. */
  applyOwnUserInfo(user: UserInfo): DomainEvent[] {
    const number = user.e164 || user.h323;
    if (!number || number === this.number) return [];
    this.number = number;
    return [{ type: 'linePatched', lineId: this.lineId, patch: { number } }];
  }

  /**
   * Starts a resync in a new session: the old handles mean nothing any
   * more; the calls the PBX reports from now on (the `Calls` answer and the
   * CallInfo stream) replace the old ones at `finishResync`, keeping the ids
   * of the calls found again.
   */
  beginResync(): void {
    // A resync that failed before it finished (the link dropped again) left the calls the model still shows in
    // `previous`: they stay the ones matched, with any that attempt had tracked, so a call found again keeps its id.
    const carried = this.resyncing ? this.previous : [];
    this.previous = [...carried, ...this.calls.values()];
    this.calls.clear();
    this.census.clear();
    this.idByHandle.clear();
    this.resyncing = true;
    this.sessionNumber++;
  }

  /**
   * The PBX's `Calls` answer: the calls that exist at the user now. Their
   * handles are meaningless, so they are matched to the calls known before
   * (same id) and later bound to the handles the CallInfo stream brings.
   * A Calls answer belongs to a resync (between beginResync and
   * finishResync): outside one it is ignored.
   */
  applyCallsSnapshot(records: CallInfo[]): void {
    if (!this.resyncing) return;
    for (const record of records) {
      if (!record.active || this.isEnded(record)) continue;
      const conf = confOf(record);
      const { direction } = mapCallState(record.state);
      const peerNumber = partyOf(record.no.find((n) => n.type === 'peer')).number;
      const index = this.previous.findIndex((t) => sameCall(t, conf, peerNumber, direction));
      const before = index >= 0 ? this.previous.splice(index, 1)[0] : undefined;
      const id = before?.call.id ?? `${this.lineId}#s${this.sessionNumber}.${++this.unboundCount}`;
      this.track(id, { call: this.callFrom(record, id, before?.call), handle: 0, conf });
    }
    // Without a Calls answer the stream alone decides, matched against `previous` (see trackedFor).
    this.previous = [];
    this.snapshotTaken = true;
  }

  finishResync(): DomainEvent[] {
    this.resyncing = false;
    this.previous = [];
    this.snapshotTaken = false;
    this.refreshActions(undefined, true);
    return [{ type: 'lineCallsReplaced', lineId: this.lineId, calls: [...this.calls.values()].map((t) => t.call), at: this.now() }];
  }

  /** One CallInfo for this line's user handle. */
  applyCallInfo(info: CallInfo): DomainEvent[] {
    const known = this.trackedFor(info);
    if (!info.active || this.isEnded(info)) {
      if (!known) return [];
      this.untrack(known.call.id);
      this.idByHandle.delete(info.call);
      if (this.resyncing) return [];
      const joined = this.joinedConference(info.call);
      return [{ type: 'callEnded', callId: known.call.id, at: this.now() }, ...this.actionUpdates(joined)];
    }
    const id = known?.call.id ?? this.newCallId(info.call);
    this.track(id, { call: this.callFrom(info, id, known?.call), handle: info.call, conf: confOf(info) || (known?.conf ?? '') });
    this.idByHandle.set(info.call, id);
    if (this.resyncing) return [];
    return this.actionUpdates(id, true);
  }

  /**
   * The call a CallInfo is about: by its handle; else a call known without
   * a handle (from `Calls`) that it matches; else, in a resync without a
   * `Calls` answer, a call known before the session was rebuilt.
   */
  private trackedFor(info: CallInfo): TrackedCall | undefined {
    const id = this.idByHandle.get(info.call);
    if (id !== undefined) return this.calls.get(id);
    const conf = confOf(info);
    const { direction } = mapCallState(info.state);
    const peerNumber = partyOf(info.no.find((n) => n.type === 'peer')).number;
    const unbound = [...this.calls.values()].find((t) => t.handle === 0 && sameCall(t, conf, peerNumber, direction));
    if (unbound) return unbound;
    if (!this.resyncing || this.snapshotTaken) return undefined;
    const index = this.previous.findIndex((t) => sameCall(t, conf, peerNumber, direction));
    return index >= 0 ? this.previous.splice(index, 1)[0] : undefined;
  }

  /** The held call of a conference just asked for has ended: the active call is now the conference (its id, or undefined). */
  private joinedConference(endedHandle: number): string | undefined {
    const pending = this.pendingConference;
    if (!pending || pending.partner !== endedHandle) return undefined;
    this.pendingConference = undefined;
    const id = this.idByHandle.get(pending.target);
    const target = id === undefined ? undefined : this.calls.get(id);
    if (!target || this.now() > pending.until) return undefined;
    const parties = [...(target.call.conferenceParties ?? []), pending.partnerParty];
    target.call = { ...target.call, conference: true, conferenceParties: parties };
    return target.call.id;
  }

  /** `active` false, or released (`r-rel`) — a parked call stays. */
  private isEnded(info: CallInfo): boolean {
    return !info.active || (info.msg === 'r-rel' && (info.state & STATE_PHASE_MASK) !== CALL_PHASE.parked);
  }

  /** Ids stay short in the first session (`line#handle`); later sessions' handles may repeat earlier ones. */
  private newCallId(handle: number): string {
    const base = this.sessionNumber > 1 ? `${this.lineId}#${handle}.${this.sessionNumber}` : `${this.lineId}#${handle}`;
    return this.calls.has(base) ? `${base}.${++this.unboundCount}` : base;
  }

  private callFrom(info: CallInfo, id: string, previous: Call | undefined): Call {
    const { direction, state } = mapCallState(info.state);
    // The first peer, ct (else leg2) and leg2orig record, in one walk.
    let peer: NoRecord | undefined;
    let ct: NoRecord | undefined;
    let leg2: NoRecord | undefined;
    let first: NoRecord | undefined;
    for (const no of info.no) {
      if (no.type === 'peer') peer ??= no;
      else if (no.type === 'ct') ct ??= no;
      else if (no.type === 'leg2') leg2 ??= no;
      else if (no.type === 'leg2orig') first ??= no;
    }
    const redirector = ct ?? leg2;
    const now = this.now();
    const call: Call = {
      id,
      lineId: this.lineId,
      connectionId: this.info.connectionId,
      direction: previous?.direction ?? direction,
      state,
      remote: peer ? keptPartyOf(peer, previous?.remote) : (previous?.remote ?? { number: '' }),
      conference: previous?.conference ?? false,
      startedAt: previous?.startedAt ?? now,
      actions: previous?.actions ?? [],
    };
    if (redirector) call.redirectedBy = keptPartyOf(redirector, previous?.redirectedBy);
    else if (previous?.redirectedBy) call.redirectedBy = previous.redirectedBy;
    if (previous?.conferenceParties) call.conferenceParties = previous.conferenceParties;
    if (first) call.firstCalled = keptPartyOf(first, previous?.firstCalled);
    else if (previous?.firstCalled) call.firstCalled = previous.firstCalled;
    const connectedAt =
      state === 'connected' || state === 'held' || state === 'held-by-peer' ? (previous?.connectedAt ?? now) : previous?.connectedAt;
    if (connectedAt !== undefined) call.connectedAt = connectedAt;
    return call;
  }

  private track(id: string, tracked: TrackedCall): void {
    const before = this.calls.get(id);
    if (before) this.census.remove(before.call.state);
    this.calls.set(id, tracked);
    this.census.add(tracked.call.state);
  }

  private untrack(id: string): void {
    const before = this.calls.get(id);
    if (!before) return;
    this.census.remove(before.call.state);
    this.calls.delete(id);
  }

  /**
   * Upserts `changed` (the call just updated, if any) and every other call
   * whose actions changed with it (they depend on the line's other calls).
   * Calls already published are never mutated: a changed call is a new
   * object. `changedIsNew`: `changed` holds a call built for this event,
   * not published yet, which takes its actions in place.
   */
  private actionUpdates(changed?: string, changedIsNew = false): DomainEvent[] {
    const updated = this.refreshActions(changed, false, changedIsNew);
    if (changed !== undefined) updated.add(changed);
    return [...updated].map((id): DomainEvent => ({ type: 'callUpserted', call: this.calls.get(id)!.call }));
  }

  /**
   * A call without a handle cannot be controlled yet, so it offers no actions until the PBX reports it.
   * A call's actions depend on its own state and handle and on the line's other calls only through whether one
   * is held, one talks and one is connected (census.shape): while that shape stays, only `changed` can get other
   * actions, so an event costs the same however many calls the line has. `all`: refresh every call regardless.
   */
  private refreshActions(changed: string | undefined, all: boolean, changedIsNew = false): Set<string> {
    const updated = new Set<string>();
    const shape = this.census.shape();
    const { held, talking, connected } = this.census;
    const refresh = (tracked: TrackedCall, inPlace: boolean) => {
      const state = tracked.call.state;
      const actions = tracked.handle
        ? permittedActions(
            state,
            held - (state === 'held' ? 1 : 0) > 0,
            talking - (state === 'connected' || state === 'ringback' || state === 'dialing' ? 1 : 0) > 0,
            connected - (state === 'connected' ? 1 : 0) > 0,
          )
        : NO_ACTIONS;
      if (sameActions(actions, tracked.call.actions)) return;
      if (inPlace) tracked.call.actions = actions;
      else tracked.call = { ...tracked.call, actions };
      updated.add(tracked.call.id);
    };
    if (all || shape !== this.refreshedShape) {
      for (const [id, tracked] of this.calls) refresh(tracked, changedIsNew && id === changed);
    } else if (changed !== undefined) {
      const tracked = this.calls.get(changed);
      if (tracked) refresh(tracked, changedIsNew);
    }
    this.refreshedShape = shape;
    return updated;
  }

  /** The SOAP requests that carry out a command, in order. */
  plan(command: Command): CommandPlan {
    if (isConnectionCommand(command)) return { refused: msg('command.noPhonebook') };
    if (!this.userHandle) return { refused: msg('innovaphone.lineNotMonitored') };
    if (!isCallCommand(command)) {
      switch (command.kind) {
        case 'dial':
          return { requests: [{ op: 'UserCall', user: this.userHandle, cn: '', e164: command.to, h323: '', rc: 0, srce164: '' }] };
        case 'pickup': // planned by the connector with planPickup (it needs the colleague's name)
        case 'setAgentState':
        case 'setCallerName':
        case 'setDnd':
        case 'setForward':
          return { refused: msg('innovaphone.notFromConsole') };
      }
    }
    const self = this.calls.get(command.callId);
    if (!self) return { refused: msg('command.callEnded') };
    if (!self.handle) return { refused: msg('innovaphone.callNotReported') };
    const handle = self.handle;
    const controllable = [...this.calls.values()].filter((t) => t.handle && t !== self);
    const held = controllable.find((t) => t.call.state === 'held');
    const active = controllable.find((t) => t.call.state !== 'held' && t.call.state !== 'parked' && t.call.state !== 'ringing');
    switch (command.kind) {
      case 'answer':
        return { requests: [{ op: 'UserConnect', call: handle }] };
      case 'hangup':
        return { requests: [{ op: 'UserClear', call: handle, cause: CAUSE_NORMAL_CLEARING }] };
      case 'hold':
        return { requests: [{ op: 'UserHold', call: handle, remote: false }] };
      case 'retrieve':
        return { requests: [{ op: 'UserRetrieve', call: handle }] };
      case 'transfer':
      case 'divert':
        return { requests: [{ op: 'UserRedirect', call: handle, cn: '', e164: command.to, h323: '', rc: 0 }] };
      case 'consult':
        return {
          requests: [
            { op: 'UserHold', call: handle, remote: false },
            { op: 'UserCall', user: this.userHandle, cn: '', e164: command.to, h323: '', rc: 0, srce164: '' },
          ],
        };
      case 'completeTransfer': {
        const selfHeld = self.call.state === 'held';
        const partner = selfHeld ? active : held;
        if (!partner) return { refused: msg('innovaphone.noSecondCall') };
        return { requests: [{ op: 'UserTransfer', a: selfHeld ? handle : partner.handle, b: selfHeld ? partner.handle : handle }] };
      }
      case 'conference': {
        // rc 4 goes to the active call while the other is held (the document's UserRc).
        const target = self.call.state === 'held' ? active : self;
        const partner = self.call.state === 'held' ? self : held;
        if (!target || !partner) return { refused: msg('innovaphone.conferenceNeedsTwo') };
        this.pendingConference = {
          target: target.handle,
          partner: partner.handle,
          partnerParty: partner.call.remote,
          until: this.now() + CONFERENCE_WINDOW_MS,
        };
        return { requests: [{ op: 'UserRc', call: target.handle, rc: RC_CONFERENCE }], effectOn: [target.handle, partner.handle] };
      }
      case 'park':
        return { requests: [{ op: 'UserPark', call: handle, cn: this.cn, position: -1 }] };
      case 'unpark':
        return { requests: [{ op: 'UserPickup', user: this.userHandle, cn: '', call: handle, group: '' }] };
      case 'addParty':
      case 'alternate':
      case 'reconnect':
        return { refused: msg('command.notSupported', { system: 'innovaphone' }) };
    }
  }

  /** A pickup of the call ringing at a colleague, by the colleague's Long Name. */
  planPickup(colleagueCn: string): CommandPlan {
    if (!this.userHandle) return { refused: msg('innovaphone.lineNotMonitored') };
    return { requests: [{ op: 'UserPickup', user: this.userHandle, cn: colleagueCn, call: 0, group: '' }] };
  }
}

/** How many of a line's calls are held, talking (connected, ringback or dialing) and connected. */
class CallCensus {
  held = 0;
  talking = 0;
  connected = 0;

  add(state: CallState, by = 1): void {
    if (state === 'held') this.held += by;
    else if (state === 'connected') {
      this.connected += by;
      this.talking += by;
    } else if (state === 'ringback' || state === 'dialing') this.talking += by;
  }

  remove(state: CallState): void {
    this.add(state, -1);
  }

  clear(): void {
    this.held = this.talking = this.connected = 0;
  }

  /**
   * What another call's actions can depend on, as a number: each count as 0, 1 or "2 or more" (a call's own
   * part is taken off its count, so "one other" needs 1 and 2 told apart).
   */
  shape(): number {
    const level = (count: number) => Math.min(count, 2);
    return level(this.held) * 9 + level(this.talking) * 3 + level(this.connected);
  }
}

/** The capability an action needs (actions without an entry need none beyond the call). */
const ACTION_CAPABILITY: Record<CallAction, LineCapability> = {
  answer: 'answer',
  hangup: 'hangup',
  hold: 'hold',
  retrieve: 'hold',
  transfer: 'transfer',
  consult: 'consult',
  completeTransfer: 'consult',
  conference: 'conference',
  divert: 'divert',
  park: 'park',
  unpark: 'park',
  alternate: 'hold',
  reconnect: 'consult',
  addParty: 'conference',
};

/** What can be done with a call now, from its state and whether the line's other calls hold one, talk on one, or are connected. */
function actionsOf(state: CallState, heldOther: boolean, talkingOther: boolean, connectedOther: boolean): readonly CallAction[] {
  switch (state) {
    case 'ringing':
    case 'queued':
      return ['answer', 'divert', 'hangup'];
    case 'dialing':
      return ['hangup'];
    case 'ringback':
      return heldOther ? ['completeTransfer', 'hangup'] : ['hangup'];
    case 'connected':
      return heldOther ? ['completeTransfer', 'conference', 'hold', 'hangup', 'park'] : ['hold', 'transfer', 'consult', 'park', 'hangup'];
    case 'held':
      if (talkingOther) return connectedOther ? ['completeTransfer', 'conference', 'hangup'] : ['completeTransfer', 'hangup'];
      return ['retrieve', 'transfer', 'consult', 'park', 'hangup'];
    case 'held-by-peer':
      return ['transfer', 'hangup'];
    case 'parked':
      return ['unpark', 'hangup'];
    case 'failed':
      return ['hangup'];
  }
}

const NO_ACTIONS: CallAction[] = [];

/**
 * actionsOf limited to the line's capabilities, one array per combination
 * (shared by every call it fits: a published call's actions are never
 * changed in place, a change is a new call with another array).
 */
const PERMITTED = new Map<CallState, (CallAction[] | undefined)[]>();

function permittedActions(state: CallState, heldOther: boolean, talkingOther: boolean, connectedOther: boolean): CallAction[] {
  let byOthers = PERMITTED.get(state);
  if (byOthers === undefined) PERMITTED.set(state, (byOthers = []));
  const index = (heldOther ? 4 : 0) + (talkingOther ? 2 : 0) + (connectedOther ? 1 : 0);
  let actions = byOthers[index];
  if (actions === undefined) {
    actions = actionsOf(state, heldOther, talkingOther, connectedOther).filter((a) =>
      INNOVAPHONE_CAPABILITIES.includes(ACTION_CAPABILITY[a]),
    );
    byOthers[index] = actions;
  }
  return actions;
}

function sameActions(a: readonly CallAction[], b: readonly CallAction[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Presence grid

/** A placeholder ref for the call ringing at a colleague: innovaphone picks it up by the colleague's Long Name. */
export const RINGING_AT_COLLEAGUE = 'ringing';

/** The presence activity that means do not disturb (both WSDLs' PresenceActivity enumeration). */
export const DND_ACTIVITY = 'dnd';

/**
 * A colleague from their UserInfo: registration and calls give the lamp;
 * the Presence record gives status, activity and note as the user set them
 * (dnd also as a badge). `callers`: who is calling at their ringing phone,
 * when the console has asked the PBX (see InnovaphonePresence.setCallers).
 */
export function colleagueOf(
  connectionId: string,
  user: UserInfo,
  callers: Party[] = [],
  id: string = colleagueIdFor(connectionId, user.cn),
): Colleague {
  const registered = user.state === 1;
  const activity: ColleagueActivity = !registered ? 'offline' : user.alert > 0 ? 'ringing' : user.channel > 0 ? 'busy' : 'idle';
  const ringingFrom = user.alert > 0 ? (callers.length > 0 ? callers : [{ number: '' }]) : [];
  const colleague: Colleague = {
    id,
    connectionId,
    name: user.dn || user.cn,
    number: user.e164 || user.h323,
    registered,
    activity,
    calls: ringingFrom.map((remote) => ({ ref: RINGING_AT_COLLEAGUE, state: 'ringing', direction: 'incoming', remote })),
  };
  const presence = user.presence.find((p) => p.status || p.activity || p.note);
  if (presence) {
    colleague.presence = { status: presence.status };
    if (presence.activity) colleague.presence.activity = presence.activity;
    if (presence.note) colleague.presence.note = presence.note;
    if (presence.activity === DND_ACTIVITY) colleague.dnd = true;
  }
  const group = user.groups.find((g) => g.active)?.group ?? user.groups[0]?.group;
  if (group) colleague.group = group;
  // A call queue ("waiting" in the document's user types): its alerting calls are callers waiting in it.
  if (user.type === 'waiting') colleague.kind = 'queue';
  return colleague;
}

/** Who is calling at a colleague's phone, from the PBX's `Calls` answer for that colleague: the peers of its ringing calls. */
export function ringingCallers(records: CallInfo[]): Party[] {
  return records
    .filter((r) => r.active && mapCallState(r.state).state === 'ringing')
    .map((r) => partyOf(r.no.find((n) => n.type === 'peer')))
    .filter((p) => p.number !== '' || p.name !== undefined);
}

/**
 * The presence grid of one session. The initial stream (one UserInfo per
 * user, ended by a UserInfo with an empty cn, possibly over several Polls)
 * is collected and published at once as `colleaguesReplaced`; afterwards
 * every UserInfo is an upsert, or a removal when `active` is false.
 */
export class InnovaphonePresence {
  private initial: Map<string, Colleague> | undefined = new Map();
  /** cn of each known colleague, by colleague id (for pickup). */
  private readonly cnById = new Map<string, string>();
  /** The latest UserInfo of each colleague that is ringing, by cn (to show who calls when the PBX says). */
  private readonly ringing = new Map<string, { user: UserInfo; callers: Party[]; asked: boolean }>();

  constructor(
    private readonly connectionId: string,
    /** Users that are lines of this console, not colleagues. */
    private readonly ownCns: ReadonlySet<string>,
  ) {}

  /** Colleague id by cn, made once per user of the session (not per UserInfo: every Poll reply may bring some). */
  private readonly idByCn = new Map<string, string>();

  private idOf(cn: string): string {
    let id = this.idByCn.get(cn);
    if (id === undefined) {
      id = colleagueIdFor(this.connectionId, cn);
      this.idByCn.set(cn, id);
    }
    return id;
  }

  /** True once the stream's terminator has been seen. */
  get complete(): boolean {
    return this.initial === undefined;
  }

  cnOf(colleagueId: string): string | undefined {
    return this.cnById.get(colleagueId);
  }

  apply(user: UserInfo): DomainEvent[] {
    if (this.initial) {
      if (user.cn === '') {
        const colleagues = [...this.initial.values()];
        this.initial = undefined;
        return [{ type: 'colleaguesReplaced', connectionId: this.connectionId, colleagues }];
      }
      if (this.belongsInGrid(user)) {
        const colleague = colleagueOf(this.connectionId, user, [], this.idOf(user.cn));
        this.cnById.set(colleague.id, user.cn);
        this.initial.set(colleague.id, colleague);
        this.trackRinging(user);
      }
      return [];
    }
    if (!user.cn) return [];
    const id = this.idOf(user.cn);
    if (!user.active || !this.belongsInGrid(user)) {
      this.ringing.delete(user.cn);
      this.idByCn.delete(user.cn);
      if (!this.cnById.delete(id)) return [];
      return [{ type: 'colleagueRemoved', colleagueId: id }];
    }
    this.cnById.set(id, user.cn);
    const callers = this.trackRinging(user);
    return [{ type: 'colleagueUpserted', colleague: colleagueOf(this.connectionId, user, callers, id) }];
  }

  /** Colleagues whose phone rings and whose callers the console has not learnt yet (ask the PBX with `Calls`). */
  callersWanted(): string[] {
    return [...this.ringing].filter(([, r]) => !r.asked).map(([cn]) => cn);
  }

  /** The PBX said who calls at a colleague's phone: the colleague again, with those callers (nothing if it stopped ringing). */
  setCallers(cn: string, callers: Party[]): DomainEvent[] {
    const ringing = this.ringing.get(cn);
    if (!ringing || this.initial) return [];
    // Asked once per set of alerting calls, whatever the answer (no Calls on every Poll for a PBX that tells nothing).
    ringing.asked = true;
    if (callers.length === 0) return [];
    ringing.callers = callers;
    return [{ type: 'colleagueUpserted', colleague: colleagueOf(this.connectionId, ringing.user, callers, this.idOf(cn)) }];
  }

  /** Keeps the UserInfo of a ringing colleague (and the callers already known while the same calls ring). */
  private trackRinging(user: UserInfo): Party[] {
    if (user.alert <= 0 || user.state !== 1) {
      this.ringing.delete(user.cn);
      return [];
    }
    // Another call alerting (or one fewer): ask again who is calling.
    const previous = this.ringing.get(user.cn);
    const same = previous !== undefined && previous.user.alert === user.alert;
    const callers = same ? previous.callers : [];
    this.ringing.set(user.cn, { user, callers, asked: same && previous.asked });
    return callers;
  }

  private belongsInGrid(user: UserInfo): boolean {
    return user.active && user.type !== 'gw' && !this.ownCns.has(user.cn);
  }
}

export function toDirectoryEntry(user: UserInfo, source: string, connectionId: string): DirectoryEntry {
  const entry: DirectoryEntry = { number: user.e164 || user.h323, source, connectionId };
  const name = user.dn || user.cn;
  if (name) entry.name = name;
  return entry;
}
