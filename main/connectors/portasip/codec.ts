/**
 * PortaSIP JSON-RPC text ↔ typed messages. Strict on what it sends (only the
 * document's fields, in its shape), tolerant on what it receives: unknown
 * fields are ignored, optional fields may be missing, numbers may come as
 * strings and the other way round. A frame that is not JSON, or JSON that is
 * neither a response, an error nor a call notification, is a PsCodecError
 * (the client logs and drops it; it never reaches the adapter).
 *
 * Key spelling: the document's own examples write some keys with a space
 * where the API has an underscore ("call info", "account id", the event
 * "sip.call control notifications"); the decoder reads both.
 */
import {
  NOTIFICATIONS_EVENT,
  PS_CALL_STATES,
  type PsCallId,
  type PsCallInfo,
  type PsCallState,
  type PsCallsList,
  type PsInbound,
  type PsOutgoing,
  type PsParty,
  type PsQueueInfo,
} from './messages';

/**
 * Why a text could not be decoded, as a short technical reason ("not JSON
 * (…)", "calls_list is not an array"): for the log, and the `reason` of the
 * 'malformed' TransportError the client turns it into; never a sentence of its own.
 */
export class PsCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PsCodecError';
  }
}

/** The request as one JSON text: cseq, auth_info, service, method, params — nothing else. */
export function encodeRequest(request: PsOutgoing): string {
  const out: Record<string, unknown> = {};
  if (request.cseq !== undefined) out.cseq = request.cseq;
  if (request.auth_info) out.auth_info = request.auth_info;
  out.service = request.service;
  out.method = request.method;
  out.params = request.params;
  return JSON.stringify(out);
}

/** One frame from the server. */
export function decodeFrame(text: string): PsInbound {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PsCodecError(`not JSON (${(error as Error).message})`);
  }
  return decodeValue(raw);
}

/** A parsed frame (already JSON) → a typed message. */
export function decodeValue(raw: unknown): PsInbound {
  const frame = record(raw);
  if (!frame) throw new PsCodecError('a frame must be a JSON object');
  const event = text(frame.event);
  if (event !== undefined) {
    if (event.replace(/ /g, '_') !== NOTIFICATIONS_EVENT) throw new PsCodecError(`unknown event "${event.slice(0, 64)}"`);
    const body = record(field(frame, 'result')) ?? frame;
    const info = field(body, 'call_info');
    if (info === undefined) throw new PsCodecError('a call notification without call_info');
    return { kind: 'notification', action: text(frame.action) ?? 'update', event: NOTIFICATIONS_EVENT, callInfo: decodeCallInfo(info) };
  }
  const cseq = integer(frame.cseq);
  const error = record(frame.error) ?? (frame.code !== undefined || frame.faultcode !== undefined ? frame : undefined);
  if (error) {
    const code = text(error.code) ?? text(error.faultcode) ?? 'unknown';
    const message = text(error.message) ?? text(error.faultstring) ?? '';
    const out: PsInbound = { kind: 'error', code, message };
    if (cseq !== undefined) out.cseq = cseq;
    if (error.details !== undefined) out.details = error.details;
    return out;
  }
  if (cseq === undefined) throw new PsCodecError('a response without cseq');
  const result = record(frame.result) ?? {};
  const success = truthy(frame.success ?? result.success);
  return { kind: 'result', cseq, result, success };
}

/** GetSipCallsListResponse.calls_list; unusable entries are counted, not fatal. */
export function decodeCallsList(result: Record<string, unknown>): PsCallsList {
  const list = field(result, 'calls_list');
  if (list === undefined) return { calls: [], skipped: 0 };
  if (!Array.isArray(list)) throw new PsCodecError('calls_list is not an array');
  const calls: PsCallInfo[] = [];
  let skipped = 0;
  for (const item of list) {
    try {
      calls.push(decodeCallInfo(item));
    } catch {
      skipped++;
    }
  }
  return { calls, skipped };
}

/** OriginateAdvancedCallResponse.call, when the server sent it. */
export function decodeOriginatedCall(result: Record<string, unknown>): Partial<PsCallId> | undefined {
  const call = record(result.call);
  if (!call) return undefined;
  const out: Partial<PsCallId> = {};
  const id = text(call.id);
  const tag = text(call.tag);
  if (id) out.id = id;
  if (tag) out.tag = tag;
  return out;
}

/** SIPCallInfo. Needs a call id and a known state; everything else is optional. */
export function decodeCallInfo(value: unknown): PsCallInfo {
  const info = record(value);
  if (!info) throw new PsCodecError('call_info is not an object');
  const callId = record(field(info, 'call'));
  const id = callId && text(callId.id);
  if (!id) throw new PsCodecError('call_info without call.id');
  const state = text(info.state)?.toLowerCase();
  if (!state || !(PS_CALL_STATES as readonly string[]).includes(state))
    throw new PsCodecError(`call_info with unknown state "${String(info.state).slice(0, 32)}"`);
  const type = text(info.type)?.toLowerCase();
  const out: PsCallInfo = {
    call: { id, tag: text(callId.tag) ?? '' },
    caller: decodeParty(field(info, 'caller')),
    callee: decodeParty(field(info, 'callee')),
    state: state as PsCallState,
    type: type === 'outgoing' ? 'outgoing' : 'incoming',
  };
  copyText(info, out, 'transport_id');
  copyText(info, out, 'start_time');
  copyText(info, out, 'connect_time');
  copyText(info, out, 'reason');
  const duration = integer(field(info, 'duration'));
  if (duration !== undefined) out.duration = duration;
  const reasonCode = field(info, 'reason_code');
  if (reasonCode === null) out.reason_code = null;
  else if (integer(reasonCode) !== undefined) out.reason_code = integer(reasonCode);
  const queue = record(field(info, 'queue_info'));
  if (queue) out.queue_info = decodeQueue(queue);
  return out;
}

const PARTY_FIELDS = [
  'account_id',
  'centrex_id',
  'display_id',
  'display_name',
  'extension_id',
  'huntgroup_id',
  'id',
  'access_number',
] as const;

function decodeParty(value: unknown): PsParty {
  const party = record(value) ?? {};
  const out: PsParty = { forwarder_list: [] };
  for (const key of PARTY_FIELDS) {
    const v = text(field(party, key));
    if (v) out[key] = v;
  }
  const forwarders = field(party, 'forwarder_list');
  if (Array.isArray(forwarders)) {
    for (const f of forwarders) {
      const id = text(f) ?? text(record(f)?.id);
      if (id) out.forwarder_list.push(id);
    }
  }
  return out;
}

function decodeQueue(queue: Record<string, unknown>): PsQueueInfo {
  const out: PsQueueInfo = {};
  for (const key of ['i_c_queue', 'position', 'operators'] as const) {
    const v = integer(field(queue, key));
    if (v !== undefined) out[key] = v;
  }
  return out;
}

// ------------------------------------------------------------------ helpers

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A field by its API name, or spelled with a space as in the document's examples. */
function field(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  return obj[key.replace(/_/g, ' ')];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function integer(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

function truthy(value: unknown): boolean {
  const n = integer(value);
  return n !== undefined ? n !== 0 : value === true;
}

function copyText<K extends 'transport_id' | 'start_time' | 'connect_time' | 'reason'>(
  from: Record<string, unknown>,
  to: PsCallInfo,
  key: K,
): void {
  const v = text(field(from, key));
  if (v !== undefined) to[key] = v;
}
