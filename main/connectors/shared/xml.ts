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
 *
 * Allocation is what dense input costs most (the tree survives every
 * collection while it is built), so: element and attribute names met before
 * are shared strings, not new slices; an element's children are one
 * exact-size array; its attributes stay as written (one string) until a
 * decoder asks for one (attributeOf); a text with references is decoded
 * over itself in a copy of the document (a typed array, read faster than
 * the string), not joined piece by piece; each node is one object literal. What is
 * kept from one document for the next is short strings only (copies, never
 * slices holding a document).
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
const AMPERSAND = 0x26;

/** More attributes on one element than any protocol writes: refused, so no element makes one record grow without bound. */
const MAX_ATTRIBUTES = 256;

/** The children of every element without any: one frozen array, not one allocation per leaf. */
const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/** Slots of the table that finds a repeated attribute name: a power of two, four times MAX_ATTRIBUTES (so it is never full). */
const REPEAT_SLOTS = 1024;

/**
 * The table that finds a repeated attribute name, shared by every parse (a
 * parse runs to its end before another starts): by slot (the name's hash),
 * which start tag (a serial number) the slot belongs to — a slot of an
 * earlier tag is empty — and where that tag's name starts and its length.
 */
let startTagSerial = 0;
const repeatSerial = new Int32Array(REPEAT_SLOTS);
const repeatStart = new Int32Array(REPEAT_SLOTS);
const repeatLength = new Int32Array(REPEAT_SLOTS);

function nextStartTagSerial(): number {
  startTagSerial = (startTagSerial + 1) | 0;
  if (startTagSerial === 0) {
    // Wrapped around: a slot left by a tag 2^32 tags ago would pass for one of this tag's.
    repeatSerial.fill(0);
    startTagSerial = 1;
  }
  return startTagSerial;
}

/** A reference longer than this (`&` to `;`) is refused, so no '&' makes the parser look far ahead. */
const MAX_REFERENCE_LENGTH = 64;

/**
 * Names read before, by slot (a hash of the name): a name the parser meets
 * again — every element and attribute name of a SOAP reply, in every reply —
 * is compared with the one in its slot instead of being sliced again, so a
 * document allocates a string per new name, not per element and attribute.
 * Only names of at most MAX_SHARED_LENGTH characters are kept: V8 copies
 * substrings that short, so a kept name never holds on to a document.
 */
const NAME_SLOTS = 1024;
const MAX_SHARED_LENGTH = 12;
const slotName: string[] = new Array<string>(NAME_SLOTS).fill('');
/** The local name (prefix stripped) of slotName. */
const slotLocal: string[] = new Array<string>(NAME_SLOTS).fill('');
/** Whether `kept` (at most MAX_SHARED_LENGTH characters) is written at `at`: compared here, cheaper than a call for names this short. */
function matchesAt(src: string, at: number, kept: string): boolean {
  for (let k = 0; k < kept.length; k++) if (src.charCodeAt(at + k) !== kept.charCodeAt(k)) return false;
  return true;
}

class Parser {
  private pos = 0;
  /** The slot of the name `name()` just read, or -1 when it is not kept. */
  private slot = -1;
  /** The children of every open element, each element's after its parent's; an element takes its own as one exact-size array. */
  private readonly stack: XmlNode[] = [];
  private top = 0;
  /**
   * Whether the start tag attributes() just read ended with `/>`: told by a flag, not by a '/' where the tag
   * ended, since the text of `<path>/home</path>` starts with one too.
   */
  private selfClosing = false;

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
    const slot = this.slot;
    const name = slot >= 0 ? slotLocal[slot] : localName(qname);
    const rawAttributes = this.attributes(qname);
    if (this.selfClosing) {
      return rawAttributes === undefined
        ? { name, text: '', children: NO_CHILDREN }
        : { name, text: '', children: NO_CHILDREN, rawAttributes };
    }
    // Content: text segments are trimmed, then joined (as the readers always saw it).
    const base = this.top;
    let text = '';
    for (;;) {
      const lt = src.indexOf('<', this.pos);
      if (lt < 0) this.fail(`Unclosed tag '${qname}' (the document ends before its end tag)`);
      if (lt > this.pos) {
        // Trimmed by index (white space as String.prototype.trim sees it, NBSP and U+2028 included), so white space
        // between tags allocates nothing and a text is sliced once.
        let from = this.pos;
        let to = lt;
        while (from < to && isTrimmedSpace(src.charCodeAt(from))) from++;
        while (to > from && isTrimmedSpace(src.charCodeAt(to - 1))) to--;
        if (from < to) text += this.textBetween(from, to);
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
      if (next === 0x21 /* ! */) {
        if (src.startsWith('<!--', lt)) this.skipComment();
        else if (src.startsWith('<![CDATA[', lt)) {
          const end = src.indexOf(']]>', lt + 9);
          if (end < 0) this.fail('a CDATA section is not closed');
          text += src.slice(lt + 9, end).trim();
          this.pos = end + 3;
        } else this.fail('a declaration (DOCTYPE, ENTITY …) is not allowed');
      } else if (next === 0x3f /* ? */) this.skipProcessingInstruction();
      else {
        const childNode = this.element(depth + 1);
        this.stack[this.top++] = childNode;
      }
    }
    const children = this.top === base ? NO_CHILDREN : this.stack.slice(base, this.top);
    this.top = base;
    // One object literal per element, its attributes in it from the start (no second shape, no property store after).
    return rawAttributes === undefined ? { name, text, children } : { name, text, children, rawAttributes };
  }

  /**
   * Checks the attributes of the start tag of `qname`, up to its `>` or
   * `/>` (consumed; selfClosing says which), and returns them as written (for
   * attributesOf), or undefined when it has none but namespace declarations.
   * No record is built here: the decoders read an attribute on few elements
   * (innovaphone's arrayType), and building one for every element made
   * attribute-dense input cost several times plain input
   * (`npm run bench:xml-density`). Everything attributesOf relies on is
   * checked here: names, quoting, no '<', references, repeats.
   */
  private attributes(qname: string): string | undefined {
    const src = this.src;
    const from = this.pos;
    const serial = nextStartTagSerial();
    let count = 0;
    let declaredOnly = true;
    for (;;) {
      const spaced = this.skipWhitespace();
      const c = src.charCodeAt(this.pos);
      if (c === GT) {
        this.pos++;
        this.selfClosing = false;
        return declaredOnly ? undefined : src.slice(from, this.pos - 1);
      }
      if (c === SLASH) {
        if (src.charCodeAt(this.pos + 1) !== GT) this.fail(`'/' inside <${qname}>`);
        this.pos += 2;
        this.selfClosing = true;
        return declaredOnly ? undefined : src.slice(from, this.pos - 2);
      }
      if (this.pos >= src.length) this.fail(`the document ends inside <${qname}>`);
      if (!spaced) this.fail(`no space before an attribute of <${qname}>`);
      const nameStart = this.pos;
      const hash = this.scanName();
      const nameEnd = this.pos;
      if (++count > MAX_ATTRIBUTES) this.fail(`more than ${MAX_ATTRIBUTES} attributes in <${qname}>`);
      this.checkUnrepeated(nameStart, nameEnd, hash, serial, qname);
      if (declaredOnly && !isNamespaceDeclaration(src, nameStart, nameEnd)) declaredOnly = false;
      if (src.charCodeAt(this.pos) !== EQUALS) {
        this.skipWhitespace();
        if (src.charCodeAt(this.pos) !== EQUALS) this.fail(`attribute ${src.slice(nameStart, nameEnd)} of <${qname}> has no value`);
      }
      // Values follow '=' directly in almost every document: the call to skip white space only when there is some.
      if (src.charCodeAt(++this.pos) <= 0x20) this.skipWhitespace();
      const quote = src.charCodeAt(this.pos);
      if (quote !== QUOTE && quote !== APOSTROPHE) this.fail(`attribute ${src.slice(nameStart, nameEnd)} of <${qname}> is not quoted`);
      this.checkValue(nameStart, nameEnd, qname, quote);
    }
  }

  /**
   * Fails when the name src[start, end) was already an attribute of this
   * start tag (by qualified name); else records it. A small open-addressing
   * table by the name's hash, emptied by the serial number: constant work a
   * name, however many attributes the element has.
   */
  private checkUnrepeated(start: number, end: number, hash: number, serial: number, qname: string): void {
    const src = this.src;
    const length = end - start;
    let slot = (hash ^ (hash >>> 9)) & (REPEAT_SLOTS - 1);
    while (repeatSerial[slot] === serial) {
      if (repeatLength[slot] === length) {
        const other = repeatStart[slot];
        let k = 0;
        while (k < length && src.charCodeAt(other + k) === src.charCodeAt(start + k)) k++;
        if (k === length) this.fail(`attribute ${src.slice(start, end)} repeated in <${qname}>`);
      }
      slot = (slot + 1) & (REPEAT_SLOTS - 1);
    }
    repeatSerial[slot] = serial;
    repeatStart[slot] = start;
    repeatLength[slot] = length;
  }

  /**
   * At the opening quote of an attribute's value: checks it (closed, no '<',
   * every '&' a well-formed reference) and moves past its closing quote. One
   * loop over the value's characters: values are short, and the three native
   * searches (quote, '<', '&') this replaced each cost more per call than the
   * loop does per character (attribute-dense input, `npm run bench:xml-density`).
   * Linear: a reference is read once, at most MAX_REFERENCE_LENGTH ahead, and
   * cannot reach past the quote (none of its characters is one).
   */
  private checkValue(nameStart: number, nameEnd: number, qname: string, quote: number): void {
    const src = this.src;
    let i = this.pos + 1;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === quote) break;
      if (c === LT) this.fail(`'<' in attribute ${src.slice(nameStart, nameEnd)} of <${qname}>`);
      if (c === AMPERSAND) {
        const after = this.referenceEnd(i);
        if (after < 0) this.fail("an '&' that does not start a reference (write &amp;)", i);
        i = after;
        continue;
      }
      if (i >= src.length) this.fail(`the document ends inside attribute ${src.slice(nameStart, nameEnd)} of <${qname}>`);
      i++;
    }
    this.pos = i + 1;
  }

  /** Reads an XML name (prefix included) up to its end and returns its hash; fails when there is none. name() keeps it, attributes() need only the hash. */
  private scanName(): number {
    const src = this.src;
    const start = this.pos;
    let i = start;
    let hash = 0;
    for (; ; i++) {
      const c = src.charCodeAt(i);
      const ok =
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x41 && c <= 0x5a) ||
        c === 0x5f ||
        c === 0x3a ||
        c >= 0x80 ||
        (i > start && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e));
      if (!ok) break;
      hash = (hash * 31 + c) | 0;
    }
    if (i === start) this.fail(i >= src.length ? 'the document ends where a name was expected' : 'a name was expected');
    this.pos = i;
    return hash;
  }

  /**
   * An XML name (prefix included); letters, digits, `_ : . -`, and anything
   * beyond ASCII. A name met before is the string kept in its slot (this.slot).
   */
  private name(): string {
    const src = this.src;
    const start = this.pos;
    const hash = this.scanName();
    const i = this.pos;
    const length = i - start;
    if (length > MAX_SHARED_LENGTH) {
      this.slot = -1;
      return src.slice(start, i);
    }
    const slot = (hash ^ (hash >>> 10)) & (NAME_SLOTS - 1);
    this.slot = slot;
    const kept = slotName[slot];
    if (kept.length === length && matchesAt(src, start, kept)) return kept;
    const name = src.slice(start, i);
    slotName[slot] = name;
    slotLocal[slot] = localName(name);
    return name;
  }

  /** Returns whether any whitespace was skipped. */
  private skipWhitespace(): boolean {
    const src = this.src;
    const start = this.pos;
    let pos = start;
    for (;;) {
      const c = src.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break;
      pos++;
    }
    this.pos = pos;
    return pos > start;
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

  /** Where the next '&' at or after the last text's start is (src.length when there is none): one search over the document, not one per text. */
  private nextAmpersand = -1;

  /** The text src[from, to) with its references decoded; fails at an '&' that starts no well-formed reference. */
  private textBetween(from: number, to: number): string {
    if (this.nextAmpersand < from) {
      const amp = this.src.indexOf('&', from);
      this.nextAmpersand = amp < 0 ? this.src.length : amp;
    }
    if (this.nextAmpersand >= to) return this.src.slice(from, to);
    this.cover(from, to);
    const text = replaceReferences(this.window, from - this.windowStart, to - this.windowStart, true);
    if (malformedAt >= 0) this.fail("an '&' that does not start a reference (write &amp;)", this.windowStart + malformedAt);
    return text;
  }

  /** Where the reference at src[amp] ends (the index after its ';'), or -1 when it is not well formed. */
  private referenceEnd(amp: number): number {
    this.cover(amp, Math.min(this.src.length, amp + MAX_REFERENCE_LENGTH));
    const end = readReference(this.window.units, amp - this.windowStart, this.windowEnd - this.windowStart);
    return end < 0 ? -1 : end + this.windowStart;
  }

  /** The copy of the document references are read from (see UnitWindow): src[windowStart, windowEnd) is at its index 0. */
  private window = sharedWindow;
  private windowStart = 0;
  private windowEnd = -1;

  /**
   * Makes the window hold src[from, to), and as much after it as fits: the parser only moves forward, so one copy
   * serves the texts and attribute values of the next WINDOW_UNITS characters. A text decoded in the window is
   * overwritten there by what it decodes to, which only that text ever reads.
   */
  private cover(from: number, to: number): void {
    if (from >= this.windowStart && to <= this.windowEnd) return;
    const end = Math.min(this.src.length, Math.max(to, from + WINDOW_UNITS));
    this.window = windowHolding(this.src, from, end);
    this.windowStart = from;
    this.windowEnd = end;
  }

  private fail(message: string, at = this.pos): never {
    let line = 1;
    for (let i = this.src.indexOf('\n'); i >= 0 && i < at; i = this.src.indexOf('\n', i + 1)) line++;
    throw new XmlSyntaxError(message, line);
  }
}

/** Whether src[start, end) names a namespace declaration: `xmlns` or `xmlns:…`. */
function isNamespaceDeclaration(src: string, start: number, end: number): boolean {
  const length = end - start;
  return (length === 5 || (length > 6 && src.charCodeAt(start + 5) === 0x3a)) && src.startsWith('xmlns', start);
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Decodes the five predefined entities and character references; anything else stays as written. */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return replaceReferences(windowHolding(text, 0, text.length), 0, text.length, false);
}

/**
 * Characters copied out of a string as UTF-16 code units, where the decoder reads them: indexing a typed array
 * costs a third of what charCodeAt does on the same characters, and Buffer's native copy of a whole window costs
 * less than a tenth of reading it (reference-dense input, `npm run bench:xml-density`). After the copy come
 * WINDOW_SLACK zeros, so a reference read at the copy's end never meets a character that is not there.
 */
interface UnitWindow {
  units: Uint16Array;
  /** The same memory as bytes, for Buffer's copy in and out. */
  bytes: Buffer;
}

/** How many characters one copy holds: a text longer than this gets a window of its own. */
const WINDOW_UNITS = 64 * 1024;
/** Past a reference's '&', readReference reads at most five characters before it knows which it is. */
const WINDOW_SLACK = 8;

function newWindow(units: number): UnitWindow {
  const bytes = Buffer.allocUnsafeSlow(2 * (units + WINDOW_SLACK));
  return { units: new Uint16Array(bytes.buffer, bytes.byteOffset, units + WINDOW_SLACK), bytes };
}

/** The window every parse and decode shares (a parse runs to its end before another starts or a decoder asks). */
const sharedWindow = newWindow(WINDOW_UNITS);

/** Buffer's UTF-16 methods work in little-endian bytes; the typed array reads in the machine's order. */
const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

/**
 * The method Buffer's write(…, 'utf16le') ends in (in Node and so in Electron's main process, though not in its
 * type definitions), called directly: write's own argument and encoding checks would cost more than the copy of a
 * short attribute value. write when a runtime lacks it.
 */
const ucs2Write = bufferMethod<(this: Buffer, text: string, offset: number, length: number) => number>('ucs2Write');
/** The same for toString('utf16le'): its checks took as long as decoding a short text. */
const ucs2Slice = bufferMethod<(this: Buffer, start: number, end: number) => string>('ucs2Slice');

function bufferMethod<T>(name: string): T | undefined {
  const method: unknown = Reflect.get(Buffer.prototype, name);
  return typeof method === 'function' ? (method as T) : undefined;
}

/**
 * A window holding text[from, to) from its index 0: the shared one, or for a text longer than it one of its own,
 * not kept (one long text from a peer does not keep megabytes alive).
 */
function windowHolding(text: string, from: number, to: number): UnitWindow {
  const length = to - from;
  const window = length <= WINDOW_UNITS ? sharedWindow : newWindow(length);
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  if (ucs2Write) ucs2Write.call(window.bytes, part, 0, 2 * length);
  else window.bytes.write(part, 0, 2 * length, 'utf16le');
  if (BIG_ENDIAN) window.bytes.subarray(0, 2 * length).swap16();
  window.units.fill(0, length, length + WINDOW_SLACK);
  return window;
}

/** The string of window.units[from, to). */
function stringOf(window: UnitWindow, from: number, to: number): string {
  return shortStringOf(window.units, from, to - from) ?? longStringOf(window, from, to);
}

function longStringOf(window: UnitWindow, from: number, to: number): string {
  if (BIG_ENDIAN) window.bytes.subarray(2 * from, 2 * to).swap16();
  return ucs2Slice ? ucs2Slice.call(window.bytes, 2 * from, 2 * to) : window.bytes.toString('utf16le', 2 * from, 2 * to);
}

const fromCharCode = String.fromCharCode;

/**
 * The string of u[f, f + length) for a length of at most 16 (undefined for a longer one), by String.fromCharCode
 * with the units as its arguments: Buffer's ucs2Slice took twice as long for 13 units and five times as long for 3
 * (most decoded texts and attribute values are that short), and fromCharCode's apply or spread took longer still.
 */
function shortStringOf(u: Uint16Array, f: number, length: number): string | undefined {
  switch (length) {
    case 0:
      return '';
    case 1:
      return fromCharCode(u[f]);
    case 2:
      return fromCharCode(u[f], u[f + 1]);
    case 3:
      return fromCharCode(u[f], u[f + 1], u[f + 2]);
    case 4:
      return fromCharCode(u[f], u[f + 1], u[f + 2], u[f + 3]);
    case 5:
      return fromCharCode(u[f], u[f + 1], u[f + 2], u[f + 3], u[f + 4]);
    case 6:
      return fromCharCode(u[f], u[f + 1], u[f + 2], u[f + 3], u[f + 4], u[f + 5]);
    case 7:
      return fromCharCode(u[f], u[f + 1], u[f + 2], u[f + 3], u[f + 4], u[f + 5], u[f + 6]);
    case 8:
      return fromCharCode(u[f], u[f + 1], u[f + 2], u[f + 3], u[f + 4], u[f + 5], u[f + 6], u[f + 7]);
    case 9:
      return fromCharCode(u[f], u[f + 1], u[f + 2], u[f + 3], u[f + 4], u[f + 5], u[f + 6], u[f + 7], u[f + 8]);
    case 10:
      return fromCharCode(u[f], u[f + 1], u[f + 2], u[f + 3], u[f + 4], u[f + 5], u[f + 6], u[f + 7], u[f + 8], u[f + 9]);
    case 11:
      return fromCharCode(u[f], u[f + 1], u[f + 2], u[f + 3], u[f + 4], u[f + 5], u[f + 6], u[f + 7], u[f + 8], u[f + 9], u[f + 10]);
    case 12:
      return fromCharCode(
        u[f],
        u[f + 1],
        u[f + 2],
        u[f + 3],
        u[f + 4],
        u[f + 5],
        u[f + 6],
        u[f + 7],
        u[f + 8],
        u[f + 9],
        u[f + 10],
        u[f + 11],
      );
    case 13:
      return fromCharCode(
        u[f],
        u[f + 1],
        u[f + 2],
        u[f + 3],
        u[f + 4],
        u[f + 5],
        u[f + 6],
        u[f + 7],
        u[f + 8],
        u[f + 9],
        u[f + 10],
        u[f + 11],
        u[f + 12],
      );
    case 14:
      return fromCharCode(
        u[f],
        u[f + 1],
        u[f + 2],
        u[f + 3],
        u[f + 4],
        u[f + 5],
        u[f + 6],
        u[f + 7],
        u[f + 8],
        u[f + 9],
        u[f + 10],
        u[f + 11],
        u[f + 12],
        u[f + 13],
      );
    case 15:
      return fromCharCode(
        u[f],
        u[f + 1],
        u[f + 2],
        u[f + 3],
        u[f + 4],
        u[f + 5],
        u[f + 6],
        u[f + 7],
        u[f + 8],
        u[f + 9],
        u[f + 10],
        u[f + 11],
        u[f + 12],
        u[f + 13],
        u[f + 14],
      );
    case 16:
      return fromCharCode(
        u[f],
        u[f + 1],
        u[f + 2],
        u[f + 3],
        u[f + 4],
        u[f + 5],
        u[f + 6],
        u[f + 7],
        u[f + 8],
        u[f + 9],
        u[f + 10],
        u[f + 11],
        u[f + 12],
        u[f + 13],
        u[f + 14],
        u[f + 15],
      );
    default:
      return undefined;
  }
}

/** Where the last strict replaceReferences met an '&' that starts no well-formed reference, or -1 (a module variable: no callback per text). */
let malformedAt = -1;

/**
 * window.units[from, to) with its references replaced by their text (the
 * predefined five and character references; other names stay as written).
 * An '&' that starts no well-formed reference stays as written, or, when
 * `strict`, ends the work with its index in malformedAt. One look at each
 * character, and at most MAX_REFERENCE_LENGTH after an '&'.
 *
 * The text is written over itself in the window (what a reference stands
 * for is never longer than the reference, so a character is always written
 * at or before where it was read) and made a string once: joining a piece
 * per reference made a rope of a string per reference (reference-dense
 * input cost 2.5–3× plain input per MiB, then the rope was flattened on
 * first read). The predefined five are read in the loop itself, the rest by
 * readReference.
 */
function replaceReferences(window: UnitWindow, from: number, to: number, strict: boolean): string {
  malformedAt = -1;
  const units = window.units;
  let out = from;
  for (let i = from; i < to;) {
    const c = units[i];
    if (c !== 0x26 /* & */) {
      units[out++] = c;
      i++;
      continue;
    }
    const end = readReference(units, i, to);
    if (end < 0) {
      if (strict) {
        malformedAt = i;
        return '';
      }
      units[out++] = 0x26;
      i++;
      continue;
    }
    const referenced = referenceCode;
    if (referenced < 0) for (let k = i; k < end; k++) units[out++] = units[k];
    else if (referenced < 0x10000) units[out++] = referenced;
    else {
      units[out++] = 0xd800 + ((referenced - 0x10000) >> 10);
      units[out++] = 0xdc00 + ((referenced - 0x10000) & 0x3ff);
    }
    i = end;
  }
  return stringOf(window, from, out);
}

/** The code point of the reference readReference last read, or -1 when it stays as written (a module variable: reading one allocates nothing). */
let referenceCode = -1;

/**
 * Reads the reference at `amp`, its ';' before `end`: returns the index
 * after its `;` and sets referenceCode, or returns -1 when `amp` starts no
 * well-formed reference. The predefined five are told by their first
 * letter and compared by character code, small enough for the decoding
 * loop to get inlined; each reads at most five characters past `amp`,
 * whatever `end` says: none of them can be part of a reference that ends
 * after it (a text ends at '<' or white space, a value at its quote, a
 * window in zeros).
 */
function readReference(units: Uint16Array, amp: number, end: number): number {
  switch (units[amp + 1]) {
    case 0x23 /* # */:
      return readCharacterReference(units, amp, end);
    case 0x61 /* a */:
      if (units[amp + 2] === 0x6d && units[amp + 3] === 0x70 && units[amp + 4] === 0x3b) return predefined(0x26, amp + 5); // &amp;
      if (units[amp + 2] === 0x70 && units[amp + 3] === 0x6f && units[amp + 4] === 0x73 && units[amp + 5] === 0x3b)
        return predefined(0x27, amp + 6); // &apos;
      break;
    case 0x6c /* l */:
      if (units[amp + 2] === 0x74 && units[amp + 3] === 0x3b) return predefined(0x3c, amp + 4); // &lt;
      break;
    case 0x67 /* g */:
      if (units[amp + 2] === 0x74 && units[amp + 3] === 0x3b) return predefined(0x3e, amp + 4); // &gt;
      break;
    case 0x71 /* q */:
      if (units[amp + 2] === 0x75 && units[amp + 3] === 0x6f && units[amp + 4] === 0x74 && units[amp + 5] === 0x3b)
        return predefined(0x22, amp + 6); // &quot;
      break;
    default:
      break;
  }
  return readNamedReference(units, amp, end);
}

/** Sets referenceCode to a predefined entity's character and returns `after`. */
function predefined(code: number, after: number): number {
  referenceCode = code;
  return after;
}

/** Reads an entity reference other than the predefined five (kept as written: referenceCode -1), as readReference does. */
function readNamedReference(units: Uint16Array, amp: number, end: number): number {
  if (!isNameStart(units[amp + 1])) return -1;
  const limit = Math.min(end, amp + MAX_REFERENCE_LENGTH);
  for (let i = amp + 2; i < limit; i++) {
    const c = units[i];
    if (c === 0x3b /* ; */) {
      referenceCode = -1;
      return i + 1;
    }
    if (!isNameChar(c)) return -1;
  }
  return -1;
}

/**
 * Reads the character reference (`&#65;`, `&#x20AC;`) at `amp`, its '#' already seen and its ';' before `end`:
 * returns the index after its `;` and sets referenceCode (-1 for a code point that is not a character: kept as
 * written), or returns -1 when it is not well-formed. Small, so the decoding loop gets it inlined.
 */
function readCharacterReference(units: Uint16Array, amp: number, end: number): number {
  const limit = Math.min(end, amp + MAX_REFERENCE_LENGTH);
  const hex = units[amp + 2] === 0x78; /* x */
  let i = hex ? amp + 3 : amp + 2;
  const start = i;
  let code = 0;
  // One loop per base: the digit test of each is two comparisons, not the chain of both.
  if (hex) {
    for (; i < limit; i++) {
      const c = units[i];
      const lower = c | 0x20;
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
      if (digit < 0) break;
      // Past the last code point the value no longer matters: it is kept as written.
      if (code <= 0x10ffff) code = code * 16 + digit;
    }
  } else {
    for (; i < limit; i++) {
      const digit = units[i] - 0x30;
      if (digit < 0 || digit > 9) break;
      if (code <= 0x10ffff) code = code * 10 + digit;
    }
  }
  if (i === start || i >= limit || units[i] !== 0x3b) return -1;
  referenceCode = code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? code : -1;
  return i + 1;
}

/** The white space String.prototype.trim removes within ASCII: tab, LF, VT, FF, CR, space. */
const isAsciiSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
/**
 * The white space String.prototype.trim removes beyond ASCII (ECMAScript's WhiteSpace and LineTerminator: NBSP,
 * OGHAM SPACE MARK, U+2000–U+200A, LINE and PARAGRAPH SEPARATOR, NNBSP, MMSP, IDEOGRAPHIC SPACE, BOM).
 */
const isUnicodeSpace = (c: number) =>
  c >= 0x80 &&
  (c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff);
/** The white space String.prototype.trim removes. */
const isTrimmedSpace = (c: number) => (c <= 0x20 ? isAsciiSpace(c) : isUnicodeSpace(c));
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
  /**
   * The start tag's attributes as written (checked by the parser), when it
   * has any besides namespace declarations: read with attributeOf or
   * attributesOf, which decode only what they are asked for.
   */
  rawAttributes?: string;
}

/**
 * The element's attributes by local name (prefixes stripped, namespace
 * declarations left out, references decoded; a local name written twice
 * keeps its last value), or undefined when it has none. A record of its
 * own each call: built on demand, since few elements are ever asked.
 */
export function attributesOf(node: XmlNode): Record<string, string> | undefined {
  const raw = node.rawAttributes;
  if (raw === undefined) return undefined;
  const record: Record<string, string> = {};
  for (let pos = nextAttribute(raw, 0); pos >= 0; pos = nextAttribute(raw, pos)) {
    const value = decodeReferences(attributeValue);
    // A name every object has would set the record's prototype instead of an entry.
    if (attributeName === '__proto__')
      Object.defineProperty(record, attributeName, { value, enumerable: true, writable: true, configurable: true });
    else record[attributeName] = value;
  }
  return record;
}

/** The value of the element's attribute with this local name (the last one written), or undefined; only that value is decoded. */
export function attributeOf(node: XmlNode, local: string): string | undefined {
  const raw = node.rawAttributes;
  if (raw === undefined) return undefined;
  let found: string | undefined;
  for (let pos = nextAttribute(raw, 0); pos >= 0; pos = nextAttribute(raw, pos)) if (attributeName === local) found = attributeValue;
  return found === undefined ? undefined : decodeReferences(found);
}

/** The local name and the value as written of the attribute nextAttribute last read (module variables: no object per attribute). */
let attributeName = '';
let attributeValue = '';

/**
 * Reads the first attribute at or after `pos` of `raw` (a start tag's
 * attributes as written, namespace declarations skipped) into attributeName
 * and attributeValue; returns the position after it, or -1 when there is
 * none. `raw` passed the parser's checks, so it is read without checking.
 */
function nextAttribute(raw: string, pos: number): number {
  for (;;) {
    while (isAsciiSpace(raw.charCodeAt(pos))) pos++;
    if (pos >= raw.length) return -1;
    const nameStart = pos;
    while (pos < raw.length && raw.charCodeAt(pos) !== EQUALS && !isAsciiSpace(raw.charCodeAt(pos))) pos++;
    const nameEnd = pos;
    pos = raw.indexOf('=', pos) + 1;
    while (isAsciiSpace(raw.charCodeAt(pos))) pos++;
    const end = raw.indexOf(raw[pos], pos + 1);
    const valueStart = pos + 1;
    pos = end + 1;
    if (isNamespaceDeclaration(raw, nameStart, nameEnd)) continue;
    attributeName = localName(raw.slice(nameStart, nameEnd));
    attributeValue = raw.slice(valueStart, end);
    return pos;
  }
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
  // Length first: cheap, and a string is never shorter in UTF-8 bytes than in UTF-16 units, nor longer than three
  // bytes a unit (a surrogate pair: four for two), so the byte count is needed only near the limit.
  if (xml.length > maxBytes || (xml.length * 3 > maxBytes && Buffer.byteLength(xml, 'utf8') > maxBytes)) {
    throw fail(`${what} is larger than ${maxBytes} bytes`);
  }
  // The search for '!' first: most documents have none, and finding a rare character is about ten times cheaper than
  // finding '<!' among every '<' of the document (npm run bench:ingest), let alone the case-blind pattern.
  if (xml.includes('!') && xml.includes('<!') && /<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw fail(`${what} contains a DOCTYPE, which this protocol never sends`);
  }
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
