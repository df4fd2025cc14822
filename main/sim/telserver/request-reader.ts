/**
 * Reads a `<TelServiceRequest>` the way the TelServer v1.7 document writes
 * one: elements only, one service element naming the request, its
 * parameters as child elements, enumerations as an empty child element
 * (`<eventUpdate><full/></eventUpdate>`). Whitespace between elements is
 * accepted, as the document allows; anything else it does not describe
 * (a DOCTYPE, CDATA, an unknown service, a missing required parameter) makes
 * the request unreadable, which the server answers `<reject/>`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  AGENT_STATES,
  FORWARD_TYPES,
  SERVICES,
  type AgentStateName,
  type NumberType,
  type OnOff,
  type ServiceName,
  type SimRequest,
  type WireForward,
  type WireParty,
} from './messages';

export class UnreadableRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableRequest';
  }
}

type Node = string | { [name: string]: Node | Node[] };

const parser = new XMLParser({
  ignoreAttributes: true,
  // '0012' and '+3726401234' are numbers to a phone system, strings to us.
  parseTagValue: false,
  // Only the predefined entities can occur: a DOCTYPE (where others would be declared) is refused before parsing.
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 1, maxExpandedLength: 64 * 1024 },
  htmlEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 32,
});

const isServiceName = (name: string): name is ServiceName => (SERVICES as readonly string[]).includes(name);

export function readRequest(xml: string, maxBytes: number): SimRequest {
  if (Buffer.byteLength(xml, 'utf8') > maxBytes) throw new UnreadableRequest(`request larger than ${maxBytes} bytes`);
  // The document: "only XML elements are accepted" — no DOCTYPE, CDATA or comments.
  if (xml.includes('<!')) throw new UnreadableRequest('request holds markup other than elements');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new UnreadableRequest(`request is not well-formed XML: ${valid.err.msg}`);
  const parsed: unknown = parser.parse(xml);
  const root = element(parsed, 'document');
  const names = Object.keys(root);
  if (names.length !== 1 || names[0] !== 'TelServiceRequest') throw new UnreadableRequest('not one <TelServiceRequest> document');
  const body = element(root.TelServiceRequest, 'TelServiceRequest');
  const services = Object.keys(body);
  const [service] = services;
  if (services.length !== 1 || service === undefined || !isServiceName(service)) {
    throw new UnreadableRequest(`request names no known service (${services.join(', ') || 'none'})`);
  }
  return decode(service, new Fields(body[service], service));
}

/** The parameters of one element, read by name. */
class Fields {
  private readonly node: { [name: string]: Node | Node[] };

  constructor(
    node: Node | Node[] | undefined,
    private readonly path: string,
  ) {
    // A service without parameters (`<snapshot/>`) is an empty element.
    this.node = node === '' || node === undefined ? {} : element(node, path);
  }

  private one(name: string): Node | undefined {
    if (!Object.hasOwn(this.node, name)) return undefined;
    const value = this.node[name];
    if (Array.isArray(value)) throw new UnreadableRequest(`${this.path}.${name} is repeated`);
    return value;
  }

  text(name: string): string | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new UnreadableRequest(`${this.path}.${name} must hold text`);
    return value;
  }

  required(name: string): string {
    const value = this.text(name);
    if (value === undefined) throw new UnreadableRequest(`${this.path}.${name} is missing`);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!/^-?\d{1,9}$/.test(value)) throw new UnreadableRequest(`${this.path}.${name} must be a whole number`);
    return Number(value);
  }

  /** `<x><true/></x>` as the document writes booleans; `<x>true</x>` is read too. */
  flag(name: string): boolean | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    const word = typeof value === 'string' ? value : this.choiceOf(value, name);
    if (word === 'true' || word === 'false') return word === 'true';
    throw new UnreadableRequest(`${this.path}.${name} must be true or false`);
  }

  /** An enumeration: the name of the one empty child element. */
  choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    if (typeof value === 'string') throw new UnreadableRequest(`${this.path}.${name} must hold one of ${allowed.join(', ')}`);
    const word = this.choiceOf(value, name);
    const found = allowed.find((a) => a === word);
    if (found === undefined) throw new UnreadableRequest(`${this.path}.${name}: "${word}" is not one of ${allowed.join(', ')}`);
    return found;
  }

  requiredChoice<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.choice(name, allowed);
    if (value === undefined) throw new UnreadableRequest(`${this.path}.${name} is missing`);
    return value;
  }

  child(name: string): Fields | undefined {
    const value = this.one(name);
    return value === undefined ? undefined : new Fields(value, `${this.path}.${name}`);
  }

  /** `<parties><party>…</party>…</parties>`: every item, 0 or more. */
  list(name: string, item: string): Fields[] {
    const holder = this.child(name);
    if (!holder) return [];
    const value = holder.node[item];
    const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return items.map((node, i) => new Fields(node, `${this.path}.${name}.${item}[${i}]`));
  }

  private choiceOf(value: { [name: string]: Node | Node[] }, name: string): string {
    const names = Object.keys(value);
    const [word] = names;
    if (names.length !== 1 || word === undefined || value[word] !== '') {
      throw new UnreadableRequest(`${this.path}.${name} must hold exactly one empty element`);
    }
    return word;
  }
}

/** fast-xml-parser's output, checked into the shape this reader walks. */
function element(node: unknown, path: string): { [name: string]: Node | Node[] } {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new UnreadableRequest(`${path} must hold elements`);
  const out: { [name: string]: Node | Node[] } = {};
  for (const [name, value] of Object.entries(node)) {
    if (name === '#text') throw new UnreadableRequest(`${path} mixes text and elements`);
    out[name] = Array.isArray(value) ? value.map((item) => single(item, `${path}.${name}`)) : single(value, `${path}.${name}`);
  }
  return out;
}

function single(value: unknown, path: string): Node {
  return typeof value === 'string' ? value : element(value, path);
}

const ON_OFF: readonly OnOff[] = ['on', 'off'];
const NUMBER_TYPES: readonly NumberType[] = ['work', 'home', 'mobile', 'ip'];
const REQUESTABLE: readonly AgentStateName[] = AGENT_STATES;

function party(f: Fields): WireParty {
  const out: WireParty = { number: f.required('number') };
  const name = f.text('name');
  const company = f.text('company');
  const numberType = f.choice('numberType', NUMBER_TYPES);
  if (name !== undefined) out.name = name;
  if (company !== undefined) out.company = company;
  if (numberType !== undefined) out.numberType = numberType;
  return out;
}

function forwardInfo(f: Fields): WireForward {
  return { number: f.required('number'), type: f.requiredChoice('type', FORWARD_TYPES), state: f.requiredChoice('state', ON_OFF) };
}

/** Optional parameters are left out when absent, so a request reads like the document's example. */
function compact<T extends object>(value: T): T {
  for (const [key, field] of Object.entries(value)) if (field === undefined) Reflect.deleteProperty(value, key);
  return value;
}

function decode(service: ServiceName, f: Fields): SimRequest {
  switch (service) {
    case 'openSession':
      return compact({
        type: service,
        deviceNumber: f.required('deviceNumber'),
        eventUDPPort: f.integer('eventUDPPort'),
        eventUpdate: f.choice('eventUpdate', ['full', 'restricted'] as const),
        userID: f.text('userID'),
        userPassword: f.text('userPassword'),
        sessionTimeout: f.integer('sessionTimeout'),
      });
    case 'closeSession':
      return compact({
        type: service,
        deviceNumber: f.required('deviceNumber'),
        actualCloseSessionTimeout: f.integer('actualCloseSessionTimeout'),
        clientOnly: f.flag('clientOnly'),
      });
    case 'addPartyToCall':
      return compact({
        type: service,
        deviceNumber: f.required('deviceNumber'),
        otherNumber: f.text('otherNumber'),
        addedDeviceNumber: f.required('addedDeviceNumber'),
      });
    case 'agentState':
      return { type: service, deviceNumber: f.required('deviceNumber'), state: f.requiredChoice('state', REQUESTABLE) };
    case 'answerCall':
      return compact({ type: service, deviceNumber: f.required('deviceNumber'), callingNumber: f.text('callingNumber') });
    case 'consultationCall':
      return compact({
        type: service,
        deviceNumber: f.required('deviceNumber'),
        otherNumber: f.text('otherNumber'),
        consultedDeviceNumber: f.required('consultedDeviceNumber'),
      });
    case 'divertCall':
      return compact({
        type: service,
        deviceNumber: f.required('deviceNumber'),
        otherNumber: f.text('otherNumber'),
        divertedDeviceNumber: f.required('divertedDeviceNumber'),
      });
    case 'doNotDisturb':
      return { type: service, deviceNumber: f.required('deviceNumber'), state: f.requiredChoice('state', ON_OFF) };
    case 'dropCall':
    case 'holdCall':
    case 'retrieveCall':
      return compact({ type: service, deviceNumber: f.required('deviceNumber'), otherNumber: f.text('otherNumber') });
    // prim/secOtherNumber only name the two calls of the pair; a device has one such pair to act on.
    case 'alternateCall':
    case 'conferenceCall':
    case 'reconnectCall':
    case 'transferCall':
      return { type: service, deviceNumber: f.required('deviceNumber') };
    case 'forward': {
      const info = f.child('info');
      if (!info) throw new UnreadableRequest('forward.info is missing');
      return { type: service, deviceNumber: f.required('deviceNumber'), info: forwardInfo(info) };
    }
    case 'makeCall':
      return { type: service, deviceNumber: f.required('deviceNumber'), calledDeviceNumber: f.required('calledDeviceNumber') };
    case 'qualifyCall':
      return compact({
        type: service,
        deviceNumber: f.required('deviceNumber'),
        answerCall: f.flag('answerCall'),
        needName: f.flag('needName'),
      });
    case 'queryAgentState':
    case 'queryDoNotDisturb':
    case 'queryForward':
    case 'queryMsgWaiting':
    case 'snapshot':
      return { type: service, deviceNumber: f.required('deviceNumber') };
    case 'queryHistory':
      return compact({
        type: service,
        recordType: f.choice('recordType', ['call', 'agent', 'all'] as const),
        deviceNumber: f.text('deviceNumber'),
        userID: f.text('userID'),
        startDate: f.text('startDate'),
        startHour: f.integer('startHour'),
        endDate: f.text('endDate'),
        search: f.text('search'),
        limit: f.integer('limit'),
      });
    case 'searchName':
      return compact({
        type: service,
        userID: f.text('userID'),
        deviceNumber: f.text('deviceNumber'),
        name: f.required('name'),
        limit: f.integer('limit'),
      });
    case 'searchNumber':
      return compact({ type: service, userID: f.text('userID'), deviceNumber: f.text('deviceNumber'), number: f.required('number') });
    case 'updateUserDirectory':
      return compact({
        type: service,
        userID: f.text('userID'),
        deviceNumber: f.text('deviceNumber'),
        directoryName: f.required('directoryName'),
        parties: f.list('parties', 'party').map(party),
      });
    case 'queryUserStatistics':
      return compact({
        type: service,
        deviceNumber: f.required('deviceNumber'),
        userID: f.text('userID'),
        statisticsType: f.requiredChoice('type', ['snapshot', 'total'] as const),
      });
    case 'queryRoutingPointState':
    case 'queryRoutingPointStatistics':
    case 'resumeRoutingPoint':
    case 'startRoutingPoint':
    case 'stopRoutingPoint':
    case 'suspendRoutingPoint':
    case 'updateRoutingPoint':
    case 'updateDirectory':
      return { type: 'notSimulated', service };
  }
}
