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
import { partyName, type PlanUndo } from '../shared/undo';

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
      /** Gives back what the first request did when a later one fails (connector.ts). */
      undo?: PlanUndo<PbxRequest>;
      /** The call this plan's UserCall consults from: the connector hands the new call's handle to consultationPlaced. */
      consultationOf?: string;
    }
  | { refused: Message };

/** How many ended call handles an adapter remembers (InnovaphoneLineAdapter.recentlyEnded): more than a reply's delay sees. */
const RECENTLY_ENDED = 64;

/** How long after UserRc 4 the held call's end is read as it joining the conference. */
export const CONFERENCE_WINDOW_MS = 5000;

/** A call of the line and what ties it to the PBX. */
interface TrackedCall {
  call: Call;
  /** The call handle of the current session; 0 while the PBX has not given one (a call known only from `Calls`). */
  handle: number;
  /** The call's conference GUID (Info type `conf`): the same in every session and across transfers. */
  conf: string;
  /** When the call was put on hold, as the line's count of holds (0 while not held): the latest is the one a dial consults from. */
  heldSince: number;
}

/** One side of a consultation pair (Call.role): the call consulted from, or the consultation placed while it is held. */
interface PairSide {
  role: 'consultation' | 'consulted-from';
  partner: string;
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
  /** call id → call */
  private readonly calls = new Map<string, TrackedCall>();
  /**
   * Consultation pairs, both sides by call id. innovaphone does not say which held call a new call consults for, so
   * the console remembers it when it places the call (consult, or a dial while a call is held for it). A pair outlives
   * a resync (ids of calls found again stay) and ends with either call.
   */
  private readonly pairs = new Map<string, PairSide>();
  /** A consultation placed whose CallInfo has not come yet: its handle → the id of the call held for it. */
  private readonly pendingConsultations = new Map<number, string>();
  /**
   * Handles of this session's calls that ended lately (at most RECENTLY_ENDED, oldest first): a consultation can ring
   * and end before UserCall's reply names it, and a handle kept as pending then would pair a later call the PBX
   * gives the same handle with the held caller.
   */
  private readonly recentlyEnded = new Set<number>();
  /** How many holds the line has seen (TrackedCall.heldSince). */
  private holdCount = 0;
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
    this.idByHandle.clear();
    // Handles of the old session mean nothing now; the pairs themselves are by id and stay.
    this.pendingConsultations.clear();
    this.recentlyEnded.clear();
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
      const call = this.callFrom(record, id, before?.call);
      this.calls.set(id, { call, handle: 0, conf, heldSince: this.heldSince(call, before) });
    }
    // Without a Calls answer the stream alone decides, matched against `previous` (see trackedFor).
    this.previous = [];
    this.snapshotTaken = true;
  }

  finishResync(): DomainEvent[] {
    this.resyncing = false;
    this.previous = [];
    this.snapshotTaken = false;
    // A pair whose call was not found again is over.
    for (const id of [...this.pairs.keys()]) if (!this.calls.has(id)) this.unpair(id);
    for (const tracked of this.calls.values()) this.refresh(tracked, false);
    return [{ type: 'lineCallsReplaced', lineId: this.lineId, calls: [...this.calls.values()].map((t) => t.call), at: this.now() }];
  }

  /** One CallInfo for this line's user handle. */
  applyCallInfo(info: CallInfo): DomainEvent[] {
    const known = this.trackedFor(info);
    if (!info.active || this.isEnded(info)) {
      this.pendingConsultations.delete(info.call);
      this.recentlyEnded.add(info.call);
      if (this.recentlyEnded.size > RECENTLY_ENDED) this.recentlyEnded.delete(this.recentlyEnded.values().next().value as number);
      if (!known) return [];
      const id = known.call.id;
      this.calls.delete(id);
      this.idByHandle.delete(info.call);
      const partner = this.unpair(id);
      for (const [handle, heldId] of this.pendingConsultations) if (heldId === id) this.pendingConsultations.delete(handle);
      if (this.resyncing) return [];
      const joined = this.joinedConference(info.call);
      return [{ type: 'callEnded', callId: id, at: this.now() }, ...this.actionUpdates(joined, false, [partner])];
    }
    const id = known?.call.id ?? this.newCallId(info.call);
    const call = this.callFrom(info, id, known?.call);
    this.calls.set(id, { call, handle: info.call, conf: confOf(info) || (known?.conf ?? ''), heldSince: this.heldSince(call, known) });
    this.idByHandle.set(info.call, id);
    // A handle the PBX gives again is a live call's now.
    this.recentlyEnded.delete(info.call);
    // The consultation the console placed, reported after UserCall answered with its handle.
    const heldId = known ? undefined : this.pendingConsultations.get(info.call);
    this.pendingConsultations.delete(info.call);
    const unpaired = heldId !== undefined && this.calls.has(heldId) ? this.pair(id, heldId) : [];
    if (this.resyncing) return [];
    return this.actionUpdates(id, true, [this.pairs.get(id)?.partner, ...unpaired]);
  }

  /**
   * UserCall placed the consultation `handle` for the held call `heldId` (consult, or a dial while it is held):
   * the two are a pair from now on. The call's CallInfo may have come already (the Poll can overtake the reply).
   */
  consultationPlaced(handle: number, heldId: string): DomainEvent[] {
    const id = this.idByHandle.get(handle);
    if (id === undefined) {
      // Already over (it rang and ended before this reply): nothing to pair, and its handle must not wait.
      if (handle && !this.recentlyEnded.has(handle)) this.pendingConsultations.set(handle, heldId);
      return [];
    }
    if (!this.calls.has(heldId)) return [];
    const unpaired = this.pair(id, heldId);
    if (this.resyncing) return [];
    return this.actionUpdates(undefined, false, [id, heldId, ...unpaired]);
  }

  /** Pairs a consultation with the call held for it, ending the pairs either was in; returns the calls those left alone. */
  private pair(consultation: string, held: string): string[] {
    const alone = [this.unpair(consultation), this.unpair(held)].filter(
      (id): id is string => id !== undefined && id !== consultation && id !== held,
    );
    this.pairs.set(consultation, { role: 'consultation', partner: held });
    this.pairs.set(held, { role: 'consulted-from', partner: consultation });
    return alone;
  }

  /** Ends the pair `id` is in; returns its partner, if it had one. */
  private unpair(id: string): string | undefined {
    const partner = this.pairs.get(id)?.partner;
    this.pairs.delete(id);
    if (partner !== undefined) this.pairs.delete(partner);
    return partner;
  }

  /** The other call of `tracked`'s pair, while both can be controlled. */
  private partnerOf(tracked: TrackedCall): TrackedCall | undefined {
    const side = this.pairs.get(tracked.call.id);
    const partner = side && this.calls.get(side.partner);
    return partner?.handle ? partner : undefined;
  }

  /** A call keeps the moment it was put on hold while it stays held; a call newly held is the line's latest. */
  private heldSince(call: Call, before: TrackedCall | undefined): number {
    if (call.state !== 'held') return 0;
    return before?.heldSince || ++this.holdCount;
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

  /**
   * Upserts `changed` (the call just updated, if any) and each of `others` whose actions or role changed with it:
   * a call's actions depend only on its own state and its pair partner's, so no other call of the line can change.
   * Calls already published are never mutated: a changed call is a new object. `changedIsNew`: `changed` holds a
   * call built for this event, not published yet, which takes its actions in place.
   */
  private actionUpdates(changed: string | undefined, changedIsNew: boolean, others: (string | undefined)[]): DomainEvent[] {
    const updated = new Set<string>();
    const tracked = changed === undefined ? undefined : this.calls.get(changed);
    if (tracked) {
      this.refresh(tracked, changedIsNew);
      updated.add(tracked.call.id);
    }
    for (const id of others) {
      const other = id === undefined ? undefined : this.calls.get(id);
      if (other && this.refresh(other, false)) updated.add(other.call.id);
    }
    return [...updated].map((id): DomainEvent => ({ type: 'callUpserted', call: this.calls.get(id)!.call }));
  }

  /**
   * Sets a call's actions and its consultation role from its state and its partner's; true when they changed.
   * A call without a handle cannot be controlled yet, so it offers no actions until the PBX reports it.
   */
  private refresh(tracked: TrackedCall, inPlace: boolean): boolean {
    const side = this.pairs.get(tracked.call.id);
    const actions = tracked.handle ? permittedActions(tracked.call.state, this.partnerOf(tracked)?.call.state) : NO_ACTIONS;
    const { call } = tracked;
    if (sameActions(actions, call.actions) && call.role === side?.role && call.relatedCallId === side?.partner) return false;
    const next = inPlace ? call : { ...call };
    next.actions = actions;
    if (side) {
      next.role = side.role;
      next.relatedCallId = side.partner;
    } else {
      delete next.role;
      delete next.relatedCallId;
    }
    tracked.call = next;
    return true;
  }

  /** The SOAP requests that carry out a command, in order. */
  plan(command: Command): CommandPlan {
    if (isConnectionCommand(command)) return { refused: msg('command.noPhonebook') };
    if (!this.userHandle) return { refused: msg('innovaphone.lineNotMonitored') };
    if (!isCallCommand(command)) {
      switch (command.kind) {
        case 'dial': {
          const plan: CommandPlan = { requests: [this.userCall(command.to)] };
          const consultedFrom = this.heldForDial();
          if (consultedFrom) plan.consultationOf = consultedFrom.call.id;
          return plan;
        }
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
    const held = self.call.state === 'held';
    // completeTransfer and conference join the call with its pair partner only: the one held for it, or its consultation.
    const partner = this.partnerOf(self);
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
      case 'divert': {
        const redirect: PbxRequest = { op: 'UserRedirect', call: handle, cn: '', e164: command.to, h323: '', rc: 0 };
        // The PBX redirects a ringing or connected call only: a held one is retrieved first, and held again if the redirect fails.
        if (!held) return { requests: [redirect] };
        return {
          requests: [{ op: 'UserRetrieve', call: handle }, redirect],
          undo: {
            request: { op: 'UserHold', call: handle, remote: false },
            undone: onHold(self.call),
            notUndone: connectedWith(self.call),
          },
        };
      }
      case 'consult':
        // A held call is consulted from as it is; a connected one is held first, and retrieved if the consultation cannot be placed.
        if (held) return { requests: [this.userCall(command.to)], consultationOf: self.call.id };
        return {
          requests: [{ op: 'UserHold', call: handle, remote: false }, this.userCall(command.to)],
          undo: { request: { op: 'UserRetrieve', call: handle }, undone: connectedWith(self.call), notUndone: onHold(self.call) },
          consultationOf: self.call.id,
        };
      case 'completeTransfer': {
        const pair = heldPair(self, partner);
        if (!pair) return { refused: msg('innovaphone.noSecondCall') };
        return { requests: [{ op: 'UserTransfer', a: pair.held.handle, b: pair.other.handle }] };
      }
      case 'conference': {
        // rc 4 goes to the active call while the other is held (the document's UserRc).
        const pair = heldPair(self, partner);
        if (!pair || pair.other.call.state !== 'connected') return { refused: msg('innovaphone.conferenceNeedsTwo') };
        const { held: joining, other: target } = pair;
        this.pendingConference = {
          target: target.handle,
          partner: joining.handle,
          partnerParty: joining.call.remote,
          until: this.now() + CONFERENCE_WINDOW_MS,
        };
        return { requests: [{ op: 'UserRc', call: target.handle, rc: RC_CONFERENCE }], effectOn: [target.handle, joining.handle] };
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

  private userCall(to: string): PbxRequest {
    return { op: 'UserCall', user: this.userHandle, cn: '', e164: to, h323: '', rc: 0, srce164: '' };
  }

  /**
   * The call a dial consults for: the connected call (the PBX holds it for the new call), else the call put on hold
   * last — if it is not in a pair already (then what the dial is for is not clear, and it stays a call of its own).
   */
  private heldForDial(): TrackedCall | undefined {
    let connected: TrackedCall | undefined;
    let latestHeld: TrackedCall | undefined;
    let connectedCount = 0;
    for (const tracked of this.calls.values()) {
      if (!tracked.handle) continue;
      if (tracked.call.state === 'connected') {
        connected = tracked;
        connectedCount++;
      } else if (tracked.call.state === 'held' && tracked.heldSince > (latestHeld?.heldSince ?? 0)) latestHeld = tracked;
    }
    const candidate = connectedCount === 1 ? connected : connectedCount === 0 ? latestHeld : undefined;
    return candidate && !this.pairs.has(candidate.call.id) ? candidate : undefined;
  }

  /** A pickup of the call ringing at a colleague, by the colleague's Long Name. */
  planPickup(colleagueCn: string): CommandPlan {
    if (!this.userHandle) return { refused: msg('innovaphone.lineNotMonitored') };
    return { requests: [{ op: 'UserPickup', user: this.userHandle, cn: colleagueCn, call: 0, group: '' }] };
  }
}

const connectedWith = (call: Call): Message => msg('work.announce.connected', { caller: partyName(call.remote) });
const onHold = (call: Call): Message => msg('work.announce.held', { caller: partyName(call.remote) });

/** A pair's held call and its other call (connected or ringing at the consulted party), when the pair is in that shape. */
function heldPair(self: TrackedCall, partner: TrackedCall | undefined): { held: TrackedCall; other: TrackedCall } | undefined {
  if (!partner) return undefined;
  const [held, other] = self.call.state === 'held' ? [self, partner] : [partner, self];
  if (held.call.state !== 'held' || (other.call.state !== 'connected' && other.call.state !== 'ringback')) return undefined;
  return { held, other };
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

/**
 * What can be done with a call now, from its state and its pair partner's (the call held for it, or its
 * consultation; undefined without one). Only a pair offers Complete transfer and Conference; a call on hold
 * elsewhere on the line changes nothing.
 */
function actionsOf(state: CallState, partner: CallState | undefined): readonly CallAction[] {
  switch (state) {
    case 'ringing':
    case 'queued':
      return ['answer', 'divert', 'hangup'];
    case 'dialing':
      return ['hangup'];
    case 'ringback':
      return partner === 'held' ? ['completeTransfer', 'hangup'] : ['hangup'];
    case 'connected':
      return partner === 'held'
        ? ['completeTransfer', 'conference', 'hold', 'hangup', 'park']
        : ['hold', 'transfer', 'consult', 'park', 'hangup'];
    case 'held':
      if (partner === 'connected') return ['completeTransfer', 'conference', 'hangup'];
      if (partner === 'ringback') return ['completeTransfer', 'hangup'];
      // The consultation is still being set up: nothing to join yet.
      if (partner === 'dialing') return ['hangup'];
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
const PERMITTED = new Map<string, CallAction[]>();

function permittedActions(state: CallState, partner: CallState | undefined): CallAction[] {
  const key = `${state}/${partner ?? ''}`;
  let actions = PERMITTED.get(key);
  if (actions === undefined) {
    actions = actionsOf(state, partner).filter((a) => INNOVAPHONE_CAPABILITIES.includes(ACTION_CAPABILITY[a]));
    PERMITTED.set(key, actions);
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
