import type { AgentState, ForwardType } from './model';

/**
 * Commands go down from the UI to a line's connector. A command's result
 * only says accepted or refused; the call's new state arrives as events.
 */
export type CallCommand =
  | { kind: 'answer'; callId: string }
  | { kind: 'hangup'; callId: string }
  | { kind: 'hold'; callId: string }
  | { kind: 'retrieve'; callId: string }
  /** Blind transfer of a connected call to a number. */
  | { kind: 'transfer'; callId: string; to: string }
  /** Hold the call and dial a consultation call. */
  | { kind: 'consult'; callId: string; to: string }
  /** Connect the held call and the consultation call together and leave. */
  | { kind: 'completeTransfer'; callId: string }
  | { kind: 'conference'; callId: string }
  | { kind: 'alternate'; callId: string }
  /** Hang up the consultation and retrieve the held call. */
  | { kind: 'reconnect'; callId: string }
  /** Send a ringing (or connected) call elsewhere. */
  | { kind: 'divert'; callId: string; to: string }
  | { kind: 'addParty'; callId: string; to: string }
  | { kind: 'park'; callId: string }
  /** Take a parked call back to this line. */
  | { kind: 'unpark'; callId: string };

export type LineCommand =
  | { kind: 'dial'; lineId: string; to: string }
  | { kind: 'setDnd'; lineId: string; enabled: boolean }
  /** `to` is required when enabling. */
  | { kind: 'setForward'; lineId: string; enabled: boolean; type: ForwardType; to?: string }
  | { kind: 'setAgentState'; lineId: string; state: AgentState }
  /** Pick up, on this line, the call `ref` ringing at a colleague. */
  | { kind: 'pickup'; lineId: string; colleagueId: string; ref: string }
  /** The name shown to the people this line calls. */
  | { kind: 'setCallerName'; lineId: string; name: string };

/** Commands on a connection as a whole (its phonebook). */
export type ConnectionCommand =
  | { kind: 'phonebookSave'; connectionId: string; entry: { entryId?: string; name: string; number: string } }
  | { kind: 'phonebookDelete'; connectionId: string; entryId: string };

export type Command = CallCommand | LineCommand | ConnectionCommand;
export type CommandKind = Command['kind'];

export const CALL_COMMAND_KINDS = [
  'answer',
  'hangup',
  'hold',
  'retrieve',
  'transfer',
  'consult',
  'completeTransfer',
  'conference',
  'alternate',
  'reconnect',
  'divert',
  'addParty',
  'park',
  'unpark',
] as const satisfies readonly CallCommand['kind'][];

export const LINE_COMMAND_KINDS = [
  'dial',
  'setDnd',
  'setForward',
  'setAgentState',
  'pickup',
  'setCallerName',
] as const satisfies readonly LineCommand['kind'][];

export function isCallCommand(cmd: Command): cmd is CallCommand {
  return 'callId' in cmd;
}

export function isConnectionCommand(cmd: Command): cmd is ConnectionCommand {
  return 'connectionId' in cmd;
}

/**
 * `ok: false` carries a sentence a receptionist can read. `notice` tells
 * what happens next when it is not obvious ("Ringing your phone…").
 */
export type CommandResult = { ok: true; notice?: string } | { ok: false; error: string; code?: string };

export const accepted: CommandResult = { ok: true };
export function refused(error: string, code?: string): CommandResult {
  return code ? { ok: false, error, code } : { ok: false, error };
}
