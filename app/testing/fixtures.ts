/**
 * The one set of domain fixtures every layer's tests build their states
 * from. Each builder takes overrides on sensible defaults: a TelServer
 * connection "ts" that is online, its reception line "ts/1101", and an
 * incoming call from Anna Berg ringing there for 5 s. Times are relative to
 * FIXTURE_NOW, a fixed moment (ManualClock starts there), never to the
 * machine's clock, so what a test sees does not depend on when it runs.
 *
 * Ids follow the console's own shapes, and the builders read them: a line
 * "pbx/100" belongs to connection "pbx" and has number "100"; a call
 * "pbx/100#1" is on line "pbx/100" (a call id without "#" stays on the
 * default line); a call's connection is its line's.
 */
import type { Call, Colleague, ConnectionStatus, ConsoleState, JournalEntry, Line } from '../model';

/** 2023-11-14T22:13:20Z: "now" in every fixture and the start of every ManualClock. */
export const FIXTURE_NOW = 1_700_000_000_000;

export const FIXTURE_CONNECTION_ID = 'ts';
export const FIXTURE_LINE_ID = 'ts/1101';

const before = (id: string, separator: string): string | undefined => (id.includes(separator) ? id.split(separator)[0] : undefined);
const after = (id: string, separator: string): string | undefined => (id.includes(separator) ? id.split(separator)[1] : undefined);

export function connection(overrides: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return { id: FIXTURE_CONNECTION_ID, vendor: 'telserver', label: 'TelServer', state: 'online', since: FIXTURE_NOW, ...overrides };
}

export function line(overrides: Partial<Line> = {}): Line {
  const id = overrides.id ?? FIXTURE_LINE_ID;
  return {
    id,
    connectionId: before(id, '/') ?? FIXTURE_CONNECTION_ID,
    vendor: 'telserver',
    number: after(id, '/') ?? '1101',
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
  const id = overrides.id ?? `${FIXTURE_LINE_ID}#1`;
  const lineId = overrides.lineId ?? before(id, '#') ?? FIXTURE_LINE_ID;
  return {
    id,
    lineId,
    connectionId: before(lineId, '/') ?? FIXTURE_CONNECTION_ID,
    direction: 'incoming',
    state: 'ringing',
    remote: { number: '5551234', name: 'Anna Berg', company: 'Berg OÜ' },
    conference: false,
    startedAt: FIXTURE_NOW - 5_000,
    actions: ['answer', 'divert'],
    ...overrides,
  };
}

export function journalEntry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    callId: `${FIXTURE_LINE_ID}#0`,
    lineId: FIXTURE_LINE_ID,
    direction: 'incoming',
    remote: { number: '5559999', name: 'Old Caller' },
    startedAt: FIXTURE_NOW - 600_000,
    endedAt: FIXTURE_NOW - 500_000,
    answered: true,
    talkSeconds: 95,
    ...overrides,
  };
}

/** The collections of a console state, as lists. */
export interface ConsoleParts {
  connections?: ConnectionStatus[];
  lines?: Line[];
  calls?: Call[];
  colleagues?: Colleague[];
  journal?: JournalEntry[];
}

const byId = <T extends { id: string }>(items: T[] = []): Record<string, T> => Object.fromEntries(items.map((item) => [item.id, item]));

/** A console state holding exactly the given parts, nothing else. */
export function consoleState(parts: ConsoleParts = {}): ConsoleState {
  return {
    connections: byId(parts.connections),
    lines: byId(parts.lines),
    calls: byId(parts.calls),
    colleagues: byId(parts.colleagues),
    journal: parts.journal ?? [],
  };
}

/** The usual console: the default connection online, its line, and the given calls; `parts` replaces any collection. */
export function consoleWith(calls: Call[] = [], parts: ConsoleParts = {}): ConsoleState {
  return consoleState({ connections: [connection()], lines: [line()], calls, ...parts });
}
