/**
 * The single-pass parser: the tree the old two-pass reader (fast-xml-parser's
 * validator, then its ordered parse) gave on every XML fixture of every
 * vendor, and a clear XmlSyntaxError — never a crash, never a partial tree —
 * on malformed and truncated input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { anyInfoValue, encodeResponse } from '../innovaphone/codec';
import { attributeOf, attributesOf, decodeEntities, parseXmlElements, readXml, XmlReadError, XmlSyntaxError, type XmlNode } from './xml';

/** A tree as the reference reader gives it: each element's attributes as a record. */
interface ReferenceNode {
  name: string;
  text: string;
  children: ReferenceNode[];
  attributes?: Record<string, string>;
}

/** The parser's tree with each element's attributes read into a record (attributesOf), to compare with the reference. */
function materialised(nodes: XmlNode[]): ReferenceNode[] {
  return nodes.map((node) => {
    const attributes = attributesOf(node);
    const children = materialised(node.children);
    return attributes === undefined
      ? { name: node.name, text: node.text, children }
      : { name: node.name, text: node.text, children, attributes };
  });
}

/** The reader as it was before the single pass, kept here as the reference. */
function referenceTree(xml: string): ReferenceNode[] {
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
  const convert = (items: Ordered): ReferenceNode[] =>
    items.flatMap((item) =>
      Object.keys(item)
        .filter((key) => key !== '#text' && key !== ':@' && !key.startsWith('?') && key !== '#comment')
        .map((key) => {
          const content = item[key] as Ordered;
          const node: ReferenceNode = {
            name: key,
            text: decodeEntities(
              content
                .filter((p) => Object.hasOwn(p, '#text'))
                .map((p) => String(p['#text']))
                .join(''),
            ),
            children: convert(content),
          };
          const attributes = item[':@'] as Record<string, unknown> | undefined;
          if (attributes) node.attributes = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, decodeEntities(String(v))]));
          return node;
        }),
    );
  return convert(parser.parse(xml) as Ordered);
}

const FIXTURE_DIRS = ['innovaphone', 'telia', 'telserver'].map((vendor) => join(__dirname, '..', vendor, 'fixtures'));
const fixtures = FIXTURE_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const),
).filter(([, xml]) => XMLValidator.validate(xml) === true && !/<!DOCTYPE/i.test(xml));

const syntaxError = (xml: string): XmlSyntaxError => {
  try {
    parseXmlElements(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(XmlSyntaxError);
    return error as XmlSyntaxError;
  }
  throw new Error(`accepted: ${xml}`);
};

describe('parseXmlElements', () => {
  it('gives the tree the two-pass reader gave, on every well-formed XML fixture of every vendor', () => {
    expect(fixtures.length).toBeGreaterThan(20);
    for (const [name, xml] of fixtures) {
      // JSON drops undefined attributes, as the comparison should.
      expect(JSON.parse(JSON.stringify(materialised(parseXmlElements(xml)))), name).toEqual(JSON.parse(JSON.stringify(referenceTree(xml))));
    }
  });

  it('reads prefixes, attributes, references, CDATA, comments and instructions', () => {
    const [root] = parseXmlElements(
      '\uFEFF<?xml version="1.0"?><!-- c --><s:E xmlns:s="urn:x" s:a=\'1 &amp; 2\' b="&#x41;"><s:v> 0012 </s:v><?pi x?><t><![CDATA[<raw & text>]]></t><!-- in -->x &lt; y</s:E>',
    );
    expect(materialised([root])[0]).toEqual({
      name: 'E',
      text: 'x < y',
      attributes: { a: '1 & 2', b: 'A' },
      children: [
        { name: 'v', text: '0012', children: [] },
        { name: 't', text: '<raw & text>', children: [] },
      ],
    });
  });

  it('trims a text at both ends exactly as String.prototype.trim does, for every UTF-16 code unit', () => {
    // The parser takes its fast path for a text whose ends are not white space; a code unit it wrongly took for
    // (or not for) white space would be kept or dropped here.
    for (let c = 0; c <= 0xffff; c++) {
      if (c === 0x3c || c === 0x26) continue; // '<' and '&' are markup
      const unit = String.fromCharCode(c);
      for (const raw of [`${unit}x${unit}`, `${unit}${unit}&amp;${unit}`, `x${unit}`]) {
        const [root] = parseXmlElements(`<a>${raw}</a>`);
        const expected = raw.replace('&amp;', '&').trim();
        if (root.text !== expected)
          expect({ code: c.toString(16), raw, text: root.text }).toEqual({ code: c.toString(16), raw, text: expected });
      }
    }
  });

  it('gives the tree the two-pass reader gives on generated documents: markup characters, references and white space in every place', () => {
    // Documents where the two readers are meant to agree: no comments or CDATA (the reference decodes references
    // inside CDATA, and joins texts around a comment differently), attribute values without white space at their
    // ends (the reference trims them; this parser keeps a value as written). Any other difference is a bug, like
    // the text starting with '/' that this parser once took for the end of an empty element.
    const piece = fc.constantFrom('a', 'x y', ' ', '/', '>', '"', "'", '=', '?', '!', '-', ']]', ']]>', '/>', '//', ';', ':');
    const reference = fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x42;', '&#1049;');
    const unicode = fc.constantFrom('\u00a0', 'ü', 'Й', '€', '\n', '\t', '\u2028');
    const text = fc.array(fc.oneof(piece, reference, unicode), { maxLength: 4 }).map((parts) => parts.join(''));
    const value = fc
      .array(fc.oneof(piece, reference, fc.constantFrom('ü', 'Й')), { maxLength: 3 })
      .map((parts) => parts.join('').replace(/["']/g, '').trim());
    const name = fc.constantFrom('a', 'b', 'ns:c', 'd1', 'e.f', 'g-h', '_i');
    const attributes = fc
      .uniqueArray(fc.tuple(fc.constantFrom('p', 'q', 'x:r'), value, fc.constantFrom(' ', '  ', '\n'), fc.constantFrom('"', "'")), {
        selector: ([key]) => key,
        maxLength: 3,
      })
      .map((list) => list.map(([key, v, space, quote]) => `${space}${key}=${quote}${v}${quote}`).join(''));
    const element: fc.Memo<string> = fc.memo((depth) =>
      fc.oneof(
        fc.tuple(name, attributes, fc.constantFrom('', ' ')).map(([n, a, space]) => `<${n}${a}${space}/>`),
        fc
          .tuple(name, attributes, text, depth > 1 ? fc.array(fc.tuple(element(depth - 1), text), { maxLength: 3 }) : fc.constant([]))
          .map(([n, a, first, rest]) => `<${n}${a}>${first}${rest.map(([child, after]) => child + after).join('')}</${n}>`),
      ),
    );
    fc.assert(
      fc.property(element(4), (xml) => {
        expect(JSON.parse(JSON.stringify(materialised(parseXmlElements(xml)))), xml).toEqual(
          JSON.parse(JSON.stringify(referenceTree(xml))),
        );
      }),
      { numRuns: 3000, seed: 17 },
    );
  });

  it('reads references the same wherever they fall against the copy it reads them from (64 Ki characters at a time)', () => {
    // The parser copies the document a window at a time from where it first meets a reference (here the text of
    // <a>), and loads the next window where a text or a reference would run past the end of this one: the text or
    // attribute value here starts anywhere from well before the first window's end to just after it.
    const first = '<r><a>&amp;</a><f>';
    const windowEnd = '<r><a>'.length + 64 * 1024;
    const reference = fc.constantFrom('&amp;', '&lt;', '&quot;', '&#65;', '&#x20AC;', '&#128512;', '&#x1F600;', '&nbsp;', 'x', 'Й');
    const text = fc.array(reference, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.integer({ min: -90, max: 4 }), fc.boolean(), text, (shift, inValue, written) => {
        const start = inValue ? '</f><b v="' : '</f><b>';
        const xml =
          first +
          'y'.repeat(windowEnd + shift - first.length - start.length) +
          start +
          (inValue ? `${written}"/></r>` : `${written}</b></r>`);
        expect(xml.indexOf(written, windowEnd - 100)).toBe(windowEnd + shift);
        expect(JSON.parse(JSON.stringify(materialised(parseXmlElements(xml))))).toEqual(JSON.parse(JSON.stringify(referenceTree(xml))));
      }),
      { numRuns: 400, seed: 5 },
    );
  });

  it('decodes a text longer than the copy it reads from, every unit as written (lone surrogates too)', () => {
    const long = 'x'.repeat(70_000);
    const [root] = parseXmlElements(`<r>${long}&#x1F600;\ud800&amp;${long}&lt;</r>`);
    expect(root.text).toBe(`${long}\u{1F600}\ud800&${long}<`);
    // After it, the shared copy serves the next document as before.
    expect(parseXmlElements('<r a="&lt;">&#65;\udc00&gt;</r>').map((node) => [node.text, attributesOf(node)])).toEqual([
      ['A\udc00>', { a: '<' }],
    ]);
  });

  it('never reads a reference out of what an earlier text left in the copy', () => {
    expect(decodeEntities('x&quot;')).toBe('x"');
    expect(decodeEntities('x&quo')).toBe('x&quo');
    expect(parseXmlElements('<r a="&amp;&#65;"/>').map(attributesOf)).toEqual([{ a: '&A' }]);
    expect(decodeEntities('&am')).toBe('&am');
  });

  it('says on which line a malformed reference is, past the first copy and after white space beyond ASCII', () => {
    const xml = `<r><a>&amp;</a>\n<f>${'y'.repeat(70_000)}</f>\n\n<b>\u00a0&#65;&bad\u00a0</b></r>`;
    expect(syntaxError(xml)).toMatchObject({ line: 4, message: expect.stringMatching(/does not start a reference/) as unknown });
  });

  it("reads a text that starts with '/' as text, not as the end of an empty element", () => {
    const [root] = parseXmlElements('<r><path>/home/x</path><url a="1">//host/</url><e/><f a="/"/></r>');
    expect(root.children.map((child) => [child.name, child.text])).toEqual([
      ['path', '/home/x'],
      ['url', '//host/'],
      ['e', ''],
      ['f', ''],
    ]);
    expect(attributeOf(root.children[3], 'a')).toBe('/');
  });

  it.each([
    ['mismatched end tag', '<a><b></a>', /<\/a> closes <b>/],
    ['unclosed root', '<a><b/>', /Unclosed tag 'a'/],
    ['no root', '   ', /no root element/],
    ['text outside the root', 'x<a/>', /text outside the root/],
    ['a declaration inside an element', '<a><!DOCTYPE a></a>', /declaration/],
    ['a bare ampersand', '<a>fish & chips</a>', /'&' that does not start a reference/],
    ['an unquoted attribute', '<a b=1/>', /not quoted/],
    ['a repeated attribute', '<a b="1" b="2"/>', /repeated/],
    ['attributes without space', '<a b="1"c="2"/>', /no space/],
    ['< in an attribute', '<a b="<"/>', /'<' in attribute/],
    ['a document that ends inside a value', '<a b="1', /ends inside attribute b/],
    ['a reference that runs into the closing quote', '<a b="&amp" c="x;"/>', /'&' that does not start a reference/],
    ['an unclosed comment', '<a><!-- x</a>', /comment is not closed/],
    ['an unclosed CDATA section', '<a><![CDATA[x</a>', /CDATA/],
    ['a tag without a name', '<a>< b/></a>', /name was expected/],
  ])('refuses %s with a sentence and the line', (_what, xml, message) => {
    expect(syntaxError(xml).message).toMatch(message);
  });

  it('reads character references digit by digit in their base: hex in either case, nothing past a digit', () => {
    const [root] = parseXmlElements('<a>&#x41;&#x6a;&#x6A;&#xaB;&#x1f600;&#x1F600;&#99;&#x110000;&#1114112;</a>');
    // Code points past Unicode's last stay as written.
    expect(root.text).toBe('Ajj\u00ab\u{1F600}\u{1F600}c&#x110000;&#1114112;');
    // A character just outside the digits of each base ends the reference; without its ';' the '&' is refused.
    for (const malformed of ['&#XAB;', '&#x@;', '&#x`;', '&#xg;', '&#x/;', '&#x:;', '&#/;', '&#:;', '&#a;', '&#12a;', '&#x;', '&#;'])
      expect(() => parseXmlElements(`<a>${malformed}</a>`), malformed).toThrow(XmlSyntaxError);
  });

  it('decodes every kind of reference in one pass, and refuses what is not one', () => {
    const [root] = parseXmlElements('<a v="&quot;&apos;&#65;">&amp;&lt;&gt;&#x1F600;&#0065;&nbsp;&#xD800;x</a>');
    expect(root.text).toBe('&<>\u{1F600}A&nbsp;&#xD800;x');
    expect(attributesOf(root)).toEqual({ v: '"\'A' });
    expect(attributeOf(root, 'v')).toBe('"\'A');
    const [quoted] = parseXmlElements(`<a v='say "hi" &amp; go' w = "it's"/>`);
    expect(attributesOf(quoted)).toEqual({ v: 'say "hi" & go', w: "it's" });
    expect(syntaxError('<a>&#;</a>').message).toMatch(/'&' that does not start a reference/);
    expect(syntaxError('<a>&#x;</a>').message).toMatch(/'&' that does not start a reference/);
    expect(syntaxError('<a v="&1;"/>').message).toMatch(/'&' that does not start a reference/);
    // A reference looks at most 64 characters ahead, so a long run after '&' is refused, not scanned.
    expect(syntaxError(`<a>&${'x'.repeat(100)};</a>`).message).toMatch(/'&' that does not start a reference/);
    expect(parseXmlElements(`<a>&${'x'.repeat(40)};</a>`)[0].text).toBe(`&${'x'.repeat(40)};`);
  });

  it('says on which line the problem is', () => {
    expect(syntaxError('<a>\n<b>\n</c>\n</a>').line).toBe(3);
  });

  it('refuses nesting deeper than the limit', () => {
    expect(syntaxError('<a>'.repeat(65) + '</a>'.repeat(65)).message).toMatch(/nested deeper than 64/);
    expect(parseXmlElements('<a>'.repeat(64) + '</a>'.repeat(64))).toHaveLength(1);
  });

  it('refuses every truncation of a real Poll reply with an XmlSyntaxError (never a crash, never a partial tree)', () => {
    const xml = encodeResponse('Poll', [
      [
        'return',
        anyInfoValue({
          user: [
            {
              active: true,
              state: 1,
              channel: 0,
              alert: 0,
              type: 'ep',
              guid: 'g',
              cn: 'A & B',
              e164: '1',
              h323: 'a',
              dn: 'A',
              groups: [],
              presence: [],
              cfg: false,
              node: '',
              loc: '',
            },
          ],
          call: [],
        }),
      ],
    ]);
    expect(parseXmlElements(xml)).toHaveLength(1);
    for (let cut = 0; cut < xml.length; cut++) {
      const truncated = xml.slice(0, cut);
      // The cut after the root's end tag is whole; everything shorter must fail.
      if (/<\/[A-Za-z:-]+Envelope>\s*$/.test(truncated)) continue;
      expect(() => parseXmlElements(truncated), `cut at ${cut}`).toThrow(XmlSyntaxError);
    }
  });
});

describe('readXml on the single pass', () => {
  it('keeps the reader rules: one root, DOCTYPE refused, malformed input a clear XmlReadError', () => {
    expect(() => readXml('<a/><b/>', 'doc')).toThrow(/exactly one root element, found 2/);
    expect(() => readXml('<a><b></a>', 'doc')).toThrow(XmlReadError);
    expect(() => readXml('<a><b></a>', 'doc')).toThrow(/doc is not well-formed XML \(line 1: <\/a> closes <b>\)/);
    expect(() => readXml('<?xml version="1.0"?><!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>', 'doc')).toThrow(/DOCTYPE/);
    // A '!' elsewhere does not hide a DOCTYPE, nor does it make text one.
    expect(() => readXml('<!DOCTYPE a><a>Hi!</a>', 'doc')).toThrow(/DOCTYPE/);
    expect(readXml('<a>Hi! <!-- no DOCTYPE here --></a>', 'doc').text).toBe('Hi!');
  });

  it('counts UTF-8 bytes against the limit only where units alone cannot decide', () => {
    const byteLength = vi.spyOn(Buffer, 'byteLength');
    try {
      // 67 units, 127 bytes: over a 100-byte limit though its units are not.
      expect(() => readXml(`<a>${'é'.repeat(60)}</a>`, 'doc', 100)).toThrow(/larger than 100 bytes/);
      expect(readXml(`<a>${'é'.repeat(40)}</a>`, 'doc', 100).text).toHaveLength(40);
      byteLength.mockClear();
      // Three bytes a unit at most: a document of 1,000 units is within 1 MiB without counting.
      expect(readXml(`<a>${'é'.repeat(993)}</a>`, 'doc').text).toHaveLength(993);
      expect(byteLength).not.toHaveBeenCalled();
    } finally {
      byteLength.mockRestore();
    }
  });
});

describe('attributes', () => {
  it('refuses a name repeated by qualified name, and keeps one local name per entry as before', () => {
    for (const xml of [
      '<a x="1" y="2" x="3"/>',
      '<a p:t="1" p:t="2"/>',
      '<a p:t="1" x="2" x="3"/>',
      '<a xmlns="u" xmlns="v"/>',
      '<a x="1" p:x="2" x="3"/>',
    ]) {
      expect(() => parseXmlElements(xml), xml).toThrow(/repeated/);
    }
    expect(attributesOf(parseXmlElements('<a x="1" p:x="2"/>')[0])).toEqual({ x: '2' });
    expect(attributesOf(parseXmlElements('<a p:x="1" x="2" xmlns:p="u"/>')[0])).toEqual({ x: '2' });
    expect(attributesOf(parseXmlElements('<a xmlnsx="1" xmlns="u" xmlns:p="v"/>')[0])).toEqual({ xmlnsx: '1' });
  });

  it('refuses more than 256 on one element, however long the document may be', () => {
    const element = (n: number) => `<a${Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join('')}/>`;
    expect(Object.keys(attributesOf(parseXmlElements(element(256))[0]) ?? {})).toHaveLength(256);
    expect(() => parseXmlElements(element(257))).toThrow(/more than 256 attributes in <a>/);
  });

  it('an attribute named __proto__ is an entry, and no prototype changes', () => {
    const [node] = parseXmlElements('<a __proto__="x" constructor="y"/>');
    const attributes = attributesOf(node);
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(attributes ?? {}, '__proto__')).toBe(true);
    expect(attributes?.['__proto__']).toBe('x');
    expect(attributes?.constructor).toBe('y');
    expect(attributeOf(node, '__proto__')).toBe('x');
    expect(attributeOf(node, 'toString')).toBeUndefined();
  });
});

describe('names, values and attribute records kept from one element (and document) to the next', () => {
  const same = (xml: string) =>
    expect(JSON.parse(JSON.stringify(materialised(parseXmlElements(xml)))), xml).toEqual(JSON.parse(JSON.stringify(referenceTree(xml))));

  /** A fixed pseudo-random sequence (so a failure repeats). */
  function* names(seed: number): Generator<string> {
    let x = seed;
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
    for (;;) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const length = 1 + (x % 14);
      let name = '';
      for (let i = 0; i < length; i++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        name += letters[x % letters.length];
      }
      yield name;
    }
  }

  it('give the reference tree on dense input of every kind, parsed again and again', () => {
    const dense = [
      `<root>${Array.from({ length: 300 }, (_, i) => `<item a="${i}" b="x" c="y" d="z" e="${i % 3}"/>`).join('')}</root>`,
      `<root>${Array.from({ length: 50 }, (_, i) => `<e${Array.from({ length: 256 }, (_, k) => ` a${k}="${(i + k) % 10}"`).join('')}/>`).join('')}</root>`,
      `<root>${'<item><cn>&amp;&lt;&gt;&#65;&#x42;&quot;&apos;&amp;&lt;&gt;&#65;&#1049;&#x20AC;</cn></item>'.repeat(100)}</root>`,
      `<root>${Array.from({ length: 300 }, (_, i) => `<a><b/><c>${i % 10}</c><d><e/></d></a>`).join('')}</root>`,
      `<root>${'&amp;&#65;&lt;&#x20AC;&quot;'.repeat(300)}</root>`,
    ];
    for (let round = 0; round < 3; round++) for (const xml of dense) same(xml);
  });

  it('a value is never taken for the value the same name had before', () => {
    for (const xml of [
      `<r><e t="xsd:string"/><e t="xsd:string"/><e t="xsd:str"/><e t="xsd:stringy"/><e t=""/><e t="xsd:string"/></r>`,
      // The kept value followed by the other quote, or by more text before the quote.
      `<r><e t="it"/><e t='it"s'/><e t="it's"/><e t='it'/><e t="it&amp;"/><e t="it"/></r>`,
      `<r><e t="a&lt;b"/><e t="a&lt;b"/><e t="a"/><e t="a&#65;"/></r>`,
      // Values longer than the ones kept, and names longer than the ones kept.
      `<r><e t="${'v'.repeat(40)}"/><e t="${'v'.repeat(40)}"/><averyveryverylongname averyveryverylongattribute="1"/><averyveryverylongname averyveryverylongattribute="2"/></r>`,
    ]) {
      same(xml);
      same(xml);
    }
    // Whatever the first document held, the second reads as itself.
    expect(attributesOf(parseXmlElements('<e t="xsd:string" u="1"/>')[0])).toEqual({ t: 'xsd:string', u: '1' });
    expect(attributesOf(parseXmlElements('<e t="xsd:int" u="1"/>')[0])).toEqual({ t: 'xsd:int', u: '1' });
    expect(syntaxError('<e t="xsd:int" u="<"/>').message).toMatch(/'<' in attribute u/);
  });

  it("an attribute record copied from an earlier element of the same name has this element's values, keys and order", () => {
    const records = parseXmlElements(
      '<r><e a="1" b="2"/><e a="3" b="2"/><e b="2" a="1"/><e a="1"/><e a="1" b="2" c="3"/><e x="1" p:x="2"/><e x="3" p:x="4"/><e x="5" p:x="2"/></r>',
    )[0].children.map((c) => attributesOf(c));
    expect(records.map((r) => JSON.stringify(r))).toEqual([
      '{"a":"1","b":"2"}',
      '{"a":"3","b":"2"}',
      '{"b":"2","a":"1"}',
      '{"a":"1"}',
      '{"a":"1","b":"2","c":"3"}',
      '{"x":"2"}',
      '{"x":"4"}',
      '{"x":"2"}',
    ]);
    // Records are the element's own: changing one changes no other, not even of a later document.
    records[1]!.a = 'changed';
    expect(records[0]).toEqual({ a: '1', b: '2' });
    expect(attributesOf(parseXmlElements('<r><e a="3" b="2"/></r>')[0].children[0])).toEqual({ a: '3', b: '2' });
    const [proto] = parseXmlElements('<r><e __proto__="1"/><e __proto__="2"/></r>')[0].children.map((c) => attributesOf(c));
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });

  it('names that share a kept slot are neither mixed up nor taken for a repeated attribute (more names than slots)', () => {
    const source = names(7);
    const elements: string[] = [];
    const expected: Record<string, string>[] = [];
    for (let e = 0; e < 40; e++) {
      const unique = new Set<string>();
      while (unique.size < 200) unique.add(source.next().value as string);
      const attributes = [...unique];
      elements.push(`<${attributes[0]}${attributes.map((a, k) => ` ${a}="${k}"`).join('')}/>`);
      expected.push(Object.fromEntries(attributes.map((a, k) => [a, String(k)])));
    }
    const xml = `<r>${elements.join('')}</r>`;
    for (let round = 0; round < 2; round++) {
      const children = parseXmlElements(xml)[0].children;
      expect(children.map((c) => attributesOf(c))).toEqual(expected);
      expect(children.map((c) => c.name)).toEqual(expected.map((a) => Object.keys(a)[0]));
    }
    // And a name that is repeated is found wherever it is.
    const attributes = Object.keys(expected[0]);
    for (const name of [attributes.find((a) => a.length <= 4)!, attributes.find((a) => a.length > 12)!])
      for (const at of [1, 15, 16, 17, 150]) {
        const repeated = [...attributes.slice(0, at).filter((a) => a !== name), name, ...attributes.slice(at).filter((a) => a !== name)];
        repeated.splice(at >> 1, 0, name);
        expect(syntaxError(`<x${repeated.map((a, k) => ` ${a}="${k}"`).join('')}/>`).message).toMatch(/repeated/);
      }
  });
});

describe('work is linear in the input, whatever its density', () => {
  /**
   * Characters the parser looks at: one per charCodeAt, and for each native
   * search, comparison or slice the characters it covers (references are
   * read from a copy of the document the parser slices off a window at a
   * time, one read per character). Not a timing: a count, the same on any
   * machine.
   */
  function looks(xml: string): number {
    let looked = 0;
    const proto = String.prototype;
    // The originals, called with each string as `this` (the spies replace them on the prototype).
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const { charCodeAt, indexOf, startsWith, includes, slice } = proto;
    const spies = [
      vi.spyOn(proto, 'charCodeAt').mockImplementation(function (this: string, at: number) {
        looked++;
        return charCodeAt.call(this, at);
      }),
      vi.spyOn(proto, 'indexOf').mockImplementation(function (this: string, search: string, from = 0) {
        const found = indexOf.call(this, search, from);
        looked += (found < 0 ? this.length : found + search.length) - from;
        return found;
      }),
      vi.spyOn(proto, 'startsWith').mockImplementation(function (this: string, search: string, from = 0) {
        looked += search.length;
        return startsWith.call(this, search, from);
      }),
      vi.spyOn(proto, 'includes').mockImplementation(function (this: string, search: string, from = 0) {
        looked += this.length - from;
        return includes.call(this, search, from);
      }),
      vi.spyOn(proto, 'slice').mockImplementation(function (this: string, start?: number, end?: number) {
        const part = slice.call(this, start, end);
        looked += part.length;
        return part;
      }),
    ];
    try {
      parseXmlElements(xml);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    return looked;
  }

  const shapes: Record<string, (n: number) => string> = {
    'plain text': (n) => `<r>${'<cn>Colleague at the front desk</cn>'.repeat(n)}</r>`,
    'attribute-dense': (n) => `<r>${`<e ${Array.from({ length: 20 }, (_, i) => `a${i}="${i}"`).join(' ')}/>`.repeat(n)}</r>`,
    'attributes with references': (n) => `<r>${'<e a="&amp;&#65;" b="&lt;x&gt;" c="&#x20AC;"/>'.repeat(n)}</r>`,
    'references in one text': (n) => `<r>${'&amp;&#65;&lt;&#x20AC;&quot;'.repeat(n)}</r>`,
    'element-dense': (n) => `<r>${'<a><b/><c>1</c><d><e/></d></a>'.repeat(n)}</r>`,
  };

  it.each(Object.keys(shapes))('%s: four times the input, four times the looks, and a few looks per character', (shape) => {
    const small = shapes[shape](50);
    const large = shapes[shape](200);
    const ratio = looks(large) / looks(small);
    expect(ratio).toBeGreaterThan(3.8);
    expect(ratio).toBeLessThan(4.2);
    expect(looks(large) / large.length).toBeLessThan(6);
  });
});
