/**
 * TelServer ↔ domain. Pure apart from the clock: turns TelServices call
 * events and snapshots into domain calls, and domain commands into
 * TelServices requests, for one monitored device (one Line).
 *
 * A TelServer call event describes one call *group* (its `id`): the primary
 * call (the first existing one) and the secondary call — a consultation the
 * device placed, or a second call that rang in meanwhile (call waiting).
 * Only the first is labelled a consultation pair (Call.role). The legs carry no
 * identity of their own, so the adapter keeps one: a new leg is matched to a
 * known leg of the group by the other party's number, else by position
 * (prim/sec), which keeps a call's id stable through dialing (number still
 * empty), transfers (the other party changes) and a consultation's held
 * call surviving when the consultation ends.
 */
import { isCallCommand, isConnectionCommand, type Command } from '../../../app/commands';
import type { DomainEvent } from '../../../app/events';
import { msg, type Message } from '../../../app/i18n/message';
import type {
  AgentInfo,
  AgentStatistics,
  Call,
  CallAction,
  CallCause,
  CallState,
  DirectoryEntry,
  Forward,
  Line,
  LineCapability,
  Party,
} from '../../../app/model';
import { isWithheld } from '../../../app/phone';
import {
  TS_SERVICES,
  type TsAgentInfo,
  type TsCallInfo,
  type TsCallLeg,
  type TsCause,
  type TsEventBody,
  type TsForwardInfo,
  type TsParty,
  type TsRequest,
  type TsService,
  type TsSnapshot,
} from './messages';

export const TELSERVER_CAPABILITIES: LineCapability[] = [
  'dial',
  'answer',
  'hangup',
  'hold',
  'transfer',
  'consult',
  'conference',
  'divert',
  'addParty',
  'forward',
  'dnd',
  'directory',
  'agent',
];

export interface TelServerLineInfo {
  connectionId: string;
  deviceNumber: string;
  label: string;
  country: string;
}

interface LegRecord {
  /** The call as last published (what findCall returns), or — until refreshGroup publishes it — as built from the event. */
  call: Call;
  /**
   * The call as this event reported it, without actions or role, until refreshGroup adds them and publishes it (or
   * drops it, when it publishes nothing new). Between events, undefined: `call` is then the last report.
   */
  reported: Call | undefined;
  /** Never published yet: refreshGroup publishes it whatever it holds. */
  fresh: boolean;
  /** The other party's number as TelServer last reported it. */
  number: string;
  /**
   * A consultation this device placed: it appeared as the secondary call,
   * dialed out while the primary was held. Another second call (one that
   * rang in meanwhile, "call waiting") shares the <call> too but is none.
   */
  consultation: boolean;
}

/**
 * One <call> of the line: its legs and its permittedServices as last reported (undefined: the server sent none).
 * Updated in place by each event for it: the records and arrays live as long as the calls, so an event that changes
 * one field leaves no new long-lived object but the call it publishes.
 */
interface CallGroup {
  legs: LegRecord[];
  permitted: ServiceSet | undefined;
}

/** The call as last reported: the event's report while refreshGroup has not taken it, else the call published. */
const latest = (record: LegRecord): Call => record.reported ?? record.call;

const STATE_MAP: Record<Exclude<TsCallLeg['state'], 'cleared'>, CallState> = {
  initiated: 'dialing',
  originated: 'dialing',
  delivered: 'ringback',
  queued: 'queued',
  alerting: 'ringing',
  connected: 'connected',
  hold: 'held',
  failed: 'failed',
};

const CAUSE_MAP: Record<TsCause, CallCause> = {
  busy: 'busy',
  conference: 'conference',
  destNotObtainable: 'dest-not-obtainable',
  droppedByOtherParty: 'dropped-by-other-party',
  heldByOtherParty: 'held-by-other-party',
  redirect: 'redirect',
  retrievedByOtherParty: 'retrieved-by-other-party',
  transfer: 'transfer',
  route: 'route',
};

export function lineIdFor(connectionId: string, deviceNumber: string): string {
  return `${connectionId}/${deviceNumber}`;
}

export class TelServerLineAdapter {
  readonly lineId: string;
  private readonly groups = new Map<string, CallGroup>();
  /** How many of the line's calls are current (isCurrent): kept as groups change, so no event looks at every call. */
  private currentCalls = 0;
  private serial = 0;
  private line: Line;
  /** The PBX's last statistics for the agent (TelServer queryUserStatistics). */
  private statistics: AgentStatistics | undefined;
  /** The first called party the line's calls last took (sharedFirstCalled). */
  private lastFirstCalled: Party | undefined;

  constructor(
    private readonly info: TelServerLineInfo,
    private readonly now: () => number,
  ) {
    this.lineId = lineIdFor(info.connectionId, info.deviceNumber);
    this.line = {
      id: this.lineId,
      connectionId: info.connectionId,
      vendor: 'telserver',
      number: info.deviceNumber,
      label: info.label,
      country: info.country,
      capabilities: TELSERVER_CAPABILITIES,
      dnd: false,
      forwards: [],
      messageWaiting: false,
    };
  }

  get deviceNumber(): string {
    return this.info.deviceNumber;
  }

  /** The line as last known (features included). */
  currentLine(): Line {
    return this.line;
  }

  /** A call of this line by id, as last reported. */
  findCall(callId: string): Call | undefined {
    return this.locate(callId)?.record.call;
  }

  /**
   * A TelServer call event for this device → domain events: the calls that
   * ended, then each call whose published fields changed. Only the event's
   * <call> is refreshed: another call's actions depend on this one only
   * through whether the line has a current call (dropCall acts on the
   * connected one), so the line's other calls are refreshed only when that
   * flips.
   */
  applyCallEvent(info: TsCallInfo): DomainEvent[] {
    const hadCurrentCall = this.currentCalls > 0;
    const ended = this.updateGroup(info);
    const events: DomainEvent[] = [];
    if (ended) for (const call of ended) events.push({ type: 'callEnded', callId: call.id, at: this.now() });
    if (this.currentCalls > 0 !== hadCurrentCall) this.refreshLine(events, info.id);
    else {
      const group = this.groups.get(info.id);
      if (group) this.refreshGroup(group, this.currentCalls > 0, events);
    }
    return events;
  }

  /** A feature event (forward, DND, message waiting, agent) → a line patch. */
  applyFeatureEvent(body: Exclude<TsEventBody, { type: 'call' } | { type: 'session' }>): DomainEvent[] {
    let patch: Partial<Line>;
    switch (body.type) {
      case 'doNotDisturb':
        patch = { dnd: body.state === 'on' };
        break;
      case 'msgWaiting':
        patch = { messageWaiting: body.state === 'on' };
        break;
      case 'forward':
        patch = { forwards: mergeForward(this.line.forwards, body.forward) };
        break;
      case 'agent':
        patch = { agent: this.withStatistics(toAgent(body.agent)) };
        break;
    }
    this.line = { ...this.line, ...patch };
    return [{ type: 'linePatched', lineId: this.lineId, patch }];
  }

  /** Whether the line is used by an agent (its statistics are worth reading). */
  get isAgent(): boolean {
    return this.line.agent !== undefined && this.line.agent.state !== 'null';
  }

  /** The PBX's statistics for the agent → a line patch; kept, so agent events and snapshots do not drop them. */
  applyStatistics(statistics: AgentStatistics): DomainEvent[] {
    this.statistics = statistics;
    if (!this.line.agent) return [];
    const patch: Partial<Line> = { agent: this.withStatistics(this.line.agent) };
    this.line = { ...this.line, ...patch };
    return [{ type: 'linePatched', lineId: this.lineId, patch }];
  }

  private withStatistics(agent: AgentInfo): AgentInfo {
    return this.statistics ? { ...agent, statistics: this.statistics } : agent;
  }

  /**
   * A full snapshot → the line (features) and the complete call list.
   * Groups absent from the snapshot have ended.
   */
  applySnapshot(snapshot: TsSnapshot): DomainEvent[] {
    const seen = new Set<string>();
    for (const info of snapshot.calls ?? []) {
      seen.add(info.id);
      this.updateGroup(info);
    }
    for (const id of [...this.groups.keys()]) if (!seen.has(id)) this.forgetGroup(id);
    // What changed is in the snapshot's call list below: no upsert of its own.
    this.refreshLine(undefined, undefined);

    const line: Line = { ...this.line };
    if (snapshot.doNotDisturb) line.dnd = snapshot.doNotDisturb === 'on';
    if (snapshot.msgWaiting) line.messageWaiting = snapshot.msgWaiting === 'on';
    if (snapshot.forwards) line.forwards = snapshot.forwards.filter((f) => f.state === 'on').map(toForward);
    if (snapshot.agent) line.agent = this.withStatistics(toAgent(snapshot.agent));
    else if (line.agent) {
      // A snapshot without <agent>: the line is no agent's now (logged off at the PBX while the link was down).
      delete line.agent;
      this.statistics = undefined;
    }
    this.line = line;
    const calls = [...this.groups.values()].flatMap((group) => group.legs.map((r) => r.call));
    return [
      { type: 'lineUpserted', line },
      { type: 'lineCallsReplaced', lineId: this.lineId, calls, at: this.now() },
    ];
  }

  /** Forgets every call (the session is gone; the next snapshot rebuilds). */
  reset(): void {
    this.groups.clear();
    this.currentCalls = 0;
  }

  /** A domain command → the TelServices request, or a message saying why not. */
  toRequest(command: Command): TsRequest | { refused: Message } {
    const deviceNumber = this.info.deviceNumber;
    if (isConnectionCommand(command)) return { refused: msg('command.noPhonebook') };
    if (!isCallCommand(command)) {
      switch (command.kind) {
        case 'dial':
          return { type: 'makeCall', deviceNumber, calledDeviceNumber: command.to };
        case 'setDnd':
          return { type: 'doNotDisturb', deviceNumber, state: command.enabled ? 'on' : 'off' };
        case 'setForward': {
          const number = command.to ?? this.line.forwards.find((f) => f.type === command.type)?.to;
          if (!number) return { refused: msg('telserver.forwardNotActive') };
          return { type: 'forward', deviceNumber, info: { number, type: command.type, state: command.enabled ? 'on' : 'off' } };
        }
        case 'setAgentState':
          return { type: 'agentState', deviceNumber, state: command.state };
        case 'pickup':
        case 'setCallerName':
          return { refused: msg('command.notSupported', { system: 'TelServer' }) };
      }
    }
    const located = this.locate(command.callId);
    if (!located) return { refused: msg('command.callEnded') };
    const { record, group } = located;
    const otherNumber = callName(record.number);
    const held = group.find((r) => r !== record && r.call.state === 'held');
    const active = group.find((r) => r.call.state !== 'held');
    const pair = () => {
      // TelServer's two-call services name the primary then the secondary party.
      const [prim, sec] = group;
      return { primOtherNumber: prim && callName(prim.number), secOtherNumber: sec && callName(sec.number) };
    };
    // A request that names no call acts on the one the PBX picks by default: refused when that may be another call.
    const unnamed = (picks: (call: Call) => boolean) =>
      otherNumber === undefined && this.hasOtherCall(record, picks)
        ? { refused: msg('command.notPossibleNow', { action: msg(`action.${command.kind}`) }) }
        : undefined;
    switch (command.kind) {
      case 'answer':
        // "If no calling number is given, the first alerting call is answered."
        return unnamed((call) => call.state === 'ringing') ?? { type: 'answerCall', deviceNumber, callingNumber: otherNumber };
      case 'hangup':
        // dropCall drops "the call currently connected" (a held call only when none is): the same kind as this one.
        return unnamed(record.call.state === 'held' ? isHeld : isCurrent) ?? { type: 'dropCall', deviceNumber, otherNumber };
      case 'hold':
        return unnamed(isTalking) ?? { type: 'holdCall', deviceNumber, otherNumber };
      case 'retrieve':
        return unnamed(isHeld) ?? { type: 'retrieveCall', deviceNumber, otherNumber };
      case 'transfer':
      case 'divert':
        // divertCall acts on an alerting or a connected call.
        return (
          unnamed((call) => isRinging(call) || isTalking(call)) ?? {
            type: 'divertCall',
            deviceNumber,
            otherNumber,
            divertedDeviceNumber: command.to,
          }
        );
      case 'consult':
        return (
          unnamed((call) => isTalking(call) || isHeld(call)) ?? {
            type: 'consultationCall',
            deviceNumber,
            otherNumber,
            consultedDeviceNumber: command.to,
          }
        );
      case 'addParty':
        return (
          unnamed((call) => isTalking(call) || isHeld(call)) ?? {
            type: 'addPartyToCall',
            deviceNumber,
            otherNumber,
            addedDeviceNumber: command.to,
          }
        );
      case 'completeTransfer':
        if (!held && !active) return { refused: msg('telserver.noSecondCall') };
        return { type: 'transferCall', deviceNumber, ...pair() };
      case 'conference':
        return { type: 'conferenceCall', deviceNumber, ...pair() };
      case 'alternate':
        return { type: 'alternateCall', deviceNumber, ...pair() };
      case 'reconnect':
        return { type: 'reconnectCall', deviceNumber, ...pair() };
      case 'park':
      case 'unpark':
        return { refused: msg('telserver.noCallPark') };
    }
  }

  /** Whether the line has a call besides `record`'s that `picks` (one a request naming no call could act on). */
  private hasOtherCall(record: LegRecord, picks: (call: Call) => boolean): boolean {
    for (const { legs } of this.groups.values()) for (const other of legs) if (other !== record && picks(other.call)) return true;
    return false;
  }

  private locate(callId: string): { record: LegRecord; group: LegRecord[] } | undefined {
    for (const { legs } of this.groups.values()) {
      const record = legs.find((r) => r.call.id === callId);
      if (record) return { record, group: legs };
    }
    return undefined;
  }

  /**
   * Takes a <call>'s report: matches its legs to the known ones and sets each leg's `reported` call (actions and
   * roles are refreshGroup's business); returns the calls that ended, if any. A leg matched keeps its record, and a
   * <call> whose legs are the same records keeps its group as it was: only the reported calls are new.
   * A <call> has at most two legs, so they are two variables, not arrays: this runs for every datagram, and the
   * arrays were most of what it allocated.
   */
  private updateGroup(info: TsCallInfo): Call[] | undefined {
    const group = this.groups.get(info.id);
    const previous = group?.legs ?? NO_LEGS;
    const currentBefore = countCurrent(previous);
    // The legs reported, in order: the primary call first when there is one.
    const first = info.primCall ?? info.secCall;
    const second = info.primCall && info.secCall;

    // Each leg's record: first by the other party's number, then by position for legs still unmatched.
    let taken = 0; // bit j: previous[j] is matched
    const firstIndex = first ? matchByNumber(previous, first.otherParty.number, taken) : -1;
    if (firstIndex >= 0) taken |= 1 << firstIndex;
    const secondIndex = second ? matchByNumber(previous, second.otherParty.number, taken) : -1;
    if (secondIndex >= 0) taken |= 1 << secondIndex;
    let firstBefore = firstIndex >= 0 ? previous[firstIndex] : undefined;
    let secondBefore = secondIndex >= 0 ? previous[secondIndex] : undefined;
    if (first && !firstBefore && previous.length > 0 && !(taken & 1)) {
      firstBefore = previous[0];
      taken |= 1;
    }
    if (second && !secondBefore && previous.length > 1 && !(taken & 2)) {
      secondBefore = previous[1];
      taken |= 2;
    }

    let ended: Call[] | undefined;
    for (let j = 0; j < previous.length; j++) if (!(taken & (1 << j))) (ended ??= []).push(previous[j].call);
    let firstLive: LegRecord | undefined;
    let secondLive: LegRecord | undefined;
    for (let i = 0; i < 2; i++) {
      const leg = i === 0 ? first : second;
      if (!leg) continue;
      const before = i === 0 ? firstBefore : secondBefore;
      if (leg.state === 'cleared') {
        if (before) (ended ??= []).push(before.call);
        continue;
      }
      // extraData "may be used to carry the 'called number' … for Delivered and Queued events".
      const calledNumber = leg.state === 'queued' || leg.state === 'delivered' ? info.extraData?.trim() : undefined;
      let record: LegRecord;
      if (before) {
        const reported = this.toCall(before.call.id, leg, before.call, calledNumber);
        before.reported = reported;
        // The same number as the leg's, as the call's own string (the kept party's when it is unchanged): the next event
        // compares against the one string it reads anyway.
        before.number = reported.remote.number;
        record = before;
      } else {
        const consultation = i === 1 && leg.isOutgoing && first?.state === 'hold';
        const reported = this.toCall(`${this.lineId}#${info.id}.${++this.serial}`, leg, undefined, calledNumber);
        record = { number: leg.otherParty.number, call: reported, reported, fresh: true, consultation };
      }
      if (firstLive) secondLive = record;
      else firstLive = record;
    }

    if (!firstLive) {
      this.forgetGroup(info.id, currentBefore);
      return ended;
    }
    this.currentCalls += currentOf(firstLive) + currentOf(secondLive) - currentBefore;
    const permitted = info.permittedServices && serviceSet(info.permittedServices);
    // The group keeps its array while it holds the same records in the same order.
    const same = previous.length === (secondLive ? 2 : 1) && previous[0] === firstLive && (!secondLive || previous[1] === secondLive);
    if (!group) this.groups.set(info.id, { legs: secondLive ? [firstLive, secondLive] : [firstLive], permitted });
    else {
      if (!same) group.legs = secondLive ? [firstLive, secondLive] : [firstLive];
      group.permitted = permitted;
    }
    return ended;
  }

  /** Forgets a <call>; `current` is how many of its calls were current (countCurrent before they changed). */
  private forgetGroup(id: string, current = countCurrent(this.groups.get(id)?.legs)): void {
    this.currentCalls -= current;
    this.groups.delete(id);
  }

  /**
   * refreshGroup for every <call> of the line that the flip of "the line has a current call" can change: the one
   * just reported (`reportedId`) and each with a held call, since that is all the flip changes (Hang up on a held
   * call). A call whose actions stay as they were is not republished.
   */
  private refreshLine(published: DomainEvent[] | undefined, reportedId: string | undefined): void {
    const lineHasCurrentCall = this.currentCalls > 0;
    // forEach, not for…of: the iterator's [id, group] entries were some 200 bytes a datagram at 1,000 calls (bench:ingest).
    this.groups.forEach((group, id) => {
      if (reportedId === undefined || id === reportedId || hasHeldLeg(group.legs)) this.refreshGroup(group, lineHasCurrentCall, published);
    });
  }

  /**
   * Sets the role and actions of a <call>'s legs from the <call> and whether
   * the line has a current call; a call whose published fields change
   * becomes a new Call object (the one published before belongs to the
   * core), and its callUpserted is added to `published` (when given). A
   * reported leg is compared field by field (sameCall); a leg not reported
   * by this event is the call already published, so only what this adds can
   * differ: its actions (one shared array per set of actions, so compared
   * by identity) and its role.
   */
  private refreshGroup(group: CallGroup, lineHasCurrentCall: boolean, published: DomainEvent[] | undefined): void {
    const { legs, permitted } = group;
    const pair = legs.length === 2;
    const consulted = pair && (legs[0].consultation || legs[1].consultation);
    for (let i = 0; i < legs.length; i++) {
      const record = legs[i];
      const other = pair ? latest(legs[1 - i]) : undefined;
      const actions = actionsFor(latest(record), other, permitted, lineHasCurrentCall);
      const role = consulted && other ? (record.consultation ? 'consultation' : 'consulted-from') : undefined;
      const relatedCallId = role && other?.id;
      const { reported } = record;
      let next: Call;
      if (reported) {
        record.reported = undefined;
        reported.actions = actions;
        if (role) {
          reported.role = role;
          reported.relatedCallId = relatedCallId;
        }
        if (!record.fresh && sameCall(record.call, reported)) continue;
        next = reported;
      } else {
        const { call } = record;
        if (call.actions === actions && call.role === role && call.relatedCallId === relatedCallId) continue;
        next = withActions(call, actions, role, relatedCallId);
      }
      record.call = next;
      record.fresh = false;
      published?.push({ type: 'callUpserted', call: next });
    }
  }

  /**
   * partyOf for the first called party, which most of a line's calls share (the number the company is called on):
   * a new call takes the party the line's last new one took when it says the same, so a thousand calls compare
   * against one party kept in cache instead of a thousand (bench:ingest at 1,000 calls).
   */
  private sharedFirstCalled(party: TsParty, kept: Party | undefined): Party {
    if (kept !== undefined && reportsParty(party, kept)) return kept;
    const shared = this.lastFirstCalled;
    if (shared !== undefined && reportsParty(party, shared)) return shared;
    return (this.lastFirstCalled = toParty(party));
  }

  private toCall(id: string, leg: TsCallLeg, before: Call | undefined, calledNumber?: string): Call {
    const now = this.now();
    let state: CallState = STATE_MAP[leg.state as Exclude<TsCallLeg['state'], 'cleared'>];
    if (leg.state === 'delivered' && !leg.isOutgoing) state = 'ringing';
    if (leg.state === 'connected' && leg.cause === 'heldByOtherParty') state = 'held-by-peer';

    const talking = state === 'connected' || state === 'held' || state === 'held-by-peer';
    let connectedAt = before?.connectedAt;
    const transferredToUs = leg.cause === 'transfer' && before !== undefined && before.remote.number !== leg.otherParty.number;
    if (talking && (connectedAt === undefined || transferredToUs)) {
      // Duration counts seconds since connected; after a transfer it restarts.
      connectedAt = now - leg.duration * 1000;
    }

    const call: Call = {
      id,
      lineId: this.lineId,
      connectionId: this.info.connectionId,
      direction: leg.isOutgoing ? 'outgoing' : 'incoming',
      state,
      remote: partyOf(leg.otherParty, before?.remote),
      conference: leg.isConference,
      startedAt: before?.startedAt ?? Math.min(now, connectedAt ?? now),
      actions: [],
    };
    if (connectedAt !== undefined) call.connectedAt = connectedAt;
    if (leg.addedParties?.length) call.conferenceParties = partiesOf(leg.addedParties, before?.conferenceParties);
    if (leg.firstCalledParty?.number && leg.firstCalledParty.number !== this.info.deviceNumber) {
      call.firstCalled = this.sharedFirstCalled(leg.firstCalledParty, before?.firstCalled);
    } else if (calledNumber && !leg.isOutgoing && calledNumber !== this.info.deviceNumber) {
      call.firstCalled = partyOf({ number: calledNumber }, before?.firstCalled);
    } else if (before?.firstCalled && !leg.firstCalledParty) {
      // The called number came with the Queued event only; the call keeps it when it rings.
      call.firstCalled = before.firstCalled;
    }
    if (leg.lastRedirectionParty?.number) call.redirectedBy = partyOf(leg.lastRedirectionParty, before?.redirectedBy);
    if (leg.cause) call.cause = CAUSE_MAP[leg.cause];
    return call;
  }
}

const NO_LEGS: readonly LegRecord[] = [];

function countCurrent(legs: readonly LegRecord[] | undefined): number {
  let count = 0;
  for (const record of legs ?? NO_LEGS) if (isCurrent(latest(record))) count++;
  return count;
}

/** 1 when the record's call is current (isCurrent), else 0 (also for no record). */
const currentOf = (record: LegRecord | undefined): number => (record !== undefined && isCurrent(latest(record)) ? 1 : 0);

/** The first leg of `previous` not in `taken` (bits) whose other party has `number`, or -1; an empty number matches none. */
function matchByNumber(previous: readonly LegRecord[], number: string, taken: number): number {
  if (!number) return -1;
  for (let j = 0; j < previous.length; j++) if (!(taken & (1 << j)) && previous[j].number === number) return j;
  return -1;
}

function hasHeldLeg(legs: readonly LegRecord[]): boolean {
  for (const record of legs) if (latest(record).state === 'held') return true;
  return false;
}

/** The published call with new actions and role: a new object, since the one published belongs to the core. */
function withActions(call: Call, actions: CallAction[], role: Call['role'], relatedCallId: string | undefined): Call {
  if (role) return { ...call, actions, role, relatedCallId };
  if (call.role === undefined && call.relatedCallId === undefined) return { ...call, actions };
  const { role: _role, relatedCallId: _related, ...rest } = call;
  return { ...rest, actions };
}

/** A set of TelServer services as bits (TS_SERVICES order): kept per <call> without keeping the event's array. */
type ServiceSet = number;

const SERVICE_BIT = Object.fromEntries(TS_SERVICES.map((service, i) => [service, 1 << i])) as Record<TsService, number>;

const allows = (set: ServiceSet, service: TsService): boolean => (set & SERVICE_BIT[service]) !== 0;

function serviceSet(services: readonly TsService[]): ServiceSet {
  let set = 0;
  for (const service of services) set |= SERVICE_BIT[service];
  return set;
}

const sameParty = (a: Party | undefined, b: Party | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.number === b.number &&
    a.name === b.name &&
    a.company === b.company &&
    a.numberType === b.numberType);

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

const sameQueue = (a: Call['queue'], b: Call['queue']): boolean =>
  a === b ||
  (a !== undefined && b !== undefined && a.id === b.id && a.name === b.name && a.position === b.position && a.operators === b.operators);

function sameActions(a: readonly CallAction[], b: readonly CallAction[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The fields sameCall compares. */
type ComparedField =
  | 'id'
  | 'lineId'
  | 'connectionId'
  | 'direction'
  | 'state'
  | 'remote'
  | 'conferenceParties'
  | 'conference'
  | 'firstCalled'
  | 'redirectedBy'
  | 'queue'
  | 'cause'
  | 'role'
  | 'relatedCallId'
  | 'startedAt'
  | 'connectedAt'
  | 'actions';
/** Call while sameCall compares every field of Call; `never` (so no call of sameCall compiles) once Call has one more. */
type ComparedCall = [Exclude<keyof Call, ComparedField>] extends [never] ? Call : never;

/**
 * Whether two calls publish the same fields (a field left out and one set to
 * undefined are the same). Field by field, not by serialising: it runs for
 * every datagram.
 */
export function sameCall(a: ComparedCall, b: Call): boolean {
  return (
    a.id === b.id &&
    a.state === b.state &&
    sameActions(a.actions, b.actions) &&
    a.lineId === b.lineId &&
    a.connectionId === b.connectionId &&
    a.direction === b.direction &&
    sameParty(a.remote, b.remote) &&
    sameList(a.conferenceParties, b.conferenceParties, sameParty) &&
    a.conference === b.conference &&
    sameParty(a.firstCalled, b.firstCalled) &&
    sameParty(a.redirectedBy, b.redirectedBy) &&
    sameQueue(a.queue, b.queue) &&
    a.cause === b.cause &&
    a.role === b.role &&
    a.relatedCallId === b.relatedCallId &&
    a.startedAt === b.startedAt &&
    a.connectedAt === b.connectedAt
  );
}

const isRinging = (call: Call) => call.state === 'ringing' || call.state === 'queued';
const isHeld = (call: Call) => call.state === 'held';
const isTalking = (call: Call) => call.state === 'connected' || call.state === 'held-by-peer';

/** The call dropCall acts on ("the call currently connected"): talking, dialing or failed — not held, not ringing. */
export const isCurrent = (call: Call) => call.state !== 'held' && !isRinging(call);

/**
 * TelServer's permittedServices are per <call> (its primary and secondary
 * call) and name no call; this hands each service only to the call it acts
 * on. A service that names its call (answerCall, divertCall, holdCall,
 * retrieveCall…) goes to the call in the right state; dropCall drops the
 * connected call, so Hang up is never offered on a ringing call, nor on a
 * held one while another call is current (`lineHasCurrentCall`); the
 * two-call services belong to a held and an active call. Without a
 * permittedServices list (not every server sends one) the same table is
 * applied to the call states alone.
 */
export function actionsFor(
  call: Call,
  other: Call | undefined,
  permitted: ServiceSet | undefined,
  lineHasCurrentCall = isCurrent(call),
): CallAction[] {
  const set = permitted ?? serviceSet(inferredPermitted(call, other));
  // Each action is added at most once, in ACTION_ORDER: as a bit, so the set names one shared array.
  let actions = 0;
  const held = call.state === 'held';
  const ringing = isRinging(call);
  const talking = call.state === 'connected' || call.state === 'held-by-peer';
  // A call waiting beside this one leaves it a single call as far as its own services go.
  const alone = !other || isRinging(other);
  const heldPair = other !== undefined && (held ? isCurrent(other) : isCurrent(call) && other.state === 'held');

  // A call queued here is answered once the PBX rings it, not before.
  if (call.state === 'ringing' && allows(set, 'answerCall')) actions |= ACTION_BIT.answer;
  if (allows(set, 'dropCall') && (isCurrent(call) || (held && !lineHasCurrentCall))) actions |= ACTION_BIT.hangup;
  if (talking && allows(set, 'holdCall')) actions |= ACTION_BIT.hold;
  if (held && allows(set, 'retrieveCall')) actions |= ACTION_BIT.retrieve;
  if (talking && alone && allows(set, 'consultationCall')) actions |= ACTION_BIT.consult;
  if (ringing && allows(set, 'divertCall')) actions |= ACTION_BIT.divert;
  if (talking && alone && allows(set, 'divertCall')) actions |= ACTION_BIT.transfer;
  if (heldPair) {
    if (!held && allows(set, 'transferCall')) actions |= ACTION_BIT.completeTransfer;
    if (!held && allows(set, 'conferenceCall')) actions |= ACTION_BIT.conference;
    if (allows(set, 'alternateCall')) actions |= ACTION_BIT.alternate;
    if (!held && allows(set, 'reconnectCall')) actions |= ACTION_BIT.reconnect;
  }
  // addPartyToCall is not among permittedServices; the document allows it on a connected or held call.
  if ((talking || held) && alone) actions |= ACTION_BIT.addParty;
  return actionList(actions);
}

/** The order actionsFor lists actions in. */
const ACTION_ORDER = [
  'answer',
  'hangup',
  'hold',
  'retrieve',
  'consult',
  'divert',
  'transfer',
  'completeTransfer',
  'conference',
  'alternate',
  'reconnect',
  'addParty',
] as const satisfies readonly CallAction[];

const ACTION_BIT = Object.fromEntries(ACTION_ORDER.map((action, i) => [action, 1 << i])) as Record<(typeof ACTION_ORDER)[number], number>;

/**
 * One frozen array per set of actions, made the first time the set occurs: a call republished with the actions it
 * had carries the very same array (compared by identity), and no event allocates one.
 */
const actionLists: (CallAction[] | undefined)[] = [];

function actionList(bits: number): CallAction[] {
  let list = actionLists[bits];
  if (list === undefined) {
    list = Object.freeze(ACTION_ORDER.filter((_, i) => bits & (1 << i))) as CallAction[];
    actionLists[bits] = list;
  }
  return list;
}

/** The document's examples as a table, for servers that omit permittedServices. */
function inferredPermitted(call: Call, other: Call | undefined): TsService[] {
  if (other && (isRinging(call) || isRinging(other))) {
    const rest = [call, other].find((c) => !isRinging(c));
    // As TelServer does while a call waits: the other call's services but consultation.
    return ['answerCall', 'divertCall', ...(rest ? inferredAlone(rest).filter((s) => s !== 'consultationCall') : [])];
  }
  if (other) {
    const active = call.state === 'held' ? other : call;
    if (active.state === 'held') return ['retrieveCall', 'dropCall'];
    if (active.state === 'connected') return ['dropCall', 'holdCall', 'reconnectCall', 'alternateCall', 'transferCall', 'conferenceCall'];
    if (active.state === 'ringback') return ['dropCall', 'reconnectCall', 'transferCall'];
    return ['dropCall', 'reconnectCall'];
  }
  return inferredAlone(call);
}

function inferredAlone(call: Call): TsService[] {
  switch (call.state) {
    case 'ringing':
      return ['answerCall', 'divertCall'];
    case 'queued':
      return [];
    case 'connected':
    case 'held-by-peer':
      return ['holdCall', 'dropCall', 'divertCall', 'consultationCall'];
    case 'held':
      return ['retrieveCall', 'dropCall'];
    case 'dialing':
    case 'ringback':
    case 'failed':
    case 'parked':
      return ['dropCall'];
  }
}

/**
 * The number that names a call in a request (otherNumber, callingNumber, prim/secOtherNumber), or undefined when it
 * names none. TelServer reports a withheld caller as '*****-<call reference>', unique per call: that is the party's
 * number as TelServer knows it, so it names the call (dropping it let the PBX pick its default call instead).
 * An empty number (still dialing) or a bare withheld mark names nothing.
 */
function callName(number: string): string | undefined {
  if (!number) return undefined;
  return !isWithheld(number) || WITHHELD_WITH_REFERENCE.test(number) ? number : undefined;
}

/** TelServer's placeholder for a withheld number: '*****-' and the call reference. */
const WITHHELD_WITH_REFERENCE = /^\*+-\S+$/;

/**
 * The reported party as the model's: the one already held (`kept`) when it says the same, so an unchanged party
 * stays one object however many events repeat it (fewer objects outliving the event, and sameCall finds it by identity).
 */
function partyOf(party: TsParty, kept: Party | undefined): Party {
  return kept !== undefined && reportsParty(party, kept) ? kept : toParty(party);
}

function partiesOf(parties: readonly TsParty[], kept: Party[] | undefined): Party[] {
  if (kept?.length === parties.length && parties.every((party, i) => reportsParty(party, kept[i]))) return kept;
  return parties.map(toParty);
}

/** Whether toParty(party) would equal `kept` (toParty leaves out what is empty). */
function reportsParty(party: TsParty, kept: Party): boolean {
  return (
    kept.number === party.number &&
    kept.name === (party.name || undefined) &&
    kept.company === (party.company || undefined) &&
    kept.numberType === (party.numberType || undefined)
  );
}

export function toParty(party: TsParty): Party {
  const out: Party = { number: party.number };
  if (party.name) out.name = party.name;
  if (party.company) out.company = party.company;
  if (party.numberType) out.numberType = party.numberType;
  return out;
}

export function toDirectoryEntry(party: TsParty, source: string, connectionId: string): DirectoryEntry {
  return { ...toParty(party), source, connectionId };
}

function toForward(info: TsForwardInfo): Forward {
  return { type: info.type, to: info.number };
}

function mergeForward(current: Forward[], info: TsForwardInfo): Forward[] {
  const others = current.filter((f) => f.type !== info.type);
  return info.state === 'on' ? [...others, toForward(info)] : others;
}

function toAgent(agent: TsAgentInfo): AgentInfo {
  const out: AgentInfo = {
    state: agent.state,
    permittedStates: agent.permittedStates ?? [],
    inboundServices: agent.inboundServices ?? [],
  };
  if (agent.userID) out.userId = agent.userID;
  if (agent.timeout !== undefined) out.timeoutSeconds = agent.timeout;
  return out;
}
