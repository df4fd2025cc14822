/**
 * What the receptionist is doing on screen: the selected call and line, the
 * finder's highlighted result, the action waiting for a destination, and
 * where the keyboard focus should go next.
 */
import type { CallAction } from '../../../app/model';
import type { SliceCreator } from './types';

/** A transfer / consult / divert / add-party waiting for its destination: the finder asks for it. */
export interface PendingTarget {
  callId: string;
  action: CallAction;
}

/** A request to move the keyboard focus; `serial` makes a repeated request for the same place count again. */
export type FocusRequest = { to: 'finder'; serial: number } | { to: 'journal'; serial: number };

export interface UiSlice {
  selectedCallId: string | null;
  selectedLineId: string | null;
  pendingTarget: PendingTarget | null;
  /** The finder row she moved the highlight to (finder-choice.ts choiceKey), found again by what it is; null: the first row. */
  finderPicked: string | null;
  /** The call to bring into view and focus (its alert was clicked, or it was just acted on). */
  callInView: { callId: string; serial: number } | null;
  focusRequest: FocusRequest | null;
  selectCall: (callId: string | null) => void;
  /** Selects the call and brings its row into view with the focus, leaving the settings view if it is open. */
  focusCall: (callId: string) => void;
  /** Focuses the finder's field (its text selected, so typing replaces it). */
  focusFinder: () => void;
  /** Focuses the journal: its newest missed call to call back, else its search. */
  focusJournal: () => void;
  selectLine: (lineId: string) => void;
  pickFinderChoice: (key: string | null) => void;
  /** The finder now asks where the call goes. */
  openDestinationForm: (callId: string, action: CallAction) => void;
  cancelDestinationForm: () => void;
}

/** One count for every store, so "served" (use-call-in-view.ts) can never confuse a new store's request with an old one. */
let serial = 0;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => {
  return {
    selectedCallId: null,
    selectedLineId: null,
    pendingTarget: null,
    finderPicked: null,
    callInView: null,
    focusRequest: null,

    selectCall: (selectedCallId) => set({ selectedCallId }),
    focusCall: (callId) => {
      get().closeSettings();
      set({ selectedCallId: callId, callInView: { callId, serial: ++serial } });
    },
    focusFinder: () => set({ focusRequest: { to: 'finder', serial: ++serial } }),
    focusJournal: () => set({ focusRequest: { to: 'journal', serial: ++serial } }),
    selectLine: (selectedLineId) => set({ selectedLineId }),
    // Every keystroke resets it: unchanged, the store does not wake its ~400 subscribers for nothing (1,000 live calls).
    pickFinderChoice: (finderPicked) => {
      if (get().finderPicked !== finderPicked) set({ finderPicked });
    },
    openDestinationForm: (callId, action) => {
      get().clearDirectory();
      set({ pendingTarget: { callId, action }, selectedCallId: callId, finderPicked: null });
      get().focusFinder();
    },
    cancelDestinationForm: () => set({ pendingTarget: null }),
  };
};
