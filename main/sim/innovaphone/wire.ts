/**
 * The demo PBX's innovaphone wire format, read and written by the WSDLs
 * (wsdl.ts) in either dialect: a request is checked part by part (known
 * name, right qualification, required parts present, values of the part's
 * XML Schema type) before any operation sees it; a response is written from
 * a typed value tree as SOAP-encoded arrays (pbx10_00) or repeated elements
 * (pbx11_00).
 */
import {
  attributeOf,
  isNil,
  readSoapRequest,
  SOAP_ENC_NS,
  SOAP_ENV_NS,
  SoapReadError,
  writeSoapEnvelope,
  XSD_NS,
  XSI_NS,
  xsiTypeOf,
  el,
  type XmlElement,
  type XmlOut,
} from '../shared/soap-envelope';
import {
  operationNamespace,
  operationOfSoapAction,
  PBX_NS,
  requestElementOf,
  requestParts,
  responseElementOf,
  UNSIMULATED_OPERATIONS,
  type Dialect,
  type PartSpec,
  type PartType,
} from './wsdl';

/** A request the PBX refuses: answered with a SOAP Client fault carrying this message. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** An operation the WSDL defines that the demo PBX does not carry out: a Server fault. */
export class NotSimulatedError extends Error {
  constructor(op: string) {
    super(`${op} is not simulated by the demo PBX`);
    this.name = 'NotSimulatedError';
  }
}

export interface InfoValue {
  type: string;
  vali: number;
  vals: string;
}

export interface PresenceValue {
  status: string;
  activity: string;
  note: string;
}

type PartValue = number | boolean | string | InfoValue[] | PresenceValue;

/** A request, read and checked against its operation's parts. */
export class InnovaphoneRequest {
  constructor(
    readonly dialect: Dialect,
    readonly op: string,
    private readonly values: ReadonlyMap<string, PartValue>,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** An xsd:int part (0 when an optional one is absent). */
  int(name: string): number {
    const value = this.values.get(name);
    return typeof value === 'number' ? value : 0;
  }

  bool(name: string): boolean {
    return this.values.get(name) === true;
  }

  text(name: string): string {
    const value = this.values.get(name);
    return typeof value === 'string' ? value : '';
  }

  presence(name: string): PresenceValue | undefined {
    const value = this.values.get(name);
    return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  }
}

/**
 * Reads a request. `soapAction` is the HTTP SOAPAction header: it names the
 * dialect (`…/pbx#Op` or `…/pbx/Op`) and must name the Body's operation.
 * Without one (it is only a SHOULD for servers to need), the parts' qualification tells.
 */
export function readRequest(xml: string, soapAction: string | undefined, served: ReadonlySet<Dialect>): InnovaphoneRequest {
  let envelope;
  try {
    envelope = readSoapRequest(xml);
  } catch (error) {
    if (error instanceof SoapReadError) throw new WireError(error.message);
    throw error;
  }
  const action = (soapAction ?? '').trim().replace(/^"(.*)"$/, '$1');
  let dialect: Dialect;
  let op: string;
  if (action) {
    const named = operationOfSoapAction(action);
    if (!named) throw new WireError(`SOAPAction "${action}" is not an innovaphone PBX operation`);
    ({ dialect, op } = named);
    if (requestElementOf(dialect, op) !== envelope.operation)
      throw new WireError(`SOAPAction names ${op} but the Body holds ${envelope.operation}`);
  } else {
    dialect = envelope.parts.some((p) => p.ns === PBX_NS) ? 'pbx11_00' : 'pbx10_00';
    op = dialect === 'pbx11_00' && envelope.operation === 'UserInfoTx' ? 'UserInfo' : envelope.operation;
  }
  if (!served.has(dialect)) throw new WireError(`this PBX does not serve the ${dialect} interface`);
  const ns = operationNamespace(dialect, op);
  if (envelope.namespace !== ns)
    throw new WireError(`${envelope.operation} must be in namespace ${ns} (${dialect}), not "${envelope.namespace}"`);
  const specs = requestParts(dialect, op);
  if (!specs) {
    if (UNSIMULATED_OPERATIONS.has(op)) throw new NotSimulatedError(op);
    throw new WireError(`unknown operation ${op}`);
  }
  if (dialect === 'pbx10_00') {
    const style = attributeOf(envelope.body, SOAP_ENV_NS, 'encodingStyle');
    if (style !== undefined && style.trim() !== SOAP_ENC_NS) throw new WireError(`encodingStyle "${style}" is not SOAP encoding`);
  }
  return new InnovaphoneRequest(dialect, op, readParts(dialect, op, specs, envelope.parts));
}

function readParts(dialect: Dialect, op: string, specs: readonly PartSpec[], parts: readonly XmlElement[]): Map<string, PartValue> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values = new Map<string, PartValue>();
  const partNs = dialect === 'pbx10_00' ? '' : PBX_NS;
  for (const part of parts) {
    const spec = byName.get(part.name);
    if (!spec) throw new WireError(`unknown part "${part.name}" in ${op} (${dialect})`);
    if (part.ns !== partNs)
      throw new WireError(
        dialect === 'pbx10_00'
          ? `part "${part.name}" of ${op} must be unqualified (pbx10_00 is rpc/encoded)`
          : `part "${part.name}" of ${op} must be qualified in ${PBX_NS} (pbx11_00)`,
      );
    const seen = values.get(spec.name);
    if (spec.type === 'Info[]') {
      const infos = readInfos(dialect, part, `${op}.${part.name}`);
      if (seen !== undefined && dialect === 'pbx10_00') throw new WireError(`part "${part.name}" of ${op} appears twice`);
      values.set(spec.name, [...(Array.isArray(seen) ? seen : []), ...infos]);
      continue;
    }
    if (seen !== undefined) throw new WireError(`part "${part.name}" of ${op} appears twice`);
    values.set(spec.name, readValue(dialect, spec.type, part, `${op}.${part.name}`));
  }
  for (const spec of specs)
    if (spec.required && !values.has(spec.name)) throw new WireError(`${op} (${dialect}) needs the part "${spec.name}"`);
  return values;
}

const XSD_NAME: Record<'int' | 'boolean' | 'string', string> = { int: 'int', boolean: 'boolean', string: 'string' };
const INT32 = /^[+-]?[0-9]{1,10}$/;

function readValue(dialect: Dialect, type: PartType, element: XmlElement, where: string): PartValue {
  if (type === 'Presence') return readPresence(dialect, element, where);
  if (type === 'Info[]') return readInfos(dialect, element, where);
  if (element.children.length > 0) throw new WireError(`${where} must be a simple xsd:${type} value`);
  if (dialect === 'pbx10_00') {
    const declared = xsiTypeOf(element);
    if (declared && (declared.ns !== XSD_NS || declared.name !== XSD_NAME[type]))
      throw new WireError(`${where} is xsd:${type}, not {${declared.ns}}${declared.name}`);
  }
  if (isNil(element)) {
    if (type === 'string') return '';
    throw new WireError(`${where} (xsd:${type}) cannot be nil`);
  }
  return simpleValue(type, element.text, where);
}

function simpleValue(type: 'int' | 'boolean' | 'string', text: string, where: string): number | boolean | string {
  if (type === 'string') return text;
  const collapsed = text.trim();
  if (type === 'boolean') {
    if (collapsed === 'true' || collapsed === '1') return true;
    if (collapsed === 'false' || collapsed === '0') return false;
    throw new WireError(`${where} must be an xsd:boolean, not "${collapsed}"`);
  }
  const n = INT32.test(collapsed) ? Number(collapsed) : NaN;
  if (!Number.isInteger(n) || n < -(2 ** 31) || n > 2 ** 31 - 1) throw new WireError(`${where} must be an xsd:int, not "${collapsed}"`);
  return n;
}

/** Fields of a record part (Info, Presence): known names only, each once, qualified as the dialect wants. */
function readFields(dialect: Dialect, element: XmlElement, names: readonly string[], where: string): Map<string, string> {
  const fieldNs = dialect === 'pbx10_00' ? '' : PBX_NS;
  const fields = new Map<string, string>();
  for (const child of element.children) {
    if (!names.includes(child.name) || child.ns !== fieldNs) throw new WireError(`${where} has no field {${child.ns}}${child.name}`);
    if (fields.has(child.name)) throw new WireError(`${where}.${child.name} appears twice`);
    if (child.children.length > 0) throw new WireError(`${where}.${child.name} must be a simple value`);
    fields.set(child.name, child.text);
  }
  return fields;
}

function readInfos(dialect: Dialect, element: XmlElement, where: string): InfoValue[] {
  const items = dialect === 'pbx10_00' ? encodedArrayItems(element, 'Info', where) : [element];
  return items.map((item, i) => {
    const fields = readFields(dialect, item, ['type', 'vali', 'vals'], `${where}[${i}]`);
    const vali = fields.get('vali');
    return {
      type: fields.get('type') ?? '',
      vali: vali === undefined ? 0 : Number(simpleValue('int', vali, `${where}[${i}].vali`)),
      vals: fields.get('vals') ?? '',
    };
  });
}

/** The members of a SOAP-encoded array (SOAP 1.1 section 5.4.2: member names are not significant). */
function encodedArrayItems(element: XmlElement, itemType: string, where: string): readonly XmlElement[] {
  if (isNil(element)) return [];
  const declared = xsiTypeOf(element);
  const isArray = (t: { ns: string; name: string }) =>
    (t.ns === SOAP_ENC_NS && t.name === 'Array') || (t.ns === PBX_NS && t.name === `${itemType}Array`);
  if (declared && !isArray(declared)) throw new WireError(`${where} must be a SOAP array of inno:${itemType}`);
  const arrayType = attributeOf(element, SOAP_ENC_NS, 'arrayType');
  if (arrayType !== undefined) {
    const match = /^(.*)\[([0-9]*)\]$/.exec(arrayType.trim());
    const type = match?.[1];
    const resolved = type === undefined ? undefined : element.scope.get(type.includes(':') ? type.slice(0, type.indexOf(':')) : '');
    if (!match || resolved !== PBX_NS || !type?.endsWith(`:${itemType}`))
      throw new WireError(`${where}: soapenc:arrayType "${arrayType}" is not inno:${itemType}[n]`);
    if (match[2] && Number(match[2]) !== element.children.length)
      throw new WireError(`${where}: soapenc:arrayType says ${match[2]} items, the array has ${element.children.length}`);
  }
  return element.children;
}

const PRESENCE_STATUS = ['open', 'closed'];
/** inno:PresenceActivity (both WSDLs). */
export const PRESENCE_ACTIVITIES: readonly string[] = [
  'appointment',
  'away',
  'breakfast',
  'busy',
  'dinner',
  'holiday',
  'in-transit',
  'looking-for-work',
  'lunch',
  'meal',
  'meeting',
  'on-the-phone',
  'other',
  'performance',
  'permanent-absence',
  'playing',
  'presentation',
  'shopping',
  'sleeping',
  'spectator',
  'steering',
  'travel',
  'tv',
  'unknown',
  'vacation',
  'working',
  'worship',
  'dnd',
];

function readPresence(dialect: Dialect, element: XmlElement, where: string): PresenceValue {
  const fields = readFields(dialect, element, ['status', 'activity', 'note'], where);
  const status = fields.get('status')?.trim() ?? '';
  const activity = fields.get('activity')?.trim() ?? '';
  // The document allows an empty status ("the status closed/open or empty").
  if (status && !PRESENCE_STATUS.includes(status)) throw new WireError(`${where}.status "${status}" is not an inno:PresenceStatus`);
  if (activity && !PRESENCE_ACTIVITIES.includes(activity))
    throw new WireError(`${where}.activity "${activity}" is not an inno:PresenceActivity`);
  return { status, activity, note: fields.get('note') ?? '' };
}

// ------------------------------------------------------------------ writing

export type WireValue =
  | { kind: 'int'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'struct'; type: string; fields: WireField[] }
  | {
      kind: 'array';
      /** A type in the pbx namespace ('UserInfo') or an XML Schema type ('xsd:string'). */
      itemType: string;
      items: WireValue[];
      /** pbx11_00 only: the array is one element holding repeated `<itemName>` (UserInfoArray), not repeated elements itself. */
      wrappedItemName?: string;
    };

export type WireField = [name: string, value: WireValue];

export const wInt = (value: number): WireValue => ({ kind: 'int', value });
export const wBool = (value: boolean): WireValue => ({ kind: 'boolean', value });
export const wStr = (value: string): WireValue => ({ kind: 'string', value });
export const wStruct = (type: string, fields: WireField[]): WireValue => ({ kind: 'struct', type, fields });
export const wArray = (itemType: string, items: WireValue[], wrappedItemName?: string): WireValue => ({
  kind: 'array',
  itemType,
  items,
  wrappedItemName,
});

/** The response to `op` in the dialect it was asked in. */
export function writeResponse(dialect: Dialect, op: string, parts: WireField[]): string {
  const name = responseElementOf(dialect, op);
  const ns = operationNamespace(dialect, op);
  if (dialect === 'pbx10_00') {
    return writeSoapEnvelope({
      namespaces: { soapenc: SOAP_ENC_NS, xsd: XSD_NS, xsi: XSI_NS, tns: PBX_NS, m: ns },
      bodyAttributes: { 'soap:encodingStyle': SOAP_ENC_NS },
      body: [
        el(
          `m:${name}`,
          {},
          parts.map(([n, v]) => encoded(n, v)),
        ),
      ],
    });
  }
  return writeSoapEnvelope({
    body: [
      el(
        name,
        { xmlns: ns },
        parts.flatMap(([n, v]) => literal(n, v)),
      ),
    ],
  });
}

function encoded(name: string, value: WireValue): XmlOut {
  switch (value.kind) {
    case 'int':
      return el(name, { 'xsi:type': 'xsd:int' }, String(Math.trunc(value.value)));
    case 'boolean':
      return el(name, { 'xsi:type': 'xsd:boolean' }, value.value ? 'true' : 'false');
    case 'string':
      return el(name, { 'xsi:type': 'xsd:string' }, value.value);
    case 'struct':
      return el(
        name,
        { 'xsi:type': `tns:${value.type}` },
        value.fields.map(([n, v]) => encoded(n, v)),
      );
    case 'array': {
      const itemType = value.itemType.includes(':') ? value.itemType : `tns:${value.itemType}`;
      return el(
        name,
        { 'xsi:type': 'soapenc:Array', 'soapenc:arrayType': `${itemType}[${value.items.length}]` },
        value.items.map((item) => encoded('item', item)),
      );
    }
  }
}

function literal(name: string, value: WireValue): XmlOut[] {
  switch (value.kind) {
    case 'int':
      return [el(name, {}, String(Math.trunc(value.value)))];
    case 'boolean':
      return [el(name, {}, value.value ? 'true' : 'false')];
    case 'string':
      return [el(name, {}, value.value)];
    case 'struct':
      return [
        el(
          name,
          {},
          value.fields.flatMap(([n, v]) => literal(n, v)),
        ),
      ];
    case 'array': {
      const itemName = value.wrappedItemName;
      if (itemName !== undefined)
        return [
          el(
            name,
            {},
            value.items.flatMap((item) => literal(itemName, item)),
          ),
        ];
      return value.items.flatMap((item) => literal(name, item));
    }
  }
}
