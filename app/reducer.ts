import type { DomainEvent } from './events';
import { JOURNAL_LIMIT, type Call, type Colleague, type ConsoleState, type JournalEntry, type JournalOutcome } from './model';

/**
 * A change to the published state. Subscribers apply these in order to the
 * snapshot they were given; `applyChanges` is the one implementation.
 */
export type Collection = 'connections' | 'lines' | 'calls' | 'colleagues';

/** What each collection holds. */
type EntityOf = { [C in Collection]: ConsoleState[C][string] };

export type StateChange =
  | { [C in Collection]: { op: 'set'; collection: C; id: string; value: EntityOf[C] } }[Collection]
  | { op: 'delete'; collection: Collection; id: string }
  | { op: 'journal'; entry: JournalEntry };

export interface Reduction {
  state: ConsoleState;
  changes: StateChange[];
}

/** Pure: returns the next state (structurally shared) and what changed. */
export function reduce(state: ConsoleState, event: DomainEvent): Reduction {
  return reduceAll(state, [event]);
}

/**
 * Applies events in order, as `reduce` one by one would.
 *
 * Contract: `owned` names the collections of `base` that the caller owns
 * alone — no snapshot anyone else holds contains them. Those are edited in
 * place. Every other collection an event touches is copied once (so `base`
 * and whatever else shares it stay as they were) and added to `owned`: the
 * copy belongs to the caller from then on. Without `owned` (tests, every
 * holder of old states) the call is pure: each touched collection is copied
 * once for the batch and `base` never changes. A copy costs as much as the
 * collection is large, so the core (OwnedState) passes its set and copies
 * only after it handed its state out; a batch then costs what it changed.
 */
export function reduceAll(base: ConsoleState, events: readonly DomainEvent[], owned: Set<Collection> = new Set()): Reduction {
  const batch = new Batch(base, owned);
  for (const event of events) batch.apply(event);
  return { state: batch.next, changes: batch.changes };
}

/** One reduceAll: a class, not closures, as it runs for every batch of the ingest path. */
class Batch {
  readonly changes: StateChange[] = [];
  /**
   * Call ids by line, built on the first event that needs it: a resync of every line then costs one pass over the
   * calls, not one per line. Entries are checked when read (a call may have ended or moved since).
   */
  private idsByLine: Map<string, Set<string>> | undefined;

  constructor(
    public next: ConsoleState,
    private readonly owned: Set<Collection>,
  ) {}

  /** The collection to write to: the caller's own, or a copy made once for the batch (and owned from then on). */
  private edit<K extends Collection>(collection: K): ConsoleState[K] {
    if (!this.owned.has(collection)) {
      this.next = { ...this.next, [collection]: { ...this.next[collection] } };
      this.owned.add(collection);
    }
    return this.next[collection];
  }

  private index(call: Call): void {
    if (!this.idsByLine) return;
    let ids = this.idsByLine.get(call.lineId);
    if (!ids) this.idsByLine.set(call.lineId, (ids = new Set()));
    ids.add(call.id);
  }

  private callsOn(lineId: string): Call[] {
    if (!this.idsByLine) {
      this.idsByLine = new Map();
      for (const call of Object.values(this.next.calls)) this.index(call);
    }
    const calls: Call[] = [];
    for (const id of this.idsByLine.get(lineId) ?? []) {
      const call = own(this.next.calls, id);
      if (call?.lineId === lineId) calls.push(call);
    }
    return calls;
  }

  private setCall(call: Call): void {
    put(this.edit('calls'), call.id, call);
    this.index(call);
    this.changes.push({ op: 'set', collection: 'calls', id: call.id, value: call });
  }

  private setColleague(colleague: Colleague): void {
    const previous = own(this.next.colleagues, colleague.id);
    if (previous && sameData(previous, colleague)) return;
    put(this.edit('colleagues'), colleague.id, colleague);
    this.changes.push({ op: 'set', collection: 'colleagues', id: colleague.id, value: colleague });
  }

  private endCall(call: Call, at: number): void {
    delete this.edit('calls')[call.id];
    this.changes.push({ op: 'delete', collection: 'calls', id: call.id });
    const entry = journalEntryFor(call, at);
    this.next = { ...this.next, journal: [entry, ...this.next.journal].slice(0, JOURNAL_LIMIT) };
    this.changes.push({ op: 'journal', entry });
  }

  apply(event: DomainEvent): void {
    switch (event.type) {
      case 'connectionStatus': {
        put(this.edit('connections'), event.status.id, event.status);
        this.changes.push({ op: 'set', collection: 'connections', id: event.status.id, value: event.status });
        break;
      }
      case 'lineUpserted': {
        put(this.edit('lines'), event.line.id, event.line);
        this.changes.push({ op: 'set', collection: 'lines', id: event.line.id, value: event.line });
        break;
      }
      case 'linePatched': {
        const line = own(this.next.lines, event.lineId);
        if (!line) break;
        const updated = { ...line, ...event.patch };
        put(this.edit('lines'), line.id, updated);
        this.changes.push({ op: 'set', collection: 'lines', id: line.id, value: updated });
        break;
      }
      case 'lineRemoved': {
        if (!own(this.next.lines, event.lineId)) break;
        delete this.edit('lines')[event.lineId];
        this.changes.push({ op: 'delete', collection: 'lines', id: event.lineId });
        for (const call of this.callsOn(event.lineId)) {
          delete this.edit('calls')[call.id];
          this.changes.push({ op: 'delete', collection: 'calls', id: call.id });
        }
        break;
      }
      case 'callUpserted': {
        const previous = own(this.next.calls, event.call.id);
        if (previous && sameCall(previous, event.call)) break;
        this.setCall(event.call);
        break;
      }
      case 'callEnded': {
        const call = own(this.next.calls, event.callId);
        if (call) this.endCall(call, event.at);
        break;
      }
      case 'lineCallsReplaced': {
        const keep = new Set(event.calls.map((c) => c.id));
        for (const call of this.callsOn(event.lineId)) if (!keep.has(call.id)) this.endCall(call, event.at);
        for (const call of event.calls) {
          const previous = own(this.next.calls, call.id);
          if (previous && sameCall(previous, call)) continue;
          this.setCall(call);
        }
        break;
      }
      case 'connectionRemoved': {
        if (own(this.next.connections, event.connectionId)) {
          delete this.edit('connections')[event.connectionId];
          this.changes.push({ op: 'delete', collection: 'connections', id: event.connectionId });
        }
        for (const line of Object.values(this.next.lines)) {
          if (line.connectionId === event.connectionId) {
            delete this.edit('lines')[line.id];
            this.changes.push({ op: 'delete', collection: 'lines', id: line.id });
          }
        }
        for (const call of Object.values(this.next.calls)) {
          if (call.connectionId === event.connectionId) {
            delete this.edit('calls')[call.id];
            this.changes.push({ op: 'delete', collection: 'calls', id: call.id });
          }
        }
        for (const colleague of Object.values(this.next.colleagues)) {
          if (colleague.connectionId === event.connectionId) {
            delete this.edit('colleagues')[colleague.id];
            this.changes.push({ op: 'delete', collection: 'colleagues', id: colleague.id });
          }
        }
        break;
      }
      case 'colleaguesReplaced': {
        const keep = new Set(event.colleagues.map((c) => c.id));
        for (const colleague of Object.values(this.next.colleagues)) {
          if (colleague.connectionId === event.connectionId && !keep.has(colleague.id)) {
            delete this.edit('colleagues')[colleague.id];
            this.changes.push({ op: 'delete', collection: 'colleagues', id: colleague.id });
          }
        }
        for (const colleague of event.colleagues) this.setColleague(colleague);
        break;
      }
      case 'colleagueUpserted':
        this.setColleague(event.colleague);
        break;
      case 'colleagueRemoved': {
        if (!own(this.next.colleagues, event.colleagueId)) break;
        delete this.edit('colleagues')[event.colleagueId];
        this.changes.push({ op: 'delete', collection: 'colleagues', id: event.colleagueId });
        break;
      }
      case 'historyMerged': {
        const known = new Set(this.next.journal.map((j) => j.callId));
        const fresh = event.entries.filter((e) => !known.has(e.callId));
        if (fresh.length === 0) break;
        const merged = [...this.next.journal, ...fresh].sort((a, b) => b.endedAt - a.endedAt).slice(0, JOURNAL_LIMIT);
        this.next = { ...this.next, journal: merged };
        for (const entry of fresh) if (merged.includes(entry)) this.changes.push({ op: 'journal', entry });
        break;
      }
    }
  }
}

/**
 * The one owner's console state (the core's), reduced in place between the
 * times it is handed out: a batch of events costs what it changed, not the
 * size of the collections it touched.
 *
 * - `share()` hands the state out (a snapshot for a subscriber, getState):
 *   whoever receives it may keep it, so none of its collections is ever
 *   edited again; the next batch that touches one copies it first, once.
 * - `peek()` is for reads finished before the next `reduce` (the owner's own
 *   lookups while it handles a command or a batch): never keep what it returns.
 */
export class OwnedState {
  private state: ConsoleState;
  /** Collections of `state` that nobody outside holds (see reduceAll's contract). */
  private readonly owned = new Set<Collection>();

  /** `initial` is never edited: it stays the caller's. */
  constructor(initial: ConsoleState) {
    this.state = initial;
  }

  peek(): ConsoleState {
    return this.state;
  }

  share(): ConsoleState {
    this.owned.clear();
    return this.state;
  }

  reduce(events: readonly DomainEvent[]): StateChange[] {
    try {
      const { state, changes } = reduceAll(this.state, events, this.owned);
      this.state = state;
      return changes;
    } catch (error) {
      // A copy made in the failed batch is in `owned` but not in `state`: own nothing rather than edit a shared collection.
      this.owned.clear();
      throw error;
    }
  }
}

export function journalEntryFor(call: Call, endedAt: number): JournalEntry {
  const { connectedAt } = call;
  const answered = connectedAt !== undefined;
  return {
    callId: call.id,
    lineId: call.lineId,
    connectionId: call.connectionId,
    direction: call.direction,
    remote: call.remote,
    startedAt: call.startedAt,
    endedAt,
    answered,
    ...(connectedAt !== undefined ? { answeredAt: connectedAt } : {}),
    outcome: endOutcome(call),
    talkSeconds: connectedAt !== undefined ? Math.max(0, Math.round((endedAt - connectedAt) / 1000)) : 0,
  };
}

/** How the call ended as far as its last state tells (the core adds where the receptionist handed it to). */
function endOutcome(call: Call): JournalOutcome {
  if (call.cause === 'transfer') return 'transferred';
  if (call.cause === 'redirect' && call.direction === 'incoming') return 'diverted';
  if (call.connectedAt !== undefined) return 'answered';
  return call.direction === 'incoming' ? 'missed' : 'not-reached';
}

/**
 * Applies published changes to a snapshot (used by every subscriber, e.g. the renderer store). Pure: each
 * collection the changes touch is copied once per call, since the renderer's memoised selectors take a new
 * collection object to mean "changed". That copy costs the collection's size (about 1 ms for 1,000 calls,
 * `npx tsx scripts/bench-portasip.ts --ingest-only`), so a subscriber that gets many patches is better off
 * applying them together: one call with their changes concatenated copies each collection once.
 */
export function applyChanges(state: ConsoleState, changes: readonly StateChange[]): ConsoleState {
  let next = state;
  const copied = new Set<string>();
  const edit = <C extends Collection>(collection: C): ConsoleState[C] => {
    if (!copied.has(collection)) {
      next = { ...next, [collection]: { ...next[collection] } };
      copied.add(collection);
    }
    return next[collection];
  };
  const journal: JournalEntry[] = [];
  for (const change of changes) {
    if (change.op === 'journal') journal.unshift(change.entry);
    else if (change.op === 'delete') delete edit(change.collection)[change.id];
    else if (change.collection === 'connections') put(edit('connections'), change.id, change.value);
    else if (change.collection === 'lines') put(edit('lines'), change.id, change.value);
    else if (change.collection === 'calls') put(edit('calls'), change.id, change.value);
    else put(edit('colleagues'), change.id, change.value);
  }
  if (journal.length) {
    // Newest first; vendor history may bring records older than the ones already shown.
    const merged = [...journal, ...next.journal].sort((a, b) => b.endedAt - a.endedAt);
    next = { ...next, journal: merged.slice(0, JOURNAL_LIMIT) };
  }
  return next;
}

/**
 * Stores a value under an id from the network as an own property, whatever the id: a plain `record[id] = value`
 * with the id "__proto__" would replace the record's prototype instead of adding an entry.
 */
function put<T>(record: Record<string, T>, id: string, value: T): void {
  // Plain assignment for every other id: this runs for each event of the ingest path.
  if (id === '__proto__') Object.defineProperty(record, id, { value, enumerable: true, writable: true, configurable: true });
  else record[id] = value;
}

/**
 * The entry stored under an id, never something inherited ("__proto__", "constructor"). Entries are model
 * objects, and what a plain record inherits is a method or, under "__proto__", Object.prototype itself: so one
 * lookup, not Object.hasOwn and then the lookup (finding an id among 1,000 calls is a fifth of the reducer's time).
 */
function own<T>(record: Record<string, T>, id: string): T | undefined {
  const value = record[id];
  return typeof value === 'function' || value === Object.prototype ? undefined : value;
}

/**
 * Cheap structural equality for calls, so repeated identical vendor events publish nothing. A call that changed
 * mostly differs in its state or in how many actions it has (held, retrieved, Hang up gained or lost): those two are
 * compared first, so such a call costs no walk (equal calls agree on both, so the answer is sameData's).
 */
function sameCall(a: Call, b: Call): boolean {
  return a.state === b.state && a.actions?.length === b.actions?.length && sameData(a, b);
}

/**
 * Equality of model data (plain objects, arrays, strings, numbers, booleans) as JSON would see it: a property
 * whose value is undefined counts as absent. Hand-written because it runs for every call and colleague event:
 * comparing two equal fixture calls took ~12 µs with two JSON.stringify calls and ~2.5 µs with this (1,000 calls, tsx).
 *
 * No Object.hasOwn per key: model data are plain objects and arrays, whose prototypes have no enumerable
 * properties, so for…in sees only their own keys, and a key absent from `b` reads undefined there. The two
 * hasOwn calls per key were most of the cost: a held call against its connected self took ~1.9 µs with them,
 * ~0.7 µs without (tsx, 1,000 calls; app/reducer.test.ts checks absent against undefined keys and "__proto__").
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  // `record[key]` inside `for (key in record)`, not Reflect.get: V8 then reads the field by the enumeration's own
  // index instead of looking each name up.
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const key in x) {
    const value = x[key];
    if (value === undefined) continue;
    const other = y[key];
    if (value !== other && !sameData(value, other)) return false;
    defined++;
  }
  for (const key in y) if (y[key] !== undefined) defined--;
  return defined === 0;
}
