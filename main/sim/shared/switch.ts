/**
 * The demo PBX's switch: extensions, calls between them and simulated
 * outside parties, and the call-control operations every vendor front end
 * maps its requests onto. Pure in-memory and synchronous; the only time it
 * reads is the injected Clock (timestamps, and the no-answer forward timer).
 *
 * Model
 * - A call joins legs: one per participant. A participant is an internal
 *   device or an external number (a simulated person outside the PBX). Two
 *   legs make an ordinary call, three or more a conference.
 * - A device sees only its own legs. They form groups: a primary leg plus the
 *   consultation leg placed while the primary was held. An unrelated second
 *   call (call waiting, a second makeCall) is a group of its own. The first
 *   leg of a group in creation order is its primary; when it ends, the
 *   consultation becomes the primary.
 * - A device talks on at most one leg: answering, dialing or retrieving puts
 *   the leg it was talking on on hold first, as a desk phone does.
 * - Cleared legs are removed (and written to the device's history); the
 *   change notification says which legs ended and why.
 *
 * Call queues: a caller to a queue waits in order (a leg in state 'queued'
 *   at the queue's agent device, the receptionist's, with its position);
 *   when the agent is free the longest-waiting caller is handed over (the
 *   same leg starts ringing there), or the caller hangs up (abandoned).
 *   Positions are recomputed as the queue drains. The queue's other members
 *   only count as active operators: the demo simulates their calls no further.
 *
 * Change notification: every visible step (initiated, originated, delivered
 * ... are separate steps) calls the listeners synchronously with the devices
 * whose view changed, so a front end can read `deviceView` and push exactly
 * those events. Listeners may read the switch but must not operate on it
 * (schedule that instead); an operation called from a listener throws.
 */
import type { AgentState, Forward, ForwardType } from '../../../app/model';
import type { Clock } from '../../../app/clock';
import { DEFAULT_MAX_CALLS, Directory, type PartyView } from './directory';

export type LegState = 'initiated' | 'originated' | 'delivered' | 'queued' | 'alerting' | 'connected' | 'hold' | 'failed';

export type LegCause =
  | 'busy'
  | 'conference'
  | 'destNotObtainable'
  | 'droppedByOtherParty'
  | 'heldByOtherParty'
  | 'redirect'
  | 'retrievedByOtherParty'
  | 'transfer';

/** Why a leg ended: 'normal' when its own device (or person) hung up. */
export type EndCause = 'normal' | LegCause;

/** Maps onto vendor errors: noCall → "no call in the expected state", reject → refused request, unknownDevice → no such extension. */
export type SwitchErrorCode = 'noCall' | 'reject' | 'unknownDevice';

export class SwitchError extends Error {
  constructor(
    readonly code: SwitchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SwitchError';
  }
}

export interface LegView {
  /** Stable for the leg's lifetime, unique in the switch. */
  ref: string;
  state: LegState;
  /** Who we talk to; number '' while dialing. In a conference: the first member. */
  other: PartyView;
  /** All other members when `isConference`, else empty. */
  conferenceMembers: PartyView[];
  isConference: boolean;
  isOutgoing: boolean;
  /** The original destination when the call was forwarded or diverted. */
  firstCalled?: PartyView;
  /** Who diverted or transferred the call to us / who redirected our call. */
  lastRedirection?: PartyView;
  cause?: LegCause;
  createdAt: number;
  connectedAt?: number;
  /** The other party has put this call on hold. */
  heldByPeer: boolean;
  /** Parked on the PBX (state 'hold'; only front ends with park show it). */
  parked?: boolean;
  /** The queue the call waits in (state 'queued', with its position) or came through (handed over: no position). */
  queue?: LegQueueView;
}

/** A queue as a leg that waits in it, or came through it, sees it. */
export interface LegQueueView {
  id: string;
  name: string;
  /** The number the caller dialled (the queue's hunt group). */
  number: string;
  /** 1 = next to be handed over; only while waiting. */
  position?: number;
  /** Members not in DND and not logged off, the agent among them. */
  operators: number;
}

/** A call queue of the switch. */
export interface QueueDefinition {
  /** The PBX's id of the queue (PortaSIP's i_c_queue: digits). */
  id: string;
  name: string;
  /** The number callers dial to reach it (its hunt group); not an extension. */
  number: string;
  /** The device the queue hands its callers to, one at a time, and where they wait: the receptionist's. */
  agent: string;
  /** Further devices counted as operators (the agent always is one). */
  members?: string[];
}

export interface QueueWaitingView {
  /** The caller's leg (hang it up with hangUpRemote: the caller abandons). */
  callerRef: string;
  /** The waiting leg at the agent. */
  ref: string;
  number: string;
  withheld: boolean;
  position: number;
  since: number;
}

export interface QueueView {
  id: string;
  name: string;
  number: string;
  agent: string;
  operators: number;
  /** Longest waiting first. */
  waiting: QueueWaitingView[];
}

export interface QueueCallResult {
  /** queued: waits (position given); ringing: handed over to the agent at once. */
  outcome: 'queued' | 'ringing';
  callerRef: string;
  /** The leg at the agent, waiting or ringing. */
  ref: string;
  position?: number;
}

export interface GroupView {
  id: string;
  primary: LegView;
  /** The consultation placed from the primary. */
  consultation?: LegView;
}

export interface DeviceView {
  number: string;
  name: string;
  company?: string;
  groups: GroupView[];
  forwards: Forward[];
  dnd: boolean;
  messageWaiting: boolean;
  /** 'null' when the device is not used by an agent. */
  agentState: AgentState;
}

export interface HistoryRecord {
  ref: string;
  startedAt: number;
  endedAt: number;
  other: PartyView;
  isOutgoing: boolean;
  /** Time the call rang here before it was answered or ended (incoming calls). */
  alertingMs: number;
  connectedMs: number;
  wasConnected: boolean;
  endCause: EndCause;
}

export interface EndedLeg {
  ref: string;
  group: string;
  endCause: EndCause;
  /** The leg as it looked just before it ended. */
  last: LegView;
}

export type SwitchChange =
  | { kind: 'calls'; device: string; ended: EndedLeg[] }
  | { kind: 'forward'; device: string; forward: Forward; on: boolean }
  | { kind: 'dnd'; device: string; on: boolean }
  | { kind: 'messageWaiting'; device: string; on: boolean }
  | { kind: 'agent'; device: string; state: AgentState };

export type SwitchListener = (changes: SwitchChange[]) => void;

export interface ExternalLegView {
  ref: string;
  number: string;
  withheld: boolean;
  state: LegState;
  isOutgoing: boolean;
  connectedAt?: number;
  /** Numbers of the parties this person is in a call with. */
  peers: string[];
}

export interface IncomingCallResult {
  outcome: 'ringing' | 'busy' | 'destNotObtainable';
  /** The caller's leg (hang it up with hangUpRemote). */
  callerRef?: string;
  /** The leg that rings (at the destination, or where a forward sent the call). */
  ringingRef?: string;
  ringingAt?: string;
}

export interface SwitchOptions {
  clock: Clock;
  directory?: Directory;
  /** Ringing time before a no-answer forward applies. Default 15 s. */
  noAnswerMs?: number;
  /** Which non-extension numbers reach an outside party. Default: '+' and 4+ digits, or 6+ digits. */
  isDialableExternal?: (number: string) => boolean;
  /** Where a listener's exception goes (it never breaks the operation). */
  onListenerError?: (error: unknown) => void;
}

const AGENT_REQUESTABLE: readonly AgentState[] = ['loggedOff', 'loggedOn', 'notReady', 'ready', 'workingAfterCall'];
const MAX_FORWARD_HOPS = 5;
const HISTORY_LIMIT = 500;

interface Call {
  legs: Leg[];
}

interface Leg {
  ref: string;
  call: Call;
  /** Device or external number; '' for a withheld external caller. */
  owner: string;
  internal: boolean;
  state: LegState;
  isOutgoing: boolean;
  /** The number dialed, shown while no other leg exists (dialing, failed). */
  dialed: string;
  firstCalled?: string;
  lastRedirection?: string;
  cause?: LegCause;
  createdAt: number;
  alertingAt?: number;
  answeredAt?: number;
  connectedAt?: number;
  everConnected: boolean;
  /** Device legs only. */
  group: string;
  /** Set while an added party (addParty) rings: the leg that invited it. */
  invitedBy?: Leg;
  /** Parked on the PBX (state 'hold' meanwhile). */
  parked?: boolean;
  noAnswerTimer?: unknown;
  /** The queue the call came through (device legs at a queue's agent). */
  queue?: Queue;
  /** When it joined the queue: the order of waiting. */
  queuedAt?: number;
}

interface Queue extends Required<QueueDefinition> {
  /** Waiting legs at the agent, in order (longest waiting first). */
  waiting: Leg[];
}

interface Device {
  number: string;
  legs: Leg[];
  forwards: Map<ForwardType, string>;
  dnd: boolean;
  messageWaiting: boolean;
  agentState: AgentState;
  history: HistoryRecord[];
}

type Route =
  | { ok: true; number: string; internal: boolean; redirectedBy?: string; firstCalled?: string }
  | { ok: false; cause: 'busy' | 'destNotObtainable' };

type Caller = { number: string; internal: boolean };

const DIALING: readonly LegState[] = ['initiated', 'originated', 'delivered', 'queued', 'failed'];
/** Legs that keep an agent from taking a queue's next caller: talking, holding, dialing. */
const OCCUPIED: readonly LegState[] = ['initiated', 'originated', 'delivered', 'connected', 'hold', 'failed'];

/** A caller waiting in a queue: an incoming leg that is not ringing yet. */
const isWaiting = (leg: Leg) => leg.state === 'queued' && !leg.isOutgoing;

export class Switch {
  readonly directory: Directory;
  private readonly clock: Clock;
  private readonly noAnswerMs: number;
  private readonly isDialableExternal: (number: string) => boolean;
  private readonly onListenerError: (error: unknown) => void;
  private readonly devices = new Map<string, Device>();
  private readonly calls = new Set<Call>();
  private readonly listeners = new Set<SwitchListener>();
  private readonly queueList = new Map<string, Queue>();
  private readonly touched = new Map<string, EndedLeg[]>();
  private delivering = false;
  private nextRef = 1;
  private nextGroup = 1;

  constructor(options: SwitchOptions) {
    this.clock = options.clock;
    this.directory = options.directory ?? new Directory();
    this.noAnswerMs = options.noAnswerMs ?? 15_000;
    this.isDialableExternal = options.isDialableExternal ?? ((n) => /^\+\d{4,}$/.test(n) || /^\d{6,}$/.test(n));
    this.onListenerError = options.onListenerError ?? ((error) => console.error('switch listener failed', error));
    for (const ext of this.directory.allExtensions()) this.ensureDevice(ext.number);
  }

  // ---------------------------------------------------------------- reading

  onChange(listener: SwitchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hasDevice(number: string): boolean {
    return this.directory.isExtension(number);
  }

  deviceNumbers(): string[] {
    return this.directory.allExtensions().map((e) => e.number);
  }

  deviceView(number: string): DeviceView {
    const dev = this.device(number);
    const ext = this.directory.extension(number)!;
    const groups: GroupView[] = [];
    for (const id of groupIds(dev)) {
      const [primary, consultation] = dev.legs.filter((l) => l.group === id);
      const group: GroupView = { id, primary: this.legView(primary) };
      if (consultation) group.consultation = this.legView(consultation);
      groups.push(group);
    }
    const view: DeviceView = {
      number,
      name: ext.name,
      groups,
      forwards: [...dev.forwards].map(([type, to]) => ({ type, to })),
      dnd: dev.dnd,
      messageWaiting: dev.messageWaiting,
      agentState: dev.agentState,
    };
    if (ext.company) view.company = ext.company;
    return view;
  }

  /** Finished calls of a device, oldest first. */
  history(number: string): HistoryRecord[] {
    return [...this.device(number).history];
  }

  /** Every leg of a simulated outside party, for the demo's people. */
  externalLegs(): ExternalLegView[] {
    const out: ExternalLegView[] = [];
    for (const call of this.calls) {
      for (const leg of call.legs) {
        if (leg.internal) continue;
        const view: ExternalLegView = {
          ref: leg.ref,
          number: leg.owner,
          withheld: leg.owner === '',
          state: leg.state,
          isOutgoing: leg.isOutgoing,
          peers: this.peersOf(leg).map((p) => p.owner),
        };
        if (leg.connectedAt !== undefined) view.connectedAt = leg.connectedAt;
        out.push(view);
      }
    }
    return out;
  }

  /** Whether a device can take one more call now (not DND, below its capacity). */
  isFree(number: string): boolean {
    return !this.isBusy(this.device(number));
  }

  // -------------------------------------------------------------- call control

  /** Dials from a device. Returns the new leg's ref. Its outcome (delivered / failed) shows in the view. */
  makeCall(device: string, to: string): string {
    this.guard();
    const dev = this.device(device);
    if (!to) throw new SwitchError('reject', 'No number to dial');
    // No flush: the hold shows in the same event as the new call's 'initiated'.
    this.holdTalkingLeg(dev);
    return this.dial(dev, to, this.newGroup());
  }

  /** A call from outside the PBX to one of its numbers, honouring DND (busy) and forwards. */
  incomingExternalCall(from: { number: string }, to: string): IncomingCallResult {
    this.guard();
    const caller: Caller = { number: from.number, internal: false };
    const route = this.route(caller, to);
    if (!route.ok) return { outcome: route.cause };
    const call = this.newCall();
    const callerLeg = this.newLeg(call, from.number, false, 'delivered', true, '');
    callerLeg.dialed = to;
    const ringing = this.ringAt(call, route, to);
    if (route.redirectedBy) {
      callerLeg.lastRedirection = route.redirectedBy;
      callerLeg.cause = 'redirect';
    }
    this.flush();
    return { outcome: 'ringing', callerRef: callerLeg.ref, ringingRef: ringing.ref, ringingAt: ringing.owner };
  }

  /** The device answers a ringing call (the given one, else the longest ringing). */
  answer(device: string, ref?: string): void {
    this.guard();
    const dev = this.device(device);
    const leg = ref ? this.ownLeg(dev, ref) : dev.legs.find((l) => l.state === 'alerting');
    if (!leg || leg.state !== 'alerting') throw new SwitchError('noCall', `No ringing call at ${device}`);
    this.holdTalkingLeg(dev, leg);
    this.connect(leg);
    this.flush();
  }

  /**
   * The device releases a call: the given one, else the one it talks on, else
   * one being dialed, else a ringing one (rejecting it), else a held one.
   */
  drop(device: string, ref?: string): void {
    this.guard();
    const dev = this.device(device);
    const leg = ref ? this.ownLeg(dev, ref) : this.currentLeg(dev);
    if (!leg) throw new SwitchError('noCall', `No call to drop at ${device}`);
    this.release(leg, 'normal');
    this.flush();
  }

  hold(device: string, ref?: string): void {
    this.guard();
    const dev = this.device(device);
    const leg = ref ? this.ownLeg(dev, ref) : dev.legs.find((l) => l.state === 'connected');
    if (!leg || leg.state !== 'connected') throw new SwitchError('noCall', `No connected call to hold at ${device}`);
    this.holdLeg(leg);
    this.flush();
  }

  retrieve(device: string, ref?: string): void {
    this.guard();
    const dev = this.device(device);
    const leg = ref ? this.ownLeg(dev, ref) : dev.legs.find((l) => l.state === 'hold');
    if (!leg || leg.state !== 'hold') throw new SwitchError('noCall', `No held call to retrieve at ${device}`);
    this.holdTalkingLeg(dev, leg);
    this.retrieveLeg(leg);
    this.flush();
  }

  /** Holds the call we talk on (or the given held one) and dials a consultation in its group. Returns the new leg's ref. */
  consult(device: string, to: string, ref?: string): string {
    this.guard();
    const dev = this.device(device);
    if (!to) throw new SwitchError('reject', 'No number to consult');
    const base = ref
      ? this.ownLeg(dev, ref)
      : (dev.legs.find((l) => l.state === 'connected') ?? dev.legs.find((l) => l.state === 'hold' && groupSize(dev, l.group) === 1));
    if (!base || (base.state !== 'connected' && base.state !== 'hold'))
      throw new SwitchError('noCall', `No call to consult from at ${device}`);
    if (groupSize(dev, base.group) > 1) throw new SwitchError('noCall', `The call at ${device} already has a consultation`);
    // No flush: the document's first consultation event already shows the primary held.
    this.holdTalkingLeg(dev);
    return this.dial(dev, to, base.group);
  }

  /** Connects the held party with the consulted party (connected or still ringing) and leaves. */
  transfer(device: string): void {
    this.guard();
    const dev = this.device(device);
    const [held, active] = this.heldPair(dev, ['connected', 'delivered']);
    const byNumber = dev.number;
    const heldCall = held.call;
    const activeCall = active.call;
    this.removeLeg(held, 'transfer');
    this.removeLeg(active, 'transfer');
    this.cancelInvitesOf(held);
    this.cancelInvitesOf(active);
    const merged = this.newCall();
    const moved = [...heldCall.legs, ...activeCall.legs];
    this.calls.delete(heldCall);
    this.calls.delete(activeCall);
    const consultedRings = active.state === 'delivered';
    for (const leg of moved) {
      leg.call = merged;
      merged.legs.push(leg);
      leg.lastRedirection = byNumber;
      leg.cause = 'transfer';
      // The held party now hears the consulted party ringing.
      if (consultedRings && heldCall.legs.includes(leg) && leg.state === 'connected') leg.state = 'delivered';
      this.touch(leg);
    }
    this.flush();
    // The document: the transfer event carries the duration with us; then it restarts.
    const now = this.clock.now();
    for (const leg of merged.legs) if (leg.state === 'connected') leg.connectedAt = now;
  }

  /**
   * Joins the held call and the active call: everyone talks together. The
   * device keeps one leg for the conference: `keepRef` (one of the two), else
   * the group's primary.
   */
  conference(device: string, keepRef?: string): void {
    this.guard();
    const dev = this.device(device);
    const [held, active] = this.heldPair(dev, ['connected']);
    if (keepRef !== undefined && keepRef !== held.ref && keepRef !== active.ref)
      throw new SwitchError('noCall', `Call ${keepRef} is not one of the two calls to join at ${device}`);
    const primary = dev.legs.indexOf(held) < dev.legs.indexOf(active) ? held : active;
    const keep = keepRef === undefined ? primary : keepRef === held.ref ? held : active;
    const absorbed = keep === held ? active : held;
    const fromCall = absorbed.call;
    this.removeLeg(absorbed, 'conference');
    this.cancelInvitesOf(absorbed);
    this.calls.delete(fromCall);
    for (const leg of fromCall.legs) {
      leg.call = keep.call;
      keep.call.legs.push(leg);
    }
    keep.state = 'connected';
    for (const leg of keep.call.legs) {
      leg.cause = 'conference';
      this.touch(leg);
    }
    this.flush();
  }

  /** Swaps the held and the active call. */
  alternate(device: string): void {
    this.guard();
    const dev = this.device(device);
    const [held, active] = this.heldPair(dev, ['connected']);
    this.holdLeg(active);
    this.retrieveLeg(held);
    this.flush();
  }

  /** Drops the active (or still dialing) call and retrieves the held one. */
  reconnect(device: string): void {
    this.guard();
    const dev = this.device(device);
    const [held, other] = this.heldPair(dev, ['connected', ...DIALING]);
    this.release(other, 'normal');
    this.flush();
    if (held.state === 'hold') {
      this.retrieveLeg(held);
      this.flush();
    }
  }

  /**
   * Moves a call elsewhere: a ringing call is redirected (the caller now rings
   * at `to`); a connected call is transferred blind. A destination that cannot
   * ring refuses the request and leaves the call where it was.
   */
  divert(device: string, to: string, ref?: string): void {
    this.guard();
    const dev = this.device(device);
    const leg = ref
      ? this.ownLeg(dev, ref)
      : (dev.legs.find((l) => l.state === 'alerting') ?? dev.legs.find((l) => l.state === 'connected'));
    if (!leg || (leg.state !== 'alerting' && leg.state !== 'connected'))
      throw new SwitchError('noCall', `No ringing or connected call to divert at ${device}`);
    if (to === device || !to) throw new SwitchError('reject', `Cannot divert to ${to || 'nothing'}`);
    const peers = this.peersOf(leg);
    const caller: Caller = peers[0] ? { number: peers[0].owner, internal: peers[0].internal } : { number: device, internal: true };
    const route = this.route(caller, to);
    if (!route.ok) throw new SwitchError('reject', `${to} cannot take the call (${route.cause})`);
    if (route.number === device) throw new SwitchError('reject', `${to} forwards back to ${device}`);
    if (leg.state === 'alerting') this.redirectRinging(leg, route, device);
    else this.blindTransfer(leg, route, device);
    this.flush();
  }

  /** Rings `number` into the call; once it answers, the call is a conference. */
  addParty(device: string, number: string, ref?: string): void {
    this.guard();
    const dev = this.device(device);
    const leg = ref ? this.ownLeg(dev, ref) : (dev.legs.find((l) => l.state === 'connected') ?? dev.legs.find((l) => l.state === 'hold'));
    if (!leg || (leg.state !== 'connected' && leg.state !== 'hold'))
      throw new SwitchError('noCall', `No connected or held call at ${device}`);
    if (this.peersOf(leg).some((p) => p.owner === number) || number === device)
      throw new SwitchError('reject', `${number} is already in the call`);
    const route = this.route({ number: device, internal: true }, number);
    if (!route.ok) throw new SwitchError('reject', `${number} cannot be added (${route.cause})`);
    const added = this.ringAt(leg.call, route, number);
    added.invitedBy = leg;
    this.flush();
  }

  /**
   * Parks a connected or held call on the PBX: the caller waits (held) until
   * someone unparks it; the leg stays with the device, marked parked.
   */
  park(device: string, ref: string): void {
    this.guard();
    const leg = this.ownLeg(this.device(device), ref);
    if (leg.parked) throw new SwitchError('noCall', `Call ${ref} is already parked`);
    if (leg.state !== 'connected' && leg.state !== 'hold')
      throw new SwitchError('noCall', `No connected or held call ${ref} to park at ${device}`);
    if (leg.state === 'connected') this.holdLeg(leg);
    leg.parked = true;
    this.touch(leg);
    this.flush();
  }

  /** Takes a parked call back: the device talks on it again. */
  unpark(device: string, ref: string): void {
    this.guard();
    const dev = this.device(device);
    const leg = this.ownLeg(dev, ref);
    if (!leg.parked) throw new SwitchError('noCall', `Call ${ref} is not parked`);
    leg.parked = false;
    this.holdTalkingLeg(dev, leg);
    this.retrieveLeg(leg);
    this.flush();
  }

  /**
   * `device` picks up the call ringing at `ringingAt` (the longest ringing,
   * or the given leg): it is connected at `device` at once. Returns the new leg's ref.
   */
  pickup(device: string, ringingAt: string, ref?: string): string {
    this.guard();
    const dev = this.device(device);
    const from = this.device(ringingAt);
    const leg = ref ? this.ownLeg(from, ref) : from.legs.find((l) => l.state === 'alerting');
    if (!leg || leg.state !== 'alerting') throw new SwitchError('noCall', `No call rings at ${ringingAt}`);
    if (ringingAt === device) throw new SwitchError('reject', 'A phone cannot pick up its own call');
    const call = leg.call;
    this.removeLeg(leg, 'redirect');
    const picked = this.ringAt(call, { ok: true, number: device, internal: true }, device);
    picked.lastRedirection = ringingAt;
    this.holdTalkingLeg(dev, picked);
    this.connect(picked);
    this.flush();
    return picked.ref;
  }

  // ------------------------------------------------------------------ queues

  /** Adds a call queue (or replaces the one with that id, which must have no callers waiting). */
  defineQueue(definition: QueueDefinition): void {
    this.guard();
    if (!/^\d{1,18}$/.test(definition.id)) throw new SwitchError('reject', `Queue id ${definition.id} is not a number`);
    this.device(definition.agent);
    for (const member of definition.members ?? []) this.device(member);
    if (this.directory.isExtension(definition.number)) throw new SwitchError('reject', `Queue number ${definition.number} is an extension`);
    if (this.queueList.get(definition.id)?.waiting.length) throw new SwitchError('reject', `Queue ${definition.id} has callers waiting`);
    const members = [...new Set([definition.agent, ...(definition.members ?? [])])];
    this.queueList.set(definition.id, { ...definition, members, waiting: [] });
  }

  /** Every queue with its waiting callers, longest waiting first. */
  queues(): QueueView[] {
    return [...this.queueList.values()].map((queue) => ({
      id: queue.id,
      name: queue.name,
      number: queue.number,
      agent: queue.agent,
      operators: this.operatorsOf(queue),
      waiting: queue.waiting.map((leg, i) => {
        const caller = this.peersOf(leg)[0];
        return {
          callerRef: caller?.ref ?? '',
          ref: leg.ref,
          number: caller?.owner ?? '',
          withheld: caller?.owner === '',
          position: i + 1,
          since: leg.queuedAt ?? leg.createdAt,
        };
      }),
    }));
  }

  /**
   * An outside caller ('' withheld) dials a queue: they wait at the end of it
   * and, when the queue's agent is free, are handed over (ring there) at once.
   */
  queueCall(from: { number: string }, queueId: string): QueueCallResult {
    this.guard();
    const queue = this.queueList.get(queueId);
    if (!queue) throw new SwitchError('reject', `No queue ${queueId}`);
    if (from.number && this.allLegs().some((l) => !l.internal && l.owner === from.number))
      throw new SwitchError('reject', `${from.number} is in a call already`);
    const call = this.newCall();
    const callerLeg = this.newLeg(call, from.number, false, 'delivered', true, '');
    callerLeg.dialed = queue.number;
    const waiting = this.newLeg(call, queue.agent, true, 'queued', false, this.newGroup());
    waiting.dialed = queue.number;
    waiting.firstCalled = queue.number;
    waiting.queue = queue;
    waiting.queuedAt = waiting.createdAt;
    queue.waiting.push(waiting);
    this.flush();
    const result: QueueCallResult = { outcome: 'queued', callerRef: callerLeg.ref, ref: waiting.ref };
    const position = queue.waiting.indexOf(waiting);
    if (position < 0) result.outcome = 'ringing';
    else result.position = position + 1;
    return result;
  }

  /**
   * The queue's agent takes its longest-waiting caller out of the queue and
   * talks to them at once (innovaphone: UserPickup on the waiting-queue
   * object); a call in progress there is held, as with any pickup.
   */
  takeFromQueue(device: string, queueId: string): string {
    this.guard();
    const queue = this.queueList.get(queueId);
    if (!queue) throw new SwitchError('reject', `No queue ${queueId}`);
    if (queue.agent !== device) throw new SwitchError('reject', `${device} does not take callers of queue ${queueId}`);
    const leg = queue.waiting.shift();
    if (!leg) throw new SwitchError('noCall', `No one waits in queue ${queueId}`);
    leg.state = 'alerting';
    leg.alertingAt = this.clock.now();
    this.holdTalkingLeg(this.device(device), leg);
    this.connect(leg);
    this.flush();
    return leg.ref;
  }

  /** Whether the queue's agent can take its next caller: not in DND, not talking, holding or dialing, no queue call ringing there. */
  private agentIsFree(queue: Queue): boolean {
    const dev = this.device(queue.agent);
    const max = this.directory.extension(dev.number)?.maxCalls ?? DEFAULT_MAX_CALLS;
    const taken = dev.legs.filter((l) => !isWaiting(l));
    return (
      !dev.dnd && taken.length < max && !taken.some((l) => OCCUPIED.includes(l.state) || (l.state === 'alerting' && l.queue !== undefined))
    );
  }

  private operatorsOf(queue: Queue): number {
    return queue.members.filter((m) => {
      const dev = this.device(m);
      return !dev.dnd && dev.agentState !== 'loggedOff';
    }).length;
  }

  /**
   * Hands queued callers to free agents, the longest waiting first across
   * all of an agent's queues. Returns whether any was.
   */
  private serveQueues(): boolean {
    const heads = [...this.queueList.values()]
      .map((queue) => ({ queue, leg: queue.waiting[0] }))
      .filter((h): h is { queue: Queue; leg: Leg } => h.leg !== undefined)
      .sort((a, b) => (a.leg.queuedAt ?? 0) - (b.leg.queuedAt ?? 0));
    let served = false;
    for (const { queue, leg } of heads) {
      if (!this.agentIsFree(queue)) continue;
      queue.waiting.shift();
      leg.state = 'alerting';
      leg.alertingAt = this.clock.now();
      // The callers behind it moved up one place (same device).
      this.touch(leg);
      served = true;
    }
    return served;
  }

  /** A member's availability changed: the queues it serves report another operator count. */
  private queueOperatorsChanged(device: string): void {
    for (const queue of this.queueList.values()) if (queue.members.includes(device) && queue.waiting.length) this.touchDevice(queue.agent);
    this.flush();
  }

  // ------------------------------------------------------- the simulated people

  /** Someone picks up a ringing phone: a device or an outside number (or a leg ref). */
  answerAt(target: string): void {
    this.guard();
    if (this.hasDevice(target)) return this.answer(target);
    const leg = this.findLeg(target) ?? this.allLegs().find((l) => !l.internal && l.owner === target && l.state === 'alerting');
    if (!leg || leg.state !== 'alerting') throw new SwitchError('noCall', `Nothing rings at ${target}`);
    if (leg.internal) return this.answer(leg.owner, leg.ref);
    this.connect(leg);
    this.flush();
  }

  /**
   * Someone hangs up: a leg ref, a device (its current call, like putting the
   * handset down) or an outside number (all its calls).
   */
  hangUpRemote(target: string): void {
    this.guard();
    const byRef = this.findLeg(target);
    if (byRef) {
      this.release(byRef, 'normal');
    } else if (this.hasDevice(target)) {
      const leg = this.currentLeg(this.device(target));
      if (!leg) throw new SwitchError('noCall', `No call at ${target}`);
      this.release(leg, 'normal');
    } else {
      const legs = this.allLegs().filter((l) => !l.internal && l.owner === target);
      if (legs.length === 0) throw new SwitchError('noCall', `${target} is in no call`);
      for (const leg of legs) if (leg.call.legs.includes(leg)) this.release(leg, 'normal');
    }
    this.flush();
  }

  // ------------------------------------------------------------------ features

  setForward(device: string, type: ForwardType, to: string, on: boolean): void {
    this.guard();
    const dev = this.device(device);
    if (on) {
      if (!to || to === device) throw new SwitchError('reject', `Cannot forward ${device} to ${to || 'nothing'}`);
      dev.forwards.set(type, to);
      this.emit([{ kind: 'forward', device, forward: { type, to }, on: true }]);
    } else {
      const previous = dev.forwards.get(type);
      if (previous === undefined) return;
      dev.forwards.delete(type);
      this.emit([{ kind: 'forward', device, forward: { type, to: previous }, on: false }]);
    }
  }

  setDnd(device: string, on: boolean): void {
    this.guard();
    const dev = this.device(device);
    if (dev.dnd === on) return;
    dev.dnd = on;
    this.emit([{ kind: 'dnd', device, on }]);
    this.queueOperatorsChanged(device);
  }

  setMessageWaiting(device: string, on: boolean): void {
    this.guard();
    const dev = this.device(device);
    if (dev.messageWaiting === on) return;
    dev.messageWaiting = on;
    this.emit([{ kind: 'messageWaiting', device, on }]);
  }

  /** Agent states a user may ask for ('busy' is the switch's to set, 'null' means no agent). */
  setAgentState(device: string, state: AgentState): void {
    this.guard();
    const dev = this.device(device);
    if (!AGENT_REQUESTABLE.includes(state)) throw new SwitchError('reject', `Agent state ${state} cannot be requested`);
    if (dev.agentState === state) return;
    dev.agentState = state;
    this.emit([{ kind: 'agent', device, state }]);
    this.queueOperatorsChanged(device);
  }

  // ------------------------------------------------------------------ internals

  private guard(): void {
    if (this.delivering) throw new SwitchError('reject', 'Switch operations cannot run inside a change listener');
  }

  private ensureDevice(number: string): Device {
    let dev = this.devices.get(number);
    if (!dev) {
      dev = { number, legs: [], forwards: new Map(), dnd: false, messageWaiting: false, agentState: 'null', history: [] };
      this.devices.set(number, dev);
    }
    return dev;
  }

  private device(number: string): Device {
    if (!this.directory.isExtension(number)) throw new SwitchError('unknownDevice', `No extension ${number}`);
    // Extensions added to the directory after construction get a device lazily.
    return this.ensureDevice(number);
  }

  private ownLeg(dev: Device, ref: string): Leg {
    const leg = dev.legs.find((l) => l.ref === ref);
    if (!leg) throw new SwitchError('noCall', `No call ${ref} at ${dev.number}`);
    return leg;
  }

  private allLegs(): Leg[] {
    return [...this.calls].flatMap((c) => c.legs);
  }

  private findLeg(ref: string): Leg | undefined {
    return this.allLegs().find((l) => l.ref === ref);
  }

  private currentLeg(dev: Device): Leg | undefined {
    return (
      dev.legs.find((l) => l.state === 'connected') ??
      dev.legs.find((l) => DIALING.includes(l.state) && !isWaiting(l)) ??
      dev.legs.find((l) => l.state === 'alerting') ??
      dev.legs.find((l) => l.state === 'hold')
    );
  }

  private isBusy(dev: Device): boolean {
    const max = this.directory.extension(dev.number)?.maxCalls ?? DEFAULT_MAX_CALLS;
    // A caller waiting in a queue does not take a line of the phone.
    return dev.dnd || dev.legs.filter((l) => !isWaiting(l)).length >= max;
  }

  private newCall(): Call {
    const call: Call = { legs: [] };
    this.calls.add(call);
    return call;
  }

  private newGroup(): string {
    return String(this.nextGroup++);
  }

  private newLeg(call: Call, owner: string, internal: boolean, state: LegState, isOutgoing: boolean, group: string): Leg {
    const leg: Leg = {
      ref: String(this.nextRef++),
      call,
      owner,
      internal,
      state,
      isOutgoing,
      dialed: '',
      createdAt: this.clock.now(),
      everConnected: false,
      group,
    };
    if (state === 'alerting') leg.alertingAt = leg.createdAt;
    call.legs.push(leg);
    if (internal) this.device(owner).legs.push(leg);
    this.touch(leg);
    return leg;
  }

  /** initiated → originated → delivered (the destination rings) or failed. */
  private dial(dev: Device, to: string, group: string): string {
    const call = this.newCall();
    const leg = this.newLeg(call, dev.number, true, 'initiated', true, group);
    this.flush();
    leg.state = 'originated';
    leg.dialed = to;
    this.touch(leg);
    this.flush();
    const route = this.route({ number: dev.number, internal: true }, to);
    if (!route.ok) {
      leg.state = 'failed';
      leg.cause = route.cause;
      this.touch(leg);
      this.flush();
      return leg.ref;
    }
    this.ringAt(call, route, to);
    leg.state = 'delivered';
    if (route.redirectedBy) {
      leg.lastRedirection = route.redirectedBy;
      leg.cause = 'redirect';
    }
    this.touch(leg);
    this.flush();
    return leg.ref;
  }

  /**
   * Where a call to `to` rings: follows immediate forwards, then busy
   * forwards when the device is busy (DND counts as busy).
   */
  private route(caller: Caller, to: string, hops = 0, redirectedBy?: string, firstCalled?: string): Route {
    const reached = (number: string, internal: boolean): Route => {
      const r: Route = { ok: true, number, internal };
      if (redirectedBy) {
        r.redirectedBy = redirectedBy;
        r.firstCalled = firstCalled;
      }
      return r;
    };
    if (this.directory.isExtension(to)) {
      const dev = this.device(to);
      const scope = caller.internal ? 'Int' : 'Ext';
      const forwardTo = (kind: 'imm' | 'busy' | 'noAnswer'): string | undefined => {
        const generic = kind === 'imm' ? 'immediate' : kind;
        return dev.forwards.get(generic) ?? dev.forwards.get(`${kind}${scope}` as ForwardType);
      };
      const follow = (target: string | undefined): Route | undefined =>
        target && hops < MAX_FORWARD_HOPS && target !== caller.number
          ? this.route(caller, target, hops + 1, to, firstCalled ?? to)
          : undefined;
      const immediate = follow(forwardTo('imm'));
      if (immediate) return immediate;
      if (to === caller.number || this.isBusy(dev)) return follow(forwardTo('busy')) ?? { ok: false, cause: 'busy' };
      return reached(to, true);
    }
    const known = this.directory.allContacts().some((c) => c.number === to);
    if (!known && !this.isDialableExternal(to)) return { ok: false, cause: 'destNotObtainable' };
    // A simulated person has one line: already in a call means busy.
    if (this.allLegs().some((l) => !l.internal && l.owner === to)) return { ok: false, cause: 'busy' };
    return reached(to, false);
  }

  /** Creates the ringing leg at the routed destination. */
  private ringAt(call: Call, route: Extract<Route, { ok: true }>, dialed: string): Leg {
    const leg = this.newLeg(call, route.number, route.internal, 'alerting', false, route.internal ? this.newGroup() : '');
    leg.dialed = dialed;
    if (route.redirectedBy) {
      leg.lastRedirection = route.redirectedBy;
      leg.firstCalled = route.firstCalled;
    }
    if (route.internal) this.armNoAnswerForward(leg);
    return leg;
  }

  private armNoAnswerForward(leg: Leg): void {
    const dev = this.device(leg.owner);
    const caller = this.peersOf(leg)[0];
    const scope = caller && caller.internal ? 'Int' : 'Ext';
    const to = dev.forwards.get('noAnswer') ?? dev.forwards.get(`noAnswer${scope}` as ForwardType);
    if (!to) return;
    leg.noAnswerTimer = this.clock.setTimeout(() => {
      leg.noAnswerTimer = undefined;
      if (this.delivering || leg.state !== 'alerting' || !leg.call.legs.includes(leg)) return;
      const peer = this.peersOf(leg)[0];
      const route = this.route(peer ? { number: peer.owner, internal: peer.internal } : { number: '', internal: false }, to);
      if (!route.ok || route.number === leg.owner) return;
      this.redirectRinging(leg, route, leg.owner);
      this.flush();
    }, this.noAnswerMs);
  }

  private redirectRinging(leg: Leg, route: Extract<Route, { ok: true }>, byNumber: string): void {
    const call = leg.call;
    const firstCalled = leg.firstCalled ?? leg.owner;
    this.removeLeg(leg, 'redirect');
    const ringing = this.ringAt(call, route, route.number);
    ringing.firstCalled = firstCalled;
    ringing.lastRedirection = route.redirectedBy ?? byNumber;
    for (const peer of this.peersOf(ringing)) {
      peer.lastRedirection = ringing.lastRedirection;
      peer.cause = 'redirect';
      this.touch(peer);
    }
  }

  private blindTransfer(leg: Leg, route: Extract<Route, { ok: true }>, byNumber: string): void {
    const call = leg.call;
    this.removeLeg(leg, 'transfer');
    this.cancelInvitesOf(leg);
    const ringing = this.ringAt(call, route, route.number);
    ringing.lastRedirection = byNumber;
    ringing.cause = 'transfer';
    for (const peer of this.peersOf(ringing)) {
      if (peer.state === 'connected') peer.state = 'delivered';
      peer.lastRedirection = byNumber;
      peer.cause = 'transfer';
      this.touch(peer);
    }
  }

  private connect(leg: Leg): void {
    this.clearNoAnswer(leg);
    const now = this.clock.now();
    leg.state = 'connected';
    leg.connectedAt = now;
    leg.answeredAt = now;
    leg.everConnected = true;
    leg.cause = undefined;
    this.touch(leg);
    if (leg.invitedBy) {
      leg.invitedBy = undefined;
      for (const member of leg.call.legs) {
        member.cause = 'conference';
        this.touch(member);
      }
      return;
    }
    for (const peer of leg.call.legs) {
      if (peer === leg || peer.state !== 'delivered') continue;
      peer.state = 'connected';
      peer.connectedAt = now;
      peer.everConnected = true;
      this.touch(peer);
    }
  }

  private holdLeg(leg: Leg): void {
    leg.state = 'hold';
    leg.cause = undefined;
    this.touch(leg);
    for (const peer of this.peersOf(leg)) {
      peer.cause = 'heldByOtherParty';
      this.touch(peer);
    }
  }

  private retrieveLeg(leg: Leg): void {
    leg.parked = false;
    leg.state = 'connected';
    leg.cause = undefined;
    this.touch(leg);
    for (const peer of this.peersOf(leg)) {
      peer.cause = 'retrievedByOtherParty';
      this.touch(peer);
    }
  }

  /** A device talks on one leg at a time. */
  private holdTalkingLeg(dev: Device, except?: Leg): void {
    for (const leg of dev.legs) if (leg !== except && leg.state === 'connected') this.holdLeg(leg);
  }

  /**
   * The pair transfer / conference / alternate / reconnect act on: a held leg
   * and a leg in one of `otherStates`. Preferably a group's primary and its
   * consultation; otherwise the device's only held call and its only other
   * call (a held call and an answered waiting call).
   */
  private heldPair(dev: Device, otherStates: readonly LegState[]): [Leg, Leg] {
    for (const id of groupIds(dev)) {
      const legs = dev.legs.filter((l) => l.group === id);
      if (legs.length !== 2) continue;
      const held = legs.find((l) => l.state === 'hold');
      const other = legs.find((l) => l !== held);
      if (held && other && otherStates.includes(other.state)) return [held, other];
    }
    const held = dev.legs.filter((l) => l.state === 'hold');
    const others = dev.legs.filter((l) => l.state !== 'hold' && l.state !== 'alerting' && !isWaiting(l));
    if (held.length === 1 && others.length === 1 && otherStates.includes(others[0].state)) return [held[0], others[0]];
    throw new SwitchError('noCall', `No held call with a ${otherStates.join('/')} call at ${dev.number}`);
  }

  /** A leg leaves its call; a two-party call ends for the other side too, a conference shrinks. */
  private release(leg: Leg, endCause: EndCause): void {
    const call = leg.call;
    // How the others looked while the leaver was still there: a leg the hang-up ends remembers whom it talked to.
    const before = new Map(call.legs.filter((l) => l !== leg && l.internal).map((l) => [l, this.legView(l)]));
    this.removeLeg(leg, endCause);
    this.cancelInvitesOf(leg);
    const members = call.legs.filter((l) => !l.invitedBy);
    if (members.length <= 1) {
      for (const rest of [...call.legs]) this.removeLeg(rest, 'droppedByOtherParty', before.get(rest));
      this.calls.delete(call);
      return;
    }
    for (const rest of members) {
      rest.cause = 'droppedByOtherParty';
      this.touch(rest);
    }
  }

  private cancelInvitesOf(leg: Leg): void {
    for (const invited of [...leg.call.legs]) if (invited.invitedBy === leg) this.removeLeg(invited, 'droppedByOtherParty');
  }

  private removeLeg(leg: Leg, endCause: EndCause, lastView?: LegView): void {
    const last = leg.internal ? (lastView ?? this.legView(leg)) : undefined;
    this.clearNoAnswer(leg);
    const queue = leg.queue;
    if (queue && queue.waiting.includes(leg)) {
      queue.waiting.splice(queue.waiting.indexOf(leg), 1);
      // The callers behind it moved up one place.
      this.touchDevice(queue.agent);
    }
    const call = leg.call;
    call.legs.splice(call.legs.indexOf(leg), 1);
    if (call.legs.length === 0) this.calls.delete(call);
    if (!leg.internal || !last) return;
    const dev = this.device(leg.owner);
    dev.legs.splice(dev.legs.indexOf(leg), 1);
    const now = this.clock.now();
    dev.history.push({
      ref: leg.ref,
      startedAt: leg.createdAt,
      endedAt: now,
      other: last.other.number ? last.other : this.directory.party(leg.dialed),
      isOutgoing: leg.isOutgoing,
      alertingMs: leg.alertingAt === undefined ? 0 : (leg.answeredAt ?? now) - leg.alertingAt,
      connectedMs: leg.connectedAt === undefined ? 0 : now - leg.connectedAt,
      wasConnected: leg.everConnected,
      endCause,
    });
    if (dev.history.length > HISTORY_LIMIT) dev.history.shift();
    this.touched.set(dev.number, [...(this.touched.get(dev.number) ?? []), { ref: leg.ref, group: leg.group, endCause, last }]);
  }

  private clearNoAnswer(leg: Leg): void {
    if (leg.noAnswerTimer !== undefined) this.clock.clearTimeout(leg.noAnswerTimer);
    leg.noAnswerTimer = undefined;
  }

  /** The legs a leg talks to; a party still ringing to be added sees only who invited it. */
  private peersOf(leg: Leg): Leg[] {
    if (leg.invitedBy) return [leg.invitedBy];
    return leg.call.legs.filter((l) => l !== leg && !l.invitedBy);
  }

  private partyOf(leg: Leg): PartyView {
    if (leg.owner === '') return { number: '', internal: false, withheld: true };
    return this.directory.party(leg.owner);
  }

  private legView(leg: Leg): LegView {
    const peers = this.peersOf(leg);
    const isConference = peers.length >= 2;
    const view: LegView = {
      ref: leg.ref,
      state: leg.state,
      other: peers[0] ? this.partyOf(peers[0]) : leg.dialed ? this.directory.party(leg.dialed) : { number: '', internal: false },
      conferenceMembers: isConference ? peers.map((p) => this.partyOf(p)) : [],
      isConference,
      isOutgoing: leg.isOutgoing,
      createdAt: leg.createdAt,
      heldByPeer: peers.length > 0 && peers.every((p) => p.state === 'hold'),
    };
    if (leg.firstCalled) view.firstCalled = this.directory.party(leg.firstCalled);
    if (leg.lastRedirection) view.lastRedirection = this.directory.party(leg.lastRedirection);
    if (leg.cause) view.cause = leg.cause;
    if (leg.connectedAt !== undefined) view.connectedAt = leg.connectedAt;
    if (leg.parked) view.parked = true;
    if (leg.queue) {
      const queue = leg.queue;
      view.queue = { id: queue.id, name: queue.name, number: queue.number, operators: this.operatorsOf(queue) };
      const place = queue.waiting.indexOf(leg);
      if (place >= 0) view.queue.position = place + 1;
    }
    return view;
  }

  private touch(leg: Leg): void {
    if (leg.internal) this.touchDevice(leg.owner);
  }

  private touchDevice(device: string): void {
    if (!this.touched.has(device)) this.touched.set(device, []);
  }

  /**
   * Tells listeners about every device touched since the last flush; then,
   * as its own step, hands queued callers to agents this freed.
   */
  private flush(): void {
    if (this.touched.size > 0) {
      const changes: SwitchChange[] = [...this.touched].map(([device, ended]) => ({ kind: 'calls', device, ended }));
      this.touched.clear();
      this.emit(changes);
    }
    if (this.serveQueues()) this.flush();
  }

  private emit(changes: SwitchChange[]): void {
    this.delivering = true;
    try {
      for (const listener of [...this.listeners]) {
        try {
          listener(changes);
        } catch (error) {
          this.onListenerError(error);
        }
      }
    } finally {
      this.delivering = false;
    }
  }
}

function groupIds(dev: Device): string[] {
  return [...new Set(dev.legs.map((l) => l.group))];
}

function groupSize(dev: Device, group: string): number {
  return dev.legs.filter((l) => l.group === group).length;
}
