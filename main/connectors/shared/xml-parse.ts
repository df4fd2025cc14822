/**
 * A single-pass XML parser for documents from peers: one walk over the text
 * checks well-formedness and builds the tree the readers use, so a large
 * reply (10,000 UserInfo records) is not validated and then parsed again.
 *
 * What it accepts is deliberately small: an optional XML declaration,
 * comments and processing instructions (skipped), elements with attributes,
 * text, CDATA. Any declaration (`<!DOCTYPE`, `<!ENTITY` …) is an error, so
 * no entity can ever be defined or expanded; references must be well formed
 * and only the five predefined entities and character references are
 * decoded (others stay as written, as before). Names lose their namespace
 * prefix; `xmlns` declarations are not kept as attributes.
 */
import type { XmlNode } from './xml-reader';

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based line of the offending position. */
    readonly line: number,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

export const DEFAULT_MAX_DEPTH = 64;

/**
 * Parses a document's top-level elements (at least one) or throws
 * XmlSyntaxError. How many roots are allowed is the caller's rule: each
 * protocol says it in its own words.
 */
export function parseXmlElements(xml: string, maxDepth = DEFAULT_MAX_DEPTH): XmlNode[] {
  return new Parser(xml, maxDepth).document();
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][A-Za-z0-9_.:-]*);/y;

class Parser {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly maxDepth: number,
  ) {}

  document(): XmlNode[] {
    const src = this.src;
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
    const roots: XmlNode[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= src.length) break;
      if (src.charCodeAt(this.pos) !== LT) this.fail('text outside the root element');
      if (src.startsWith('<?', this.pos)) this.skipProcessingInstruction();
      else if (src.startsWith('<!--', this.pos)) this.skipComment();
      else if (src.startsWith('<!', this.pos)) this.fail('a declaration (DOCTYPE, ENTITY …) is not allowed');
      else roots.push(this.element(1));
    }
    if (roots.length === 0) this.fail('no root element');
    return roots;
  }

  /** At `<` of a start tag; returns after its end tag (or `/>`). */
  private element(depth: number): XmlNode {
    if (depth > this.maxDepth) this.fail(`elements nested deeper than ${this.maxDepth}`);
    const src = this.src;
    this.pos++;
    const qname = this.name();
    const node: XmlNode = { name: localName(qname), text: '', children: [] };
    let seen: Set<string> | undefined;
    for (;;) {
      const spaced = this.skipWhitespace();
      const c = src.charCodeAt(this.pos);
      if (c === GT) {
        this.pos++;
        break;
      }
      if (c === SLASH) {
        if (src.charCodeAt(this.pos + 1) !== GT) this.fail(`'/' inside <${qname}>`);
        this.pos += 2;
        return node;
      }
      if (this.pos >= src.length) this.fail(`the document ends inside <${qname}>`);
      if (!spaced) this.fail(`no space before an attribute of <${qname}>`);
      const attribute = this.name();
      this.skipWhitespace();
      if (src.charCodeAt(this.pos) !== EQUALS) this.fail(`attribute ${attribute} of <${qname}> has no value`);
      this.pos++;
      this.skipWhitespace();
      const quote = src.charCodeAt(this.pos);
      if (quote !== QUOTE && quote !== APOSTROPHE) this.fail(`attribute ${attribute} of <${qname}> is not quoted`);
      const end = src.indexOf(quote === QUOTE ? '"' : "'", this.pos + 1);
      if (end < 0) this.fail(`the document ends inside attribute ${attribute} of <${qname}>`);
      const raw = src.slice(this.pos + 1, end);
      if (raw.includes('<')) this.fail(`'<' in attribute ${attribute} of <${qname}>`);
      this.checkReferences(raw, this.pos + 1);
      this.pos = end + 1;
      seen ??= new Set();
      if (seen.has(attribute)) this.fail(`attribute ${attribute} repeated in <${qname}>`);
      seen.add(attribute);
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
      (node.attributes ??= {})[localName(attribute)] = decodeReferences(raw);
    }
    // Content: text segments are trimmed, then joined (as the readers always saw it).
    let text = '';
    for (;;) {
      const lt = src.indexOf('<', this.pos);
      if (lt < 0) this.fail(`Unclosed tag '${qname}' (the document ends before its end tag)`);
      if (lt > this.pos) {
        const segment = src.slice(this.pos, lt);
        this.checkReferences(segment, this.pos);
        const trimmed = segment.trim();
        if (trimmed) text += decodeReferences(trimmed);
      }
      this.pos = lt;
      const next = src.charCodeAt(lt + 1);
      if (next === SLASH) {
        this.pos += 2;
        const closing = this.name();
        if (closing !== qname) this.fail(`</${closing}> closes <${qname}>`);
        this.skipWhitespace();
        if (src.charCodeAt(this.pos) !== GT) this.fail(`</${qname}> is not closed with '>'`);
        this.pos++;
        break;
      }
      if (src.startsWith('<!--', lt)) this.skipComment();
      else if (src.startsWith('<![CDATA[', lt)) {
        const end = src.indexOf(']]>', lt + 9);
        if (end < 0) this.fail('a CDATA section is not closed');
        text += src.slice(lt + 9, end).trim();
        this.pos = end + 3;
      } else if (next === 0x3f /* ? */) this.skipProcessingInstruction();
      else if (next === 0x21 /* ! */) this.fail('a declaration (DOCTYPE, ENTITY …) is not allowed');
      else node.children.push(this.element(depth + 1));
    }
    node.text = text;
    return node;
  }

  /** An XML name (prefix included); letters, digits, `_ : . -`, and anything beyond ASCII. */
  private name(): string {
    const src = this.src;
    const start = this.pos;
    let i = start;
    for (; i < src.length; i++) {
      const c = src.charCodeAt(i);
      const ok =
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x41 && c <= 0x5a) ||
        c === 0x5f ||
        c === 0x3a ||
        c >= 0x80 ||
        (i > start && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e));
      if (!ok) break;
    }
    if (i === start) this.fail(i >= src.length ? 'the document ends where a name was expected' : 'a name was expected');
    this.pos = i;
    return src.slice(start, i);
  }

  /** Returns whether any whitespace was skipped. */
  private skipWhitespace(): boolean {
    const src = this.src;
    const start = this.pos;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) this.pos++;
      else return this.pos > start;
    }
  }

  private skipComment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('a comment is not closed');
    this.pos = end + 3;
  }

  private skipProcessingInstruction(): void {
    const end = this.src.indexOf('?>', this.pos + 2);
    if (end < 0) this.fail('a processing instruction is not closed');
    this.pos = end + 2;
  }

  /** Every `&` must start a well-formed reference. */
  private checkReferences(raw: string, offset: number): void {
    for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', amp + 1)) {
      REFERENCE.lastIndex = amp;
      if (!REFERENCE.test(raw)) this.fail("an '&' that does not start a reference (write &amp;)", offset + amp);
    }
  }

  private fail(message: string, at = this.pos): never {
    let line = 1;
    for (let i = this.src.indexOf('\n'); i >= 0 && i < at; i = this.src.indexOf('\n', i + 1)) line++;
    throw new XmlSyntaxError(message, line);
  }
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Decodes the five predefined entities and character references; anything else stays as written. */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}
