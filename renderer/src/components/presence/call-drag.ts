/**
 * Sending a call to a colleague by drag and drop: a call row is the drag
 * source (its data is the call id, under a type of our own so nothing else
 * — a text field, another app — takes it for text), a presence-grid row the
 * drop target. The drop uses the same commands as the row's buttons, which
 * stay for keyboard users.
 */
import type { DragEvent } from 'react';
import type { Call } from '../../../../app/model';

export const CALL_DRAG_TYPE = 'application/x-attendant-call-id';

/** How a call can be sent to a colleague now: blind transfer, divert while ringing, or not at all. */
export function sendActionOf(call: Call | null | undefined): 'transfer' | 'divert' | null {
  if (!call) return null;
  if (call.actions.includes('transfer')) return 'transfer';
  if (call.actions.includes('divert')) return 'divert';
  return null;
}

export function startCallDrag(event: DragEvent, callId: string): void {
  event.dataTransfer.setData(CALL_DRAG_TYPE, callId);
  event.dataTransfer.effectAllowed = 'move';
}

/** True while a call is dragged over (the id itself is only readable on drop). */
export function isCallDrag(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes(CALL_DRAG_TYPE);
}

/** The dropped call's id, or '' when the drop carried no call. */
export function droppedCallId(event: DragEvent): string {
  return event.dataTransfer.getData(CALL_DRAG_TYPE);
}
