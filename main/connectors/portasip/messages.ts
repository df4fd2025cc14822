/**
 * PortaSIP Call Control API (PortaSwitch MR75, chapter 3 of the vendor
 * document) as typed values: the JSON-RPC requests the console sends, the
 * responses and errors it receives, and the `sip.call_control_notifications`
 * events with their SIPCallInfo. Field names are the document's own, so a
 * reader can go from one to the other. The codec is the only place that
 * touches the JSON text.
 */

import type { PortaSipScope } from '../../../app/vendors/portasip';

/** Whose calls a subscription or a calls list covers (EnableApiNotificationsRequest): the configured scope's shape. */
export type PsScope = PortaSipScope;

/** SipCallIdentifier: one dialog of a call, as the API names it. */
export interface PsCallId {
  id: string;
  /** The call's remote tag. */
  tag: string;
}

export const NOTIFICATIONS_EVENT = 'sip.call_control_notifications';

/** Every request the console sends, by method. */
export type PsRequest =
  | { service: 'Session'; method: 'login'; params: { login: string; password: string } }
  | { service: 'Session'; method: 'logout'; params: Record<string, never> }
  | {
      service: 'CallControl';
      method: 'enable_api_notifications' | 'disable_api_notifications';
      params: { event: typeof NOTIFICATIONS_EVENT } & PsScope;
    }
  | { service: 'CallControl'; method: 'get_sip_calls_list'; params: PsScope }
  | {
      service: 'CallControl';
      method: 'answer_call';
      params: { call: PsCallId; transport_id: string; callee_answer_mode?: PsAnswerMode };
    }
  | { service: 'CallControl'; method: 'terminate_call' | 'hold_call' | 'unhold_call'; params: { call: PsCallId; transport_id: string } }
  | { service: 'CallControl'; method: 'transfer_call'; params: { call: PsCallId; cld: string; transport_id: string } }
  | { service: 'CallControl'; method: 'join_calls'; params: { call: PsCallId; to_call: PsCallId; transport_id: string } }
  | {
      service: 'CallControl';
      method: 'originate_advanced_call';
      params: { bill_id: string; caller_id: string; callee_id: string; callee_auto_pickup?: 'Y' | 'N' };
    };

export type PsMethod = PsRequest['method'];

/** AnswerCallRequest.callee_answer_mode: NOTIFY with "Event: talk", or a new INVITE with auto-answer headers. */
export type PsAnswerMode = 'notify' | 'invite';

/** auth_info: a session (recommended by the document) or login/password on every request. */
export type PsAuthInfo = { session_id: string } | { login: string; password: string; domain?: string };

/** A request on the wire: the method plus the matching number and the authentication. */
export type PsOutgoing = PsRequest & { cseq?: number; auth_info?: PsAuthInfo };

/** SipCallerInfo (unknown fields are kept in `extra`, nothing else needs them today). */
export interface PsParty {
  account_id?: string;
  centrex_id?: string;
  display_id?: string;
  display_name?: string;
  extension_id?: string;
  huntgroup_id?: string;
  id?: string;
  /** SipForwarderAccountInfo ids: who forwarded the call, oldest first. */
  forwarder_list: string[];
  access_number?: string;
}

export const PS_CALL_STATES = ['trying', 'ringing', 'early', 'connected', 'held', 'holding', 'terminated', 'queued', 'dequeued'] as const;
export type PsCallState = (typeof PS_CALL_STATES)[number];

/** SipCallQueueStateInfo. */
export interface PsQueueInfo {
  i_c_queue?: number;
  position?: number;
  operators?: number;
}

/** SIPCallInfo: one call dialog as one user agent sees it. */
export interface PsCallInfo {
  call: PsCallId;
  caller: PsParty;
  callee: PsParty;
  state: PsCallState;
  /** The UA's point of view: incoming = the UA is the recipient. */
  type: 'incoming' | 'outgoing';
  transport_id?: string;
  /** "YYYY-MM-DD hh:mm:ss" as the server writes it (no time zone). */
  start_time?: string;
  connect_time?: string;
  duration?: number;
  reason?: string;
  reason_code?: number | null;
  queue_info?: PsQueueInfo;
}

/** What one frame from the server is. */
export type PsInbound =
  | { kind: 'result'; cseq: number; result: Record<string, unknown>; success: boolean }
  | { kind: 'error'; cseq?: number; code: string; message: string; details?: unknown }
  | { kind: 'notification'; action: string; event: string; callInfo: PsCallInfo };

/** GetSipCallsListResponse. */
export interface PsCallsList {
  calls: PsCallInfo[];
  /** Entries that were not a usable SIPCallInfo (logged, never fatal). */
  skipped: number;
}
