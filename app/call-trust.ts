/**
 * Which calls the console can vouch for. A call belongs to a connection;
 * while that connection is not online (connecting, offline, PBX link down,
 * stopped — or the console service itself is out of reach, which the
 * window knows and passes in), nothing about the call can be trusted: it
 * may have been answered, diverted or hung up since. Such a call is
 * *unknown*: shown greyed, with no actions, never alerted, never reached by
 * a key, until the resync after reconnecting replaces it with the PBX's truth.
 */
import type { Call, ConsoleState, Line } from './model';

/** True only while the line's connection is online: its agent state, forwards and DND can be trusted and changed. */
export function isLineKnown(line: Line, connections: ConsoleState['connections']): boolean {
  return connections[line.connectionId]?.state === 'online';
}

/** True only while the call's connection is online. */
export function isCallKnown(call: Call, connections: ConsoleState['connections']): boolean {
  return connections[call.connectionId]?.state === 'online';
}
