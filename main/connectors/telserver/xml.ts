/**
 * The XML subset TelServices uses (elements only: no attributes, namespaces
 * or prolog) as TelServer's codec reads it — the shared XML stack's tree
 * (main/connectors/shared/xml.ts, the one parser every vendor uses), read
 * as it comes out of the parser — and compact writing. Knows nothing about
 * the messages; codec.ts maps those.
 *
 * The codec reads the parser's tree directly (no second tree of children by
 * name): every UDP datagram is decoded, and `npm run bench:ingest` measures
 * decoding against the bare parse of the same datagrams.
 */
import { escapeXml, readXmlRoots, type XmlNode } from '../shared/xml';

export type { XmlNode } from '../shared/xml';

export class TsCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TsCodecError';
  }
}

const codecError = (message: string) => new TsCodecError(message);

/** TelServices documents are small: a reply or a datagram is far below this. */
export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

/**
 * Parses one document and returns its root element.
 * `what` names the document in error messages ('TelServer reply', …).
 */
export function parseDocument(xml: string, root: string, what: string, maxBytes = DEFAULT_MAX_XML_BYTES): XmlNode {
  const roots = readXmlRoots(xml, what, maxBytes, codecError);
  if (roots.length !== 1 || roots[0].name !== root) {
    throw new TsCodecError(`${what} must be one <${root}> document, found ${roots.map((r) => `<${r.name}>`).join(', ')}`);
  }
  return roots[0];
}

// ---------------------------------------------------------------------------
// Reading parsed nodes. A node with no child elements is a value (its text,
// '' when empty: `<on/>`); one with children is a structure (its own text,
// if any, is mixed content and ignored).

/** Whether the node holds child elements. */
export function hasChildren(node: XmlNode): boolean {
  return node.children.length > 0;
}

/** The first child with that name, or undefined. */
export function childOf(node: XmlNode, name: string): XmlNode | undefined {
  for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

/** Every child with that name, in document order: 0, 1 or many. */
export function childrenOf(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Names of the child elements, each once, in the order they first appear. */
export function childNames(node: XmlNode): string[] {
  const { children } = node;
  if (children.length === 1) return [children[0].name];
  return [...new Set(children.map((c) => c.name))];
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
