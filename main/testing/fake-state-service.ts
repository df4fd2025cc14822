import type { StateMessage } from '../../app/contract';
import type { ConsoleState } from '../../app/model';

/**
 * The part of ConsoleService the desktop modules and the shell read, as a
 * stand-in whose state a test replaces; subscribers hear of every
 * replacement, as a snapshot.
 */
export function fakeStateService(initial: ConsoleState) {
  let state = initial;
  let seq = 0;
  const listeners = new Set<(message: StateMessage) => void>();
  return {
    getState: () => state,
    readState: <T>(read: (current: ConsoleState) => T): T => read(state),
    subscribe: (listener: (message: StateMessage) => void) => {
      listeners.add(listener);
      listener({ type: 'snapshot', seq, state });
      return () => void listeners.delete(listener);
    },
    setState: (next: ConsoleState) => {
      state = next;
      seq++;
      for (const listener of [...listeners]) listener({ type: 'snapshot', seq, state });
    },
    listenerCount: () => listeners.size,
  };
}
