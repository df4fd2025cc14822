/**
 * What the finder's keys and buttons do with a result right now. With a
 * destination asked for (the call's Transfer / Consult / Divert / Add party
 * button or key), Enter does exactly that. Otherwise, with a call being
 * talked on, Enter transfers it (the receptionist's everyday task),
 * Shift+Enter consults and Ctrl+Enter adds to the conference, where the
 * call offers them; with no such call, Enter dials.
 */
import type { CallAction } from '../../../app/model';
import { selectActionTarget, selectIsCallKnown } from './selectors';
import type { AttendantState } from './types';

export type FinderIntent = { kind: 'dial' } | { kind: 'call-action'; action: CallAction; callId: string };

export interface FinderIntents {
  primary: FinderIntent;
  consult: FinderIntent | null;
  addParty: FinderIntent | null;
}

/** The finder's keys: Enter for the primary intent, these for the others. */
export const FINDER_KEYS = { primary: 'Enter', consult: 'Shift+Enter', addParty: 'Ctrl+Enter' } as const;

function onTarget(state: AttendantState, action: CallAction): FinderIntent | null {
  const call = selectActionTarget(state, action);
  return call ? { kind: 'call-action', action, callId: call.id } : null;
}

export function finderIntents(state: AttendantState): FinderIntents {
  const pending = state.pendingTarget;
  // A destination asked for stays this call's until she cancels it: unknown for now (its connection not online) or
  // ended, the finder acts on no other call instead (Enter transferred the caller she was talking to after the one
  // she meant hung up); runFinderIntent then says the call cannot be reached, or has ended.
  const pendingCall = pending ? state.console.calls[pending.callId] : undefined;
  if (pending && (!pendingCall || !selectIsCallKnown(pending.callId)(state) || pendingCall.actions.includes(pending.action))) {
    return { primary: { kind: 'call-action', action: pending.action, callId: pending.callId }, consult: null, addParty: null };
  }
  return {
    primary: onTarget(state, 'transfer') ?? { kind: 'dial' },
    consult: onTarget(state, 'consult'),
    addParty: onTarget(state, 'addParty'),
  };
}

/** A string naming the intents, so a component re-renders only when they change. */
export function finderIntentsKey(state: AttendantState): string {
  const { primary, consult, addParty } = finderIntents(state);
  const name = (intent: FinderIntent | null) =>
    intent === null ? '-' : intent.kind === 'dial' ? 'dial' : `${intent.action}@${intent.callId}`;
  return [name(primary), name(consult), name(addParty)].join(' ');
}
