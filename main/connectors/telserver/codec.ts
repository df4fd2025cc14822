/**
 * TelServices XML ↔ typed messages (messages.ts), for every request,
 * result, error and event of the TelServer v1.7 document. Pure: no I/O.
 *
 * Encoding is compact (no prolog, no whitespace between tags) with children
 * in the document's order. Decoding tolerates whitespace, child order and
 * unknown elements, and is strict about the root and required fields.
 */
import {
  boolean,
  enumeration,
  integer,
  list,
  nameList,
  openEnumeration,
  optional,
  record,
  required,
  text,
  tree,
  type Field,
  type RecordCodec,
} from './fields';
import {
  TS_AGENT_STATES,
  TS_ERRORS,
  TS_FORWARD_TYPES,
  TS_SESSION_EVENTS,
  type TsAgentInfo,
  type TsErrorCode,
  type TsEvent,
  type TsEventBody,
  type TsForwardInfo,
  type TsHistoryRecord,
  type TsRequest,
  type TsRequestType,
  type TsResult,
  type TsReturn,
  type TsSnapshot,
} from './messages';
import { callInfo, party } from './call-info';
import { childNames, childOf, element, parseDocument, TsCodecError, type XmlNode } from './xml';

export { TsCodecError } from './xml';

export interface DecodeOptions {
  /** Inputs larger than this many UTF-8 bytes are refused (default 1 MiB). */
  maxBytes?: number;
}

// ---------------------------------------------------------------------------
// Shared structures

const onOff = enumeration(['on', 'off'] as const);
const statisticsType = enumeration(['snapshot', 'total'] as const);

const forwardInfo: RecordCodec<TsForwardInfo> = record([
  required('number', text),
  required('type', enumeration(TS_FORWARD_TYPES)),
  required('state', onOff),
]);

const agentInfo: RecordCodec<TsAgentInfo> = record([
  optional('userID', text),
  required('state', enumeration(TS_AGENT_STATES)),
  optional('timeout', integer),
  optional('inboundServices', list('service', text)),
  optional('outboundServices', list('service', text)),
  optional('permittedStates', nameList(TS_AGENT_STATES)),
]);

const historyRecord: RecordCodec<TsHistoryRecord> = record([
  optional('deviceNumber', text),
  optional('userID', text),
  required('creationDate', text),
  required('creationTime', text),
  optional('otherParty', party),
  optional('alertingDuration', integer),
  optional('duration', integer),
  optional('isOutgoing', boolean),
  optional('isConnected', boolean),
  optional('cause', openEnumeration),
  optional('agentState', enumeration(TS_AGENT_STATES, { lenient: true })),
]);

const snapshot: RecordCodec<TsSnapshot> = record([
  optional('snapshotSeq', text),
  optional('calls', list('call', callInfo)),
  optional('forwards', list('forward', forwardInfo)),
  optional('msgWaiting', onOff),
  optional('doNotDisturb', onOff),
  optional('agent', agentInfo),
  optional('session', enumeration(TS_SESSION_EVENTS, { lenient: true })),
]);

// ---------------------------------------------------------------------------
// Requests: parameters in the document's order

const deviceNumber = required('deviceNumber', text);
const optionalDevice = optional('deviceNumber', text);
const otherNumber = optional('otherNumber', text);
const twoParties = [deviceNumber, optional('primOtherNumber', text), optional('secOtherNumber', text)];
const service = required('service', text);

const REQUEST_FIELDS: { [K in TsRequestType]: Field[] } = {
  openSession: [
    deviceNumber,
    optional('eventUDPPort', integer),
    optional('eventUpdate', enumeration(['full', 'restricted'] as const)),
    optional('userID', text),
    optional('userPassword', text),
    optional('sessionTimeout', integer),
    optional('startPbxMonitor', boolean),
  ],
  closeSession: [deviceNumber, optional('actualCloseSessionTimeout', integer), optional('clientOnly', boolean)],
  addPartyToCall: [deviceNumber, otherNumber, required('addedDeviceNumber', text), optional('extraData', text)],
  agentState: [deviceNumber, required('state', enumeration(TS_AGENT_STATES))],
  alternateCall: twoParties,
  answerCall: [deviceNumber, optional('callingNumber', text)],
  conferenceCall: twoParties,
  consultationCall: [deviceNumber, otherNumber, required('consultedDeviceNumber', text), optional('extraData', text)],
  divertCall: [deviceNumber, otherNumber, required('divertedDeviceNumber', text), optional('extraData', text)],
  doNotDisturb: [deviceNumber, required('state', onOff)],
  dropCall: [deviceNumber, otherNumber],
  forward: [deviceNumber, required('info', forwardInfo)],
  holdCall: [deviceNumber, otherNumber],
  makeCall: [deviceNumber, required('calledDeviceNumber', text), optional('extraData', text)],
  qualifyCall: [deviceNumber, optional('answerCall', boolean), optional('needName', boolean)],
  queryAgentState: [deviceNumber],
  queryDoNotDisturb: [deviceNumber],
  queryForward: [deviceNumber],
  queryHistory: [
    optional('recordType', enumeration(['call', 'agent', 'all'] as const)),
    optionalDevice,
    optional('userID', text),
    optional('startDate', text),
    optional('startHour', integer),
    optional('endDate', text),
    optional('search', text),
    optional('limit', integer),
  ],
  queryMsgWaiting: [deviceNumber],
  queryUserStatistics: [deviceNumber, optional('userID', text), required('statisticsType', statisticsType, 'type')],
  reconnectCall: twoParties,
  retrieveCall: [deviceNumber, otherNumber],
  searchName: [optional('userID', text), optionalDevice, required('name', text), optional('limit', integer)],
  searchNumber: [optional('userID', text), optionalDevice, required('number', text)],
  snapshot: [deviceNumber, optional('resultOnEvent', record([required('timeout', integer), required('snapshotSeq', text)]))],
  transferCall: twoParties,
  updateUserDirectory: [
    optional('userID', text),
    optionalDevice,
    required('directoryName', text),
    required('parties', list('party', party)),
  ],
  queryRoutingPointState: [service],
  queryRoutingPointStatistics: [service, required('statisticsType', statisticsType, 'type')],
  resumeRoutingPoint: [service],
  startRoutingPoint: [service, optional('template', text)],
  stopRoutingPoint: [service],
  suspendRoutingPoint: [service],
  updateRoutingPoint: [service],
  updateDirectory: [required('directoryName', text)],
};

const REQUEST_CODECS = new Map<string, RecordCodec<Record<string, unknown>>>(
  Object.entries(REQUEST_FIELDS).map(([type, fields]) => [type, record(fields)]),
);

function requestCodec(type: string): RecordCodec<Record<string, unknown>> {
  const codec = typeof type === 'string' ? REQUEST_CODECS.get(type) : undefined;
  if (!codec) throw new TsCodecError(`unknown request "${String(type)}"`);
  return codec;
}

export function encodeRequest(req: TsRequest): string {
  const { type, ...params } = req;
  const body = requestCodec(type).encodeContent(params, type);
  return element('TelServiceRequest', element(type, body));
}

export function decodeRequest(xml: string, opts: DecodeOptions = {}): TsRequest {
  const root = parseDocument(xml, 'TelServiceRequest', 'TelServices request', opts.maxBytes);
  const names = childNames(root);
  if (names.length === 0) throw new TsCodecError('TelServices request names no service');
  const type = names.find((name) => REQUEST_CODECS.has(name));
  if (!type) throw new TsCodecError(`unknown request "${names[0]}"`);
  const params = requestCodec(type).decodeContent(childOf(root, type) as XmlNode, type);
  return { type, ...params } as TsRequest;
}

// ---------------------------------------------------------------------------
// Returns

type ResultOf<T extends TsResult['type']> = Extract<TsResult, { type: T }>;

const qualifyCallResult = record<{ number: string; name?: string }>([required('number', text), optional('name', text)]);
const forwardList = list('forward', forwardInfo);
const historyList = list('record', historyRecord);
const partyList = list('party', party);

/** Result element name → its decoder. */
const RESULT_DECODERS: Record<string, (node: XmlNode, path: string) => TsResult> = {
  standard: () => ({ type: 'standard' }),
  qualifyCall: (node, path) => ({ type: 'qualifyCall', ...qualifyCallResult.decodeContent(node, path) }),
  agent: (node, path) => ({ type: 'agent', agent: agentInfo.decodeContent(node, path) }),
  doNotDisturb: (node, path) => ({ type: 'doNotDisturb', state: onOff.decode(node, path) }),
  forwards: (node, path) => ({ type: 'forwards', forwards: forwardList.decode(node, path)! }),
  history: (node, path) => ({ type: 'history', records: historyList.decode(node, path)! }),
  msgWaiting: (node, path) => ({ type: 'msgWaiting', state: onOff.decode(node, path) }),
  searchDirectory: (node, path) => ({ type: 'searchDirectory', parties: partyList.decode(node, path)! }),
  snapshot: (node, path) => ({ type: 'snapshot', snapshot: snapshot.decodeContent(node, path) }),
  userStatistics: (node, path) => decodeStatistics('userStatistics', node, path),
  routingPointStatistics: (node, path) => decodeStatistics('routingPointStatistics', node, path),
  routingPointState: (node, path) => ({ type: 'routingPointState', state: openEnumeration.decode(node, path)! }),
};

/** `<userStatistics><snapshot>…</snapshot></userStatistics>`: the child names the type, its content is the data. */
function decodeStatistics(type: ResultOf<'userStatistics' | 'routingPointStatistics'>['type'], node: XmlNode, path: string): TsResult {
  const kind = childNames(node).find((name) => name === 'snapshot' || name === 'total');
  if (!kind) throw new TsCodecError(`${path}: missing snapshot or total`);
  return { type, statisticsType: kind, data: tree.decode(childOf(node, kind) as XmlNode, `${path}.${kind}`)! };
}

function encodeResult(result: TsResult): string {
  const path = `result.${result.type}`;
  switch (result.type) {
    case 'standard':
      return element('standard');
    case 'qualifyCall':
      return qualifyCallResult.encode('qualifyCall', { number: result.number, name: result.name }, path);
    case 'agent':
      return agentInfo.encode('agent', result.agent, path);
    case 'doNotDisturb':
    case 'msgWaiting':
      return onOff.encode(result.type, result.state, path);
    case 'forwards':
      return forwardList.encode('forwards', result.forwards, path);
    case 'history':
      return historyList.encode('history', result.records, path);
    case 'searchDirectory':
      return partyList.encode('searchDirectory', result.parties, path);
    case 'snapshot':
      return snapshot.encode('snapshot', result.snapshot, path);
    case 'userStatistics':
    case 'routingPointStatistics':
      if (result.statisticsType !== 'snapshot' && result.statisticsType !== 'total') {
        throw new TsCodecError(`${path}: statisticsType must be snapshot or total`);
      }
      return element(result.type, tree.encode(result.statisticsType, result.data, path));
    case 'routingPointState':
      return openEnumeration.encode('routingPointState', result.state, path);
    default:
      throw new TsCodecError(`unknown result "${String((result as { type: unknown }).type)}"`);
  }
}

export function encodeReturn(ret: TsReturn): string {
  if (ret.kind === 'error') {
    if (!TS_ERRORS.includes(ret.error)) throw new TsCodecError(`unknown error "${String(ret.error)}"`);
    return element('TelServiceReturn', element('error', element(ret.error)));
  }
  return element('TelServiceReturn', element('result', encodeResult(ret.result)));
}

export function decodeReturn(xml: string, opts: DecodeOptions = {}): TsReturn {
  const root = parseDocument(xml, 'TelServiceReturn', 'TelServer reply', opts.maxBytes);
  const error = childOf(root, 'error');
  if (error !== undefined) {
    const [code] = childNames(error);
    if (!code) throw new TsCodecError('TelServer error reply names no error');
    if (!TS_ERRORS.includes(code as TsErrorCode)) throw new TsCodecError(`unknown error "${code}"`);
    return { kind: 'error', error: code as TsErrorCode };
  }
  const result = childOf(root, 'result');
  if (result === undefined) throw new TsCodecError('TelServer reply holds neither <result> nor <error>');
  const names = childNames(result);
  const name = names.find((n) => Object.hasOwn(RESULT_DECODERS, n));
  if (!name) throw new TsCodecError(names.length ? `unknown result "${names[0]}"` : 'TelServer result is empty');
  return { kind: 'result', result: RESULT_DECODERS[name](childOf(result, name) as XmlNode, `result.${name}`) };
}

// ---------------------------------------------------------------------------
// Events

const sessionEvent = enumeration(TS_SESSION_EVENTS);

/** Event element name → its decoder; each names its own path in errors, a constant (no string built per datagram). */
const EVENT_DECODERS = new Map<string, (node: XmlNode) => TsEventBody>([
  ['call', (node) => ({ type: 'call', call: callInfo.decodeContent(node, 'event.call') })],
  ['agent', (node) => ({ type: 'agent', agent: agentInfo.decodeContent(node, 'event.agent') })],
  ['forward', (node) => ({ type: 'forward', forward: forwardInfo.decodeContent(node, 'event.forward') })],
  ['doNotDisturb', (node) => ({ type: 'doNotDisturb', state: onOff.decode(node, 'event.doNotDisturb') })],
  ['msgWaiting', (node) => ({ type: 'msgWaiting', state: onOff.decode(node, 'event.msgWaiting') })],
  ['session', (node) => ({ type: 'session', session: sessionEvent.decode(node, 'event.session') })],
]);

function encodeEventBody(body: TsEventBody): string {
  const path = `event.${body.type}`;
  switch (body.type) {
    case 'call':
      return callInfo.encode('call', body.call, path);
    case 'agent':
      return agentInfo.encode('agent', body.agent, path);
    case 'forward':
      return forwardInfo.encode('forward', body.forward, path);
    case 'doNotDisturb':
    case 'msgWaiting':
      return onOff.encode(body.type, body.state, path);
    case 'session':
      return sessionEvent.encode('session', body.session, path);
    default:
      throw new TsCodecError(`unknown event "${String((body as { type: unknown }).type)}"`);
  }
}

export function encodeEvent(ev: TsEvent): string {
  const device = ev.deviceNumber === undefined ? '' : text.encode('deviceNumber', ev.deviceNumber, 'event');
  return element('TelServiceEvent', device + element('event', encodeEventBody(ev.event)));
}

export function decodeEvent(xml: string, opts: DecodeOptions = {}): TsEvent {
  const root = parseDocument(xml, 'TelServiceEvent', 'TelServer event', opts.maxBytes);
  const body = childOf(root, 'event');
  if (body === undefined) throw new TsCodecError('TelServer event: missing event');
  // The first child that names a known event (a loop, not names.find: this runs for every datagram).
  let event: TsEventBody | undefined;
  for (const child of body.children) {
    const decode = EVENT_DECODERS.get(child.name);
    if (decode) {
      event = decode(child);
      break;
    }
  }
  if (!event) throw new TsCodecError(body.children.length ? `unknown event "${body.children[0].name}"` : 'TelServer event is empty');
  const device = childOf(root, 'deviceNumber');
  return device === undefined ? { event } : { deviceNumber: text.decode(device, 'event.deviceNumber'), event };
}
