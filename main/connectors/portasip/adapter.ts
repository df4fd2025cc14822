/**
 * PortaSIP ↔ domain for one connection. Pure apart from the clock.
 *
 * A SIPCallInfo is one call dialog as one user agent (one extension) sees
 * it: `type` says from whose side (incoming: the UA is the callee). So the
 * extension is the callee of an incoming dialog and the caller of an
 * outgoing one; each extension is a Line, each dialog (call id + tag) a
 * Call of it. Terminated dialogs end (and go to the journal).
 *
 * Actions come from the state and the API's methods: answer_call (ringing),
 * terminate_call, hold_call / unhold_call, transfer_call (blind, not on hold), consult =
 * hold_call + originate_advanced_call (the extension's phone rings first),
 * and join_calls when the line has one call held and one connected
 * (attended transfer: the two dialogs are joined, the extension leaves).
 *
 * Call queues: a dialog in state queued (a caller waiting in a call queue
 * the extension serves) carries queue_info: Call.queue gets its i_c_queue,
 * the configured name, the place and the active operators. There is no
 * pickup method, so a queued call offers only terminate_call; once the PBX
 * hands it over (dequeued, then ringing) answer_call works on it.
 */
import { isCallCommand, isConnectionCommand, type Command } from '../../../app/commands';
import type { DomainEvent } from '../../../app/events';
import { msg, type Message } from '../../../app/i18n/message';
import type { Call, CallAction, CallState, DirectoryEntry, Line, LineCapability, Party } from '../../../app/model';
import type { PsAnswerMode, PsCallId, PsCallInfo, PsParty, PsRequest } from './messages';
import { partyName, type PlanUndo } from '../shared/undo';

export interface PortaSipAdapterOptions {
  connectionId: string;
  connectionLabel: string;
  country: string;
  /** billId: the PortaSwitch account ID originate_advanced_call charges (the line's setting, never its number). */
  reception: { number: string; label?: string; billId?: string };
  extensions: { number: string; label?: string; billId?: string }[];
  answerMode?: PsAnswerMode;
  /** Call queue names by i_c_queue (the API sends only the id; PortaBilling's get_callqueue_list, outside it, has the names). */
  queueNames?: Readonly<Record<string, string>>;
}

/**
 * Every watched extension can be answered, held, transferred and consulted
 * from; consulting (a callback, originate_advanced_call) only with an
 * account to charge configured for the line.
 */
const CALL_CAPABILITIES: LineCapability[] = ['answer', 'hangup', 'hold', 'transfer', 'consult'];
/** The receptionist's own line also places calls, by callback (originate_advanced_call). */
export const RECEPTION_CAPABILITIES: LineCapability[] = ['dial', 'callback-dial', ...CALL_CAPABILITIES];

/**
 * Requests sent in order, plus what the receptionist should be told once PortaSIP accepted them; or why not.
 * `undo`: what takes back the first request's change when PortaSIP refuses a later one (connector.ts).
 */
export type PortaSipPlan = { requests: PsRequest[]; notice?: Message; undo?: PlanUndo<PsRequest> } | { refused: Message };

interface Dialog {
  call: Call;
  ref: PsCallId;
  transportId: string;
  /** The notification serial that last changed it (0: from a calls list). */
  serial: number;
}

/**
 * A line's dialogs, with how many of them are held and connected (kept as they change): whether the line offers
 * completeTransfer is known without a pass over its calls, so a notification costs the same however many the line has.
 */
interface LineDialogs {
  /** By domain call id. */
  dialogs: Map<string, Dialog>;
  /**
   * The same by SIP call id, then tag: how a notification finds its dialog from the strings it brought. Building the
   * domain id to look it up (a concatenation the Map must flatten and hash) was most of the adapter's time.
   */
  byRef: Map<string, Map<string, Dialog>>;
  held: number;
  connected: number;
}

export function lineIdFor(connectionId: string, extension: string): string {
  return `${connectionId}/${extension}`;
}

export class PortaSipAdapter {
  private readonly lines = new Map<string, Line>();
  /** The same lines by extension number (the strings a notification names it by), so no line id is built to find one. */
  private readonly linesByNumber = new Map<string, Line>();
  /** Domain call id → the dialog it stands for. */
  private readonly dialogs = new Map<string, Dialog>();
  /** The same dialogs by line, so one notification touches only its extension's few calls. */
  private readonly byLine = new Map<string, LineDialogs>();
  /** Counts notifications, so a calls list requested before one never overrides it. */
  private serial = 0;
  /** Dialogs a notification ended, by serial (until the next calls list). */
  private readonly ended = new Map<string, number>();
  /** Line id → the account to charge for calls it places, as configured. */
  private readonly billIds = new Map<string, string>();

  constructor(
    private readonly options: PortaSipAdapterOptions,
    private readonly now: () => number,
  ) {
    for (const ext of [options.reception, ...options.extensions])
      if (ext.billId) this.billIds.set(lineIdFor(options.connectionId, ext.number), ext.billId);
    for (const ext of [options.reception, ...options.extensions]) this.ensureLine(ext.number, ext.label);
  }

  allLines(): Line[] {
    return [...this.lines.values()];
  }

  /** One notification → domain events (a new extension's line first). */
  applyCallInfo(info: PsCallInfo): DomainEvent[] {
    const own = ownParty(info);
    const number = extensionOf(own);
    if (!number) return [];
    const events: DomainEvent[] = [];
    const knownLine = this.findLineByParty(own);
    const line = knownLine ?? this.ensureLine(number, own.display_name);
    if (!knownLine) events.push({ type: 'lineUpserted', line });
    const known = this.byLine.get(line.id)?.byRef.get(info.call.id)?.get(info.call.tag);
    const id = known?.call.id ?? callIdFor(line.id, info.call);
    const serial = ++this.serial;
    if (info.state === 'terminated') {
      this.ended.set(id, serial);
      const joinable = isJoinable(this.byLine.get(line.id));
      if (this.removeDialog(id)) events.push({ type: 'callEnded', callId: id, at: this.now() });
      this.refreshActions(line.id, events, undefined, joinable);
      return events;
    }
    const joinable = isJoinable(this.byLine.get(line.id));
    this.refreshActions(line.id, events, this.upsertDialog(line, info, serial, id, known), joinable);
    return events;
  }

  /** Call before requesting a calls list; pass the mark to replaceAll. */
  mark(): number {
    return this.serial;
  }

  /**
   * A full calls list (after (re)connect or a periodic resync): every line and
   * exactly these calls — except what a notification changed after `since`
   * (the list was requested earlier, so the notification is newer).
   */
  replaceAll(calls: PsCallInfo[], since = this.serial): DomainEvent[] {
    const newer = (id: string) => (this.dialogs.get(id)?.serial ?? 0) > since || (this.ended.get(id) ?? 0) > since;
    const seen = new Set<string>();
    for (const info of calls) {
      if (info.state === 'terminated') continue;
      const own = ownParty(info);
      const number = extensionOf(own);
      if (!number) continue;
      const line = this.findLineByParty(own) ?? this.ensureLine(number, own.display_name);
      const id = callIdFor(line.id, info.call);
      seen.add(id);
      if (!newer(id)) this.upsertDialog(line, info, 0, id);
    }
    for (const id of [...this.dialogs.keys()]) if (!seen.has(id) && !newer(id)) this.removeDialog(id);
    this.ended.clear();
    for (const line of this.lines.values()) this.refreshActions(line.id, []);
    const at = this.now();
    const events: DomainEvent[] = [];
    for (const line of this.lines.values()) {
      events.push({ type: 'lineUpserted', line });
      events.push({ type: 'lineCallsReplaced', lineId: line.id, calls: this.callsOf(line.id), at });
    }
    return events;
  }

  /** What to send for a command; or why not. */
  plan(command: Command): PortaSipPlan {
    if (isConnectionCommand(command)) return { refused: msg('command.noPhonebook') };
    if (!isCallCommand(command)) {
      const line = this.lines.get(command.lineId);
      if (!line) return { refused: msg('command.lineUnavailable') };
      if (command.kind !== 'dial') return { refused: msg('command.lineCannot', { line: line.label }) };
      const billId = this.billIds.get(line.id);
      if (!billId) return { refused: msg('portasip.noBillId', { line: lineName(line) }) };
      return {
        requests: [originate(billId, line.number, command.to)],
        notice: msg('portasip.dialCallback', { extension: line.number, number: command.to }),
      };
    }
    const dialog = this.dialogs.get(command.callId);
    if (!dialog) return { refused: msg('command.callEnded') };
    const target = { call: dialog.ref, transport_id: dialog.transportId };
    switch (command.kind) {
      case 'answer': {
        const params: Extract<PsRequest, { method: 'answer_call' }>['params'] = { ...target };
        if (this.options.answerMode) params.callee_answer_mode = this.options.answerMode;
        return { requests: [{ service: 'CallControl', method: 'answer_call', params }] };
      }
      case 'hangup':
        return { requests: [{ service: 'CallControl', method: 'terminate_call', params: target }] };
      case 'hold':
        return { requests: [{ service: 'CallControl', method: 'hold_call', params: target }] };
      case 'retrieve':
        return { requests: [{ service: 'CallControl', method: 'unhold_call', params: target }] };
      case 'transfer':
        return { requests: [{ service: 'CallControl', method: 'transfer_call', params: { ...target, cld: command.to } }] };
      case 'consult': {
        const line = this.lines.get(dialog.call.lineId)!;
        const billId = this.billIds.get(line.id);
        // Refused before the hold: without an account to charge, the consultation could not be placed.
        if (!billId) return { refused: msg('portasip.noBillId', { line: lineName(line) }) };
        // A callback refused after the hold would leave the caller on hold with nobody on the line: unhold them.
        const caller = partyName(dialog.call.remote);
        return {
          requests: [{ service: 'CallControl', method: 'hold_call', params: target }, originate(billId, line.number, command.to)],
          notice: msg('portasip.consultCallback', { line: line.label, extension: line.number, number: command.to }),
          undo: {
            request: { service: 'CallControl', method: 'unhold_call', params: target },
            undone: msg('work.announce.connected', { caller }),
            notUndone: msg('work.announce.held', { caller }),
          },
        };
      }
      case 'completeTransfer': {
        const partner = this.transferPartner(dialog.call);
        if (!partner) return { refused: msg('portasip.noSecondCall') };
        const held = dialog.call.state === 'held' ? dialog : partner;
        const active = held === dialog ? partner : dialog;
        return {
          requests: [
            {
              service: 'CallControl',
              method: 'join_calls',
              params: { call: held.ref, to_call: active.ref, transport_id: held.transportId },
            },
          ],
        };
      }
      case 'addParty':
      case 'alternate':
      case 'conference':
      case 'divert':
      case 'park':
      case 'reconnect':
      case 'unpark':
        return { refused: msg('command.notSupported', { system: 'PortaSIP' }) };
    }
  }

  /** Extensions whose label or number matches, for the directory search. */
  searchExtensions(text: string, limit: number): DirectoryEntry[] {
    const needle = text.trim().toLowerCase();
    return this.allLines()
      .filter((l) => l.number.includes(needle) || l.label.toLowerCase().includes(needle))
      .slice(0, limit)
      .map((l) => ({ number: l.number, name: l.label, source: this.options.connectionLabel, connectionId: this.options.connectionId }));
  }

  // ---------------------------------------------------------------- internals

  private ensureLine(number: string, label?: string): Line {
    const id = lineIdFor(this.options.connectionId, number);
    let line = this.lines.get(id);
    if (!line) {
      const isReception = number === this.options.reception.number;
      line = {
        id,
        connectionId: this.options.connectionId,
        vendor: 'portasip',
        number,
        // '' when the configuration names it not: the UI says "Extension <number>" in its own language.
        label: label ?? '',
        country: this.options.country,
        capabilities: (isReception ? RECEPTION_CAPABILITIES : CALL_CAPABILITIES).filter((c) => c !== 'consult' || this.billIds.has(id)),
        watched: !isReception,
        dnd: false,
        forwards: [],
        messageWaiting: false,
      };
      this.lines.set(id, line);
      this.linesByNumber.set(number, line);
    }
    return line;
  }

  private findLineByParty(party: PsParty): Line | undefined {
    for (const candidate of [party.extension_id, party.account_id, party.id, party.display_id]) {
      if (!candidate) continue;
      const line = this.linesByNumber.get(candidate);
      if (line) return line;
    }
    return undefined;
  }

  /**
   * The dialog as `info` says, its call with the actions it had (refreshActions sets them). What did not change
   * keeps its object (the id, the remote party, the queue, the dialog itself): with 1,000 live calls most of a
   * notification repeats what is known, and an object kept is one the reducer compares by identity and the
   * garbage collector does not copy.
   */
  private upsertDialog(line: Line, info: PsCallInfo, serial: number, id: string, known?: Dialog): Call {
    const previous = known ?? this.dialogs.get(id);
    const before = previous?.call;
    const now = this.now();
    const talking = info.state === 'connected' || info.state === 'held' || info.state === 'holding';
    const remoteParty = info.type === 'incoming' ? info.caller : info.callee;
    const own = ownParty(info);
    const call: Call = {
      id: before?.id ?? id,
      lineId: line.id,
      connectionId: this.options.connectionId,
      direction: info.type,
      state: stateOf(info),
      remote: sameParty(before?.remote, toParty(remoteParty)),
      conference: false,
      startedAt: before?.startedAt ?? now,
      actions: before?.actions ?? [],
    };
    const connectedAt = before?.connectedAt ?? (talking ? now : undefined);
    if (connectedAt !== undefined) call.connectedAt = connectedAt;
    const forwarder = lastForwarder(remoteParty.forwarder_list, line.number) ?? lastForwarder(own.forwarder_list, line.number);
    if (forwarder) {
      call.redirectedBy = before?.redirectedBy?.number === forwarder ? before.redirectedBy : { number: forwarder };
      call.cause = 'redirect';
    }
    const group = own.huntgroup_id ?? remoteParty.huntgroup_id;
    if (group) call.firstCalled = before?.firstCalled?.number === group ? before.firstCalled : { number: group };
    const queue = this.queueOf(info, group, before?.queue);
    if (queue) call.queue = sameQueue(before?.queue, queue);
    const transportId = info.transport_id ?? previous?.transportId ?? '';
    if (previous) {
      // The adapter's own record (never handed out): updated in place.
      const ofLine = this.byLine.get(line.id);
      if (ofLine) {
        tally(ofLine, before?.state, -1);
        tally(ofLine, call.state, 1);
      }
      previous.call = call;
      previous.serial = serial;
      if (previous.transportId !== transportId) previous.transportId = transportId;
      if (ofLine && (previous.ref.id !== info.call.id || previous.ref.tag !== info.call.tag)) {
        // Two refs with one domain id ("a|b" + "c", "a" + "b|c"): the same dialog, as the id says; now by the new ref.
        unindexRef(ofLine, previous.ref);
        previous.ref = { ...info.call };
        indexRef(ofLine, previous);
      }
      return call;
    }
    const dialog: Dialog = { call, ref: { ...info.call }, transportId, serial };
    this.dialogs.set(id, dialog);
    let ofLine = this.byLine.get(line.id);
    if (!ofLine) this.byLine.set(line.id, (ofLine = { dialogs: new Map(), byRef: new Map(), held: 0, connected: 0 }));
    ofLine.dialogs.set(id, dialog);
    indexRef(ofLine, dialog);
    tally(ofLine, call.state, 1);
    return call;
  }

  /**
   * Call.queue: the call queue of queue_info (sent for queued and dequeued)
   * by its i_c_queue, named from the configuration; the place only while
   * the caller waits. A call handed over keeps the queue it came through;
   * without queue_info, the hunt group the call happened on behalf of.
   */
  private queueOf(info: PsCallInfo, group: string | undefined, previous: Call['queue']): Call['queue'] {
    const state = info.queue_info;
    if (state?.i_c_queue !== undefined) {
      const id = String(state.i_c_queue);
      const queue: NonNullable<Call['queue']> = { id };
      const name = this.options.queueNames?.[id];
      if (name) queue.name = name;
      if (info.state === 'queued' && state.position !== undefined && state.position > 0) queue.position = state.position;
      if (state.operators !== undefined && state.operators >= 0) queue.operators = state.operators;
      return queue;
    }
    if (previous && info.state !== 'queued') {
      const { position: _position, ...through } = previous;
      return through;
    }
    if (!group) return undefined;
    return state?.position ? { id: group, position: state.position } : { id: group };
  }

  private removeDialog(id: string): boolean {
    const dialog = this.dialogs.get(id);
    if (!dialog) return false;
    this.dialogs.delete(id);
    const ofLine = this.byLine.get(dialog.call.lineId);
    if (ofLine?.dialogs.delete(id)) {
      unindexRef(ofLine, dialog.ref);
      tally(ofLine, dialog.call.state, -1);
    }
    return true;
  }

  private dialogsOf(lineId: string): Dialog[] {
    return [...(this.byLine.get(lineId)?.dialogs.values() ?? [])];
  }

  private callsOf(lineId: string): Call[] {
    return this.dialogsOf(lineId).map((d) => d.call);
  }

  /** The call a held (or connected) call is joined with: the line's only other call in the opposite state. */
  private transferPartner(call: Call): Dialog | undefined {
    const others = this.dialogsOf(call.lineId).filter((d) => d.call.id !== call.id);
    const wanted: CallState = call.state === 'held' ? 'connected' : 'held';
    if (call.state !== 'held' && call.state !== 'connected') return undefined;
    const partners = others.filter((d) => d.call.state === wanted);
    return partners.length === 1 && others.filter((d) => d.call.state === 'held' || d.call.state === 'connected').length === 1
      ? partners[0]
      : undefined;
  }

  /**
   * Recomputes the actions of a line's calls; adds to `events` an upsert for each call whose actions changed, and
   * always for `fresh` (the call a notification just rebuilt, not yet handed out: its actions are set in place).
   * The other calls' actions depend only on whether the line is joinable: with `joinableBefore` (what it was before
   * the notification) and that unchanged, only `fresh` is looked at. A call whose actions stay keeps its object.
   */
  private refreshActions(lineId: string, events: DomainEvent[], fresh?: Call, joinableBefore?: boolean): void {
    const ofLine = this.byLine.get(lineId);
    if (!ofLine) return;
    const joinable = isJoinable(ofLine);
    const consult = this.billIds.has(lineId);
    if (joinable === joinableBefore) {
      if (fresh) this.setActions(fresh, actionsFor(fresh.state, fresh.direction, consult, joinable), events);
      return;
    }
    for (const dialog of ofLine.dialogs.values()) {
      const call = dialog.call;
      const actions = actionsFor(call.state, call.direction, consult, joinable);
      if (call === fresh) this.setActions(fresh, actions, events);
      else if (!sameActions(actions, call.actions)) {
        dialog.call = { ...call, actions };
        events.push({ type: 'callUpserted', call: dialog.call });
      }
    }
  }

  /** The fresh call's actions, set in place (nobody holds it yet), and its upsert. */
  private setActions(fresh: Call, actions: CallAction[], events: DomainEvent[]): void {
    if (!sameActions(actions, fresh.actions)) fresh.actions = actions;
    events.push({ type: 'callUpserted', call: fresh });
  }
}

/** A callback: PortaSIP rings `extension` first, then calls `to`, and charges the account `billId`. */
function originate(billId: string, extension: string, to: string): PsRequest {
  return { service: 'CallControl', method: 'originate_advanced_call', params: { bill_id: billId, caller_id: extension, callee_id: to } };
}

/** The line as the receptionist knows it: its label, or its number when it has none. */
function lineName(line: Line): string {
  return line.label || line.number;
}

/** The extension's own side of the dialog: the callee of an incoming dialog, the caller of an outgoing one. */
function ownParty(info: PsCallInfo): PsParty {
  return info.type === 'incoming' ? info.callee : info.caller;
}

function extensionOf(party: PsParty): string | undefined {
  return party.extension_id ?? party.account_id ?? party.id ?? party.display_id;
}

/** The previous party when it says the same (kept by identity), else the new one. Both come from toParty: a number and a name. */
function sameParty(previous: Party | undefined, next: Party): Party {
  return previous && previous.number === next.number && previous.name === next.name ? previous : next;
}

function sameQueue(previous: Call['queue'], next: NonNullable<Call['queue']>): NonNullable<Call['queue']> {
  return previous &&
    previous.id === next.id &&
    previous.name === next.name &&
    previous.position === next.position &&
    previous.operators === next.operators
    ? previous
    : next;
}

/** The newest entry of a forwarder list that is not the line itself. */
function lastForwarder(list: readonly string[], lineNumber: string): string | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i] !== lineNumber) return list[i];
  return undefined;
}

function toParty(party: PsParty): Party {
  const out: Party = { number: party.display_id ?? party.id ?? party.account_id ?? '' };
  if (party.display_name && party.display_name !== out.number) out.name = party.display_name;
  return out;
}

function callIdFor(lineId: string, call: PsCallId): string {
  return `${lineId}#${call.id}|${call.tag}`;
}

/**
 * SIPCallInfo.state → CallState. "holding" is our side holding (held);
 * "held" is the other side holding us (held-by-peer). Before an answer, the
 * UA's side decides: an incoming dialog rings, an outgoing one dials/rings back.
 */
function stateOf(info: PsCallInfo): CallState {
  const incoming = info.type === 'incoming';
  switch (info.state) {
    case 'trying':
      return incoming ? 'ringing' : 'dialing';
    case 'ringing':
    case 'early':
      return incoming ? 'ringing' : 'ringback';
    case 'queued':
      return 'queued';
    case 'dequeued':
      return incoming ? 'ringing' : 'ringback';
    case 'connected':
      return 'connected';
    case 'holding':
      return 'held';
    case 'held':
      return 'held-by-peer';
    case 'terminated':
      return 'failed';
  }
}

/**
 * A call's actions. Without an account to charge (`consult` false) the consultation call cannot be placed: no
 * Consult button that can only fail. `joinable`: the line has exactly one held and one connected call, so either
 * of them offers completeTransfer (join_calls). A held call offers no blind transfer: PortaSIP refuses
 * transfer_call on it, and unhold_call first would not do either: it only has the phone initiate the unhold (a
 * NOTIFY), and the document does not say the call is connected by the time it answers. Retrieve, then transfer.
 */
function actionsFor(state: CallState, direction: Call['direction'], consult: boolean, joinable: boolean): CallAction[] {
  switch (state) {
    case 'ringing':
      return direction === 'incoming' ? ['answer', 'hangup'] : ['hangup'];
    case 'connected': {
      const actions: CallAction[] = consult ? ['hangup', 'hold', 'transfer', 'consult'] : ['hangup', 'hold', 'transfer'];
      if (joinable) actions.push('completeTransfer');
      return actions;
    }
    case 'held':
      // No transfer (see above): PortaSIP refuses transfer_call on a held call (sip.call_not_found).
      return joinable ? ['hangup', 'retrieve', 'completeTransfer'] : ['hangup', 'retrieve'];
    case 'dialing':
    case 'ringback':
    case 'queued':
    case 'held-by-peer':
    case 'failed':
    case 'parked':
      return ['hangup'];
  }
}

/** Exactly one held and one connected call on a line: the pair join_calls connects. */
function isJoinable(ofLine: LineDialogs | undefined): boolean {
  return ofLine !== undefined && ofLine.held === 1 && ofLine.connected === 1;
}

function indexRef(ofLine: LineDialogs, dialog: Dialog): void {
  let byTag = ofLine.byRef.get(dialog.ref.id);
  if (!byTag) ofLine.byRef.set(dialog.ref.id, (byTag = new Map<string, Dialog>()));
  byTag.set(dialog.ref.tag, dialog);
}

function unindexRef(ofLine: LineDialogs, ref: PsCallId): void {
  const byTag = ofLine.byRef.get(ref.id);
  if (byTag?.delete(ref.tag) && byTag.size === 0) ofLine.byRef.delete(ref.id);
}

/** Counts a call state in or out of its line's tally. */
function tally(ofLine: LineDialogs, state: CallState | undefined, delta: 1 | -1): void {
  if (state === 'held') ofLine.held += delta;
  else if (state === 'connected') ofLine.connected += delta;
}

function sameActions(a: readonly CallAction[], b: readonly CallAction[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
