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
    if (event !== NOTIFICATIONS_EVENT && event.replace(/ /g, '_') !== NOTIFICATIONS_EVENT)
      throw new PsCodecError(`unknown event "${event.slice(0, 64)}"`);
    const body = record(frame.result) ?? frame;
    const info = either(body.call_info, body['call info']);
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

/**
 * SIPCallInfo. Needs a call id and a known state; everything else is optional. Every notification passes here, so
 * each field is read by name (a named read is one inline-cached load; the generic `field` look-up by a computed key
 * and its miss for each absent field cost a third of the decoder in the profile, scripts/bench-portasip.ts).
 */
export function decodeCallInfo(value: unknown): PsCallInfo {
  const info = record(value);
  if (!info) throw new PsCodecError('call_info is not an object');
  const callId = record(info.call);
  const id = callId && text(callId.id);
  if (!id) throw new PsCodecError('call_info without call.id');
  const state = text(info.state)?.toLowerCase();
  if (!isCallState(state)) throw new PsCodecError(`call_info with unknown state "${String(info.state).slice(0, 32)}"`);
  const type = text(info.type)?.toLowerCase();
  const out: PsCallInfo = {
    call: { id, tag: text(callId.tag) ?? '' },
    caller: decodeParty(info.caller),
    callee: decodeParty(info.callee),
    state,
    type: type === 'outgoing' ? 'outgoing' : 'incoming',
  };
  const transportId = text(either(info.transport_id, info['transport id']));
  if (transportId !== undefined) out.transport_id = transportId;
  const startTime = text(either(info.start_time, info['start time']));
  if (startTime !== undefined) out.start_time = startTime;
  const connectTime = text(either(info.connect_time, info['connect time']));
  if (connectTime !== undefined) out.connect_time = connectTime;
  const reason = text(info.reason);
  if (reason !== undefined) out.reason = reason;
  const duration = integer(info.duration);
  if (duration !== undefined) out.duration = duration;
  const reasonCode = either(info.reason_code, info['reason code']);
  if (reasonCode === null) out.reason_code = null;
  else {
    const code = integer(reasonCode);
    if (code !== undefined) out.reason_code = code;
  }
  const queue = record(either(info.queue_info, info['queue info']));
  if (queue) out.queue_info = decodeQueue(queue);
  return out;
}

const CALL_STATES: ReadonlySet<string> = new Set(PS_CALL_STATES);

function isCallState(state: string | undefined): state is PsCallState {
  return state !== undefined && CALL_STATES.has(state);
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
type PartyField = (typeof PARTY_FIELDS)[number] | 'forwarder_list';

/** Each party field by both spellings (API and document) → its API name. */
const PARTY_KEYS = new Map<string, PartyField>(
  [...PARTY_FIELDS, 'forwarder_list' as const].flatMap((key): [string, PartyField][] => [
    [key, key],
    [key.replace(/_/g, ' '), key],
  ]),
);

/**
 * One pass over the keys the party has, not a look-up of each of the eight it may have (most are absent from
 * most frames, and each absent one cost two look-ups: a fifth of the decoder in the profile). The API's spelling
 * wins where a party has both.
 */
function decodeParty(value: unknown): PsParty {
  const out: PsParty = { forwarder_list: [] };
  const party = record(value);
  if (!party) return out;
  for (const key in party) {
    const name = PARTY_KEYS.get(key);
    if (name === undefined || (name !== key && name in party)) continue;
    if (name === 'forwarder_list') {
      const forwarders = party[key];
      if (!Array.isArray(forwarders)) continue;
      for (const f of forwarders) {
        const id = text(f) ?? text(record(f)?.id);
        if (id) out.forwarder_list.push(id);
      }
      continue;
    }
    const v = text(party[key]);
    if (v) out[name] = v;
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
  // One look-up for a field that is there (JSON has no undefined values, so undefined means absent).
  const value = obj[key];
  return value !== undefined ? value : obj[spaced(key)];
}

/** The API's spelling of a field if the object has it, else the document's (JSON has no undefined: undefined is absent). */
function either(api: unknown, documented: unknown): unknown {
  return api !== undefined ? api : documented;
}

/** The document's spelling of a key ("calls_list" → "calls list"), computed once per key rather than once per read. */
const SPACED_KEYS = new Map<string, string>();
function spaced(key: string): string {
  let out = SPACED_KEYS.get(key);
  if (out === undefined) SPACED_KEYS.set(key, (out = key.replace(/_/g, ' ')));
  return out;
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
