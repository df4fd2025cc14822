/**
 * Every read of the store goes through these. Selectors that build arrays
 * are memoised on the collection they read, so a component re-renders only
 * when that collection actually changed (applyChanges copies only what a
 * patch touched).
 */
import { isAgentLine, type AgentLine } from '../../../app/agent';
import { isCallKnown, isLineKnown } from '../../../app/call-trust';
import { ACTION_COMMAND, DEFAULT_KEYS, type KeyBindings, type KeyCommand } from '../../../app/keymap';
import {
  CALL_ACTIONS,
  type Call,
  type CallAction,
  type Colleague,
  type ColleagueCall,
  type ConnectionStatus,
  type Line,
  type LineCapability,
} from '../../../app/model';
import type { BridgeState } from '../bridge/bridge-status';
import type { AttendantState } from './types';

function memoizeByReference<Input, Output>(compute: (input: Input) => Output): (input: Input) => Output {
  let lastInput: Input | undefined;
  let lastOutput: Output | undefined;
  let primed = false;
  return (input) => {
    if (!primed || input !== lastInput) {
      lastOutput = compute(input);
      lastInput = input;
      primed = true;
    }
    return lastOutput as Output;
  };
}

const byLabel = (a: { label: string; id: string }, b: { label: string; id: string }) =>
  a.label.localeCompare(b.label) || a.id.localeCompare(b.id);

/** Oldest first, so rows stay where they are while calls come and go. */
const byStart = (a: Call, b: Call) => a.startedAt - b.startedAt || a.id.localeCompare(b.id);

const connectionList = memoizeByReference((connections: Record<string, ConnectionStatus>) => Object.values(connections).sort(byLabel));
const lineList = memoizeByReference((lines: Record<string, Line>) => Object.values(lines).sort(byLabel));
/**
 * The receptionist's own calls, oldest first: calls on watched lines
 * (colleagues' extensions, e.g. a PortaSIP Centrex) belong to their own
 * views, not to the call list, the ringing banner or the shortcuts.
 */
const ownCallList = (() => {
  let lastCalls: Record<string, Call> | undefined;
  let lastLines: Record<string, Line> | undefined;
  let last: Call[] = [];
  return (calls: Record<string, Call>, lines: Record<string, Line>): Call[] => {
    if (calls !== lastCalls || lines !== lastLines) {
      last = Object.values(calls)
        .filter((call) => !lines[call.lineId]?.watched)
        .sort(byStart);
      lastCalls = calls;
      lastLines = lines;
    }
    return last;
  };
})();

/** Keeps the previous array while its items are the same, so lists re-render only when membership changes. */
function stableArray<T>(compute: (state: AttendantState) => T[]): (state: AttendantState) => T[] {
  let previous: T[] = [];
  return (state) => {
    const next = compute(state);
    if (next.length === previous.length && next.every((item, i) => item === previous[i])) return previous;
    previous = next;
    return next;
  };
}

const callList = (state: AttendantState) => ownCallList(state.console.calls, state.console.lines);

/**
 * The own calls the console can vouch for: their connection is online and the
 * console service is reachable (app/call-trust.ts). Every key, the banner
 * and the window title read only these; an unknown call is shown, greyed,
 * and nothing else.
 */
const knownCallList = (() => {
  let lastOwn: Call[] | undefined;
  let lastConnections: Record<string, ConnectionStatus> | undefined;
  let lastBridge: BridgeState | undefined;
  let last: Call[] = [];
  return (state: AttendantState): Call[] => {
    const own = callList(state);
    const { connections } = state.console;
    if (own !== lastOwn || connections !== lastConnections || state.bridge !== lastBridge) {
      last = state.bridge === 'connected' ? own.filter((call) => isCallKnown(call, connections)) : [];
      lastOwn = own;
      lastConnections = connections;
      lastBridge = state.bridge;
    }
    return last;
  };
})();

/** A call the console can vouch for now (false while its connection or the console service is not online). */
export const selectIsCallKnown = (callId: string) => (state: AttendantState) => {
  const call = state.console.calls[callId] as Call | undefined;
  return call !== undefined && state.bridge === 'connected' && isCallKnown(call, state.console.connections);
};

/** A line the console can vouch for now: its connection is online and the console service reachable. */
export const selectIsLineKnown = (lineId: string) => (state: AttendantState) => {
  const line = state.console.lines[lineId] as Line | undefined;
  return line !== undefined && state.bridge === 'connected' && isLineKnown(line, state.console.connections);
};

/**
 * The line the agent key acts on: the current line when it is an agent line,
 * else the receptionist's only agent line; never a line the console cannot vouch for.
 */
export function selectAgentKeyLine(state: AttendantState): AgentLine | null {
  const current = selectCurrentLine(state);
  const agents = selectLines(state)
    .filter(isAgentLine)
    .filter((line) => !line.watched);
  const line = current && isAgentLine(current) ? current : agents.length === 1 ? agents[0] : undefined;
  return line && selectIsLineKnown(line.id)(state) ? line : null;
}

export const selectConnections = (state: AttendantState) => connectionList(state.console.connections);
export const selectLines = (state: AttendantState) => lineList(state.console.lines);
export const selectCall = (callId: string) => (state: AttendantState) => state.console.calls[callId] as Call | undefined;
export const selectLine = (lineId: string) => (state: AttendantState) => state.console.lines[lineId] as Line | undefined;
export const selectRingingCalls = stableArray((state: AttendantState) => knownCallList(state).filter((call) => call.state === 'ringing'));
export const selectJournal = (state: AttendantState) => state.console.journal;
export const selectHasSnapshot = (state: AttendantState) => state.hasSnapshot;
export const selectBridgeState = (state: AttendantState) => state.bridge;
export const selectNotices = (state: AttendantState) => state.notices;
export const selectDirectory = (state: AttendantState) => state.directory;
export const selectPendingTarget = (state: AttendantState) => state.pendingTarget;
export const selectIsCallSelected = (callId: string) => (state: AttendantState) => state.selectedCallId === callId;
/** The serial of the latest request to bring this call into view, or null. */
export const selectCallInViewSerial = (callId: string) => (state: AttendantState) =>
  state.callInView?.callId === callId ? state.callInView.serial : null;

/** The line used for dialing: the chosen one while it exists, else the first that can dial. */
export function selectCurrentLine(state: AttendantState): Line | null {
  const chosen = state.selectedLineId ? state.console.lines[state.selectedLineId] : undefined;
  if (chosen) return chosen;
  // Her own lines only: a colleague's watched extension sorted first by its label is not where she dials from.
  const lines = selectLines(state);
  return lines.find((line) => !line.watched && line.capabilities.includes('dial')) ?? lines.find((line) => !line.watched) ?? null;
}

/**
 * The line that reaches a party of this connection with this capability: a colleague's or a PBX entry's extension
 * means that PBX's extension, so it is dialled (or picked up) on a line of that connection — the current line when
 * it is one, else the first own line there that can. A party of no connection (a contact, an outside number) is
 * reached from the current line. Null when no line can.
 */
export function selectLineFor(state: AttendantState, connectionId: string | undefined, capability: LineCapability): Line | null {
  const current = selectCurrentLine(state);
  if (connectionId === undefined) return current?.capabilities.includes(capability) ? current : null;
  if (current?.connectionId === connectionId && !current.watched && current.capabilities.includes(capability)) return current;
  // Never a colleague's watched extension (a Centrex line): her calls go out on her own lines.
  return (
    selectLines(state).find((line) => !line.watched && line.connectionId === connectionId && line.capabilities.includes(capability)) ?? null
  );
}

/**
 * Whether a call on `callConnectionId` can be sent to this party's number: an extension only within its own PBX
 * (1102 on another PBX is someone else, or no one); an international number from anywhere.
 */
export function reachableFromCall(callConnectionId: string, party: { connectionId?: string; number: string }): boolean {
  return party.connectionId === undefined || party.connectionId === callConnectionId || party.number.startsWith('+');
}

/** The country to read and show a line's numbers with. */
export const selectCountryOfLine = (lineId: string | undefined) => (state: AttendantState) =>
  (lineId ? state.console.lines[lineId]?.country : undefined) ?? selectCurrentLine(state)?.country ?? '';

/**
 * The selected call while it is the receptionist's own and the console can vouch for it: keys never reach an
 * unknown call, selected or not, nor a colleague's call she clicked in the Centrex view to look at (F9 rejected
 * that caller while her own call stayed up); its own buttons still act on it.
 */
export function selectSelectedCall(state: AttendantState): Call | null {
  const call = state.selectedCallId ? state.console.calls[state.selectedCallId] : undefined;
  return call && !state.console.lines[call.lineId]?.watched && selectIsCallKnown(call.id)(state) ? call : null;
}

/**
 * Whether the receptionist's selected call is there but unknown (its connection not online): the keys that act
 * on the selection then do nothing, rather than act on some other call she never chose.
 */
export function selectSelectionUnknown(state: AttendantState): boolean {
  const id = state.selectedCallId;
  return id !== null && state.console.calls[id] !== undefined && !selectIsCallKnown(id)(state);
}

function oldestWith(state: AttendantState, states: Call['state'][], action: CallAction): Call | null {
  return knownCallList(state).find((call) => states.includes(call.state) && call.actions.includes(action)) ?? null;
}

/** The longest-waiting first: the receptionist answers callers in the order they called. */
const byWait = (a: Call, b: Call) => a.startedAt - b.startedAt || a.id.localeCompare(b.id);

/** Longest wait first, unknown ones (their connection is not online) after them, greyed. */
function waitOrder(state: AttendantState, calls: Call[]): Call[] {
  const known = new Set(knownCallList(state));
  return [...calls.filter((c) => known.has(c)).sort(byWait), ...calls.filter((c) => !known.has(c))];
}

/** The waiting region: the own calls ringing here, longest wait first. */
export const selectWaitingCallIds = stableArray((state: AttendantState) =>
  waitOrder(
    state,
    callList(state).filter((call) => call.state === 'ringing'),
  ).map((call) => call.id),
);

/**
 * The queue view: callers waiting in a queue or hunt group the console sees
 * (state 'queued': not ringing here yet), longest wait first.
 */
export const selectQueuedCalls = stableArray((state: AttendantState) =>
  waitOrder(
    state,
    callList(state).filter((call) => call.state === 'queued'),
  ),
);

/** The active region: every other own call, oldest first, so rows stay where they are. */
export const selectActiveCallIds = stableArray((state: AttendantState) =>
  callList(state)
    .filter((call) => call.state !== 'ringing' && call.state !== 'queued')
    .map((call) => call.id),
);

/**
 * The call the answer key answers: the one ringing longest on the
 * receptionist's own lines that the console can answer — never the
 * selected one instead (the key means one thing), never an unknown call.
 */
export function selectAnswerTarget(state: AttendantState): Call | null {
  return (
    knownCallList(state)
      .filter((call) => call.state === 'ringing' && call.actions.includes('answer'))
      .sort(byWait)[0] ?? null
  );
}

/** The call ringing longest here, answerable or not (a notify-only line is answered on the desk phone): the banner's. */
export function selectLongestRinging(state: AttendantState): Call | null {
  return selectRingingCalls(state).slice().sort(byWait)[0] ?? null;
}

/** The call and action the hold key acts on: hold the selected/active call, or retrieve the held one. */
export function selectHoldTarget(state: AttendantState): { call: Call; action: 'hold' | 'retrieve' } | null {
  if (selectSelectionUnknown(state)) return null;
  const selected = selectSelectedCall(state);
  if (selected?.actions.includes('hold')) return { call: selected, action: 'hold' };
  if (selected?.actions.includes('retrieve')) return { call: selected, action: 'retrieve' };
  const active = oldestWith(state, ['connected'], 'hold');
  if (active) return { call: active, action: 'hold' };
  const held = oldestWith(state, ['held'], 'retrieve');
  return held ? { call: held, action: 'retrieve' } : null;
}

/** The call the hang-up key hangs up: the selected one, else the active (talking or dialing) call. Never a ringing call unless selected. */
export function selectHangupTarget(state: AttendantState): Call | null {
  if (selectSelectionUnknown(state)) return null;
  const selected = selectSelectedCall(state);
  if (selected?.actions.includes('hangup')) return selected;
  return oldestWith(state, ['connected', 'held-by-peer'], 'hangup') ?? oldestWith(state, ['dialing', 'ringback', 'failed'], 'hangup');
}

/** Where each call action looks first when nothing is selected: a ringing call is diverted, a talking one transferred. */
const ACTION_STATES: Partial<Record<CallAction, Call['state'][]>> = {
  divert: ['ringing'],
  unpark: ['parked'],
  retrieve: ['held'],
};
const TALKING: Call['state'][] = ['connected', 'held', 'held-by-peer', 'dialing', 'ringback'];

/**
 * The call an action's key acts on: the selected call when it offers the
 * action, else the oldest own call (known, in the states the action is
 * for) that does. Null when none does: the key then does nothing.
 */
export function selectActionTarget(state: AttendantState, action: CallAction): Call | null {
  if (selectSelectionUnknown(state)) return null;
  const selected = selectSelectedCall(state);
  if (selected?.actions.includes(action)) return selected;
  return oldestWith(state, ACTION_STATES[action] ?? TALKING, action);
}

/** The console's keys: as saved in Settings, the defaults until the settings have loaded. */
export const selectKeyBindings = (state: AttendantState): KeyBindings => state.settings?.preferences.keys ?? DEFAULT_KEYS;

/**
 * The key shown on each of a call's buttons: only where pressing it now
 * would act on this very call, so a hint never promises what a key would
 * do to another call. Worked out once per change of the calls, the
 * selection or the keys (not once per row); each row reads its own string
 * ("answer=F4 hold=F8"), so a row re-renders only when its hints change.
 */
const keyHintMap = (() => {
  let lastKnown: Call[] | undefined;
  let lastSelected: string | null | undefined;
  let lastKeys: KeyBindings | undefined;
  let last = new Map<string, string>();
  return (state: AttendantState): Map<string, string> => {
    const known = knownCallList(state);
    const keys = selectKeyBindings(state);
    if (known === lastKnown && state.selectedCallId === lastSelected && keys === lastKeys) return last;
    const hints = new Map<string, string[]>();
    const add = (call: Call | null | undefined, action: CallAction, command: KeyCommand) => {
      const chord = keys[command][0];
      if (!call || !chord) return;
      hints.set(call.id, [...(hints.get(call.id) ?? []), `${action}=${chord}`]);
    };
    add(selectAnswerTarget(state), 'answer', 'answerNext');
    const hold = selectHoldTarget(state);
    if (hold) add(hold.call, hold.action, 'holdOrRetrieve');
    add(selectHangupTarget(state), 'hangup', 'hangUp');
    for (const action of CALL_ACTIONS) {
      const command = ACTION_COMMAND[action];
      if (command) add(selectActionTarget(state, action), action, command);
    }
    last = new Map([...hints].map(([id, list]) => [id, list.join(' ')]));
    lastKnown = known;
    lastSelected = state.selectedCallId;
    lastKeys = keys;
    return last;
  };
})();

export const selectKeyHintsOf =
  (callId: string) =>
  (state: AttendantState): string =>
    keyHintMap(state).get(callId) ?? '';

/** "answer=F4 hold=F8" → the chord of each action. */
export function parseKeyHints(hints: string): Partial<Record<CallAction, string>> {
  const out: Partial<Record<CallAction, string>> = {};
  for (const pair of hints.split(' ')) {
    const cut = pair.indexOf('=');
    const action = CALL_ACTIONS.find((a) => a === pair.slice(0, cut));
    if (action) out[action] = pair.slice(cut + 1);
  }
  return out;
}

/** The CRM lookup address ('' when none is set or the settings are not loaded yet). */
export const selectCrmUrlTemplate = (state: AttendantState) => state.settings?.preferences.crmUrlTemplate ?? '';

/** A caller waiting in a PBX's queue object (innovaphone's waiting queue), which the receptionist can take. */
export interface TakeableCaller {
  queue: Colleague;
  call: ColleagueCall;
  /** The receptionist's line on the queue's connection that picks calls up. */
  line: Line;
}

/**
 * Callers waiting in the queue objects the console can vouch for, in the PBX's order (queue by queue, each
 * longest waiting first), each with the line that takes them; none while the connection or bridge is not online.
 */
export const selectTakeableCallers = (() => {
  let lastColleagues: AttendantState['console']['colleagues'] | undefined;
  let lastLines: AttendantState['console']['lines'] | undefined;
  let lastConnections: AttendantState['console']['connections'] | undefined;
  let lastBridge: BridgeState | undefined;
  let last: TakeableCaller[] = [];
  return (state: AttendantState): TakeableCaller[] => {
    const { colleagues, lines, connections } = state.console;
    if (colleagues === lastColleagues && lines === lastLines && connections === lastConnections && state.bridge === lastBridge) return last;
    lastColleagues = colleagues;
    lastLines = lines;
    lastConnections = connections;
    lastBridge = state.bridge;
    const takers = Object.values(lines).filter((line) => !line.watched && line.capabilities.includes('pickup'));
    last = [];
    if (state.bridge !== 'connected') return last;
    for (const queue of Object.values(colleagues)) {
      if (queue.kind !== 'queue' || connections[queue.connectionId]?.state !== 'online') continue;
      const line = takers.find((l) => l.connectionId === queue.connectionId);
      if (!line) continue;
      for (const call of queue.calls) if (call.state === 'ringing') last.push({ queue, call, line });
    }
    return last;
  };
})();
