/**
 * The console state as published by the core: a snapshot, then patches in
 * `seq` order, applied with the shared `applyChanges`.
 *
 * Patches are accepted (seq checked) as they arrive but applied once per
 * animation frame, all of that frame's changes joined into one
 * `applyChanges` call: applying a patch copies each collection it touches,
 * so at 1,000 calls and 200 patches a second copying one patch at a time
 * took a large share of the page's main thread, for states nobody could
 * see (the screen is drawn once per frame anyway). `applyChanges` of the
 * joined changes equals applying them one by one (app/reducer.test.ts).
 */
import type { StateMessage } from '../../../app/contract';
import { emptyConsoleState, type ConsoleState } from '../../../app/model';
import { applyChanges, type StateChange } from '../../../app/reducer';
import type { BridgeState } from '../bridge/bridge-status';
import type { SliceCreator } from './types';

/**
 * - applied: the message was accepted (a snapshot at once; a patch at the next frame)
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
  /** Applies the patches accepted since the last frame now (the frame would otherwise). */
  flushStateMessages: () => void;
  /** When accepted patches are applied: at the next animation frame unless told otherwise (tests: `immediately`). */
  applyPatchesBy: (frames: FrameScheduler) => void;
  /** Drops patches until the next snapshot (called when resubscribing). */
  awaitSnapshot: () => void;
  setBridgeState: (state: BridgeState) => void;
}

/** Runs `flush` once, soon (at the next frame); the returned function cancels it. */
export type FrameScheduler = (flush: () => void) => () => void;

/**
 * The next animation frame; a hidden page gets none, so it gets the next
 * task instead (a message to itself, which a hidden page's timer throttling
 * does not delay: the ring sound and the alerts of a minimised window follow
 * at once). A page hidden after the frame was asked for: a timer races the
 * frame, so state never stalls.
 */
export const animationFrames: FrameScheduler = (flush) => {
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return nextTask(flush);
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, HIDDEN_PAGE_FLUSH_MS);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

/** Longer than a frame (so a visible page flushes on its frame), short enough to be "at once" for a person. */
const HIDDEN_PAGE_FLUSH_MS = 100;

/** The next task: after what is already queued (so the patches that arrived together are applied together). */
const nextTask: FrameScheduler = (flush) => {
  const channel = new MessageChannel();
  let cancelled = false;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) flush();
  };
  channel.port2.postMessage(null);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
};

/** No batching: each patch applied as it arrives (tests that read the state right after pushing a patch). */
export const immediately: FrameScheduler = (flush) => {
  flush();
  return () => {};
};

/** Without animation frames (a test environment without a DOM): a timer stands in for the frame. */
const timerFrames: FrameScheduler = (flush) => {
  const timer = setTimeout(flush, 0);
  return () => clearTimeout(timer);
};

/** Animation frames where the page has them; a timer where it has not (tests without a DOM). */
const defaultFrames: FrameScheduler = (flush) => (typeof requestAnimationFrame === 'function' ? animationFrames : timerFrames)(flush);

export const createConsoleSlice: SliceCreator<ConsoleSlice> = (set, get) => {
  /** Changes accepted but not yet applied, in seq order; `acceptedSeq` is the seq of the last of them. */
  let pending: StateChange[][] = [];
  let acceptedSeq: number | null = null;
  let frames = defaultFrames;
  let scheduled = false;
  let cancelFrame: () => void = () => {};

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    const cancel = frames(flush);
    // A scheduler may flush before it returns (immediately): then there is nothing to cancel.
    if (scheduled) cancelFrame = cancel;
  }

  function flush() {
    scheduled = false;
    cancelFrame = () => {};
    if (pending.length === 0) return;
    const changes = pending.length === 1 && pending[0] ? pending[0] : pending.flat();
    const seq = acceptedSeq;
    pending = [];
    set((state) => ({ console: applyChanges(state.console, changes), seq }));
  }

  function dropPending() {
    cancelFrame();
    scheduled = false;
    cancelFrame = () => {};
    pending = [];
  }

  return {
    console: emptyConsoleState(),
    hasSnapshot: false,
    seq: null,
    bridge: 'connecting',

    receiveStateMessage(message) {
      if (message.type === 'snapshot') {
        // The snapshot already holds whatever the queued patches would have changed.
        dropPending();
        acceptedSeq = message.seq;
        set({ console: message.state, seq: message.seq, hasSnapshot: true });
        return 'applied';
      }
      if (acceptedSeq === null || message.seq <= acceptedSeq) return 'ignored';
      if (message.seq !== acceptedSeq + 1) return 'gap';
      acceptedSeq = message.seq;
      pending.push(message.changes);
      schedule();
      return 'applied';
    },

    flushStateMessages() {
      cancelFrame();
      flush();
    },

    applyPatchesBy(scheduler) {
      get().flushStateMessages();
      frames = scheduler;
    },

    awaitSnapshot() {
      // What arrived before the gap is still true until the snapshot replaces it: shown, not dropped.
      get().flushStateMessages();
      acceptedSeq = null;
      set({ seq: null });
    },

    setBridgeState(bridge) {
      set({ bridge });
    },
  };
};
