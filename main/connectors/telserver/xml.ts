/**
 * The XML subset TelServices uses (elements only: no attributes, namespaces
 * or prolog) as TelServer's codec reads it — a thin view over the shared
 * XML stack (main/connectors/shared/xml.ts, the one parser every vendor
 * uses) — and compact writing. Knows nothing about the messages; codec.ts
 * maps those.
 */
import { escapeXml, readXmlRoots, type XmlNode as SharedXmlNode } from '../shared/xml';

export class TsCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TsCodecError';
  }
}

/**
 * A parsed element: '' when empty (`<on/>`), its text when it holds text,
 * or its children by name (a repeated child becomes an array, in document
 * order).
 */
export type XmlNode = string | XmlElement;
export interface XmlElement {
  [name: string]: XmlNode | XmlNode[];
}

/** TelServices documents are small: a reply or a datagram is far below this. */
export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

/**
 * Parses one document and returns the content of its root element.
 * `what` names the document in error messages ('TelServer reply', …).
 */
export function parseDocument(xml: string, root: string, what: string, maxBytes = DEFAULT_MAX_XML_BYTES): XmlNode {
  const roots = readXmlRoots(xml, what, maxBytes, (message) => new TsCodecError(message));
  if (roots.length !== 1 || roots[0].name !== root) {
    throw new TsCodecError(`${what} must be one <${root}> document, found ${roots.map((r) => `<${r.name}>`).join(', ')}`);
  }
  return viewOf(roots[0], what);
}

const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** The shared tree as TelServer's codec reads it: text, or children by name (text of mixed content under '#text'). */
function viewOf(node: SharedXmlNode, what: string): XmlNode {
  if (node.children.length === 0) return node.text;
  const out: XmlElement = {};
  for (const c of node.children) {
    // A name that is a property of every object would change the record's prototype instead of naming a child.
    if (UNSAFE_NAMES.has(c.name))
      throw new TsCodecError(`${what} could not be parsed: <${c.name}> is not an element name TelServices uses`);
    const value = viewOf(c, what);
    const existing = Object.hasOwn(out, c.name) ? out[c.name] : undefined;
    if (existing === undefined) out[c.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[c.name] = [existing, value];
  }
  if (node.text) out['#text'] = node.text;
  return out;
}

// ---------------------------------------------------------------------------
// Reading parsed nodes

export function isElement(node: XmlNode | XmlNode[] | undefined): node is XmlElement {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** The named child (the first one when repeated), or undefined. */
export function childOf(node: XmlNode, name: string): XmlNode | undefined {
  if (!isElement(node) || !Object.hasOwn(node, name)) return undefined;
  const value = node[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Every child with that name, in document order: 0, 1 or many. */
export function childrenOf(node: XmlNode, name: string): XmlNode[] {
  if (!isElement(node) || !Object.hasOwn(node, name)) return [];
  const value = node[name];
  return Array.isArray(value) ? value : [value];
}

/** Names of the child elements, in document order (text of mixed content left out). */
export function childNames(node: XmlNode): string[] {
  return isElement(node) ? Object.keys(node).filter((name) => name !== '#text') : [];
}

// ---------------------------------------------------------------------------
// Writing

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function assertElementName(name: string, where: string): void {
  if (typeof name !== 'string' || !ELEMENT_NAME.test(name)) {
    throw new TsCodecError(`${where}: "${String(name)}" is not a valid element name`);
  }
}

export { escapeXml as escapeText };

/** `<name>content</name>`, or `<name/>` when there is no content; content is already XML. */
export function element(name: string, content = ''): string {
  return content === '' ? `<${name}/>` : `<${name}>${content}</${name}>`;
}

/** An element holding text. */
export function textElement(name: string, text: string): string {
  return element(name, escapeXml(text));
}
