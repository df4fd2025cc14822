/**
 * A namespace-prefix-tolerant XML reader for SOAP replies. Every element
 * keeps its local name (prefixes stripped), its text and its children in
 * document order, so decoders can read arrays without caring what their
 * members are called and structs without caring about field order.
 *
 * Safety: DOCTYPE/ENTITY declarations are refused outright (no entity
 * expansion attacks), only the five predefined entities and character
 * references are decoded, values stay strings ('0012' and '+372…' survive),
 * and documents and nesting are size-limited.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export class XmlReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlReadError';
  }
}

export interface XmlNode {
  /** Local name: `SOAP-ENV:Body` → `Body`. */
  name: string;
  /** The element's own text (entity references decoded, trimmed); '' when none. */
  text: string;
  children: XmlNode[];
  /** Attributes by local name (prefixes stripped), when the element has any. */
  attributes?: Record<string, string>;
}

export const DEFAULT_MAX_XML_BYTES = 4 * 1024 * 1024;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
});

type Ordered = Record<string, unknown>[];

/**
 * The checks every XML document from a peer passes before it is parsed:
 * text, within the size limit, no DOCTYPE (so no entity expansion), well
 * formed. Throws `fail(sentence)`; each codec brings its own error class.
 */
export function assertSafeXml(xml: unknown, what: string, maxBytes: number, fail: (message: string) => Error): asserts xml is string {
  if (typeof xml !== 'string') throw fail(`${what} is not text`);
  // Length first: cheap, and a string is never shorter in UTF-8 bytes than in UTF-16 units.
  if (xml.length > maxBytes || Buffer.byteLength(xml, 'utf8') > maxBytes) throw fail(`${what} is larger than ${maxBytes} bytes`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw fail(`${what} contains a DOCTYPE, which this protocol never sends`);
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) throw fail(`${what} is not well-formed XML (line ${verdict.err.line}: ${verdict.err.msg})`);
}

/** Parses one document and returns its root element. `what` names it in error messages. */
export function readXml(xml: string, what: string, maxBytes = DEFAULT_MAX_XML_BYTES): XmlNode {
  assertSafeXml(xml, what, maxBytes, (message) => new XmlReadError(message));
  let parsed: Ordered;
  try {
    parsed = parser.parse(xml) as Ordered;
  } catch (error) {
    throw new XmlReadError(`${what} could not be parsed: ${(error as Error).message}`);
  }
  const roots = convert(parsed);
  if (roots.length !== 1) throw new XmlReadError(`${what} must have exactly one root element, found ${roots.length}`);
  return roots[0];
}

function convert(items: Ordered): XmlNode[] {
  const out: XmlNode[] = [];
  for (const item of items) {
    for (const key of Object.keys(item)) {
      if (key === '#text' || key === ':@' || key.startsWith('?') || key === '#comment') continue;
      const content = item[key] as Ordered;
      const node: XmlNode = { name: key, text: '', children: [] };
      let text = '';
      for (const part of content) {
        if (Object.hasOwn(part, '#text')) text += String(part['#text']);
      }
      node.text = decodeEntities(text);
      node.children = convert(content);
      const attributes = item[':@'] as Record<string, unknown> | undefined;
      if (attributes) node.attributes = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, decodeEntities(String(v))]));
      out.push(node);
    }
  }
  return out;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

// ---------------------------------------------------------------------------
// Reading: names compare case-insensitively, since firmware versions differ.

/** The first child with that local name (any case), or undefined. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  const wanted = name.toLowerCase();
  return node.children.find((c) => c.name.toLowerCase() === wanted);
}

/** The text of the named child, or undefined when it is absent. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  return child(node, name)?.text;
}

/** Children by lower-cased local name (the first of each name), for decoding structs in one pass. */
export function fieldsOf(node: XmlNode): Map<string, XmlNode> {
  const fields = new Map<string, XmlNode>();
  for (const c of node.children) {
    const key = c.name.toLowerCase();
    if (!fields.has(key)) fields.set(key, c);
  }
  return fields;
}
