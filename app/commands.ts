/**
 * Commands go down from the UI to a line's connector. A command's result
 * only says accepted or refused; the call's new state arrives as events.
 * The schemas below are the runtime check of every command that crosses a
 * boundary, and the command types are inferred from them.
 */
import type { Message } from './i18n/message';
import { FORWARD_TYPES } from './model';
import { says, text, v } from './validation/schema';

/** A phone number or dial string as typed; the core reads it with the line's country. */
export const dialString = text(1, 64);
/** An id of a call, line, connection or colleague. */
export const entityId = text(1, 256);

const call = <const K extends string>(kind: K) => v.strictObject({ kind: v.literal(kind), callId: entityId });
const callTo = <const K extends string>(kind: K) => v.strictObject({ kind: v.literal(kind), callId: entityId, to: dialString });

export const CALL_COMMAND_SCHEMAS = [
  call('answer'),
  call('hangup'),
  call('hold'),
  call('retrieve'),
  /** Blind transfer of a connected call to a number. */
  callTo('transfer'),
  /** Hold the call and dial a consultation call. */
  callTo('consult'),
  /** Connect the held call and the consultation call together and leave. */
  call('completeTransfer'),
  call('conference'),
  call('alternate'),
  /** Hang up the consultation and retrieve the held call. */
  call('reconnect'),
  /** Send a ringing (or connected) call elsewhere. */
  callTo('divert'),
  callTo('addParty'),
  call('park'),
  /** Take a parked call back to this line. */
  call('unpark'),
] as const;

/** Agent states a receptionist may choose ('busy' is set by the server only). */
export const SETTABLE_AGENT_STATES = ['loggedOff', 'loggedOn', 'notReady', 'ready', 'workingAfterCall'] as const;
export type SettableAgentState = (typeof SETTABLE_AGENT_STATES)[number];

export const LINE_COMMAND_SCHEMAS = [
  v.strictObject({ kind: v.literal('dial'), lineId: entityId, to: dialString }),
  v.strictObject({ kind: v.literal('setDnd'), lineId: entityId, enabled: v.boolean() }),
  /** `to` is required when enabling. */
  v.pipe(
    v.strictObject({
      kind: v.literal('setForward'),
      lineId: entityId,
      enabled: v.boolean(),
      type: v.picklist(FORWARD_TYPES),
      to: v.optional(dialString),
    }),
    v.forward(
      v.check((c) => !c.enabled || c.to !== undefined, says('validation.forwardNumber')),
      ['to'],
    ),
  ),
  v.strictObject({ kind: v.literal('setAgentState'), lineId: entityId, state: v.picklist(SETTABLE_AGENT_STATES) }),
  /** Pick up, on this line, the call `ref` ringing at a colleague. */
  v.strictObject({ kind: v.literal('pickup'), lineId: entityId, colleagueId: entityId, ref: entityId }),
  /** The name shown to the people this line calls. */
  v.strictObject({ kind: v.literal('setCallerName'), lineId: entityId, name: text(1, 64) }),
] as const;

/** Commands on a connection as a whole (its phonebook). */
export const CONNECTION_COMMAND_SCHEMAS = [
  v.strictObject({
    kind: v.literal('phonebookSave'),
    connectionId: entityId,
    entry: v.strictObject({ entryId: v.optional(entityId), name: text(1, 128), number: dialString }),
  }),
  v.strictObject({ kind: v.literal('phonebookDelete'), connectionId: entityId, entryId: entityId }),
] as const;

export const commandSchema = v.variant('kind', [...CALL_COMMAND_SCHEMAS, ...LINE_COMMAND_SCHEMAS, ...CONNECTION_COMMAND_SCHEMAS]);

export type CallCommand = v.InferOutput<(typeof CALL_COMMAND_SCHEMAS)[number]>;
export type LineCommand = v.InferOutput<(typeof LINE_COMMAND_SCHEMAS)[number]>;
export type ConnectionCommand = v.InferOutput<(typeof CONNECTION_COMMAND_SCHEMAS)[number]>;
export type Command = v.InferOutput<typeof commandSchema>;
export type CommandKind = Command['kind'];

export function isCallCommand(cmd: Command): cmd is CallCommand {
  return 'callId' in cmd;
}

export function isConnectionCommand(cmd: Command): cmd is ConnectionCommand {
  return 'connectionId' in cmd;
}

/**
 * `ok: false` says why, as a catalog message (each window puts it into its
 * language); `code` is the vendor's own error code when there is one.
 * `notice` tells what happens next when it is not obvious ("Ringing your phone…").
 */
export type CommandResult = { ok: true; notice?: Message } | { ok: false; error: Message; code?: string };

export const accepted: CommandResult = { ok: true };
export function refused(error: Message, code?: string): CommandResult {
  return code ? { ok: false, error, code } : { ok: false, error };
}

/**
 * The command for a call action: `to` for the actions that send the call
 * somewhere, none for the rest. Null when the two do not fit (a transfer
 * without a destination), so a caller cannot send a malformed command.
 */
export function callCommand(action: string, callId: string, to?: string): CallCommand | null {
  const parsed = v.safeParse(commandSchema, to === undefined ? { kind: action, callId } : { kind: action, callId, to });
  return parsed.success && isCallCommand(parsed.output) ? parsed.output : null;
}
