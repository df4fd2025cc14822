import { describe, expect, it } from 'vitest';
import type { DomainEvent } from './events';
import { emptyConsoleState, type Call, type ConsoleState, type Line } from './model';
import { applyChanges, reduce, reduceAll, type StateChange } from './reducer';

const line: Line = {
  id: 'ts/1100',
  connectionId: 'ts',
  vendor: 'telserver',
  number: '1100',
  label: 'Reception',
  country: 'EE',
  capabilities: ['dial'],
  dnd: false,
  forwards: [],
  messageWaiting: false,
};
const call = (id: string, extra: Partial<Call> = {}): Call => ({
  id,
  lineId: 'ts/1100',
  connectionId: 'ts',
  direction: 'incoming',
  state: 'ringing',
  remote: { number: '+3726401234' },
  conference: false,
  startedAt: 1000,
  actions: ['answer'],
  ...extra,
});

function run(events: DomainEvent[], start: ConsoleState = emptyConsoleState()) {
  let state = start;
  let mirror = start;
  for (const event of events) {
    const r = reduce(state, event);
    state = r.state;
    mirror = applyChanges(mirror, r.changes);
  }
  return { state, mirror };
}

describe('reduce', () => {
  it('adds, updates and ends calls, journalling the ended call', () => {
    const { state, mirror } = run([
      { type: 'lineUpserted', line },
      { type: 'callUpserted', call: call('a') },
      { type: 'callUpserted', call: call('a', { state: 'connected', connectedAt: 2000, actions: ['hangup'] }) },
      { type: 'callEnded', callId: 'a', at: 62_000 },
    ]);
    expect(state.calls).toEqual({});
    expect(state.journal).toHaveLength(1);
    expect(state.journal[0]).toMatchObject({ callId: 'a', answered: true, talkSeconds: 60, endedAt: 62_000 });
    expect(mirror).toEqual(state);
  });

  it('journals an unanswered call as not answered', () => {
    const { state } = run([
      { type: 'callUpserted', call: call('a') },
      { type: 'callEnded', callId: 'a', at: 5000 },
    ]);
    expect(state.journal[0]).toMatchObject({ answered: false, talkSeconds: 0 });
  });

  it('publishes nothing for an identical call or an unknown call ending', () => {
    const first = reduce(emptyConsoleState(), { type: 'callUpserted', call: call('a') });
    expect(reduce(first.state, { type: 'callUpserted', call: call('a') }).changes).toEqual([]);
    expect(reduce(first.state, { type: 'callEnded', callId: 'zzz', at: 1 }).changes).toEqual([]);
  });

  it('compares calls as data: key order and absent-versus-undefined fields publish nothing, a nested change does', () => {
    const first = reduce(emptyConsoleState(), { type: 'callUpserted', call: call('a', { remote: { number: '1', name: 'Ann' } }) });
    const reordered: Call = { ...call('a'), remote: { name: 'Ann', number: '1' }, connectedAt: undefined };
    expect(reduce(first.state, { type: 'callUpserted', call: reordered }).changes).toEqual([]);
    const renamed = call('a', { remote: { number: '1', name: 'Anna' } });
    expect(reduce(first.state, { type: 'callUpserted', call: renamed }).changes).toEqual([
      { op: 'set', collection: 'calls', id: 'a', value: renamed },
    ]);
    const moreActions = call('a', { remote: { number: '1', name: 'Ann' }, actions: ['answer', 'divert'] });
    expect(reduce(first.state, { type: 'callUpserted', call: moreActions }).changes).toHaveLength(1);
    const withField = call('a', { remote: { number: '1', name: 'Ann' }, connectedAt: 5 });
    expect(reduce(first.state, { type: 'callUpserted', call: withField }).changes).toHaveLength(1);
  });

  it('replaces a line calls on resync: stale calls go, the others stay untouched', () => {
    const { state: before } = run([
      { type: 'lineUpserted', line },
      { type: 'callUpserted', call: call('stale') },
      { type: 'callUpserted', call: call('kept') },
      { type: 'callUpserted', call: call('other-line', { lineId: 'ts/1101' }) },
    ]);
    const r = reduce(before, { type: 'lineCallsReplaced', lineId: 'ts/1100', calls: [call('kept'), call('new')], at: 9000 });
    expect(Object.keys(r.state.calls).sort()).toEqual(['kept', 'new', 'other-line']);
    expect(r.changes.map((c) => (c.op === 'journal' ? 'journal' : `${c.op}:${c.id}`))).toEqual(['delete:stale', 'journal', 'set:new']);
    expect(applyChanges(before, r.changes)).toEqual(r.state);
  });

  it('applies patches together as it applies them one by one (a subscriber may coalesce them)', () => {
    const batches: DomainEvent[][] = [
      [
        { type: 'lineUpserted', line },
        { type: 'callUpserted', call: call('a') },
        { type: 'callUpserted', call: call('b') },
      ],
      [
        { type: 'callUpserted', call: call('a', { state: 'connected', connectedAt: 2000 }) },
        { type: 'callEnded', callId: 'b', at: 3000 },
      ],
      [
        { type: 'callEnded', callId: 'a', at: 4000 },
        { type: 'callUpserted', call: call('c') },
        { type: 'linePatched', lineId: line.id, patch: { dnd: true } },
      ],
    ];
    let state = emptyConsoleState();
    const patches: StateChange[][] = [];
    for (const batch of batches) {
      const r = reduceAll(state, batch);
      state = r.state;
      patches.push(r.changes);
    }
    const oneByOne = patches.reduce((mirror, changes) => applyChanges(mirror, changes), emptyConsoleState());
    expect(applyChanges(emptyConsoleState(), patches.flat())).toEqual(oneByOne);
    expect(oneByOne).toEqual(state);
  });

  it('does not mutate the previous state', () => {
    const s0 = emptyConsoleState();
    const frozen = JSON.stringify(s0);
    reduce(s0, { type: 'callUpserted', call: call('a') });
    expect(JSON.stringify(s0)).toBe(frozen);
  });

  it('patches a line and ignores a patch for an unknown line', () => {
    const { state } = run([
      { type: 'lineUpserted', line },
      { type: 'linePatched', lineId: 'ts/1100', patch: { dnd: true } },
    ]);
    expect(state.lines['ts/1100'].dnd).toBe(true);
    expect(reduce(state, { type: 'linePatched', lineId: 'nope', patch: { dnd: true } }).changes).toEqual([]);
  });

  it('removes a line with its calls, and a connection with everything it had', () => {
    const setup: DomainEvent[] = [
      { type: 'connectionStatus', status: { id: 'ts', vendor: 'telserver', label: 'TS', state: 'online', since: 1 } },
      { type: 'lineUpserted', line },
      { type: 'callUpserted', call: call('a') },
    ];
    expect(run([...setup, { type: 'lineRemoved', lineId: 'ts/1100' }]).state.calls).toEqual({});
    const { state, mirror } = run([...setup, { type: 'connectionRemoved', connectionId: 'ts' }]);
    expect(state).toEqual({ ...emptyConsoleState() });
    expect(mirror).toEqual(state);
  });

  it('keeps connection statuses', () => {
    const { state } = run([
      { type: 'connectionStatus', status: { id: 'ts', vendor: 'telserver', label: 'TS', state: 'offline', since: 5, retryAt: 9 } },
    ]);
    expect(state.connections.ts.state).toBe('offline');
  });

  it('keeps the presence grid: replace, upsert, remove, and drops it with its connection', () => {
    const colleague = (id: string, activity: 'idle' | 'busy' = 'idle') => ({
      id: `ip/${id}`,
      connectionId: 'ip',
      name: id,
      number: id,
      registered: true,
      activity,
      calls: [],
    });
    const { state, mirror } = run([
      { type: 'colleaguesReplaced', connectionId: 'ip', colleagues: [colleague('a'), colleague('b')] },
      { type: 'colleagueUpserted', colleague: colleague('a', 'busy') },
      { type: 'colleaguesReplaced', connectionId: 'ip', colleagues: [colleague('a', 'busy'), colleague('c')] },
    ]);
    expect(Object.keys(state.colleagues).sort()).toEqual(['ip/a', 'ip/c']);
    expect(state.colleagues['ip/a'].activity).toBe('busy');
    expect(mirror).toEqual(state);
    expect(reduce(state, { type: 'colleagueUpserted', colleague: colleague('a', 'busy') }).changes).toEqual([]);
    const removed = reduce(state, { type: 'colleagueRemoved', colleagueId: 'ip/c' });
    expect(Object.keys(removed.state.colleagues)).toEqual(['ip/a']);
    expect(reduce(state, { type: 'connectionRemoved', connectionId: 'ip' }).state.colleagues).toEqual({});
  });

  it('merges vendor history by call id, newest first', () => {
    const entry = (callId: string, endedAt: number) => ({
      callId,
      lineId: 'tl/1',
      direction: 'incoming' as const,
      remote: { number: '+3725123456' },
      startedAt: endedAt - 10,
      endedAt,
      answered: false,
      talkSeconds: 0,
      source: 'vendor' as const,
    });
    const { state, mirror } = run([
      { type: 'historyMerged', entries: [entry('h1', 100), entry('h2', 300)] },
      { type: 'historyMerged', entries: [entry('h2', 300), entry('h3', 200)] },
    ]);
    expect(state.journal.map((j) => j.callId)).toEqual(['h2', 'h3', 'h1']);
    expect(mirror.journal).toEqual(state.journal);
    expect(reduce(state, { type: 'historyMerged', entries: [entry('h1', 100)] }).changes).toEqual([]);
  });
});

describe('ids from the network', () => {
  it('stores an entry with the id "__proto__" as an entry, pollutes no prototype, and ends it again', () => {
    const hostile = call('__proto__');
    const { state, changes } = reduce(emptyConsoleState(), { type: 'callUpserted', call: hostile });
    expect(Object.getPrototypeOf(state.calls)).toBe(Object.prototype);
    expect(Object.keys(state.calls)).toEqual(['__proto__']);
    expect(Object.hasOwn(state.calls, '__proto__')).toBe(true);
    expect(Object.hasOwn(Object.prototype, 'lineId')).toBe(false);
    // The renderer applies the same change to its copy (which came through JSON).
    const mirrored = applyChanges(
      JSON.parse(JSON.stringify(emptyConsoleState())) as ConsoleState,
      JSON.parse(JSON.stringify(changes)) as StateChange[],
    );
    expect(Object.keys(mirrored.calls)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(mirrored.calls)).toBe(Object.prototype);
    const ended = reduce(state, { type: 'callEnded', callId: '__proto__', at: 1 });
    expect(Object.keys(ended.state.calls)).toEqual([]);
  });

  it('does not take an inherited name for an entry: ending "constructor" ends nothing', () => {
    const { changes } = reduce(emptyConsoleState(), { type: 'callEnded', callId: 'constructor', at: 1 });
    expect(changes).toEqual([]);
  });
});
