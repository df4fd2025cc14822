/** Small console states for the desktop modules' tests. */
import type { Call, ConnectionStatus, ConsoleState, Line } from '../../app/model';
import { emptyConsoleState } from '../../app/model';
import type { StateMessage } from '../../app/contract';

export function line(id: string, overrides: Partial<Line> = {}): Line {
  const connectionId = overrides.connectionId ?? id.split('/')[0];
  return {
    id,
    connectionId,
    vendor: 'telserver',
    number: id.split('/')[1] ?? '100',
    label: overrides.label ?? `Line ${id}`,
    country: 'EE',
    capabilities: ['dial', 'answer', 'hangup'],
    dnd: false,
    forwards: [],
    messageWaiting: false,
    ...overrides,
  };
}

export function connection(id: string, state: ConnectionStatus['state'], label = id): ConnectionStatus {
  return { id, vendor: 'telserver', label, state, since: 0 };
}

export function call(id: string, overrides: Partial<Call> = {}): Call {
  return {
    id,
    lineId: 'pbx/100',
    connectionId: 'pbx',
    direction: 'incoming',
    state: 'ringing',
    remote: { number: '+3725123456', name: 'Kalev Kask' },
    conference: false,
    startedAt: 1,
    actions: ['answer', 'hangup'],
    ...overrides,
  };
}

export function consoleState(parts: { connections?: ConnectionStatus[]; lines?: Line[]; calls?: Call[] }): ConsoleState {
  const state = emptyConsoleState();
  for (const c of parts.connections ?? []) state.connections[c.id] = c;
  for (const l of parts.lines ?? []) state.lines[l.id] = l;
  for (const c of parts.calls ?? []) state.calls[c.id] = c;
  return state;
}

/** A service stand-in whose state a test replaces; subscribers hear of every replacement. */
export function fakeStateService(initial: ConsoleState) {
  let state = initial;
  let seq = 0;
  const listeners = new Set<(message: StateMessage) => void>();
  return {
    getState: () => state,
    subscribe(listener: (message: StateMessage) => void) {
      listeners.add(listener);
      listener({ type: 'snapshot', seq, state });
      return () => void listeners.delete(listener);
    },
    setState(next: ConsoleState) {
      state = next;
      seq++;
      for (const listener of [...listeners]) listener({ type: 'snapshot', seq, state });
    },
    listenerCount: () => listeners.size,
  };
}
