/**
 * Caller identification: a call whose PBX gives only a number gets the name
 * and company the directory has for it, before the call enters the state —
 * the same patch that shows the call names it. An extension is looked up on
 * the call's connection, then among the local contacts.
 */
import type { DomainEvent } from '../../../app/events';
import type { Call, ConsoleState, Line, Party } from '../../../app/model';
import { DEFAULT_COUNTRY } from '../../../app/config';
import { isWithheld } from '../../../app/phone';
import type { Directory } from './directory';

/** Names the calls of the events (replacing those events in the array); calls the PBX already named are left as they are. */
export function identifyCallers(events: DomainEvent[], state: ConsoleState, directory: Directory): void {
  if (directory.size === 0) return;
  const lines = new Map<string, Line>();
  events.forEach((event, i) => {
    if (event.type === 'lineUpserted') lines.set(event.line.id, event.line);
    else if (event.type === 'callUpserted') {
      const call = named(event.call, lines.get(event.call.lineId) ?? state.lines[event.call.lineId], directory);
      if (call !== event.call) events[i] = { ...event, call };
    } else if (event.type === 'lineCallsReplaced') {
      const line = lines.get(event.lineId) ?? state.lines[event.lineId];
      const calls = event.calls.map((call) => named(call, line, directory));
      if (calls.some((call, j) => call !== event.calls[j])) events[i] = { ...event, calls };
    }
  });
}

function named(call: Call, line: Line | undefined, directory: Directory): Call {
  const country = line?.country ?? DEFAULT_COUNTRY;
  const remote = namedParty(call.remote, call.connectionId, country, directory);
  const redirectedBy = call.redirectedBy && namedParty(call.redirectedBy, call.connectionId, country, directory);
  if (remote === call.remote && redirectedBy === call.redirectedBy) return call;
  return { ...call, remote, ...(redirectedBy ? { redirectedBy } : {}) };
}

/**
 * Where the directory keeps the receptionist's contacts: on no connection. A contact's short number (an internal
 * colleague's extension typed in by hand) names a caller whose PBX gives only that extension, on whichever connection
 * the call comes — after that connection's own users, who win: the PBX knows its extensions best.
 */
const CONTACTS_CONNECTION = '';

function namedParty(party: Party, connectionId: string, country: string, directory: Directory): Party {
  if (party.name?.trim() || isWithheld(party.number)) return party;
  const found = directory.identify(party.number, connectionId, country) ?? directory.identify(party.number, CONTACTS_CONNECTION, country);
  if (!found) return party;
  // Copied, then named: a spread copy that gains a field takes a fresh hidden class each time (docs/ARCHITECTURE.md),
  // and a number-only caller is named again on every event of its call.
  const named: Party = Object.assign({}, party);
  named.name = found.name;
  if (found.company && !party.company) named.company = found.company;
  return named;
}
