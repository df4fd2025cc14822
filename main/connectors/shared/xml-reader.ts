/**
 * A namespace-prefix-tolerant XML reader for SOAP replies. Every element
 * keeps its local name (prefixes stripped), its text and its children in
 * document order, so decoders can read arrays without caring what their
 * members are called and structs without caring about field order.
 *
 * Safety: DOCTYPE/ENTITY declarations are refused outright (no entity
 * expansion attacks), only the five predefined entities and character
 * references are decoded, values stay strings ('0012' and '+372…' survive),
 * and documents and nesting are size-limited. The checking and the tree
 * building are one pass (`xml-parse.ts`).
 */
import { decodeReferences, DEFAULT_MAX_DEPTH, parseXmlElements, XmlSyntaxError } from './xml-parse';

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

/**
 * The checks every XML document from a peer passes before it is parsed:
 * text, within the size limit, no DOCTYPE (so no entity expansion), well
 * formed. Throws `fail(sentence)`; each codec brings its own error class.
 */
export function assertSafeXml(xml: unknown, what: string, maxBytes: number, fail: (message: string) => Error): asserts xml is string {
  parseSafeXml(xml, what, maxBytes, fail);
}

function parseSafeXml(xml: unknown, what: string, maxBytes: number, fail: (message: string) => Error): XmlNode[] {
  if (typeof xml !== 'string') throw fail(`${what} is not text`);
  // Length first: cheap, and a string is never shorter in UTF-8 bytes than in UTF-16 units.
  if (xml.length > maxBytes || Buffer.byteLength(xml, 'utf8') > maxBytes) throw fail(`${what} is larger than ${maxBytes} bytes`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw fail(`${what} contains a DOCTYPE, which this protocol never sends`);
  try {
    // One pass: well-formedness and the tree together.
    return parseXmlElements(xml, DEFAULT_MAX_DEPTH);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw fail(`${what} is not well-formed XML (line ${error.line}: ${error.message})`);
    throw error;
  }
}

/** Parses one document and returns its root element. `what` names it in error messages. */
export function readXml(xml: string, what: string, maxBytes = DEFAULT_MAX_XML_BYTES): XmlNode {
  const roots = parseSafeXml(xml, what, maxBytes, (message) => new XmlReadError(message));
  if (roots.length !== 1) throw new XmlReadError(`${what} must have exactly one root element, found ${roots.length}`);
  return roots[0];
}

/** Decodes the five predefined entities and character references; anything else stays as written. */
export const decodeEntities = decodeReferences;

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
