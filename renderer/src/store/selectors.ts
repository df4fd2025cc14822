/**
 * Every read of the store goes through these. Selectors that build arrays
 * are memoised on the collection they read, so a component re-renders only
 * when that collection actually changed (applyChanges copies only what a
 * patch touched).
 */
import { isCallKnown } from '../../../app/call-trust';
import type { Call, CallAction, ConnectionStatus, Line } from '../../../app/model';
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

export const selectConnections = (state: AttendantState) => connectionList(state.console.connections);
export const selectLines = (state: AttendantState) => lineList(state.console.lines);
export const selectCallIds = stableArray((state: AttendantState) => callList(state).map((call) => call.id));
export const selectCall = (callId: string) => (state: AttendantState) => state.console.calls[callId] as Call | undefined;
export const selectLine = (lineId: string) => (state: AttendantState) => state.console.lines[lineId] as Line | undefined;
export const selectRingingCalls = stableArray((state: AttendantState) => knownCallList(state).filter((call) => call.state === 'ringing'));
export const selectJournal = (state: AttendantState) => state.console.journal;
export const selectHasSnapshot = (state: AttendantState) => state.hasSnapshot;
export const selectBridgeState = (state: AttendantState) => state.bridge;
export const selectNotices = (state: AttendantState) => state.notices;
export const selectDirectory = (state: AttendantState) => state.directory;
export const selectDialText = (state: AttendantState) => state.dialText;
export const selectPendingTarget = (state: AttendantState) => state.pendingTarget;
export const selectDestinationText = (state: AttendantState) => state.destinationText;
export const selectIsCallSelected = (callId: string) => (state: AttendantState) => state.selectedCallId === callId;
/** The serial of the latest request to bring this call into view, or null. */
export const selectCallInViewSerial = (callId: string) => (state: AttendantState) =>
  state.callInView?.callId === callId ? state.callInView.serial : null;

/** The line used for dialing: the chosen one while it exists, else the first that can dial. */
export function selectCurrentLine(state: AttendantState): Line | null {
  const chosen = state.selectedLineId ? state.console.lines[state.selectedLineId] : undefined;
  if (chosen) return chosen;
  const lines = selectLines(state);
  return lines.find((line) => line.capabilities.includes('dial')) ?? lines[0] ?? null;
}

/** The country to read and show a line's numbers with. */
export const selectCountryOfLine = (lineId: string | undefined) => (state: AttendantState) =>
  (lineId ? state.console.lines[lineId]?.country : undefined) ?? selectCurrentLine(state)?.country ?? '';

/** The selected call while the console can vouch for it: keys never reach an unknown call, selected or not. */
export function selectSelectedCall(state: AttendantState): Call | null {
  const call = state.selectedCallId ? state.console.calls[state.selectedCallId] : undefined;
  return call && selectIsCallKnown(call.id)(state) ? call : null;
}

function oldestWith(state: AttendantState, states: Call['state'][], action: CallAction): Call | null {
  return knownCallList(state).find((call) => states.includes(call.state) && call.actions.includes(action)) ?? null;
}

/** The call Enter answers: the selected one if it rings, else the one ringing longest. */
export function selectAnswerTarget(state: AttendantState): Call | null {
  const selected = selectSelectedCall(state);
  if (selected && selected.state === 'ringing' && selected.actions.includes('answer')) return selected;
  return oldestWith(state, ['ringing'], 'answer');
}

/** The call and action F8 acts on: hold the selected/active call, or retrieve the held one. */
export function selectHoldTarget(state: AttendantState): { call: Call; action: 'hold' | 'retrieve' } | null {
  const selected = selectSelectedCall(state);
  if (selected?.actions.includes('hold')) return { call: selected, action: 'hold' };
  if (selected?.actions.includes('retrieve')) return { call: selected, action: 'retrieve' };
  const active = oldestWith(state, ['connected'], 'hold');
  if (active) return { call: active, action: 'hold' };
  const held = oldestWith(state, ['held'], 'retrieve');
  return held ? { call: held, action: 'retrieve' } : null;
}

/** The call F9 hangs up: the selected one, else the active (talking or dialing) call. Never a ringing call unless selected. */
export function selectHangupTarget(state: AttendantState): Call | null {
  const selected = selectSelectedCall(state);
  if (selected?.actions.includes('hangup')) return selected;
  return oldestWith(state, ['connected', 'held-by-peer'], 'hangup') ?? oldestWith(state, ['dialing', 'ringback', 'failed'], 'hangup');
}

/** The CRM lookup address ('' when none is set or the settings are not loaded yet). */
export const selectCrmUrlTemplate = (state: AttendantState) => state.settings?.preferences.crmUrlTemplate ?? '';
