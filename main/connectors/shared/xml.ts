/**
 * The one XML stack every XML vendor reads with (TelServer, innovaphone,
 * Telia; PortaSIP speaks JSON): a single-pass parser that checks
 * well-formedness and builds the tree in one walk, and the reader helpers
 * on that tree. Every element keeps its local name (prefixes stripped), its
 * text and its children in document order, so decoders read arrays without
 * caring what their members are called and structs without caring about
 * field order.
 *
 * Why hand-written and not fast-xml-parser (the library the product was
 * specified with): `npm run bench:xml` (scripts/bench-xml.ts) parses the
 * 10,000-colleague presence grid and the TelServer event stream with both.
 * fast-xml-parser needs a validator pass plus its parse (it does not check
 * well-formedness while parsing) and misses the 1 s budget for the grid
 * several times over; this parser stays within it. See docs/ARCHITECTURE.md.
 *
 * Safety: any declaration (`<!DOCTYPE`, `<!ENTITY` …) is refused, so no
 * entity can ever be defined or expanded; references must be well formed
 * and only the five predefined entities and character references are
 * decoded (others stay as written); values stay strings ('0012' and
 * '+372…' survive); documents, nesting and attributes per element are
 * size-limited; an attribute named like an Object property (`__proto__`) is
 * an entry like any other. Work is linear in the input: every character is
 * looked at a bounded number of times, whether the input is plain,
 * entity-dense or attribute-dense (the test counts the looks), and
 * `npm run bench:xml-density` prints what each density costs per MiB.
 */

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

/** More attributes on one element than any protocol writes: refused, so no element makes one record grow without bound. */
const MAX_ATTRIBUTES = 256;

/** The children of every element without any: one frozen array, not one allocation per leaf. */
const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/** A reference longer than this (`&` to `;`) is refused, so no '&' makes the parser look far ahead. */
const MAX_REFERENCE_LENGTH = 64;

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
    const node: XmlNode = { name: localName(qname), text: '', children: NO_CHILDREN };
    let attributes: Record<string, string> | undefined;
    let count = 0;
    // Repeated attributes (by qualified name). While every attribute is unprefixed, the attributes record
    // itself tells: no set is built. A set of qualified names only once a prefixed one (or xmlns) follows another.
    let prefixedFirst: string | undefined;
    let qnames: Set<string> | undefined;
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
      const value = this.decodeChecked(raw, this.pos + 1);
      this.pos = end + 1;
      if (++count > MAX_ATTRIBUTES) this.fail(`more than ${MAX_ATTRIBUTES} attributes in <${qname}>`);
      const colon = attribute.indexOf(':');
      const plain = colon < 0 && attribute !== 'xmlns';
      let repeated = false;
      if (qnames !== undefined) repeated = qnames.size === qnames.add(attribute).size;
      else if (plain && prefixedFirst === undefined) repeated = attributes !== undefined && Object.hasOwn(attributes, attribute);
      else if (count === 1) prefixedFirst = attribute;
      else {
        qnames = new Set(prefixedFirst === undefined ? Object.keys(attributes ?? {}) : [prefixedFirst]);
        repeated = qnames.size === qnames.add(attribute).size;
      }
      if (repeated) this.fail(`attribute ${attribute} repeated in <${qname}>`);
      if (attribute === 'xmlns' || (colon === 5 && attribute.startsWith('xmlns'))) continue;
      const local = colon < 0 ? attribute : attribute.slice(colon + 1);
      attributes ??= node.attributes = {};
      // A name every object has would set the record's prototype instead of an entry.
      if (local === '__proto__') Object.defineProperty(attributes, local, { value, enumerable: true, writable: true, configurable: true });
      else attributes[local] = value;
    }
    // Content: text segments are trimmed, then joined (as the readers always saw it).
    let text = '';
    for (;;) {
      const lt = src.indexOf('<', this.pos);
      if (lt < 0) this.fail(`Unclosed tag '${qname}' (the document ends before its end tag)`);
      if (lt > this.pos) {
        // Trimmed by index, so white space between tags allocates nothing and text is sliced once.
        let from = this.pos;
        let to = lt;
        while (from < to && isAsciiSpace(src.charCodeAt(from))) from++;
        while (to > from && isAsciiSpace(src.charCodeAt(to - 1))) to--;
        if (from < to) {
          if (src.charCodeAt(from) < 0x80 && src.charCodeAt(to - 1) < 0x80) text += this.decodeChecked(src.slice(from, to), from);
          else {
            // Beyond ASCII, trim()'s own idea of white space (NBSP, U+2028 …) decides, as it always did.
            const segment = src.slice(from, to);
            const trimmed = segment.trim();
            if (trimmed) text += this.decodeChecked(trimmed, from + segment.length - segment.trimStart().length);
          }
        }
      }
      this.pos = lt;
      const next = src.charCodeAt(lt + 1);
      if (next === SLASH) {
        this.pos += 2;
        // The usual case without building a string: the end tag names the start tag.
        const after = src.charCodeAt(this.pos + qname.length);
        if (src.startsWith(qname, this.pos) && !isNameChar(after) && after < 0x80) this.pos += qname.length;
        else {
          const closing = this.name();
          if (closing !== qname) this.fail(`</${closing}> closes <${qname}>`);
        }
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
      else if (node.children === NO_CHILDREN) node.children = [this.element(depth + 1)];
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

  /**
   * Text or an attribute value with its references decoded, in one pass
   * that also checks every `&` starts a well-formed reference (each looked
   * at once, at most MAX_REFERENCE_LENGTH characters ahead: linear time
   * however dense the references are).
   */
  private decodeChecked(raw: string, offset: number): string {
    if (raw.indexOf('&') < 0) return raw;
    this.referenceOffset = offset;
    return replaceReferences(raw, this.malformedReference);
  }

  /** Where the text being decoded starts, for the line of a malformed reference (one callback, not one per text). */
  private referenceOffset = 0;
  private readonly malformedReference = (amp: number): void =>
    this.fail("an '&' that does not start a reference (write &amp;)", this.referenceOffset + amp);

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
  return replaceReferences(text, () => undefined);
}

/**
 * The references of `raw` replaced by their text (the predefined five and
 * character references; other names stay as written). An '&' that starts
 * no well-formed reference goes to `malformed` (which may throw) and stays.
 * One look at each character after an '&', at most MAX_REFERENCE_LENGTH.
 */
function replaceReferences(raw: string, malformed: (amp: number) => void): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const end = readReference(raw, amp);
    if (end < 0) {
      malformed(amp);
      amp = raw.indexOf('&', amp + 1);
      continue;
    }
    out += amp > from ? raw.slice(from, amp) + referenceText : referenceText;
    from = end;
    amp = raw.indexOf('&', from);
  }
  return from < raw.length ? out + raw.slice(from) : out;
}

/** The text of the reference readReference last read (a module variable, so reading one allocates nothing else). */
let referenceText = '';

/**
 * Reads the reference at `amp`: returns the index after its `;` and sets
 * referenceText, or returns -1 when `amp` starts no well-formed reference.
 */
function readReference(raw: string, amp: number): number {
  const limit = Math.min(raw.length, amp + MAX_REFERENCE_LENGTH);
  const first = raw.charCodeAt(amp + 1);
  if (first === 0x23 /* # */) {
    const hex = raw.charCodeAt(amp + 2) === 0x78; /* x */
    let i = hex ? amp + 3 : amp + 2;
    const start = i;
    let code = 0;
    for (; i < limit; i++) {
      const c = raw.charCodeAt(i);
      const digit =
        c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && c >= 0x61 && c <= 0x66 ? c - 0x57 : hex && c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
      if (digit < 0) break;
      // Past the last code point the value no longer matters: it is kept as written.
      if (code <= 0x10ffff) code = code * (hex ? 16 : 10) + digit;
    }
    if (i === start || i >= limit || raw.charCodeAt(i) !== 0x3b) return -1;
    referenceText = code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : raw.slice(amp, i + 1);
    return i + 1;
  }
  // The predefined five without a general scan.
  switch (first) {
    // Compared by character code: no call per reference.
    case 0x61 /* a */: {
      const c2 = raw.charCodeAt(amp + 2);
      if (c2 === 0x6d && raw.charCodeAt(amp + 3) === 0x70 && raw.charCodeAt(amp + 4) === 0x3b) return predefined('&', amp + 5);
      if (c2 === 0x70 && raw.charCodeAt(amp + 3) === 0x6f && raw.charCodeAt(amp + 4) === 0x73 && raw.charCodeAt(amp + 5) === 0x3b)
        return predefined("'", amp + 6);
      break;
    }
    case 0x6c /* l */:
      if (raw.charCodeAt(amp + 2) === 0x74 && raw.charCodeAt(amp + 3) === 0x3b) return predefined('<', amp + 4);
      break;
    case 0x67 /* g */:
      if (raw.charCodeAt(amp + 2) === 0x74 && raw.charCodeAt(amp + 3) === 0x3b) return predefined('>', amp + 4);
      break;
    case 0x71 /* q */:
      if (
        raw.charCodeAt(amp + 2) === 0x75 &&
        raw.charCodeAt(amp + 3) === 0x6f &&
        raw.charCodeAt(amp + 4) === 0x74 &&
        raw.charCodeAt(amp + 5) === 0x3b
      )
        return predefined('"', amp + 6);
      break;
    default:
      break;
  }
  if (!isNameStart(first)) return -1;
  for (let i = amp + 2; i < limit; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x3b /* ; */) {
      referenceText = raw.slice(amp, i + 1);
      return i + 1;
    }
    if (!isNameChar(c)) return -1;
  }
  return -1;
}

function predefined(text: string, end: number): number {
  referenceText = text;
  return end;
}

/** The white space String.prototype.trim removes within ASCII: tab, LF, VT, FF, CR, space. */
const isAsciiSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isNameStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
const isNameChar = (c: number) => isNameStart(c) || isDigit(c) || c === 0x2e || c === 0x2d;

// ---------------------------------------------------------------------------
// Reading documents from peers

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
  readXmlRoots(xml, what, maxBytes, fail);
}

/** Every top-level element of a document that passed the checks of assertSafeXml (the protocol says how many it allows). */
export function readXmlRoots(xml: unknown, what: string, maxBytes: number, fail: (message: string) => Error): XmlNode[] {
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
  const roots = readXmlRoots(xml, what, maxBytes, (message) => new XmlReadError(message));
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
