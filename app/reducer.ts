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
 * Pure: applies events in order, as `reduce` one by one would, but copies
 * each touched collection once for the whole batch. With a thousand calls a
 * collection copy costs far more than the event itself, so the core hands
 * over everything that arrived in one turn of the event loop at once.
 */
export function reduceAll(base: ConsoleState, events: readonly DomainEvent[]): Reduction {
  const changes: StateChange[] = [];
  let next = base;
  const copied = new Set<Collection>();
  const edit = <K extends Collection>(collection: K): ConsoleState[K] => {
    if (!copied.has(collection)) {
      next = { ...next, [collection]: { ...next[collection] } };
      copied.add(collection);
    }
    return next[collection];
  };
  const setCall = (call: Call) => {
    put(edit('calls'), call.id, call);
    changes.push({ op: 'set', collection: 'calls', id: call.id, value: call });
  };
  const setColleague = (colleague: Colleague) => {
    const previous = own(next.colleagues, colleague.id);
    if (previous && JSON.stringify(previous) === JSON.stringify(colleague)) return;
    put(edit('colleagues'), colleague.id, colleague);
    changes.push({ op: 'set', collection: 'colleagues', id: colleague.id, value: colleague });
  };
  const endCall = (call: Call, at: number) => {
    delete edit('calls')[call.id];
    changes.push({ op: 'delete', collection: 'calls', id: call.id });
    const entry = journalEntryFor(call, at);
    next = { ...next, journal: [entry, ...next.journal].slice(0, JOURNAL_LIMIT) };
    changes.push({ op: 'journal', entry });
  };

  for (const event of events) {
    switch (event.type) {
      case 'connectionStatus': {
        put(edit('connections'), event.status.id, event.status);
        changes.push({ op: 'set', collection: 'connections', id: event.status.id, value: event.status });
        break;
      }
      case 'lineUpserted': {
        put(edit('lines'), event.line.id, event.line);
        changes.push({ op: 'set', collection: 'lines', id: event.line.id, value: event.line });
        break;
      }
      case 'linePatched': {
        const line = own(next.lines, event.lineId);
        if (!line) break;
        const updated = { ...line, ...event.patch };
        put(edit('lines'), line.id, updated);
        changes.push({ op: 'set', collection: 'lines', id: line.id, value: updated });
        break;
      }
      case 'lineRemoved': {
        if (!own(next.lines, event.lineId)) break;
        delete edit('lines')[event.lineId];
        changes.push({ op: 'delete', collection: 'lines', id: event.lineId });
        for (const call of Object.values(next.calls)) {
          if (call.lineId === event.lineId) {
            delete edit('calls')[call.id];
            changes.push({ op: 'delete', collection: 'calls', id: call.id });
          }
        }
        break;
      }
      case 'callUpserted': {
        const previous = own(next.calls, event.call.id);
        if (previous && sameCall(previous, event.call)) break;
        setCall(event.call);
        break;
      }
      case 'callEnded': {
        const call = own(next.calls, event.callId);
        if (call) endCall(call, event.at);
        break;
      }
      case 'lineCallsReplaced': {
        const keep = new Set(event.calls.map((c) => c.id));
        for (const call of Object.values(next.calls)) {
          if (call.lineId === event.lineId && !keep.has(call.id)) endCall(call, event.at);
        }
        for (const call of event.calls) {
          const previous = own(next.calls, call.id);
          if (previous && sameCall(previous, call)) continue;
          setCall(call);
        }
        break;
      }
      case 'connectionRemoved': {
        if (own(next.connections, event.connectionId)) {
          delete edit('connections')[event.connectionId];
          changes.push({ op: 'delete', collection: 'connections', id: event.connectionId });
        }
        for (const line of Object.values(next.lines)) {
          if (line.connectionId === event.connectionId) {
            delete edit('lines')[line.id];
            changes.push({ op: 'delete', collection: 'lines', id: line.id });
          }
        }
        for (const call of Object.values(next.calls)) {
          if (call.connectionId === event.connectionId) {
            delete edit('calls')[call.id];
            changes.push({ op: 'delete', collection: 'calls', id: call.id });
          }
        }
        for (const colleague of Object.values(next.colleagues)) {
          if (colleague.connectionId === event.connectionId) {
            delete edit('colleagues')[colleague.id];
            changes.push({ op: 'delete', collection: 'colleagues', id: colleague.id });
          }
        }
        break;
      }
      case 'colleaguesReplaced': {
        const keep = new Set(event.colleagues.map((c) => c.id));
        for (const colleague of Object.values(next.colleagues)) {
          if (colleague.connectionId === event.connectionId && !keep.has(colleague.id)) {
            delete edit('colleagues')[colleague.id];
            changes.push({ op: 'delete', collection: 'colleagues', id: colleague.id });
          }
        }
        for (const colleague of event.colleagues) setColleague(colleague);
        break;
      }
      case 'colleagueUpserted':
        setColleague(event.colleague);
        break;
      case 'colleagueRemoved': {
        if (!own(next.colleagues, event.colleagueId)) break;
        delete edit('colleagues')[event.colleagueId];
        changes.push({ op: 'delete', collection: 'colleagues', id: event.colleagueId });
        break;
      }
      case 'historyMerged': {
        const known = new Set(next.journal.map((j) => j.callId));
        const fresh = event.entries.filter((e) => !known.has(e.callId));
        if (fresh.length === 0) break;
        const merged = [...next.journal, ...fresh].sort((a, b) => b.endedAt - a.endedAt).slice(0, JOURNAL_LIMIT);
        next = { ...next, journal: merged };
        for (const entry of fresh) if (merged.includes(entry)) changes.push({ op: 'journal', entry });
        break;
      }
    }
  }
  return { state: next, changes };
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

/** Applies published changes to a snapshot (used by every subscriber, e.g. the renderer store). */
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

/** The entry stored under an id, never something inherited ("__proto__", "constructor"). */
function own<T>(record: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** Cheap structural equality for calls, so repeated identical vendor events publish nothing. */
function sameCall(a: Call, b: Call): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
