/**
 * Caller identification: a call whose PBX gives only a number gets the name
 * and company the directory has for it, before the call enters the state —
 * the same patch that shows the call names it. An extension is looked up on
 * the call's connection, then among the local contacts.
 */
import type { DomainEvent } from '../../../app/events';
import type { Call, Colleague, ColleagueCall, ConsoleState, JournalEntry, Line, Party } from '../../../app/model';
import { DEFAULT_COUNTRY } from '../../../app/config';
import { isWithheld } from '../../../app/phone';
import type { Directory } from './directory';

/**
 * Names the callers of the events (replacing those events in the array): calls on the console's lines, callers ringing
 * at a colleague or waiting in a queue, and calls from a vendor's own history; parties the PBX already named are left
 * as they are.
 */
export function identifyCallers(events: DomainEvent[], state: ConsoleState, directory: Directory): void {
  if (directory.size === 0) return;
  const lines = new Map<string, Line>();
  const lineOf = (lineId: string) => lines.get(lineId) ?? state.lines[lineId];
  events.forEach((event, i) => {
    if (event.type === 'lineUpserted') lines.set(event.line.id, event.line);
    else if (event.type === 'callUpserted') {
      const call = named(event.call, lineOf(event.call.lineId), directory);
      if (call !== event.call) events[i] = { ...event, call };
    } else if (event.type === 'lineCallsReplaced') {
      const line = lineOf(event.lineId);
      const calls = event.calls.map((call) => named(call, line, directory));
      if (calls.some((call, j) => call !== event.calls[j])) events[i] = { ...event, calls };
    } else if (event.type === 'colleagueUpserted') {
      if (event.colleague.calls.length === 0) return;
      const country = countryOfConnection(event.colleague.connectionId, state);
      const colleague = namedColleague(event.colleague, country, directory);
      if (colleague !== event.colleague) events[i] = { ...event, colleague };
    } else if (event.type === 'colleaguesReplaced') {
      // One country for the whole list (its colleagues are all of one connection), looked up only when one has a call.
      let country: string | undefined;
      const colleagues = event.colleagues.map((colleague) =>
        colleague.calls.length === 0
          ? colleague
          : namedColleague(colleague, (country ??= countryOfConnection(event.connectionId, state)), directory),
      );
      if (colleagues.some((colleague, j) => colleague !== event.colleagues[j])) events[i] = { ...event, colleagues };
    } else if (event.type === 'historyMerged') {
      const entries = event.entries.map((entry) => namedEntry(entry, lineOf(entry.lineId), directory));
      if (entries.some((entry, j) => entry !== event.entries[j])) events[i] = { ...event, entries };
    }
  });
}

function named(call: Call, line: Line | undefined, directory: Directory): Call {
  const country = line?.country ?? DEFAULT_COUNTRY;
  const remote = namedParty(call.remote, call.connectionId, country, directory);
  const redirectedBy = call.redirectedBy && namedParty(call.redirectedBy, call.connectionId, country, directory);
  // The number the caller dialled (a queue, a hunt group, a colleague): "dialled Sales" says more than "dialled 1200".
  const firstCalled = call.firstCalled && namedParty(call.firstCalled, call.connectionId, country, directory);
  if (remote === call.remote && redirectedBy === call.redirectedBy && firstCalled === call.firstCalled) return call;
  return { ...call, remote, ...(redirectedBy ? { redirectedBy } : {}), ...(firstCalled ? { firstCalled } : {}) };
}

/** A colleague's (or a queue's) calls, their callers named as on the console's own lines of that connection. */
function namedColleague(colleague: Colleague, country: string, directory: Directory): Colleague {
  let calls: ColleagueCall[] | undefined;
  colleague.calls.forEach((call, j) => {
    const remote = namedParty(call.remote, colleague.connectionId, country, directory);
    if (remote === call.remote) return;
    calls ??= [...colleague.calls];
    calls[j] = { ...call, remote };
  });
  return calls ? { ...colleague, calls } : colleague;
}

function namedEntry(entry: JournalEntry, line: Line | undefined, directory: Directory): JournalEntry {
  const connectionId = entry.connectionId ?? line?.connectionId ?? CONTACTS_CONNECTION;
  const remote = namedParty(entry.remote, connectionId, line?.country ?? DEFAULT_COUNTRY, directory);
  return remote === entry.remote ? entry : { ...entry, remote };
}

/** The country of a connection's lines (colleagues have none of their own): the first line's, or the default. */
function countryOfConnection(connectionId: string, state: ConsoleState): string {
  for (const line of Object.values(state.lines)) if (line.connectionId === connectionId && !line.watched) return line.country;
  return DEFAULT_COUNTRY;
}

/**
 * Where the directory keeps the receptionist's contacts: on no connection. A contact's short number (an internal
 * colleague's extension typed in by hand) names a caller whose PBX gives only that extension, on whichever connection
 * the call comes — after that connection's own users, who win: the PBX knows its extensions best.
 */
const CONTACTS_CONNECTION = '';

/** Who the directory says a number on this connection is: that connection's own users first, then the contacts. */
export function directoryNameOf(
  number: string,
  connectionId: string,
  country: string,
  directory: Directory,
): { name: string; company?: string } | undefined {
  return directory.identify(number, connectionId, country) ?? directory.identify(number, CONTACTS_CONNECTION, country);
}

function namedParty(party: Party, connectionId: string, country: string, directory: Directory): Party {
  if (party.name?.trim() || isWithheld(party.number)) return party;
  const found = directoryNameOf(party.number, connectionId, country, directory);
  if (!found) return party;
  // Copied, then named: a spread copy that gains a field takes a fresh hidden class each time (docs/ARCHITECTURE.md),
  // and a number-only caller is named again on every event of its call.
  const named: Party = Object.assign({}, party);
  named.name = found.name;
  if (found.company && !party.company) named.company = found.company;
  return named;
}
