import type { Call, ConnectionStatus, ConsoleState, JournalEntry, Line } from '../../../app/model';

export const NOW = Date.now();

export function connection(overrides: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return { id: 'ts', vendor: 'telserver', label: 'TelServer', state: 'online', since: NOW, ...overrides };
}

export function line(overrides: Partial<Line> = {}): Line {
  return {
    id: 'ts/1101',
    connectionId: 'ts',
    vendor: 'telserver',
    number: '1101',
    label: 'Reception',
    country: 'EE',
    capabilities: ['dial', 'answer', 'hangup', 'hold', 'transfer', 'consult', 'dnd', 'forward', 'directory'],
    dnd: false,
    forwards: [],
    messageWaiting: false,
    ...overrides,
  };
}

export function call(overrides: Partial<Call> = {}): Call {
  return {
    id: 'ts/1101#1',
    lineId: 'ts/1101',
    connectionId: 'ts',
    direction: 'incoming',
    state: 'ringing',
    remote: { number: '5551234', name: 'Anna Berg', company: 'Berg OÜ' },
    conference: false,
    startedAt: NOW - 5_000,
    actions: ['answer', 'divert'],
    ...overrides,
  };
}

export function journalEntry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    callId: 'ts/1101#0',
    lineId: 'ts/1101',
    direction: 'incoming',
    remote: { number: '5559999', name: 'Old Caller' },
    startedAt: NOW - 600_000,
    endedAt: NOW - 500_000,
    answered: true,
    talkSeconds: 95,
    ...overrides,
  };
}

/** A console with one online connection, one line and the given calls. */
export function consoleWith(calls: Call[] = [], extra: Partial<ConsoleState> = {}): ConsoleState {
  const lines = { 'ts/1101': line() };
  return {
    connections: { ts: connection() },
    lines,
    calls: Object.fromEntries(calls.map((c) => [c.id, c])),
    colleagues: {},
    journal: [],
    ...extra,
  };
}
