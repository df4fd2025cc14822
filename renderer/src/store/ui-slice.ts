/**
 * What the receptionist is doing on screen: the selected call and line, the
 * text being typed, the action waiting for a destination number, and the
 * notices (refused commands) still to be read.
 */
import type { Message } from '../../../app/i18n/message';
import type { CallAction } from '../../../app/model';
import type { SliceCreator } from './types';

/** A transfer / consult / divert / add-party waiting for its destination number. */
export interface PendingTarget {
  callId: string;
  action: CallAction;
}

export interface Notice {
  id: number;
  /** A sentence as the core sent it, or a message the window puts into its language. */
  text: Message;
}

/** Oldest notices are dropped beyond this, so a storm of refusals cannot bury the screen. */
export const MAX_NOTICES = 5;

export interface UiSlice {
  selectedCallId: string | null;
  selectedLineId: string | null;
  dialText: string;
  pendingTarget: PendingTarget | null;
  destinationText: string;
  notices: Notice[];
  /** The call to bring into view (its desktop alert was clicked); `serial` makes a repeated request for one call count again. */
  callInView: { callId: string; serial: number } | null;
  selectCall: (callId: string | null) => void;
  /** Selects the call and brings it into view, leaving the settings view if it is open. */
  focusCall: (callId: string) => void;
  selectLine: (lineId: string) => void;
  setDialText: (text: string) => void;
  openDestinationForm: (callId: string, action: CallAction) => void;
  setDestinationText: (text: string) => void;
  cancelDestinationForm: () => void;
  addNotice: (text: Message) => void;
  dismissNotice: (id: number) => void;
}

let nextNoticeId = 1;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  selectedCallId: null,
  selectedLineId: null,
  dialText: '',
  pendingTarget: null,
  destinationText: '',
  notices: [],
  callInView: null,

  selectCall: (selectedCallId) => set({ selectedCallId }),
  focusCall: (callId) => {
    get().closeSettings();
    set((state) => ({ selectedCallId: callId, callInView: { callId, serial: (state.callInView?.serial ?? 0) + 1 } }));
  },
  selectLine: (selectedLineId) => set({ selectedLineId }),
  setDialText: (dialText) => set({ dialText }),
  openDestinationForm: (callId, action) => set({ pendingTarget: { callId, action }, destinationText: '' }),
  setDestinationText: (destinationText) => set({ destinationText }),
  cancelDestinationForm: () => set({ pendingTarget: null, destinationText: '' }),
  addNotice: (text) => set((state) => ({ notices: [...state.notices, { id: nextNoticeId++, text }].slice(-MAX_NOTICES) })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
