/**
 * What the receptionist is doing on screen: the selected call and line, the
 * text being typed, and the action waiting for a destination.
 */
import type { CallAction } from '../../../app/model';
import type { SliceCreator } from './types';

/** A transfer / consult / divert / add-party waiting for its destination number. */
export interface PendingTarget {
  callId: string;
  action: CallAction;
}

export interface UiSlice {
  selectedCallId: string | null;
  selectedLineId: string | null;
  dialText: string;
  pendingTarget: PendingTarget | null;
  destinationText: string;
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
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  selectedCallId: null,
  selectedLineId: null,
  dialText: '',
  pendingTarget: null,
  destinationText: '',
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
});
