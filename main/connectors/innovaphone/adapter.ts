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
import type { Call, CallAction, CallDirection, CallState, Colleague, ColleagueActivity, DirectoryEntry, Line, LineCapability, Party } from '../../../app/model';
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

export type CommandPlan = { requests: PbxRequest[] } | { refused: string };

export class InnovaphoneLineAdapter {
  readonly lineId: string;
  /** The user handle from UserInitialize; 0 while not initialised. */
  userHandle = 0;
  private number: string;
  /** call handle → call */
  private readonly calls = new Map<number, Call>();
  /** While resyncing, calls are collected silently and published as one lineCallsReplaced. */
  private resyncing = false;

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

  /** Starts a resync: calls seen from now on replace the old ones at `finishResync`. */
  beginResync(): void {
    this.calls.clear();
    this.resyncing = true;
  }

  finishResync(): DomainEvent[] {
    this.resyncing = false;
    this.refreshActions();
    return [{ type: 'lineCallsReplaced', lineId: this.lineId, calls: [...this.calls.values()], at: this.now() }];
  }

  /** One CallInfo for this line's user handle. */
  applyCallInfo(info: CallInfo): DomainEvent[] {
    const previous = this.calls.get(info.call);
    const gone = !info.active || (info.msg === 'r-rel' && (info.state & STATE_PHASE_MASK) !== CALL_PHASE.parked);
    if (gone) {
      if (!previous) return [];
      this.calls.delete(info.call);
      if (this.resyncing) return [];
      return [{ type: 'callEnded', callId: previous.id, at: this.now() }, ...this.actionUpdates()];
    }
    const { direction, state } = mapCallState(info.state);
    const peer = info.no.find((n) => n.type === 'peer');
    const redirector = info.no.find((n) => n.type === 'ct') ?? info.no.find((n) => n.type === 'leg2');
    const first = info.no.find((n) => n.type === 'leg2orig');
    const now = this.now();
    const call: Call = {
      id: `${this.lineId}#${info.call}`,
      lineId: this.lineId,
      connectionId: this.info.connectionId,
      direction: previous?.direction ?? direction,
      state,
      remote: peer ? partyOf(peer) : (previous?.remote ?? { number: '' }),
      conference: false,
      startedAt: previous?.startedAt ?? now,
      actions: [],
    };
    if (redirector) call.redirectedBy = partyOf(redirector);
    else if (previous?.redirectedBy) call.redirectedBy = previous.redirectedBy;
    if (first) call.firstCalled = partyOf(first);
    const connectedAt = state === 'connected' || state === 'held' || state === 'held-by-peer' ? (previous?.connectedAt ?? now) : previous?.connectedAt;
    if (connectedAt !== undefined) call.connectedAt = connectedAt;
    this.calls.set(info.call, call);
    if (this.resyncing) return [];
    return this.actionUpdates(info.call);
  }

  /**
   * Upserts `changed` (the call just updated, if any) and every other call
   * whose actions changed with it (they depend on the line's other calls).
   * Calls already published are never mutated: a changed call is a new object.
   */
  private actionUpdates(changed?: number): DomainEvent[] {
    const updated = this.refreshActions();
    if (changed !== undefined) updated.add(changed);
    return [...updated].map((handle): DomainEvent => ({ type: 'callUpserted', call: this.calls.get(handle)! }));
  }

  private refreshActions(): Set<number> {
    const updated = new Set<number>();
    const all = [...this.calls.entries()];
    for (const [handle, call] of all) {
      const others = all.filter(([h]) => h !== handle).map(([, c]) => c);
      const actions = actionsFor(call, others).filter((a) => INNOVAPHONE_CAPABILITIES.includes(ACTION_CAPABILITY[a]));
      if (actions.join() !== call.actions.join()) {
        this.calls.set(handle, { ...call, actions });
        updated.add(handle);
      }
    }
    return updated;
  }

  /** The SOAP requests that carry out a command, in order. */
  plan(command: Command): CommandPlan {
    if (isConnectionCommand(command)) return { refused: 'The innovaphone PBX has no phonebook the console can edit.' };
    if (!this.userHandle) return { refused: 'The line is not monitored yet.' };
    if (!isCallCommand(command)) {
      switch (command.kind) {
        case 'dial':
          return { requests: [{ op: 'UserCall', user: this.userHandle, cn: '', e164: command.to, h323: '', rc: 0, srce164: '' }] };
        default:
          return { refused: 'The innovaphone PBX cannot do that from the console.' };
      }
    }
    const handle = this.handleOf(command.callId);
    if (handle === undefined) return { refused: 'That call has ended.' };
    const all = [...this.calls.entries()];
    const held = all.find(([h, c]) => h !== handle && c.state === 'held');
    const active = all.find(([h, c]) => h !== handle && c.state !== 'held' && c.state !== 'parked' && c.state !== 'ringing');
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
        const self = this.calls.get(handle)!;
        const partner = self.state === 'held' ? active : held;
        if (!partner) return { refused: 'There is no second call to connect this call with.' };
        return { requests: [{ op: 'UserTransfer', a: self.state === 'held' ? handle : partner[0], b: self.state === 'held' ? partner[0] : handle }] };
      }
      case 'conference': {
        // rc 4 goes to the active call while the other is held (the document's UserRc).
        const self = this.calls.get(handle)!;
        const target = self.state === 'held' ? active?.[0] : handle;
        if (target === undefined || (self.state !== 'held' && !held)) return { refused: 'A conference needs one held and one active call.' };
        return { requests: [{ op: 'UserRc', call: target, rc: RC_CONFERENCE }] };
      }
      case 'park':
        return { requests: [{ op: 'UserPark', call: handle, cn: this.cn, position: -1 }] };
      case 'unpark':
        return { requests: [{ op: 'UserPickup', user: this.userHandle, cn: '', call: handle, group: '' }] };
      default:
        return { refused: 'The innovaphone PBX cannot do that.' };
    }
  }

  /** A pickup of the call ringing at a colleague, by the colleague's Long Name. */
  planPickup(colleagueCn: string): CommandPlan {
    if (!this.userHandle) return { refused: 'The line is not monitored yet.' };
    return { requests: [{ op: 'UserPickup', user: this.userHandle, cn: colleagueCn, call: 0, group: '' }] };
  }

  private handleOf(callId: string): number | undefined {
    const prefix = `${this.lineId}#`;
    if (!callId.startsWith(prefix)) return undefined;
    const handle = Number(callId.slice(prefix.length));
    return this.calls.has(handle) ? handle : undefined;
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

/** What can be done with a call now, from its state and the line's other calls. */
export function actionsFor(call: Call, others: Call[]): CallAction[] {
  const heldOther = others.some((c) => c.state === 'held');
  const talkingOther = others.some((c) => c.state === 'connected' || c.state === 'ringback' || c.state === 'dialing');
  const connectedOther = others.some((c) => c.state === 'connected');
  switch (call.state) {
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

// ---------------------------------------------------------------------------
// Presence grid

/** A placeholder ref for the call ringing at a colleague: innovaphone picks it up by the colleague's Long Name. */
export const RINGING_AT_COLLEAGUE = 'ringing';

export function colleagueOf(connectionId: string, user: UserInfo): Colleague {
  const registered = user.state === 1;
  const activity: ColleagueActivity = !registered ? 'offline' : user.alert > 0 ? 'ringing' : user.channel > 0 ? 'busy' : 'idle';
  const colleague: Colleague = {
    id: colleagueIdFor(connectionId, user.cn),
    connectionId,
    name: user.dn || user.cn,
    number: user.e164 || user.h323,
    registered,
    activity,
    calls: user.alert > 0 ? [{ ref: RINGING_AT_COLLEAGUE, state: 'ringing', direction: 'incoming', remote: { number: '' } }] : [],
  };
  const presence = user.presence.find((p) => p.status || p.activity || p.note);
  if (presence) {
    const status = presence.activity || (presence.status === 'closed' ? 'away' : 'available');
    colleague.presence = presence.note ? { status, note: presence.note } : { status };
  }
  const group = user.groups.find((g) => g.active)?.group ?? user.groups[0]?.group;
  if (group) colleague.group = group;
  return colleague;
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

  constructor(
    private readonly connectionId: string,
    /** Users that are lines of this console, not colleagues. */
    private readonly ownCns: ReadonlySet<string>,
  ) {}

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
        const colleague = colleagueOf(this.connectionId, user);
        this.cnById.set(colleague.id, user.cn);
        this.initial.set(colleague.id, colleague);
      }
      return [];
    }
    if (!user.cn) return [];
    const id = colleagueIdFor(this.connectionId, user.cn);
    if (!user.active || !this.belongsInGrid(user)) {
      if (!this.cnById.delete(id)) return [];
      return [{ type: 'colleagueRemoved', colleagueId: id }];
    }
    this.cnById.set(id, user.cn);
    return [{ type: 'colleagueUpserted', colleague: colleagueOf(this.connectionId, user) }];
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
