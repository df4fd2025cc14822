/**
 * The console state as published by the core: a snapshot, then patches in
 * `seq` order, applied with the shared `applyChanges`.
 */
import type { StateMessage } from '../../../app/contract';
import { emptyConsoleState, type ConsoleState } from '../../../app/model';
import { applyChanges } from '../../../app/reducer';
import type { BridgeState } from '../bridge/bridge-status';
import type { SliceCreator } from './types';

/**
 * - applied: the message changed the state
 * - ignored: stale, duplicate, or a patch while no snapshot is in hand
 * - gap: a patch skipped a seq; the subscriber must resubscribe for a fresh snapshot
 */
export type MessageOutcome = 'applied' | 'ignored' | 'gap';

export interface ConsoleSlice {
  console: ConsoleState;
  /** Whether a snapshot has ever arrived (before it, the screen says it is waiting). */
  hasSnapshot: boolean;
  /** The seq of the last applied message; null while waiting for a snapshot. */
  seq: number | null;
  bridge: BridgeState;
  receiveStateMessage: (message: StateMessage) => MessageOutcome;
  /** Drops patches until the next snapshot (called when resubscribing). */
  awaitSnapshot: () => void;
  setBridgeState: (state: BridgeState) => void;
}

export const createConsoleSlice: SliceCreator<ConsoleSlice> = (set, get) => ({
  console: emptyConsoleState(),
  hasSnapshot: false,
  seq: null,
  bridge: 'connecting',

  receiveStateMessage(message) {
    if (message.type === 'snapshot') {
      set({ console: message.state, seq: message.seq, hasSnapshot: true });
      return 'applied';
    }
    const { seq } = get();
    if (seq === null || message.seq <= seq) return 'ignored';
    if (message.seq !== seq + 1) return 'gap';
    set((state) => ({ console: applyChanges(state.console, message.changes), seq: message.seq }));
    return 'applied';
  },

  awaitSnapshot() {
    set({ seq: null });
  },

  setBridgeState(bridge) {
    set({ bridge });
  },
});
