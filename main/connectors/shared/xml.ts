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
 * exact-size array; its attributes record is a copy of the last record of
 * the same element name and keys; each node is one object literal. What is
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

/** Up to this many attributes on one element, a repeated name is found by comparing with each before it. */
const SEEN_SCANNED = 16;

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
/** The last value an attribute of slotName had ('' when none was kept): values such as xsi:type="xsd:string" repeat as often as names. */
const slotValue: string[] = new Array<string>(NAME_SLOTS).fill('');

/**
 * By the slot of an element's name: the attribute keys and (short) values
 * it had when first seen with those keys, and a record of them to copy.
 */
const slotTemplate: ({ keys: string[]; values: string[]; record: Record<string, string> } | undefined)[] = new Array<undefined>(
  NAME_SLOTS,
).fill(undefined);
/** Which element (a serial number) last read an attribute of each slot: a name new to the element needs no comparison. */
const slotSeen = new Int32Array(NAME_SLOTS);
let elementSerial = 0;

/** Elements with more attributes than this build their record key by key (a large record is no faster to copy). */
const MAX_TEMPLATE_KEYS = 32;

/** Whether `kept` (at most MAX_SHARED_LENGTH characters) is written at `at`: compared here, cheaper than a call for names this short. */
function matchesAt(src: string, at: number, kept: string): boolean {
  for (let k = 0; k < kept.length; k++) if (src.charCodeAt(at + k) !== kept.charCodeAt(k)) return false;
  return true;
}

function sameKeys(kept: readonly string[], keys: readonly string[], entries: number): boolean {
  if (kept.length !== entries) return false;
  for (let k = 0; k < entries; k++) if (kept[k] !== keys[k]) return false;
  return true;
}

class Parser {
  private pos = 0;
  /** The slot of the name `name()` just read, or -1 when it is not kept. */
  private slot = -1;
  /** The children of every open element, each element's after its parent's; an element takes its own as one exact-size array. */
  private readonly stack: XmlNode[] = [];
  private top = 0;
  /** The qualified attribute names of the element being read, for finding a repeated one. */
  private readonly seen: string[] = [];

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
    const attributes = this.attributes(qname, slot);
    if (src.charCodeAt(this.pos) === SLASH) {
      this.pos += 2;
      return attributes === undefined ? { name, text: '', children: NO_CHILDREN } : { name, text: '', children: NO_CHILDREN, attributes };
    }
    // Content: text segments are trimmed, then joined (as the readers always saw it).
    const base = this.top;
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
          if (src.charCodeAt(from) < 0x80 && src.charCodeAt(to - 1) < 0x80) text += this.textBetween(from, to);
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
    return attributes === undefined ? { name, text, children } : { name, text, children, attributes };
  }

  /**
   * The attributes of the start tag of `qname`, up to its `>` (consumed) or
   * `/>` (left at the `/`); undefined when it has none but namespace declarations.
   */
  private attributes(qname: string, elementSlot: number): Record<string, string> | undefined {
    const src = this.src;
    const seen = this.seen;
    let count = 0;
    /** Entries so far (in this.keys and this.values), and whether every key is a kept name. */
    let entries = 0;
    let keptKeys = true;
    const serial = (elementSerial = (elementSerial + 1) | 0);
    for (;;) {
      const spaced = this.skipWhitespace();
      const c = src.charCodeAt(this.pos);
      if (c === GT) {
        this.pos++;
        return entries === 0 ? undefined : this.record(entries, keptKeys ? elementSlot : -1);
      }
      if (c === SLASH) {
        if (src.charCodeAt(this.pos + 1) !== GT) this.fail(`'/' inside <${qname}>`);
        return entries === 0 ? undefined : this.record(entries, keptKeys ? elementSlot : -1);
      }
      if (this.pos >= src.length) this.fail(`the document ends inside <${qname}>`);
      if (!spaced) this.fail(`no space before an attribute of <${qname}>`);
      const attribute = this.name();
      const slot = this.slot;
      if (src.charCodeAt(this.pos) !== EQUALS) {
        this.skipWhitespace();
        if (src.charCodeAt(this.pos) !== EQUALS) this.fail(`attribute ${attribute} of <${qname}> has no value`);
      }
      this.pos++;
      this.skipWhitespace();
      const quote = src.charCodeAt(this.pos);
      if (quote !== QUOTE && quote !== APOSTROPHE) this.fail(`attribute ${attribute} of <${qname}> is not quoted`);
      const value = this.attributeValue(attribute, qname, quote, slot);
      if (++count > MAX_ATTRIBUTES) this.fail(`more than ${MAX_ATTRIBUTES} attributes in <${qname}>`);
      // Repeated by qualified name. A name whose slot no attribute of this element took before is new (the same name
      // has the same slot): only other names are compared with the ones before.
      const fresh = slot >= 0 && slotSeen[slot] !== serial;
      if (slot >= 0) slotSeen[slot] = serial;
      if (count <= SEEN_SCANNED) {
        if (!fresh)
          for (let k = 0; k < count - 1; k++) if (seen[k] === attribute) this.fail(`attribute ${attribute} repeated in <${qname}>`);
        seen[count - 1] = attribute;
      } else {
        this.seenSet ??= new Set();
        if (count === SEEN_SCANNED + 1) {
          this.seenSet.clear();
          for (let k = 0; k < SEEN_SCANNED; k++) this.seenSet.add(seen[k]);
        }
        if (this.seenSet.size === this.seenSet.add(attribute).size) this.fail(`attribute ${attribute} repeated in <${qname}>`);
      }
      const local = slot >= 0 ? slotLocal[slot] : localName(attribute);
      // Namespace declarations are not attributes of the tree.
      if (attribute === 'xmlns' || (local !== attribute && attribute.length - local.length === 6 && attribute.startsWith('xmlns:')))
        continue;
      if (slot < 0) keptKeys = false;
      this.keys[entries] = local;
      this.values[entries++] = value;
    }
  }

  private readonly keys: string[] = [];
  private readonly values: string[] = [];

  /**
   * The attributes record of the first `entries` keys and values. When the
   * element (by its name's slot) had the same keys last time, the record is
   * a copy of that record's shape with the values set: no new property per
   * attribute (a record built key by key costs several times as much).
   */
  private record(entries: number, slot: number): Record<string, string> {
    const keys = this.keys;
    const values = this.values;
    const template = slot >= 0 ? slotTemplate[slot] : undefined;
    if (template !== undefined && sameKeys(template.keys, keys, entries)) {
      // A copy of the record kept for this shape, its values included: only the values that differ are set.
      const record = { ...template.record };
      const kept = template.values;
      for (let k = 0; k < entries; k++) if (values[k] !== kept[k]) record[keys[k]] = values[k];
      return record;
    }
    const record: Record<string, string> = {};
    let shareable = slot >= 0 && entries <= MAX_TEMPLATE_KEYS;
    for (let k = 0; k < entries; k++) {
      const key = keys[k];
      // A name every object has would set the record's prototype instead of an entry.
      if (key === '__proto__') {
        Object.defineProperty(record, key, { value: values[k], enumerable: true, writable: true, configurable: true });
        shareable = false;
      } else record[key] = values[k];
    }
    // Kept only when each key is one entry (with a local name repeated, the values could not be set one by one).
    if (shareable && Object.keys(record).length === entries) {
      // Long values are not kept (they may be slices of this document, which must not outlive its parse).
      const kept = values.slice(0, entries).map((value) => (value.length <= MAX_SHARED_LENGTH ? value : ''));
      const shape: Record<string, string> = {};
      for (let k = 0; k < entries; k++) shape[keys[k]] = kept[k];
      slotTemplate[slot] = { keys: keys.slice(0, entries), values: kept, record: shape };
    }
    return record;
  }

  /** Above this many attributes on one element, a set finds a repeated name (below it, a scan is cheaper). */
  private seenSet: Set<string> | undefined;

  /**
   * At the opening quote of an attribute's value: returns the value
   * (references decoded), after its closing quote. The last value of the
   * same name is tried first; else one scan finds the end and any `<` or `&`.
   */
  private attributeValue(attribute: string, qname: string, quote: number, slot: number): string {
    const src = this.src;
    const from = this.pos + 1;
    if (slot >= 0) {
      const last = slotValue[slot];
      // A kept value holds no quote, '<' or '&': the same characters followed by the quote are the same value.
      if (last !== '' && src.charCodeAt(from + last.length) === quote && matchesAt(src, from, last)) {
        this.pos = from + last.length + 1;
        return last;
      }
    }
    let end = from;
    let special = false;
    let lt = false;
    for (; ; end++) {
      const c = src.charCodeAt(end);
      if (c === quote) break;
      if (c === AMPERSAND || c === QUOTE || c === APOSTROPHE) special = true;
      else if (c === LT) lt = true;
      // Past the end charCodeAt is NaN, the one value not equal to itself.
      else if (c !== c) this.fail(`the document ends inside attribute ${attribute} of <${qname}>`);
    }
    if (lt) this.fail(`'<' in attribute ${attribute} of <${qname}>`);
    this.pos = end + 1;
    if (end === from) return '';
    const raw = src.slice(from, end);
    if (!special) {
      if (slot >= 0 && end - from <= MAX_SHARED_LENGTH) slotValue[slot] = raw;
      return raw;
    }
    return this.decodeChecked(raw, from);
  }

  /**
   * An XML name (prefix included); letters, digits, `_ : . -`, and anything
   * beyond ASCII. A name met before is the string kept in its slot (this.slot).
   */
  private name(): string {
    const src = this.src;
    const start = this.pos;
    let i = start;
    let hash = 0;
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
      hash = (hash * 31 + c) | 0;
    }
    if (i === start) this.fail(i >= src.length ? 'the document ends where a name was expected' : 'a name was expected');
    this.pos = i;
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
    slotValue[slot] = '';
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

  /** The text src[from, to) with its references decoded. */
  private textBetween(from: number, to: number): string {
    if (this.nextAmpersand < from) {
      const amp = this.src.indexOf('&', from);
      this.nextAmpersand = amp < 0 ? this.src.length : amp;
    }
    const raw = this.src.slice(from, to);
    if (this.nextAmpersand >= to) return raw;
    this.referenceOffset = from;
    return replaceReferences(raw, this.malformedReference);
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
