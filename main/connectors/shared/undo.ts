/**
 * A command a vendor carries out in several requests whose first changes the call (a consult's hold): when a later
 * one fails, the connector sends the undo's request to take that change back — the caller is not left on hold with
 * nobody on the line — and the refusal says why it failed and what the call is now. One piece for every vendor.
 */
import { refused, type CommandResult } from '../../../app/commands';
import { msg, type Message, type MessageParam } from '../../../app/i18n/message';
import type { Party } from '../../../app/model';

export interface PlanUndo<Request> {
  request: Request;
  /** What the call is once the undo went through ("Connected with Martin Jagger"), and once it did not. */
  undone: Message;
  notUndone: Message;
}

/** The refusal of a command that failed part way: why, and what the call is now that its undo went through or not. */
export function refusedPartWay(reason: Message, undo: PlanUndo<unknown>, undone: boolean, code?: string): CommandResult {
  return undone
    ? refused(msg('command.failedUndone', { reason, now: undo.undone }), code)
    : refused(msg('command.failedNotUndone', { reason, now: undo.notUndone }), code);
}

/** The remote party as a refusal names it: its name, else its number, else "Withheld number". */
export function partyName(party: Party): MessageParam {
  return party.name || party.number || msg('call.withheldNumber');
}
