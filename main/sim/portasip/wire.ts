/**
 * The simulator's own reading of the PortaSIP Call Control API (PortaSwitch
 * MR75, chapter 3 of the vendor document): the structures it sends, named
 * and shaped as the document's tables give them, and the checks it makes on
 * what the console sends. Written from the document, never from the
 * connector's types, so the two cannot agree on a mistake.
 */

/** The event enable_api_notifications subscribes to, and every notification names. */
export const NOTIFICATIONS_EVENT = 'sip.call_control_notifications';

/** SipCallIdentifier. */
export interface SipCallIdentifier {
  /** The unique call identifier. */
  id: string;
  /** The call remote tag. */
  tag: string;
}

/** SipCallerInfo (the fields the demo fills). */
export interface SipCallerInfo {
  /** The phone number (PIN) of the party: its account ID in PortaSwitch. */
  account_id?: string;
  centrex_id?: string;
  display_id?: string;
  display_name?: string;
  /** The extension number within the IP Centrex, of the phone line (account ID). */
  extension_id?: string;
  /** "The huntgroup number, on behalf of which the call happened." */
  huntgroup_id?: string;
  id?: string;
  /** The account IDs that initiated the forward. */
  forwarder_list: string[];
}

/** SIPCallInfo.state: the document's "Possible values". */
export type SipCallState = 'trying' | 'ringing' | 'early' | 'terminated' | 'connected' | 'held' | 'holding' | 'queued' | 'dequeued';

/** SipCallQueueStateInfo: "The information about a call queue status. Is sent for queued and dequeued call states." */
export interface SipCallQueueStateInfo {
  /** "The unique ID of a call queue record" (PortaBilling's get_callqueue_list names it; this document does not). */
  i_c_queue: number;
  /** "A caller's position in the queue." */
  position?: number;
  /** "The number of active operators." */
  operators: number;
}

/** SIPCallInfo: one call dialog as one UA sees it. */
export interface SIPCallInfo {
  call: SipCallIdentifier;
  callee: SipCallerInfo;
  caller: SipCallerInfo;
  state: SipCallState;
  /** The dialog direction in terms of the UA: incoming = the UA is the recipient. */
  type: 'incoming' | 'outgoing';
  /** The SIP address of the call, IP:port. */
  transport_id: string;
  /** Sent for trying, ringing, early. */
  start_time?: string;
  /** Sent for connected, held, holding. */
  connect_time?: string;
  /** Sent for terminated. */
  duration?: number;
  reason?: string;
  reason_code?: number | null;
  /**
   * Sent for queued and dequeued. The document's table lost this property's
   * name (only its type, SipCallQueueStateInfo, survives in the text); the
   * API writes it queue_info.
   */
  queue_info?: SipCallQueueStateInfo;
}

/**
 * What "no notifications on this session" is answered with: PortaOne's
 * servers write "Server.CallControl.sip.disabled_api_notifications"; the
 * document's error table has only sip.call_control_disabled ("the used
 * method is disabled"). The demo answers either (a fault switch chooses).
 */
export const NOTIFICATIONS_DISABLED_FAULTS = {
  disabled_api_notifications: 'Server.CallControl.sip.disabled_api_notifications',
  call_control_disabled: 'sip.call_control_disabled',
} as const;
export type NotificationsDisabledFault = keyof typeof NOTIFICATIONS_DISABLED_FAULTS;

/** A JSON object's own fields, or undefined for anything else. */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value));
}

/** A JSON scalar as text ('' for anything else): what a parameter that must be a string or number says. */
export function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
