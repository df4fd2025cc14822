import { describe, expect, it } from 'vitest';
import {
  attributeOf,
  el,
  isNil,
  plainOf,
  readSoapRequest,
  readXmlDocument,
  SOAP_ENC_NS,
  SOAP_ENV_NS,
  SoapReadError,
  writeSoapEnvelope,
  writeSoapFault,
  XSI_NS,
  xsiTypeOf,
} from './soap-envelope';

const RPC_REQUEST = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
  xmlns:tns="http://innovaphone.com/pbx" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <soap:Body soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
    <tns:UserTransfer>
      <a xsi:type="xsd:int">17</a>
      <b xsi:type="xsd:int">18</b>
      <note xsi:type="xsd:string"> a &amp; b &lt;&#65;&#x42;&gt; <![CDATA[<raw &amp;>]]></note>
      <empty xsi:nil="true"/>
    </tns:UserTransfer>
  </soap:Body>
</soap:Envelope>`;

const LITERAL_REQUEST = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
  <soapenv:Header><wsse:Security><wsse:UsernameToken><wsse:Username>demo</wsse:Username></wsse:UsernameToken></wsse:Security></soapenv:Header>
  <soapenv:Body><FindUser xmlns="http://innovaphone.com/pbx"><user>x</user><next>1</next><info><type>a</type></info><info><type>b</type></info></FindUser></soapenv:Body>
</soapenv:Envelope>`;

describe('readSoapRequest', () => {
  it('reads an rpc/encoded request: operation, namespace, unqualified parts, xsi types, decoded text', () => {
    const request = readSoapRequest(RPC_REQUEST);
    expect(request.operation).toBe('UserTransfer');
    expect(request.namespace).toBe('http://innovaphone.com/pbx');
    expect(request.headers).toEqual([]);
    expect(request.parts.map((p) => [p.name, p.ns])).toEqual([
      ['a', ''],
      ['b', ''],
      ['note', ''],
      ['empty', ''],
    ]);
    const [a, , note, empty] = request.parts;
    expect(a?.text).toBe('17');
    expect(xsiTypeOf(a)).toEqual({ ns: 'http://www.w3.org/2001/XMLSchema', name: 'int' });
    expect(note?.text.trim()).toBe('a & b <AB> <raw &amp;>');
    expect(isNil(empty)).toBe(true);
    const root = readXmlDocument(RPC_REQUEST);
    const body = root.children[0];
    expect(attributeOf(body, SOAP_ENV_NS, 'encodingStyle')).toBe(SOAP_ENC_NS);
  });

  it('reads a document/literal request with a default namespace, a header and repeated elements', () => {
    const request = readSoapRequest(LITERAL_REQUEST);
    expect(request.operation).toBe('FindUser');
    expect(request.namespace).toBe('http://innovaphone.com/pbx');
    expect(request.parts.every((p) => p.ns === 'http://innovaphone.com/pbx')).toBe(true);
    expect(request.headers.map((h) => h.name)).toEqual(['Security']);
    expect(plainOf(request.headers[0])).toEqual({ UsernameToken: { Username: 'demo' } });
    expect(plainOf(request.body)).toEqual({ user: 'x', next: '1', info: [{ type: 'a' }, { type: 'b' }] });
  });

  it('refuses what is not a SOAP 1.1 request', () => {
    const bad = [
      '<a><b></a>',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>',
      '<x>&nbsp;</x>',
      '<x>&#0;</x>',
      '<x>fish & chips</x>',
      '<x a="1" a="2"/>',
      '<x a="<"/>',
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><x/></soap:Body></soap:Envelope>',
      `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body/></soap:Envelope>`,
      `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Header/></soap:Envelope>`,
      `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body><p:x/></soap:Body></soap:Envelope>`,
      `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body><x/></soap:Body></soap:Envelope><second/>`,
    ];
    for (const xml of bad) expect(() => readSoapRequest(xml), xml).toThrow(SoapReadError);
  });

  it('refuses nesting deeper than the limit', () => {
    const deep = `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body><x>${'<a>'.repeat(80)}${'</a>'.repeat(80)}</x></soap:Body></soap:Envelope>`;
    expect(() => readSoapRequest(deep)).toThrow(/deeper than 64/);
    expect(readSoapRequest(deep, { maxDepth: 100 }).operation).toBe('x');
  });
});

describe('writeSoapEnvelope / writeSoapFault', () => {
  it('writes a response that reads back, with text and attributes escaped', () => {
    const xml = writeSoapEnvelope({
      namespaces: { tns: 'http://innovaphone.com/pbx', xsi: XSI_NS },
      bodyAttributes: { 'soap:encodingStyle': SOAP_ENC_NS },
      body: [el('tns:EchoResponse', {}, [el('return', { 'xsi:type': 'xsd:int' }, '1'), el('note', {}, `<&"'>`), el('empty')])],
    });
    const read = readSoapRequest(xml);
    expect(read.operation).toBe('EchoResponse');
    expect(read.namespace).toBe('http://innovaphone.com/pbx');
    expect(plainOf(read.body)).toEqual({ return: '1', note: `<&"'>`, empty: '' });
    expect(attributeOf(read.parts[0], XSI_NS, 'type')).toBe('xsd:int');
  });

  it('writes a SOAP 1.1 Fault with the code in the envelope namespace', () => {
    const xml = writeSoapFault({ code: 'Client', message: 'unknown part "acall" in UserTransfer' });
    const fault = readSoapRequest(xml);
    expect([fault.operation, fault.namespace]).toEqual(['Fault', SOAP_ENV_NS]);
    expect(plainOf(fault.body)).toEqual({ faultcode: 'soap:Client', faultstring: 'unknown part "acall" in UserTransfer' });
  });

  it('refuses to write a name that is not an XML name, or a character XML cannot carry', () => {
    expect(() => writeSoapEnvelope({ body: [el('a b')] })).toThrow(/not an element name/);
    expect(() => writeSoapEnvelope({ body: [el('a', { 'b c': '1' })] })).toThrow(/not an attribute name/);
    expect(() => writeSoapEnvelope({ body: [el('a', {}, 'bell \u0007')] })).toThrow(/cannot carry/);
    expect(() => writeSoapEnvelope({ body: [el('a', {}, 'lone \ud800 surrogate')] })).toThrow(/cannot carry/);
  });

  it('keeps non-ASCII text, line breaks in attributes and carriage returns through a round trip', () => {
    const xml = writeSoapEnvelope({ body: [el('a', { note: 'two\nlines\t"quoted"' }, 'Müller 😀 \r\n')] });
    const read = readSoapRequest(xml);
    expect(read.body.text).toBe('Müller 😀 \r\n');
    expect(attributeOf(read.body, '', 'note')).toBe('two\nlines\t"quoted"');
  });
});
