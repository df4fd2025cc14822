/**
 * SOAP 1.1 envelopes: building a request (rpc/encoded with xsi:type
 * annotations, or document/literal) and reading a reply, where a Fault
 * (SOAP 1.1 or 1.2 shape) becomes a SoapFault. Vendor codecs describe their
 * operations with SoapValue trees and read replies with the shared XML stack (xml.ts).
 */
import { InvariantError } from '../../core/errors';
import { child, escapeXml, readXml, XmlReadError, type XmlNode } from './xml';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_ENC_NS = 'http://schemas.xmlsoap.org/soap/encoding/';

/** A value of a request part. Structs keep their insertion order on the wire. */
export type SoapValue = string | number | boolean | SoapInt | SoapStruct | SoapArray;

/** A number written as xsd:int (a plain `number` is written as xsd:int too, unless not an integer). */
export class SoapInt {
  constructor(readonly value: number) {}
}

export class SoapStruct {
  /** `type` is the struct's type name in the service namespace (for xsi:type), e.g. 'Info'. */
  constructor(
    readonly type: string,
    readonly fields: [string, SoapValue][],
  ) {}
}

export class SoapArray {
  /** `itemType` e.g. 'Info' (service namespace) or 'xsd:string'. */
  constructor(
    readonly itemType: string,
    readonly items: SoapValue[],
    readonly itemName = 'item',
  ) {}
}

export interface EnvelopeOptions {
  /** The namespace of the operation element, e.g. 'http://innovaphone.com/pbx' (a WSDL binding's soap:body namespace). */
  namespace: string;
  /** The schema namespace of struct and array types in xsi:type (default: `namespace`). */
  typeNamespace?: string;
  operation: string;
  parts: [string, SoapValue][];
  /**
   * true (default): rpc/encoded — parts annotated with xsi:type, arrays as
   * soapenc:Array of `item`s, the SOAP encodingStyle on the Body.
   * false: document/literal with qualified elements — the operation element
   * declares `namespace` as the default namespace (so every part is in it),
   * no type annotations, and an array is its items repeated under the part's name.
   */
  encoded?: boolean;
}

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The complete request document. */
export function buildEnvelope(options: EnvelopeOptions): string {
  const encoded = options.encoded ?? true;
  assertName(options.operation);
  const typeNamespace = options.typeNamespace ?? options.namespace;
  // Types live under `tns` unless the operation's namespace is another one; then under `types`.
  const typePrefix = typeNamespace === options.namespace ? 'tns' : 'types';
  const body = options.parts.map(([name, value]) => writeValue(name, value, encoded, typePrefix)).join('');
  const declarations =
    `xmlns:soap="${SOAP_ENV_NS}" xmlns:soapenc="${SOAP_ENC_NS}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
    (encoded ? ` xmlns:tns="${escapeXml(options.namespace)}"` : '') +
    (encoded && typePrefix === 'types' ? ` xmlns:types="${escapeXml(typeNamespace)}"` : '');
  const operation = encoded
    ? `<soap:Body soap:encodingStyle="${SOAP_ENC_NS}"><tns:${options.operation}>${body}</tns:${options.operation}></soap:Body>`
    : `<soap:Body><${options.operation} xmlns="${escapeXml(options.namespace)}">${body}</${options.operation}></soap:Body>`;
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope ${declarations}>${operation}</soap:Envelope>`;
}

function writeValue(name: string, value: SoapValue, encoded: boolean, typePrefix: string): string {
  assertName(name);
  const typed = (type: string, text: string) => (encoded ? `<${name} xsi:type="${type}">${text}</${name}>` : `<${name}>${text}</${name}>`);
  if (typeof value === 'string') return typed('xsd:string', escapeXml(value));
  if (typeof value === 'boolean') return typed('xsd:boolean', value ? 'true' : 'false');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvariantError(`SOAP part ${name}: ${value} is not a number`);
    return Number.isInteger(value) ? typed('xsd:int', String(value)) : typed('xsd:double', String(value));
  }
  if (value instanceof SoapInt) return writeValue(name, Math.trunc(value.value), encoded, typePrefix);
  if (value instanceof SoapStruct) {
    const inner = value.fields.map(([n, v]) => writeValue(n, v, encoded, typePrefix)).join('');
    return encoded ? `<${name} xsi:type="${typePrefix}:${value.type}">${inner}</${name}>` : `<${name}>${inner}</${name}>`;
  }
  if (!encoded) return value.items.map((item) => writeValue(name, item, encoded, typePrefix)).join('');
  const inner = value.items.map((item) => writeValue(value.itemName, item, encoded, typePrefix)).join('');
  const itemType = value.itemType.includes(':') ? value.itemType : `${typePrefix}:${value.itemType}`;
  return `<${name} xsi:type="soapenc:Array" soapenc:arrayType="${itemType}[${value.items.length}]">${inner}</${name}>`;
}

function assertName(name: string): void {
  if (!ELEMENT_NAME.test(name)) throw new InvariantError(`"${name}" is not a valid SOAP element name`);
}

/** The server answered with a SOAP Fault. */
export class SoapFault extends Error {
  constructor(
    readonly faultCode: string,
    readonly faultString: string,
    readonly detail?: string,
  ) {
    super(faultString ? `${faultString} (${faultCode})` : `SOAP fault ${faultCode}`);
    this.name = 'SoapFault';
  }
}

/** The reply was not a usable SOAP message. */
export class SoapFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapFormatError';
  }
}

/**
 * Reads a reply: the first element of its Body (e.g. `PollResponse`).
 * Throws SoapFault for a Fault, SoapFormatError for anything that is not a SOAP envelope.
 */
export function readSoapBody(xml: string, what: string, maxBytes?: number): XmlNode {
  let root: XmlNode;
  try {
    root = readXml(xml, what, maxBytes);
  } catch (error) {
    if (error instanceof XmlReadError) throw new SoapFormatError(error.message);
    throw error;
  }
  if (root.name !== 'Envelope') throw new SoapFormatError(`${what} is not a SOAP envelope (root <${root.name}>)`);
  const body = child(root, 'Body');
  if (!body) throw new SoapFormatError(`${what} has no SOAP Body`);
  const first = body.children[0];
  if (!first) throw new SoapFormatError(`${what} has an empty SOAP Body`);
  if (first.name === 'Fault') throw decodeFault(first);
  return first;
}

/** SOAP 1.1 (faultcode/faultstring/detail) or 1.2 (Code/Value, Reason/Text, Detail). */
export function decodeFault(fault: XmlNode): SoapFault {
  const code = child(fault, 'faultcode')?.text ?? child(child(fault, 'Code'), 'Value')?.text ?? 'Server';
  const reason = child(fault, 'faultstring')?.text ?? child(child(fault, 'Reason'), 'Text')?.text ?? '';
  const detailNode = child(fault, 'detail');
  const detail = detailNode ? flattenText(detailNode) : undefined;
  return new SoapFault(code, reason, detail || undefined);
}

function flattenText(node: XmlNode): string {
  return [node.text, ...node.children.map(flattenText)].filter(Boolean).join(' ');
}

/** Builds a Fault reply (for simulators and tests). */
export function buildFaultEnvelope(faultCode: string, faultString: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body><soap:Fault>` +
    `<faultcode>${escapeXml(faultCode)}</faultcode><faultstring>${escapeXml(faultString)}</faultstring>` +
    '</soap:Fault></soap:Body></soap:Envelope>'
  );
}
