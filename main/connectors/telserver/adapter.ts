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
import type {
  TsAgentInfo,
  TsCallInfo,
  TsCallLeg,
  TsCause,
  TsEventBody,
  TsForwardInfo,
  TsParty,
  TsRequest,
  TsService,
  TsSnapshot,
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
  /** The call as the last event reported it, without actions or role: what refreshGroup adds them to. */
  reported: Call;
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
  private readonly groups = new Map<string, LegRecord[]>();
  /** Each <call>'s permittedServices as last reported (undefined: the server sent none). */
  private readonly permitted = new Map<string, TsService[] | undefined>();
  /** How many of the line's calls are current (isCurrent): kept as groups change, so no event looks at every call. */
  private currentCalls = 0;
  private serial = 0;
  private line: Line;
  /** The PBX's last statistics for the agent (TelServer queryUserStatistics). */
  private statistics: AgentStatistics | undefined;

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
    for (const legs of this.groups.values()) {
      const record = legs.find((l) => l.call.id === callId);
      if (record) return record.call;
    }
    return undefined;
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
    for (const call of ended) events.push({ type: 'callEnded', callId: call.id, at: this.now() });
    const changed: Call[] = [];
    if (this.currentCalls > 0 !== hadCurrentCall) this.refreshLine(changed);
    else {
      const legs = this.groups.get(info.id);
      if (legs) this.refreshGroup(info.id, legs, this.currentCalls > 0, changed);
    }
    for (const call of changed) events.push({ type: 'callUpserted', call });
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
    this.refreshLine([]);

    const line: Line = { ...this.line };
    if (snapshot.doNotDisturb) line.dnd = snapshot.doNotDisturb === 'on';
    if (snapshot.msgWaiting) line.messageWaiting = snapshot.msgWaiting === 'on';
    if (snapshot.forwards) line.forwards = snapshot.forwards.filter((f) => f.state === 'on').map(toForward);
    if (snapshot.agent) line.agent = this.withStatistics(toAgent(snapshot.agent));
    this.line = line;
    const calls = [...this.groups.values()].flat().map((r) => r.call);
    return [
      { type: 'lineUpserted', line },
      { type: 'lineCallsReplaced', lineId: this.lineId, calls, at: this.now() },
    ];
  }

  /** Forgets every call (the session is gone; the next snapshot rebuilds). */
  reset(): void {
    this.groups.clear();
    this.permitted.clear();
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
    const otherNumber = knownNumber(record.number);
    const held = group.find((r) => r !== record && r.call.state === 'held');
    const active = group.find((r) => r.call.state !== 'held');
    const pair = () => {
      // TelServer's two-call services name the primary then the secondary party.
      const [prim, sec] = group;
      return { primOtherNumber: prim && knownNumber(prim.number), secOtherNumber: sec && knownNumber(sec.number) };
    };
    switch (command.kind) {
      case 'answer':
        return { type: 'answerCall', deviceNumber, callingNumber: otherNumber };
      case 'hangup':
        return { type: 'dropCall', deviceNumber, otherNumber };
      case 'hold':
        return { type: 'holdCall', deviceNumber, otherNumber };
      case 'retrieve':
        return { type: 'retrieveCall', deviceNumber, otherNumber };
      case 'transfer':
      case 'divert':
        return { type: 'divertCall', deviceNumber, otherNumber, divertedDeviceNumber: command.to };
      case 'consult':
        return { type: 'consultationCall', deviceNumber, otherNumber, consultedDeviceNumber: command.to };
      case 'addParty':
        return { type: 'addPartyToCall', deviceNumber, otherNumber, addedDeviceNumber: command.to };
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

  private locate(callId: string): { record: LegRecord; group: LegRecord[] } | undefined {
    for (const group of this.groups.values()) {
      const record = group.find((r) => r.call.id === callId);
      if (record) return { record, group };
    }
    return undefined;
  }

  /**
   * Replaces a <call>'s legs (actions and roles are refreshGroup's business); returns the calls that ended.
   * Loops rather than array callbacks: this runs for every datagram.
   */
  private updateGroup(info: TsCallInfo): Call[] {
    const previous = this.groups.get(info.id) ?? NO_LEGS;
    const incoming: TsCallLeg[] = [];
    if (info.primCall) incoming.push(info.primCall);
    if (info.secCall) incoming.push(info.secCall);
    const matched: (LegRecord | undefined)[] = [undefined, undefined];
    const taken = [false, false, false];

    // First by the other party's number, then by position for legs still unmatched.
    for (let i = 0; i < incoming.length; i++) {
      const number = incoming[i].otherParty.number;
      if (!number) continue;
      for (let j = 0; j < previous.length; j++) {
        if (taken[j] || previous[j].number !== number) continue;
        matched[i] = previous[j];
        taken[j] = true;
        break;
      }
    }
    for (let i = 0; i < incoming.length; i++) {
      if (matched[i] || i >= previous.length || taken[i]) continue;
      matched[i] = previous[i];
      taken[i] = true;
    }

    const ended: Call[] = [];
    for (let j = 0; j < previous.length; j++) if (!taken[j]) ended.push(previous[j].call);
    const live: LegRecord[] = [];
    for (let i = 0; i < incoming.length; i++) {
      const leg = incoming[i];
      const before = matched[i];
      if (leg.state === 'cleared') {
        if (before) ended.push(before.call);
        continue;
      }
      const id = before?.call.id ?? `${this.lineId}#${info.id}.${++this.serial}`;
      const consultation = before?.consultation ?? (i === 1 && leg.isOutgoing && incoming[0]?.state === 'hold');
      // extraData "may be used to carry the 'called number' … for Delivered and Queued events".
      const calledNumber = leg.state === 'queued' || leg.state === 'delivered' ? info.extraData?.trim() : undefined;
      const reported = this.toCall(id, leg, before?.call, calledNumber);
      live.push({ number: leg.otherParty.number, call: before?.call ?? reported, reported, fresh: before === undefined, consultation });
    }

    if (live.length) {
      this.storeGroup(info.id, live);
      this.permitted.set(info.id, info.permittedServices);
    } else {
      this.forgetGroup(info.id);
    }
    return ended;
  }

  private storeGroup(id: string, legs: LegRecord[]): void {
    this.currentCalls -= countCurrent(this.groups.get(id));
    this.groups.set(id, legs);
    this.currentCalls += countCurrent(legs);
  }

  private forgetGroup(id: string): void {
    this.currentCalls -= countCurrent(this.groups.get(id));
    this.groups.delete(id);
    this.permitted.delete(id);
  }

  /** refreshGroup for every <call> of the line. */
  private refreshLine(changed: Call[]): void {
    const lineHasCurrentCall = this.currentCalls > 0;
    for (const [id, legs] of this.groups) this.refreshGroup(id, legs, lineHasCurrentCall, changed);
  }

  /**
   * Sets the role and actions of a <call>'s legs from the <call> and whether
   * the line has a current call; a call whose published fields change
   * becomes a new Call object (the one published before belongs to the
   * core) and is added to `changed`. Compared field by field
   * (sameCall), not by serialising: this runs for every datagram.
   */
  private refreshGroup(id: string, legs: LegRecord[], lineHasCurrentCall: boolean, changed: Call[]): void {
    const permitted = this.permitted.get(id);
    const pair = legs.length === 2;
    const consulted = pair && (legs[0].consultation || legs[1].consultation);
    for (let i = 0; i < legs.length; i++) {
      const record = legs[i];
      const other = pair ? legs[1 - i] : undefined;
      const call = record.reported;
      const next: Call = { ...call, actions: actionsFor(call, other?.reported, permitted, lineHasCurrentCall) };
      if (consulted && other) {
        next.role = record.consultation ? 'consultation' : 'consulted-from';
        next.relatedCallId = other.reported.id;
      }
      if (!record.fresh && sameCall(record.call, next)) continue;
      record.call = next;
      record.fresh = false;
      changed.push(next);
    }
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
      remote: toParty(leg.otherParty),
      conference: leg.isConference,
      startedAt: before?.startedAt ?? Math.min(now, connectedAt ?? now),
      actions: [],
    };
    if (connectedAt !== undefined) call.connectedAt = connectedAt;
    if (leg.addedParties?.length) call.conferenceParties = leg.addedParties.map(toParty);
    if (leg.firstCalledParty?.number && leg.firstCalledParty.number !== this.info.deviceNumber) {
      call.firstCalled = toParty(leg.firstCalledParty);
    } else if (calledNumber && !leg.isOutgoing && calledNumber !== this.info.deviceNumber) {
      call.firstCalled = { number: calledNumber };
    } else if (before?.firstCalled && !leg.firstCalledParty) {
      // The called number came with the Queued event only; the call keeps it when it rings.
      call.firstCalled = before.firstCalled;
    }
    if (leg.lastRedirectionParty?.number) call.redirectedBy = toParty(leg.lastRedirectionParty);
    if (leg.cause) call.cause = CAUSE_MAP[leg.cause];
    return call;
  }
}

const NO_LEGS: readonly LegRecord[] = [];

function countCurrent(legs: readonly LegRecord[] | undefined): number {
  let count = 0;
  for (const record of legs ?? []) if (isCurrent(record.reported)) count++;
  return count;
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
  permitted: TsService[] | undefined,
  lineHasCurrentCall = isCurrent(call),
): CallAction[] {
  const allowed = permitted ?? inferredPermitted(call, other);
  // Each action is added at most once, in this order.
  const actions: CallAction[] = [];
  const held = call.state === 'held';
  const ringing = isRinging(call);
  const talking = call.state === 'connected' || call.state === 'held-by-peer';
  // A call waiting beside this one leaves it a single call as far as its own services go.
  const alone = !other || isRinging(other);
  const heldPair = other !== undefined && (held ? isCurrent(other) : isCurrent(call) && other.state === 'held');

  // A call queued here is answered once the PBX rings it, not before.
  if (call.state === 'ringing' && allowed.includes('answerCall')) actions.push('answer');
  if (allowed.includes('dropCall') && (isCurrent(call) || (held && !lineHasCurrentCall))) actions.push('hangup');
  if (talking && allowed.includes('holdCall')) actions.push('hold');
  if (held && allowed.includes('retrieveCall')) actions.push('retrieve');
  if (talking && alone && allowed.includes('consultationCall')) actions.push('consult');
  if (ringing && allowed.includes('divertCall')) actions.push('divert');
  if (talking && alone && allowed.includes('divertCall')) actions.push('transfer');
  if (heldPair) {
    if (!held && allowed.includes('transferCall')) actions.push('completeTransfer');
    if (!held && allowed.includes('conferenceCall')) actions.push('conference');
    if (allowed.includes('alternateCall')) actions.push('alternate');
    if (!held && allowed.includes('reconnectCall')) actions.push('reconnect');
  }
  // addPartyToCall is not among permittedServices; the document allows it on a connected or held call.
  if ((talking || held) && alone) actions.push('addParty');
  return actions;
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

function knownNumber(number: string): string | undefined {
  return number && !isWithheld(number) ? number : undefined;
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
