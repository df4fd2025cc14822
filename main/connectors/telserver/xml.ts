/**
 * The XML subset TelServices uses (elements only: no attributes, namespaces
 * or prolog) — safe parsing into plain nodes and compact writing. Knows
 * nothing about the messages; codec.ts maps those.
 */
import { XMLParser } from 'fast-xml-parser';
import { assertSafeXml, decodeEntities, escapeXml } from '../shared/xml-reader';

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

export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  // Numbers stay strings: '+3726401234' and '0012' must survive.
  parseTagValue: false,
  // Entities are decoded by the shared decodeEntities: only the predefined five
  // and character references, never DOCTYPE-declared ones.
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
});

/**
 * Parses one document and returns the content of its root element.
 * `what` names the document in error messages ('TelServer reply', …).
 */
export function parseDocument(xml: string, root: string, what: string, maxBytes = DEFAULT_MAX_XML_BYTES): XmlNode {
  assertSafeXml(xml, what, maxBytes, (message) => new TsCodecError(message));
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    throw new TsCodecError(`${what} could not be parsed: ${(err as Error).message}`);
  }
  const roots = Object.keys(parsed);
  if (roots.length !== 1 || roots[0] !== root) {
    const found = roots.length ? roots.map((r) => `<${r}>`).join(', ') : 'no element';
    throw new TsCodecError(`${what} must be one <${root}> document, found ${found}`);
  }
  const content = parsed[root];
  if (Array.isArray(content)) throw new TsCodecError(`${what} must be one <${root}> document, found several`);
  return decodeTexts(content as XmlNode);
}

/** Replaces entity references in every text of the tree (see parser options). */
function decodeTexts(node: XmlNode): XmlNode {
  if (typeof node === 'string') return decodeEntities(node);
  const out: XmlElement = {};
  for (const [name, value] of Object.entries(node)) {
    out[name] = Array.isArray(value) ? value.map(decodeTexts) : decodeTexts(value);
  }
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
