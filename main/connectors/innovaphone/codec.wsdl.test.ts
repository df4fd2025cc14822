/**
 * Every request the codec can build, held to innovaphone's own WSDL files
 * (/work/shared/seeds, copied verbatim into fixtures/): the test reads the
 * .wsdl with fast-xml-parser — messages, parts, schema types, the portType's
 * operations, the binding's soapAction/style/use/namespace — and compares
 * what encodeRequest puts on the wire, part by part, in each dialect. No
 * list of names is copied by hand: a part renamed, missing, reordered or of
 * the wrong type in the codec fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { encodeRequest, PBX_OPERATIONS, type PbxOperation, type PbxRequest } from './codec';
import type { Dialect } from './messages';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP_ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

// ---------------------------------------------------------------------------
// A namespace-aware view of fast-xml-parser's ordered output

interface El {
  /** Namespace URI and local name, prefixes resolved. */
  ns: string;
  name: string;
  attrs: Record<string, string>;
  /** Attributes by {namespace}local. */
  qattrs: Record<string, string>;
  /** Prefix → namespace in scope (for QName-valued attributes). */
  scope: Record<string, string>;
  children: El[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  trimValues: true,
  ignoreDeclaration: true,
});

type Ordered = Record<string, unknown>[];

function parse(xml: string): El {
  const convert = (items: Ordered, outer: Record<string, string>): El[] =>
    items.flatMap((item) =>
      Object.keys(item)
        .filter((key) => key !== ':@' && key !== '#text' && !key.startsWith('?') && key !== '#comment')
        .map((qname) => {
          const attrs = (item[':@'] ?? {}) as Record<string, string>;
          const scope = { ...outer };
          for (const [a, value] of Object.entries(attrs)) {
            if (a === 'xmlns') scope[''] = value;
            else if (a.startsWith('xmlns:')) scope[a.slice(6)] = value;
          }
          const content = item[qname] as Ordered;
          const [ns, name] = resolve(qname, scope, true);
          const qattrs: Record<string, string> = {};
          for (const [a, value] of Object.entries(attrs)) {
            if (a === 'xmlns' || a.startsWith('xmlns:')) continue;
            const [ans, alocal] = a.includes(':') ? resolve(a, scope, false) : ['', a];
            qattrs[`{${ans}}${alocal}`] = value;
          }
          return {
            ns,
            name,
            attrs,
            qattrs,
            scope,
            children: convert(content, scope),
            text: content
              .filter((c) => '#text' in c)
              .map((c) => String(c['#text']))
              .join(''),
          };
        }),
    );
  const roots = convert(parser.parse(xml) as Ordered, {});
  expect(roots).toHaveLength(1);
  return roots[0];
}

/** A QName → [namespace, local]; unprefixed element names take the default namespace. */
function resolve(qname: string, scope: Record<string, string>, defaultApplies: boolean): [string, string] {
  const colon = qname.indexOf(':');
  if (colon < 0) return [defaultApplies ? (scope[''] ?? '') : '', qname];
  const prefix = qname.slice(0, colon);
  const ns = scope[prefix];
  if (ns === undefined) throw new Error(`prefix ${prefix} is not declared`);
  return [ns, qname.slice(colon + 1)];
}

const qn = (el: El, value: string): string => {
  const [ns, local] = resolve(value, el.scope, false);
  return `{${ns}}${local}`;
};
const kids = (el: El, ns: string, name: string) => el.children.filter((c) => c.ns === ns && c.name === name);
const kid = (el: El, ns: string, name: string): El => {
  const found = kids(el, ns, name);
  expect(found, `<${name}> in <${el.name} ${el.attrs.name ?? ''}>`).toHaveLength(1);
  return found[0];
};

// ---------------------------------------------------------------------------
// The WSDL as data

const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP = 'http://schemas.xmlsoap.org/wsdl/soap/';

interface Declared {
  name: string;
  /** {ns}local of the part's or element's type. */
  type: string;
  min: number;
  max: number;
}

interface WsdlOperation {
  soapAction: string;
  style: string;
  use: string;
  /** rpc: the soap:body namespace; document: the part element's namespace. */
  namespace: string;
  encodingStyle: string | undefined;
  /** rpc: the input message's parts; document: the input element's sequence. */
  parts: Declared[];
  /** document/literal: the input element's name. */
  element: string | undefined;
  qualified: boolean;
}

interface Wsdl {
  targetNamespace: string;
  operations: Map<string, WsdlOperation>;
  /** Array types (SOAP-ENC:Array restrictions) → their item type. */
  arrayItem: Map<string, string>;
}

function loadWsdl(file: string): Wsdl {
  const root = parse(readFileSync(path.join(__dirname, 'fixtures', file), 'utf8'));
  expect(root.ns).toBe(WSDL);
  const targetNamespace = root.attrs.targetNamespace;
  const schema = kid(kid(root, WSDL, 'types'), XSD, 'schema');
  const qualified = schema.attrs.elementFormDefault === 'qualified';

  const arrayItem = new Map<string, string>();
  for (const type of kids(schema, XSD, 'complexType')) {
    const restriction = kids(type, XSD, 'complexContent')[0]?.children.find((c) => c.name === 'restriction');
    if (!restriction || qn(restriction, restriction.attrs.base) !== `{${SOAP_ENC}}Array`) continue;
    const attribute = kid(restriction, XSD, 'attribute');
    const arrayType = Object.entries(attribute.qattrs).find(([k]) => k === `{${WSDL}}arrayType`)?.[1];
    if (!arrayType) throw new Error(`array type ${type.attrs.name} without wsdl:arrayType`);
    arrayItem.set(`{${targetNamespace}}${type.attrs.name}`, qn(attribute, arrayType.replace(/\[\]$/, '')));
  }

  const sequenceOf = (el: El): Declared[] => {
    const complex = kids(el, XSD, 'complexType')[0];
    const sequence = complex ? kids(complex, XSD, 'sequence')[0] : undefined;
    return (sequence ? kids(sequence, XSD, 'element') : []).map((e) => ({
      name: e.attrs.name,
      type: qn(e, e.attrs.type),
      min: e.attrs.minOccurs === undefined ? 1 : Number(e.attrs.minOccurs),
      max: e.attrs.maxOccurs === 'unbounded' ? Infinity : e.attrs.maxOccurs === undefined ? 1 : Number(e.attrs.maxOccurs),
    }));
  };
  const elements = new Map(kids(schema, XSD, 'element').map((e) => [`{${targetNamespace}}${e.attrs.name}`, e]));
  const messages = new Map(kids(root, WSDL, 'message').map((m) => [`{${targetNamespace}}${m.attrs.name}`, m]));
  const portType = kid(root, WSDL, 'portType');
  const binding = kid(root, WSDL, 'binding');
  expect(qn(binding, binding.attrs.type)).toBe(`{${targetNamespace}}${portType.attrs.name}`);
  const bindingStyle = kids(binding, WSDL_SOAP, 'binding')[0]?.attrs.style ?? 'document';

  const operations = new Map<string, WsdlOperation>();
  for (const op of kids(portType, WSDL, 'operation')) {
    const input = kid(op, WSDL, 'input');
    const message = messages.get(qn(input, input.attrs.message));
    if (!message) throw new Error(`message of ${op.attrs.name} not found`);
    const bound = kids(binding, WSDL, 'operation').find((b) => b.attrs.name === op.attrs.name);
    if (!bound) throw new Error(`operation ${op.attrs.name} is not bound`);
    const soapOperation = kid(bound, WSDL_SOAP, 'operation');
    const body = kid(kid(bound, WSDL, 'input'), WSDL_SOAP, 'body');
    const style = soapOperation.attrs.style ?? bindingStyle;
    const parts = kids(message, WSDL, 'part');
    let declared: Declared[];
    let element: string | undefined;
    let namespace: string;
    if (style === 'rpc') {
      declared = parts.map((p) => ({ name: p.attrs.name, type: qn(p, p.attrs.type), min: 1, max: 1 }));
      namespace = body.attrs.namespace;
    } else {
      expect(parts, `${op.attrs.name}: one document part`).toHaveLength(1);
      const elementName = qn(parts[0], parts[0].attrs.element);
      const schemaElement = elements.get(elementName);
      if (!schemaElement) throw new Error(`element ${elementName} not found`);
      declared = sequenceOf(schemaElement);
      element = schemaElement.attrs.name;
      namespace = targetNamespace;
    }
    operations.set(op.attrs.name, {
      soapAction: soapOperation.attrs.soapAction,
      style,
      use: body.attrs.use,
      namespace,
      encodingStyle: body.attrs.encodingStyle,
      parts: declared,
      element,
      qualified,
    });
  }
  return { targetNamespace, operations, arrayItem };
}

// ---------------------------------------------------------------------------
// One request of every operation (the compiler insists on every one)

const SAMPLES: { [K in PbxOperation]: Extract<PbxRequest, { op: K }> } = {
  Version: { op: 'Version' },
  Initialize: { op: 'Initialize', user: 'Reception', appl: 'Attendant console' },
  Echo: { op: 'Echo', session: 31337, key: 802714305 },
  End: { op: 'End', session: 31337 },
  UserInitialize: { op: 'UserInitialize', session: 31337, user: 'Reception', xfer: true, disc: false, hw: '' },
  UserEnd: { op: 'UserEnd', user: 4 },
  Poll: { op: 'Poll', session: 31337 },
  Calls: { op: 'Calls', session: 31337, user: 'Reception' },
  Devices: { op: 'Devices', session: 31337, user: 'Reception' },
  FindUser: { op: 'FindUser', cn: 'Mar', h323: '', e164: '', count: 20, next: 1, nohide: false },
  UserCall: { op: 'UserCall', user: 4, cn: '', e164: '1103', h323: '', rc: 0, srce164: '' },
  UserConnect: { op: 'UserConnect', call: 77 },
  UserClear: { op: 'UserClear', call: 77, cause: 16 },
  UserHold: { op: 'UserHold', call: 77, remote: false },
  UserRetrieve: { op: 'UserRetrieve', call: 77 },
  UserTransfer: { op: 'UserTransfer', a: 77, b: 78 },
  UserRedirect: { op: 'UserRedirect', call: 77, cn: '', e164: '1103', h323: '', rc: 0 },
  UserPickup: { op: 'UserPickup', user: 4, cn: 'Maria Lind', call: 0, group: '' },
  UserPark: { op: 'UserPark', call: 77, cn: 'Reception', position: -1 },
  UserRc: { op: 'UserRc', call: 77, rc: 4 },
};

const LEXICAL: Record<string, RegExp> = {
  [`{${XSD}}int`]: /^-?\d+$/,
  [`{${XSD}}boolean`]: /^(true|false|0|1)$/,
  [`{${XSD}}string`]: /^/,
};

function checkRpcEncoded(wsdl: Wsdl, declared: WsdlOperation, op: string, body: El): void {
  expect(declared.use).toBe('encoded');
  expect(body.qattrs[`{${SOAP_ENV}}encodingStyle`], 'encodingStyle on the Body').toBe(declared.encodingStyle);
  const operation = body.children[0];
  expect([operation.ns, operation.name], 'the operation element and its namespace').toEqual([declared.namespace, op]);
  // rpc: every part, in order, none missing, none extra.
  expect(operation.children.map((c) => c.name)).toEqual(declared.parts.map((p) => p.name));
  operation.children.forEach((element, i) => {
    const part = declared.parts[i];
    expect(element.ns, `${op}.${part.name} is unqualified`).toBe('');
    const xsiType = element.qattrs[`{${XSI}}type`];
    expect(xsiType, `${op}.${part.name} carries xsi:type`).toBeDefined();
    const item = wsdl.arrayItem.get(part.type);
    if (item) {
      expect(qn(element, xsiType), `${op}.${part.name} is a SOAP array`).toBe(`{${SOAP_ENC}}Array`);
      const arrayType = element.qattrs[`{${SOAP_ENC}}arrayType`];
      expect(qn(element, arrayType.replace(/\[\d*\]$/, '')), `${op}.${part.name}'s item type`).toBe(item);
    } else {
      expect(qn(element, xsiType), `${op}.${part.name}'s type`).toBe(part.type);
      expect(element.text, `${op}.${part.name}'s value`).toMatch(LEXICAL[part.type]);
    }
  });
}

function checkDocumentLiteral(wsdl: Wsdl, declared: WsdlOperation, op: string, body: El): void {
  expect(declared.use).toBe('literal');
  expect(body.qattrs[`{${SOAP_ENV}}encodingStyle`]).toBeUndefined();
  const operation = body.children[0];
  expect([operation.ns, operation.name], 'the request element and its namespace').toEqual([wsdl.targetNamespace, declared.element]);
  // document: the sequence in order; repeated where maxOccurs allows; every minOccurs ≥ 1 element present; nothing undeclared.
  let at = 0;
  for (const element of declared.parts) {
    let count = 0;
    while (at < operation.children.length && operation.children[at].name === element.name) {
      const child = operation.children[at];
      expect(child.ns, `${op}.${element.name} is qualified`).toBe(declared.qualified ? wsdl.targetNamespace : '');
      if (LEXICAL[element.type]) expect(child.text, `${op}.${element.name}'s value`).toMatch(LEXICAL[element.type]);
      at++;
      count++;
    }
    expect(count, `${op}.${element.name} occurs`).toBeGreaterThanOrEqual(element.min);
    expect(count, `${op}.${element.name} occurs`).toBeLessThanOrEqual(element.max);
  }
  expect(
    operation.children.slice(at).map((c) => c.name),
    `${op}: elements the WSDL does not declare there`,
  ).toEqual([]);
}

const DIALECTS: [Dialect, string, 'rpc' | 'document'][] = [
  ['pbx10', 'innovaphone-pbx10_00.wsdl', 'rpc'],
  ['pbx11', 'innovaphone-pbx11_00.wsdl', 'document'],
];

describe.each(DIALECTS)('every request against %s (%s)', (dialect, file, style) => {
  const wsdl = loadWsdl(file);

  it('covers every operation the codec can build, and each is an operation of the WSDL', () => {
    expect([...PBX_OPERATIONS].sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const op of PBX_OPERATIONS) expect(wsdl.operations.has(op), op).toBe(true);
  });

  it.each(PBX_OPERATIONS.map((op) => [op]))('%s: SOAPAction, namespace, every part by name, order and type', (op) => {
    const declared = wsdl.operations.get(op)!;
    expect(declared.style).toBe(style);
    const encoded = encodeRequest(SAMPLES[op], dialect);
    expect(encoded.soapAction).toBe(declared.soapAction);
    const envelope = parse(encoded.body);
    expect([envelope.ns, envelope.name]).toEqual([SOAP_ENV, 'Envelope']);
    const body = kid(envelope, SOAP_ENV, 'Body');
    expect(body.children).toHaveLength(1);
    if (style === 'rpc') checkRpcEncoded(wsdl, declared, op, body);
    else checkDocumentLiteral(wsdl, declared, op, body);
  });
});

describe('the WSDL test itself', () => {
  it('notices a part the WSDL does not name (the prose names of UserTransfer)', () => {
    const wsdl = loadWsdl('innovaphone-pbx10_00.wsdl');
    const declared = wsdl.operations.get('UserTransfer')!;
    const wrong = encodeRequest(SAMPLES.UserTransfer, 'pbx10').body.replace(/<a /g, '<acall ').replace(/<\/a>/g, '</acall>');
    expect(() => checkRpcEncoded(wsdl, declared, 'UserTransfer', kid(parse(wrong), SOAP_ENV, 'Body'))).toThrow();
  });

  it('notices a missing required element and a wrong type in document/literal', () => {
    const wsdl = loadWsdl('innovaphone-pbx11_00.wsdl');
    const declared = wsdl.operations.get('FindUser')!;
    const body = encodeRequest(SAMPLES.FindUser, 'pbx11').body;
    const withoutNext = body.replace(/<next>[^<]*<\/next>/, '');
    expect(() => checkDocumentLiteral(wsdl, declared, 'FindUser', kid(parse(withoutNext), SOAP_ENV, 'Body'))).toThrow();
    const booleanNext = body.replace(/<next>[^<]*<\/next>/, '<next>maybe</next>');
    expect(() => checkDocumentLiteral(wsdl, declared, 'FindUser', kid(parse(booleanNext), SOAP_ENV, 'Body'))).toThrow();
  });
});
