/**
 * A TelServices reply that does not come in time says nothing about the
 * command: TelServer may well have executed it (the PBX is slow to confirm,
 * the reply was lost), and its events then show the new state. Reporting the
 * timeout as a failure would leave an error on screen that contradicts the
 * call list, so for commands whose effect the events show the connector
 * waits a little longer for that effect and, once it is seen, reports the
 * command as accepted.
 */
import type { Command } from '../../../app/commands';
import type { TelServerLineAdapter } from './adapter';

/** True once the line's state shows the command's effect; undefined for commands whose effect the events do not tell apart. */
export function effectOf(command: Command, adapter: TelServerLineAdapter): (() => boolean) | undefined {
  switch (command.kind) {
    case 'answer':
    case 'retrieve':
      return () => adapter.findCall(command.callId)?.state === 'connected';
    case 'hold':
      return () => adapter.findCall(command.callId)?.state === 'held';
    case 'hangup':
    case 'divert':
    case 'transfer':
    case 'completeTransfer':
      return () => adapter.findCall(command.callId) === undefined;
    case 'setDnd':
      return () => adapter.currentLine().dnd === command.enabled;
    case 'setForward':
      return () => {
        const forward = adapter.currentLine().forwards.find((f) => f.type === command.type);
        return command.enabled ? forward?.to === command.to : forward === undefined;
      };
    // These create or join calls the events cannot pin on this command, or change nothing the line shows.
    case 'dial':
    case 'consult':
    case 'conference':
    case 'alternate':
    case 'reconnect':
    case 'addParty':
    case 'park':
    case 'unpark':
    case 'pickup':
    case 'setCallerName':
    case 'setAgentState':
    case 'phonebookSave':
    case 'phonebookDelete':
      return undefined;
  }
}

interface Waiter {
  seen: () => boolean;
  resolve: (seen: boolean) => void;
}

/** Commands waiting for their effect; `check` after every applied event. */
export class EffectWatch {
  private waiters = new Set<Waiter>();

  /** Resolves true as soon as `seen()` holds (at once if it already does), false after `ms`. */
  waitFor(
    seen: () => boolean,
    ms: number,
    clock: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (h: unknown) => void },
  ) {
    if (seen()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        seen,
        resolve: (result) => {
          this.waiters.delete(waiter);
          clock.clearTimeout(timer);
          resolve(result);
        },
      };
      const timer = clock.setTimeout(() => waiter.resolve(false), ms);
      this.waiters.add(waiter);
    });
  }

  check(): void {
    for (const waiter of [...this.waiters]) if (waiter.seen()) waiter.resolve(true);
  }

  /** The session is gone: nothing more will be seen. */
  cancelAll(): void {
    for (const waiter of [...this.waiters]) waiter.resolve(false);
  }
}
