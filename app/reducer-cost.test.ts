/**
 * The reducer's work per event does not grow with the size of the
 * collections, when the caller owns them (the core, through OwnedState).
 * Work is counted, not timed: every collection is a Proxy that counts each
 * read and write of it, so copying a collection of n entries counts about 2n.
 */
import { describe, expect, it, vi } from 'vitest';
import { call, connection, consoleState, line } from './testing/fixtures';
import type { DomainEvent } from './events';
import type { Colleague, ConsoleState } from './model';
import { OwnedState, reduceAll, type Collection } from './reducer';

const COLLECTIONS: Collection[] = ['connections', 'lines', 'calls', 'colleagues'];

function colleague(i: number, activity: Colleague['activity'] = 'idle'): Colleague {
  return { id: `ts/u${i}`, connectionId: 'ts', name: `User ${i}`, number: String(2000 + i), registered: true, activity, calls: [] };
}

/** `size` connections, lines, calls (on the first line) and colleagues. */
function stateOf(size: number): ConsoleState {
  const others = Array.from({ length: size - 1 }, (_, i) => i + 1);
  return consoleState({
    connections: [connection(), ...others.map((i) => connection({ id: `c${i}` }))],
    lines: [line(), ...others.map((i) => line({ id: `ts/${3000 + i}` }))],
    calls: Array.from({ length: size }, (_, i) => call({ id: `ts/1101#${i}`, state: 'connected', actions: ['hold', 'hangup'] })),
    colleagues: Array.from({ length: size }, (_, i) => colleague(i)),
  });
}

/** Each collection of the state behind a Proxy counting every operation on it. */
function counted(state: ConsoleState): { state: ConsoleState; work: () => number } {
  let operations = 0;
  const count = <T extends object>(record: T): T =>
    new Proxy(record, {
      get: (target, key, receiver) => (operations++, Reflect.get(target, key, receiver)),
      set: (target, key, value, receiver) => (operations++, Reflect.set(target, key, value, receiver)),
      has: (target, key) => (operations++, Reflect.has(target, key)),
      ownKeys: (target) => (operations++, Reflect.ownKeys(target)),
      getOwnPropertyDescriptor: (target, key) => (operations++, Reflect.getOwnPropertyDescriptor(target, key)),
      defineProperty: (target, key, descriptor) => (operations++, Reflect.defineProperty(target, key, descriptor)),
      deleteProperty: (target, key) => (operations++, Reflect.deleteProperty(target, key)),
    });
  const wrapped: ConsoleState = {
    connections: count(state.connections),
    lines: count(state.lines),
    calls: count(state.calls),
    colleagues: count(state.colleagues),
    journal: state.journal,
  };
  return { state: wrapped, work: () => operations };
}

/** The operations on the collections that reducing `events` costs, with every collection owned by the caller (or none). */
function workOf(size: number, events: DomainEvent[], owner: 'owned' | 'pure' = 'owned'): number {
  const { state, work } = counted(stateOf(size));
  const { changes } = reduceAll(state, events, owner === 'owned' ? new Set(COLLECTIONS) : new Set());
  expect(changes.length).toBeGreaterThan(0);
  return work();
}

const EVENTS: [string, DomainEvent[]][] = [
  ['a call held', [{ type: 'callUpserted', call: call({ id: 'ts/1101#3', state: 'held', actions: ['retrieve', 'hangup'] }) }]],
  ['a call that rings', [{ type: 'callUpserted', call: call({ id: 'ts/1101#new' }) }]],
  ['a call that ends', [{ type: 'callEnded', callId: 'ts/1101#3', at: 5000 }]],
  ['a colleague busy', [{ type: 'colleagueUpserted', colleague: colleague(3, 'busy') }]],
  ['a colleague gone', [{ type: 'colleagueRemoved', colleagueId: 'ts/u3' }]],
  ['a line patched', [{ type: 'linePatched', lineId: 'ts/1101', patch: { dnd: true } }]],
  ['a connection status', [{ type: 'connectionStatus', status: connection({ state: 'offline' }) }]],
];

describe('reducer work per event', () => {
  it.each(EVENTS)('%s costs the same with 10 or 1,000 calls and colleagues in owned collections', (_, events) => {
    expect(workOf(1000, events)).toBe(workOf(10, events));
    // Constant and small: a handful of lookups and one write, not a pass over the collection.
    expect(workOf(1000, events)).toBeLessThan(10);
  });

  it('compares a call with its stored version without an ownership check per key', () => {
    // Object.hasOwn twice per key was most of the comparison: ~1.9 µs a call against ~0.7 µs (see sameData).
    const state = stateOf(1000);
    const same: DomainEvent = { type: 'callUpserted', call: call({ id: 'ts/1101#3', state: 'connected', actions: ['hold', 'hangup'] }) };
    const hasOwn = vi.spyOn(Object, 'hasOwn');
    try {
      expect(reduceAll(state, [same], new Set(COLLECTIONS)).changes).toEqual([]);
      expect(hasOwn).not.toHaveBeenCalled();
    } finally {
      hasOwn.mockRestore();
    }
  });

  it('a batch costs the sum of its events, not a copy per batch', () => {
    const batch: DomainEvent[] = [
      { type: 'callUpserted', call: call({ id: 'ts/1101#3', state: 'held', actions: ['retrieve', 'hangup'] }) },
      { type: 'colleagueUpserted', colleague: colleague(4, 'busy') },
    ];
    expect(workOf(1000, batch)).toBe(workOf(10, batch));
  });

  it('a resync of every line passes over the calls once, not once per line', () => {
    const resyncWork = (lines: number, callsPerLine: number) => {
      const lineIds = Array.from({ length: lines }, (_, l) => `ts/${3000 + l}`);
      const callsOf = (lineId: string) => Array.from({ length: callsPerLine }, (_, i) => call({ id: `${lineId}#${i}`, lineId }));
      const { state, work } = counted(
        consoleState({ connections: [connection()], lines: lineIds.map((id) => line({ id })), calls: lineIds.flatMap(callsOf) }),
      );
      // Every line's calls as they are, but the first line's first call has ended.
      const events: DomainEvent[] = lineIds.map((lineId, l) => ({
        type: 'lineCallsReplaced',
        lineId,
        calls: callsOf(lineId).slice(l === 0 ? 1 : 0),
        at: 9,
      }));
      const { changes } = reduceAll(state, events, new Set(COLLECTIONS));
      expect(changes.map((c) => c.op)).toEqual(['delete', 'journal']);
      return work();
    };
    // 10 calls on each of 100 lines: one pass to index them and two lookups a call (6 operations a call); 100 passes were ~200,000.
    expect(resyncWork(100, 10)).toBeLessThan(7 * 1000);
    expect(resyncWork(100, 10)).toBeLessThan(resyncWork(10, 100) * 1.2);
  });

  it('copies (work in proportion to the collection) only what the caller does not own', () => {
    const [, held] = EVENTS[0];
    expect(workOf(1000, held, 'pure')).toBeGreaterThan(2000);
    expect(workOf(1000, held, 'pure') - workOf(10, held, 'pure')).toBeGreaterThan(1900);
  });
});

describe('OwnedState', () => {
  const hold = (i: number, state: 'held' | 'connected'): DomainEvent => ({
    type: 'callUpserted',
    call: call({ id: `ts/1101#${i}`, state, actions: state === 'held' ? ['retrieve'] : ['hold'] }),
  });

  it('edits its own collections in place between shares, and never a state it handed out', () => {
    const initial = stateOf(3);
    const frozen = structuredClone(initial);
    const store = new OwnedState(initial);
    store.reduce([hold(0, 'held')]);
    expect(initial).toEqual(frozen); // the constructor's state stays the caller's
    const calls = store.peek().calls;
    store.reduce([hold(1, 'held')]);
    expect(store.peek().calls).toBe(calls); // in place: no copy while nobody else holds it

    const shared = store.share();
    const sharedCopy = structuredClone(shared);
    store.reduce([hold(2, 'held'), hold(0, 'connected'), { type: 'colleagueRemoved', colleagueId: 'ts/u1' }]);
    store.reduce([{ type: 'callEnded', callId: 'ts/1101#1', at: 9000 }]);
    expect(shared).toEqual(sharedCopy);
    expect(store.peek().calls).not.toBe(shared.calls);
    expect(store.peek().calls['ts/1101#1']).toBeUndefined();
    expect(store.peek().calls['ts/1101#2']?.state).toBe('held');
    expect(store.peek().colleagues['ts/u1']).toBeUndefined();
    expect(shared.colleagues['ts/u1']).toBeDefined();
  });

  it('reaches the same state as the pure reducer', () => {
    const events: DomainEvent[][] = [
      [hold(0, 'held')],
      [hold(1, 'held'), hold(0, 'connected')],
      [{ type: 'callEnded', callId: 'ts/1101#2', at: 9 }],
    ];
    const store = new OwnedState(stateOf(3));
    let pure = stateOf(3);
    events.forEach((batch, i) => {
      store.reduce(batch);
      pure = reduceAll(pure, batch).state;
      if (i === 1) store.share();
    });
    expect(store.peek()).toEqual(pure);
  });

  it("keeps an id '__proto__' an entry when editing in place", () => {
    const store = new OwnedState(stateOf(1));
    store.reduce([hold(5, 'held')]); // owns the calls from here on
    store.reduce([{ type: 'callUpserted', call: call({ id: '__proto__' }) }]);
    const { calls } = store.peek();
    expect(Object.hasOwn(calls, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(calls)).toBe(Object.prototype);
    expect(Object.keys(calls)).toContain('__proto__');
  });
});
