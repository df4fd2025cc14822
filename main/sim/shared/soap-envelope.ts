/**
 * The demo PBXs' own SOAP 1.1: reading a request envelope and writing a
 * response or a Fault. A simulator decodes what the console sends on its own
 * terms (by the vendor's WSDL), so this module shares nothing with the
 * connectors' SOAP code.
 *
 * Reading is fast-xml-parser (well-formedness checked, order kept) plus
 * namespace resolution: every element and attribute carries its local name
 * and namespace URI, so a simulator can tell `inno:UserTransfer` in
 * http://innovaphone.com/pbx from an element that merely has that name.
 * A DOCTYPE is refused before parsing, and only the five predefined entities
 * and character references are decoded (one pass, here), so no entity can
 * be defined or expanded.
 */
import { XMLParser } from 'fast-xml-parser';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_ENC_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** A parsed element. `ns` is the resolved namespace URI ('' when none). */
export interface XmlElement {
  readonly name: string;
  readonly ns: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** The element's own character data (text and CDATA), decoded, untrimmed. */
  readonly text: string;
  /** Prefix → namespace URI in scope here ('' is the default namespace), for QName values such as xsi:type. */
  readonly scope: ReadonlyMap<string, string>;
}

export interface XmlAttribute {
  readonly name: string;
  readonly ns: string;
  readonly value: string;
}

/** A request envelope, read. */
export interface SoapRequest {
  /** Local name of the Body's first element, e.g. 'UserTransfer'. */
  readonly operation: string;
  /** Its namespace URI ('' when unqualified). */
  readonly namespace: string;
  /** The Header's child elements (e.g. a wsse:Security block); empty without a Header. */
  readonly headers: readonly XmlElement[];
  /** The Body's first element itself. */
  readonly body: XmlElement;
  /** The Body's attributes and the operation element's children, i.e. the parts. */
  readonly parts: readonly XmlElement[];
}

/** The request is not a SOAP 1.1 envelope this module can read. A simulator answers it with a Client fault. */
export class SoapReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapReadError';
  }
}

export interface ReadOptions {
  /** Elements nested deeper than this are refused. Default 64. */
  maxDepth?: number;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded below, in one pass and only the XML-defined ones.
  processEntities: false,
  htmlEntities: false,
  removeNSPrefix: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

const DECLARATION = /<!(?!--|\[CDATA\[)/;

/** Parses one XML document into its root element (namespaces resolved). */
export function readXmlDocument(xml: string, options: ReadOptions = {}): XmlElement {
  if (DECLARATION.test(xml)) throw new SoapReadError('a declaration (DOCTYPE, ENTITY …) is not allowed');
  let nodes: unknown;
  try {
    nodes = parser.parse(xml, true);
  } catch (error) {
    throw new SoapReadError(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const roots = elementsOf(nodes);
  if (roots.length !== 1) throw new SoapReadError(`expected one root element, found ${roots.length}`);
  return convert(roots[0], new Map([['xml', XML_NS]]), 1, options.maxDepth ?? 64);
}

/** Reads a SOAP 1.1 request: its operation (the Body's first element), headers and parts. */
export function readSoapRequest(xml: string, options: ReadOptions = {}): SoapRequest {
  const root = readXmlDocument(xml, options);
  if (root.name !== 'Envelope' || root.ns !== SOAP_ENV_NS)
    throw new SoapReadError(`not a SOAP 1.1 envelope (root {${root.ns}}${root.name})`);
  const header = root.children.find((c) => c.name === 'Header' && c.ns === SOAP_ENV_NS);
  const bodyElement = root.children.find((c) => c.name === 'Body' && c.ns === SOAP_ENV_NS);
  if (!bodyElement) throw new SoapReadError('the envelope has no Body');
  const first = bodyElement.children[0];
  if (!first) throw new SoapReadError('the Body is empty');
  return { operation: first.name, namespace: first.ns, headers: header?.children ?? [], body: first, parts: first.children };
}

/** An attribute's value by namespace and local name ('' for an unqualified attribute). */
export function attributeOf(element: XmlElement, ns: string, name: string): string | undefined {
  return element.attributes.find((a) => a.name === name && a.ns === ns)?.value;
}

/** Resolves a QName value (e.g. xsi:type="xsd:int") in the element's scope; undefined for an unknown prefix. */
export function resolveQName(element: XmlElement, value: string): { ns: string; name: string } | undefined {
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? '' : value.slice(0, colon);
  const ns = element.scope.get(prefix);
  if (colon >= 0 && ns === undefined) return undefined;
  return { ns: ns ?? '', name: value.slice(colon + 1).trim() };
}

/** The element's xsi:type, resolved, if it has one. */
export function xsiTypeOf(element: XmlElement): { ns: string; name: string } | undefined {
  const value = attributeOf(element, XSI_NS, 'type');
  return value === undefined ? undefined : resolveQName(element, value.trim());
}

/** xsi:nil="true" (or "1"). */
export function isNil(element: XmlElement): boolean {
  const value = attributeOf(element, XSI_NS, 'nil')?.trim();
  return value === 'true' || value === '1';
}

/** A plain view of an element: its text when it has no child elements, else its children by local name. */
export type PlainValue = string | { [name: string]: PlainValue | PlainValue[] };

/**
 * The element as a plain value. A name that occurs more than once becomes
 * an array, once stays a single value, so callers that expect repetition
 * (document/literal `maxOccurs="unbounded"`) should read `children` instead.
 */
export function plainOf(element: XmlElement): PlainValue {
  if (element.children.length === 0) return element.text;
  const out: { [name: string]: PlainValue | PlainValue[] } = {};
  for (const child of element.children) {
    const value = plainOf(child);
    const seen = out[child.name];
    if (seen === undefined) out[child.name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[child.name] = [seen, value];
  }
  return out;
}

// -------------------------------------------------------------------- writing

/** An element to write. `name` is written as given (with its prefix); attributes likewise. */
export interface XmlOut {
  name: string;
  attributes?: Record<string, string>;
  children?: XmlOut[];
  /** Text content (escaped on writing). Ignored when `children` is not empty. */
  text?: string;
}

/** Builds an XmlOut: `el('tns:Echo', {}, [el('session', {}, '1')])`. */
export function el(name: string, attributes: Record<string, string> = {}, content: string | XmlOut[] = []): XmlOut {
  return typeof content === 'string' ? { name, attributes, text: content } : { name, attributes, children: content };
}

export interface EnvelopeOut {
  /** Namespace declarations on the Envelope (prefix → URI), besides `soap` (the envelope namespace). */
  namespaces?: Record<string, string>;
  headers?: XmlOut[];
  body: XmlOut[];
  /** Attributes on the Body, e.g. soap:encodingStyle for rpc/encoded. */
  bodyAttributes?: Record<string, string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(:[A-Za-z_][A-Za-z0-9_.-]*)?$/;

/** A complete response document with the envelope prefix `soap`. */
export function writeSoapEnvelope(envelope: EnvelopeOut): string {
  const declarations: Record<string, string> = { 'xmlns:soap': SOAP_ENV_NS };
  for (const [prefix, uri] of Object.entries(envelope.namespaces ?? {})) declarations[prefix ? `xmlns:${prefix}` : 'xmlns'] = uri;
  const children: XmlOut[] = [];
  if (envelope.headers && envelope.headers.length > 0) children.push(el('soap:Header', {}, envelope.headers));
  children.push({ name: 'soap:Body', attributes: envelope.bodyAttributes ?? {}, children: envelope.body });
  return '<?xml version="1.0" encoding="utf-8"?>' + writeXml({ name: 'soap:Envelope', attributes: declarations, children });
}

export interface FaultOut {
  /** A SOAP 1.1 fault code: 'Client', 'Server', 'VersionMismatch', 'MustUnderstand' (written in the envelope namespace), or a QName. */
  code: string;
  message: string;
  actor?: string;
  detail?: XmlOut[];
  namespaces?: Record<string, string>;
}

const STANDARD_CODES = new Set(['Client', 'Server', 'VersionMismatch', 'MustUnderstand']);

/** A SOAP 1.1 Fault document (sent with HTTP 500). */
export function writeSoapFault(fault: FaultOut): string {
  const code = STANDARD_CODES.has(fault.code.split('.')[0] ?? '') ? `soap:${fault.code}` : fault.code;
  const parts = [el('faultcode', {}, code), el('faultstring', {}, fault.message)];
  if (fault.actor !== undefined) parts.push(el('faultactor', {}, fault.actor));
  if (fault.detail) parts.push(el('detail', {}, fault.detail));
  return writeSoapEnvelope({ namespaces: fault.namespaces, body: [el('soap:Fault', {}, parts)] });
}

/**
 * Serialises one element (no XML declaration). Hand-written rather than
 * fast-xml-parser's XMLBuilder: for a Poll answer's tree of 2000 UserInfo
 * records XMLBuilder took about 9 times as long (fastest of 10 on the shared
 * test machine: 560 ms against 60 ms; `npx tsx main/sim/innovaphone/bench-write.ts`),
 * and the demo PBX streams 10,000 users at start-up in the benchmark.
 */
export function writeXml(element: XmlOut): string {
  if (!checkedNames.has(element.name)) checkName(element.name, 'element');
  let out = `<${element.name}`;
  const attributes = element.attributes;
  if (attributes)
    for (const name in attributes) {
      if (!checkedNames.has(name)) checkName(name, 'attribute');
      out += ` ${name}="${escapeXml(attributes[name] ?? '', ATTRIBUTE_SPECIAL)}"`;
    }
  const children = element.children;
  if (children && children.length > 0) {
    out += '>';
    for (const child of children) out += writeXml(child);
    return `${out}</${element.name}>`;
  }
  return element.text ? `${out}>${escapeXml(element.text, TEXT_SPECIAL)}</${element.name}>` : `${out}/>`;
}

/** Names already found to be XML names (a response repeats a few dozen names thousands of times). */
const checkedNames = new Set<string>();

function checkName(name: string, what: 'element' | 'attribute'): void {
  if (!NAME.test(name)) throw new SoapWriteError(`"${name}" is not an ${what} name`);
  if (checkedNames.size < 10_000) checkedNames.add(name);
}

const TEXT_SPECIAL = /[&<>\r]/g;
/** Attribute values also escape quotes and the whitespace attribute-value normalisation would turn into spaces. */
const ATTRIBUTE_SPECIAL = /[&<>"\r\n\t]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};
/** Whether the text has a character XML 1.0 cannot carry (a control character but tab, LF, CR; a lone surrogate; U+FFFE/FFFF). */
function hasNonXmlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c === 0xfffe || c === 0xffff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** Printable ASCII only: nothing to refuse (the common case, checked first because it is cheap). */
const PLAIN = /^[\x20-\x7E]*$/;

function escapeXml(text: string, special: RegExp): string {
  if (!PLAIN.test(text) && hasNonXmlCharacter(text)) throw new SoapWriteError('the text holds a character XML cannot carry');
  return text.replace(special, (c) => ESCAPES[c] ?? c);
}

/** A simulator tried to write a name that is not an XML name: a programming error. */
export class SoapWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapWriteError';
  }
}

// -------------------------------------------------------------------- parsing internals

type ParsedNode = Record<string, unknown>;

function elementsOf(nodes: unknown): ParsedNode[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.filter((n): n is ParsedNode => isRecord(n) && tagOf(n) !== undefined);
}

function isRecord(value: unknown): value is ParsedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The tag name of a preserveOrder node, or undefined for text, CDATA, comments and processing instructions. */
function tagOf(node: ParsedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && !k.startsWith('#') && !k.startsWith('?'));
}

function convert(node: ParsedNode, parentScope: ReadonlyMap<string, string>, depth: number, maxDepth: number): XmlElement {
  if (depth > maxDepth) throw new SoapReadError(`elements nested deeper than ${maxDepth}`);
  const qname = tagOf(node) ?? '';
  const rawAttributes = isRecord(node[':@']) ? node[':@'] : {};
  let declared: Map<string, string> | undefined;
  const plain: [string, string][] = [];
  for (const [name, raw] of Object.entries(rawAttributes)) {
    const value = decodeText(String(raw));
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      declared ??= new Map(parentScope);
      declared.set(name === 'xmlns' ? '' : name.slice(6), value);
    } else plain.push([name, value]);
  }
  const scope: ReadonlyMap<string, string> = declared ?? parentScope;
  const attributes = plain.map(([name, value]): XmlAttribute => {
    const colon = name.indexOf(':');
    if (colon < 0) return { name, ns: '', value };
    return { name: name.slice(colon + 1), ns: namespaceOf(scope, name.slice(0, colon), name), value };
  });
  const colon = qname.indexOf(':');
  const name = colon < 0 ? qname : qname.slice(colon + 1);
  const ns = colon < 0 ? (scope.get('') ?? '') : namespaceOf(scope, qname.slice(0, colon), qname);
  const children: XmlElement[] = [];
  let text = '';
  const content = node[qname];
  for (const item of Array.isArray(content) ? content : []) {
    if (!isRecord(item)) continue;
    if ('#text' in item) text += decodeText(String(item['#text']));
    else if ('#cdata' in item) text += cdataText(item['#cdata']);
    else if (tagOf(item) !== undefined) children.push(convert(item, scope, depth + 1, maxDepth));
  }
  return { name, ns, attributes, children, text, scope };
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value.map((v) => (isRecord(v) && '#text' in v ? String(v['#text']) : '')).join('');
}

function namespaceOf(scope: ReadonlyMap<string, string>, prefix: string, qname: string): string {
  const ns = scope.get(prefix);
  if (ns === undefined) throw new SoapReadError(`undeclared namespace prefix in ${qname}`);
  return ns;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** A reference, or a bare `&` (the last alternative), which well-formed XML does not allow. */
const REFERENCE = /&(?:#x([0-9a-fA-F]+);|#([0-9]+);|([A-Za-z_][A-Za-z0-9_.-]*);|)/g;

function decodeText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (whole === '&') throw new SoapReadError('a bare "&" (write &amp;)');
    if (named !== undefined) {
      const value = PREDEFINED[named];
      if (value === undefined) throw new SoapReadError(`undefined entity &${named};`);
      return value;
    }
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    if (!Number.isSafeInteger(code) || code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff))
      throw new SoapReadError(`invalid character reference ${whole}`);
    return String.fromCodePoint(code);
  });
}
