/**
 * The innovaphone demo PBX read by the WSDLs: hand-written request envelopes
 * in both dialects (shapes copied from innovaphone-pbx10_00.wsdl and
 * innovaphone-pbx11_00.wsdl), checked against the switch's truth.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { Directory } from '../shared/directory';
import { digestResponse, parseAuthorization } from '../shared/http-digest';
import { attributeOf, readXmlDocument, SOAP_ENC_NS, SOAP_ENV_NS, XSI_NS, type XmlElement } from '../shared/soap-envelope';
import { Switch } from '../shared/switch';
import { InnovaphoneFrontEnd, type InnovaphoneFrontEndOptions } from './server';

const PBX = 'http://innovaphone.com/pbx';
const BINDING = 'http://innovaphone/binding';
const CALLER = '+3725551234';

type Dialect = 'pbx10_00' | 'pbx11_00';

let frontEnd: InnovaphoneFrontEnd | undefined;
afterEach(async () => {
  await frontEnd?.stop();
  frontEnd = undefined;
});

async function start(options: Partial<InnovaphoneFrontEndOptions> = {}) {
  const sw = new Switch({
    clock: new ManualClock(),
    directory: new Directory([
      { number: '1100', name: 'Reception' },
      { number: '1101', name: 'Anna Tamm' },
      { number: '1102', name: 'Jaan Saar' },
      { number: '1103', name: 'Kati Sepp' },
    ]),
  });
  frontEnd = new InnovaphoneFrontEnd({ switch: sw, auth: 'basic', accounts: { Reception: 'pw' }, pollHoldMs: 50, ...options });
  const { url } = await frontEnd.start();
  return { sw, url, faults: frontEnd.faults };
}

// ------------------------------------------------------------ envelopes by hand

/** pbx10_00 part: unqualified, with its xsi:type (rpc/encoded). */
const p10 = (name: string, type: 'int' | 'boolean' | 'string', value: string | number | boolean) =>
  `<${name} xsi:type="xsd:${type}">${String(value)}</${name}>`;
/** pbx11_00 part: qualified by the default namespace of the operation element. */
const p11 = (name: string, value: string | number | boolean) => `<${name}>${String(value)}</${name}>`;

function envelope10(op: string, parts: string, ns = PBX): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
    `xmlns:ns1="${ns}"><SOAP-ENV:Body SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">` +
    `<ns1:${op}>${parts}</ns1:${op}></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

function envelope11(element: string, parts: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soap:Body><${element} xmlns="${PBX}">${parts}</${element}></soap:Body></soap:Envelope>`
  );
}

interface Reply {
  status: number;
  /** The Body's first element (the response, or the Fault). */
  body: XmlElement;
}

async function post(url: string, xml: string, soapAction: string | undefined, authorization = basic()): Promise<Reply> {
  const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8', Authorization: authorization };
  if (soapAction !== undefined) headers.SOAPAction = `"${soapAction}"`;
  const res = await fetch(url, { method: 'POST', headers, body: xml });
  const root = readXmlDocument(await res.text());
  const body = root.children.find((c) => c.name === 'Body')?.children[0];
  if (!body) throw new Error('no Body in the reply');
  return { status: res.status, body };
}

const basic = () => `Basic ${Buffer.from('Reception:pw').toString('base64')}`;
const post10 = (url: string, op: string, parts = '', ns = PBX) => post(url, envelope10(op, parts, ns), `${PBX}#${op}`);
const post11 = (url: string, op: string, parts = '', element = op) => post(url, envelope11(element, parts), `${PBX}/${op}`);

const child = (element: XmlElement, name: string): XmlElement => {
  const found = element.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${element.name}> has no <${name}>`);
  return found;
};
const text = (element: XmlElement, name: string) => child(element, name).text;
const faultOf = (reply: Reply) => {
  expect(reply.status).toBe(500);
  expect([reply.body.name, reply.body.ns]).toEqual(['Fault', SOAP_ENV_NS]);
  return { code: text(reply.body, 'faultcode'), message: text(reply.body, 'faultstring') };
};

// ------------------------------------------------------------ sessions in each dialect

async function session10(url: string) {
  const init = await post10(
    url,
    'Initialize',
    p10('user', 'string', 'Reception') +
      p10('appl', 'string', 'test') +
      ['v', 'v501', 'v700', 'v800', 'vx1000'].map((f) => p10(f, 'boolean', true)).join(''),
  );
  const session = Number(text(init.body, 'return'));
  const user = Number(
    text(
      (
        await post10(
          url,
          'UserInitialize',
          p10('session', 'int', session) +
            p10('user', 'string', 'Reception') +
            p10('xfer', 'boolean', true) +
            p10('disc', 'boolean', false),
        )
      ).body,
      'return',
    ),
  );
  return { session, key: Number(text(init.body, 'key')), user };
}

async function session11(url: string) {
  const init = await post11(
    url,
    'Initialize',
    p11('user', 'Reception') + p11('appl', 'test') + ['v', 'v501', 'v700', 'v800', 'vx1100'].map((f) => p11(f, true)).join(''),
  );
  const session = Number(text(init.body, 'return'));
  const user = Number(
    text(
      (await post11(url, 'UserInitialize', p11('session', session) + p11('user', 'Reception') + p11('xfer', true) + p11('disc', false)))
        .body,
      'return',
    ),
  );
  return { session, user };
}

/** One Poll in the dialect asked: the CallInfo records it returned. */
async function pollCalls(url: string, dialect: Dialect, session: number): Promise<XmlElement[]> {
  const reply =
    dialect === 'pbx10_00' ? await post10(url, 'Poll', p10('session', 'int', session)) : await post11(url, 'Poll', p11('session', session));
  const anyInfo = child(reply.body, 'return');
  return dialect === 'pbx10_00' ? [...child(anyInfo, 'call').children] : anyInfo.children.filter((c) => c.name === 'call');
}

async function handleOfCall(url: string, dialect: Dialect, session: number, peer: string): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const calls = await pollCalls(url, dialect, session);
    const records =
      dialect === 'pbx10_00' ? (c: XmlElement) => child(c, 'No').children : (c: XmlElement) => c.children.filter((n) => n.name === 'No');
    const found = calls.reverse().find((c) => records(c).some((n) => text(n, 'type') === 'peer' && text(n, 'e164') === peer));
    if (found) return Number(text(found, 'call'));
  }
  throw new Error(`no CallInfo with peer ${peer}`);
}

const legs = (sw: Switch, device: string) =>
  sw
    .deviceView(device)
    .groups.flatMap((g) => (g.consultation ? [g.primary, g.consultation] : [g.primary]))
    .map((l) => `${l.state}:${l.other.number}`);

// ------------------------------------------------------------ tests

describe('Version', () => {
  it('answers pbx10_00 with the WSDL parts WSDLVersion, GatekeeperID, Location, FirmwareVersion, SerialNumber', async () => {
    const { url } = await start();
    const { body } = await post10(url, 'Version');
    expect([body.name, body.ns]).toEqual(['VersionResponse', PBX]);
    expect(body.children.map((c) => [c.name, c.ns, attributeOf(c, XSI_NS, 'type')])).toEqual([
      ['WSDLVersion', '', 'xsd:int'],
      ['GatekeeperID', '', 'xsd:string'],
      ['Location', '', 'xsd:string'],
      ['FirmwareVersion', '', 'xsd:string'],
      ['SerialNumber', '', 'xsd:string'],
    ]);
    expect(text(body, 'WSDLVersion')).toBe('1000');
    expect(text(body, 'SerialNumber')).toMatch(/^00-90-33(-[0-9a-f]{2}){3}$/);
  });

  it('answers pbx11_00 with VersionResult and qualified elements', async () => {
    const { url } = await start();
    const { body, status } = await post11(url, 'Version');
    expect(status).toBe(200);
    expect([body.name, body.ns]).toEqual(['VersionResponse', PBX]);
    expect(body.children.map((c) => [c.name, c.ns])).toEqual([
      ['VersionResult', PBX],
      ['GatekeeperID', PBX],
      ['Location', PBX],
      ['FirmwareVersion', PBX],
      ['SerialNumber', PBX],
    ]);
    expect(text(body, 'VersionResult')).toBe('1100');
  });

  it('a v10 PBX (pbx10_00 only) faults a pbx11_00 probe and answers the pbx10_00 one', async () => {
    const { url } = await start({ dialects: ['pbx10_00'] });
    expect(faultOf(await post11(url, 'Version')).message).toMatch(/does not serve the pbx11_00/);
    expect((await post10(url, 'Version')).status).toBe(200);
  });

  it('refuses a SOAPAction that names another operation or dialect than the Body', async () => {
    const { url } = await start();
    expect(faultOf(await post(url, envelope10('Version', ''), `${PBX}#Echo`)).code).toBe('soap:Client');
    expect(faultOf(await post(url, envelope10('Version', ''), 'urn:other')).code).toBe('soap:Client');
  });
});

describe('part names and types by the WSDL', () => {
  it('faults an unknown part and a missing required part', async () => {
    const { url } = await start();
    const unknown = faultOf(await post10(url, 'Version', p10('verbose', 'boolean', true)));
    expect(unknown).toEqual({ code: 'soap:Client', message: 'unknown part "verbose" in Version (pbx10_00)' });
    const missing = faultOf(await post10(url, 'Echo', p10('session', 'int', 1), 'http://innovaphone/binding'));
    expect(missing.message).toBe('Echo (pbx10_00) needs the part "key"');
  });

  it('pbx10_00: Echo and UserEnd are in the binding namespace http://innovaphone/binding, parts unqualified', async () => {
    const { url } = await start();
    const { session, key } = await session10(url);
    const echo = await post10(url, 'Echo', p10('session', 'int', session) + p10('key', 'int', key), BINDING);
    expect([echo.body.name, echo.body.ns, text(echo.body, 'return')]).toEqual(['EchoResponse', BINDING, '1']);
    expect(faultOf(await post10(url, 'Echo', p10('session', 'int', session) + p10('key', 'int', key), PBX)).message).toMatch(/namespace/);
    // The binding's SOAPAction for UserEnd is capeconnect:pbx:pbxPortType#UserEnd.
    const userEnd = envelope10('UserEnd', p10('user', 'int', 7), BINDING);
    const ended = await post(url, userEnd, 'capeconnect:pbx:pbxPortType#UserEnd');
    expect([ended.status, ended.body.name, ended.body.ns]).toEqual([200, 'UserEndResponse', BINDING]);
    expect(faultOf(await post(url, userEnd, `${PBX}#UserEnd`)).message).toMatch(/is not an innovaphone PBX operation/);
    const qualified = envelope10('Poll', `<ns1:session xsi:type="xsd:int">${session}</ns1:session>`);
    expect(faultOf(await post(url, qualified, `${PBX}#Poll`)).message).toMatch(/must be unqualified/);
  });

  it('pbx11_00: parts must be qualified in the pbx namespace', async () => {
    const { url } = await start();
    const unqualified = `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body><p:Poll xmlns:p="${PBX}"><session>1</session></p:Poll></soap:Body></soap:Envelope>`;
    expect(faultOf(await post(url, unqualified, `${PBX}/Poll`)).message).toMatch(/must be qualified/);
  });

  it('without a SOAPAction header, the parts’ qualification tells the dialect', async () => {
    const { url } = await start();
    const { session } = await session11(url);
    const literal = await post(url, envelope11('Echo', p11('session', session) + p11('key', 0)), undefined);
    expect([literal.status, literal.body.ns, text(literal.body, 'return')]).toEqual([200, PBX, '0']);
    const encoded = await post(url, envelope10('Version', ''), undefined);
    expect(child(encoded.body, 'WSDLVersion').text).toBe('1000');
  });

  it('reads a SOAP-encoded InfoArray by its soapenc:arrayType, and refuses one whose count or type is wrong', async () => {
    const { url } = await start();
    const { user } = await session10(url);
    const info = (arrayType: string) =>
      `<info xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="${arrayType}"><item xsi:type="ns1:Info">${p10('type', 'string', 'x')}${p10('vali', 'int', 1)}${p10('vals', 'string', '')}</item></info>`;
    const call = (arrayType: string) =>
      post10(
        url,
        'UserCall',
        p10('user', 'int', user) + p10('e164', 'string', '1101') + p10('reg', 'int', 0) + info(arrayType) + p10('rc', 'int', 0),
      );
    expect(Number(text((await call('ns1:Info[1]')).body, 'return'))).toBeGreaterThan(0);
    expect(faultOf(await call('ns1:Info[2]')).message).toMatch(/says 2 items, the array has 1/);
    expect(faultOf(await call('xsd:string[1]')).message).toMatch(/is not inno:Info\[n\]/);
  });

  it('Calls: pbx10_00 answers a CallInfoArray `return`, pbx11_00 repeated CallInfo elements', async () => {
    const { url, sw } = await start();
    sw.incomingExternalCall({ number: CALLER }, '1100');
    sw.incomingExternalCall({ number: '+3725559999' }, '1100');
    const s10 = await session10(url);
    const reply10 = await post10(url, 'Calls', p10('session', 'int', s10.session) + p10('user', 'string', 'Reception'));
    const array = child(reply10.body, 'return');
    expect(attributeOf(array, SOAP_ENC_NS, 'arrayType')).toBe('tns:CallInfo[2]');
    expect(array.children.map((c) => attributeOf(child(c, 'No'), SOAP_ENC_NS, 'arrayType'))).toEqual(['tns:No[1]', 'tns:No[1]']);
    const s11 = await session11(url);
    const reply11 = await post11(url, 'Calls', p11('session', s11.session) + p11('user', 'Reception'));
    expect(reply11.body.children.map((c) => [c.name, c.ns])).toEqual([
      ['CallInfo', PBX],
      ['CallInfo', PBX],
    ]);
    expect(reply11.body.children.map((c) => text(child(c, 'No'), 'e164')).sort()).toEqual([CALLER, '+3725559999'].sort());
  });

  it('an operation of the WSDL the demo PBX does not simulate is a Server fault; one of no WSDL a Client fault', async () => {
    const { url } = await start();
    expect(faultOf(await post10(url, 'Admin', p10('xml', 'string', '<show/>')))).toEqual({
      code: 'soap:Server',
      message: 'Admin is not simulated by the demo PBX',
    });
    expect(faultOf(await post10(url, 'Reboot')).code).toBe('soap:Client');
  });

  it('FindUser next is an xsd:int in both dialects; a boolean there is refused', async () => {
    const { url } = await start();
    const flags10 = ['v501', 'v700', 'v800', 'vx1000'].map((f) => p10(f, 'string', '1')).join('');
    const find10 = (next: string) =>
      post10(url, 'FindUser', flags10 + p10('cn', 'string', 'Anna Tamm') + p10('count', 'int', 2) + next + p10('nohide', 'boolean', false));
    const cns = (array: XmlElement) => array.children.map((u) => text(u, 'cn'));
    expect(cns(child((await find10(p10('next', 'int', 0))).body, 'return'))).toEqual(['Anna Tamm', 'Jaan Saar']);
    expect(cns(child((await find10(p10('next', 'int', 1))).body, 'return'))).toEqual(['Jaan Saar', 'Kati Sepp']);
    expect(faultOf(await find10(p10('next', 'boolean', true))).message).toBe(
      'FindUser.next is xsd:int, not {http://www.w3.org/2001/XMLSchema}boolean',
    );
    expect(faultOf(await find10('<next>true</next>')).message).toBe('FindUser.next must be an xsd:int, not "true"');
    const emptyFlag = flags10.replace('<v800 xsi:type="xsd:string">1</v800>', '<v800 xsi:type="xsd:string"></v800>');
    const noFlag = await post10(
      url,
      'FindUser',
      emptyFlag + p10('count', 'int', 2) + p10('next', 'int', 0) + p10('nohide', 'boolean', false),
    );
    expect(faultOf(noFlag).message).toMatch(/must be set to a non-empty value/);

    const flags11 = ['v501', 'v700', 'v800', 'vx1100'].map((f) => p11(f, '1')).join('');
    const find11 = (next: string) =>
      post11(url, 'FindUser', flags11 + p11('cn', 'Anna Tamm') + p11('count', 2) + p11('next', next) + p11('nohide', false));
    const users11 = (reply: Reply) =>
      child(reply.body, 'return')
        .children.filter((c) => c.name === 'user')
        .map((u) => text(u, 'cn'));
    expect(users11(await find11('1'))).toEqual(['Jaan Saar', 'Kati Sepp']);
    expect(faultOf(await find11('true')).message).toBe('FindUser.next must be an xsd:int, not "true"');
  });

  it('arrays: pbx10_00 SOAP arrays with soapenc:arrayType and items, pbx11_00 repeated elements', async () => {
    const { url, faults } = await start();
    faults.setPresence('1101', { status: 'closed', activity: 'dnd', note: 'Focus time' });
    const flags10 = ['v501', 'v700', 'v800', 'vx1000'].map((f) => p10(f, 'string', '1')).join('');
    const reply10 = await post10(
      url,
      'FindUser',
      flags10 + p10('cn', 'string', 'Anna Tamm') + p10('count', 'int', 1) + p10('next', 'int', 0) + p10('nohide', 'boolean', false),
    );
    const array = child(reply10.body, 'return');
    expect(attributeOf(array, XSI_NS, 'type')).toBe('soapenc:Array');
    expect(attributeOf(array, SOAP_ENC_NS, 'arrayType')).toBe('tns:UserInfo[1]');
    const user10 = child(array, 'item');
    expect(attributeOf(user10, XSI_NS, 'type')).toBe('tns:UserInfo');
    expect(attributeOf(child(user10, 'groups'), SOAP_ENC_NS, 'arrayType')).toBe('tns:Group[1]');
    const presence10 = child(user10, 'presence');
    expect(attributeOf(presence10, XSI_NS, 'type')).toBe('tns:Presence');
    expect([text(presence10, 'status'), text(presence10, 'activity'), text(presence10, 'note')]).toEqual(['closed', 'dnd', 'Focus time']);

    const flags11 = ['v501', 'v700', 'v800', 'vx1100'].map((f) => p11(f, '1')).join('');
    const reply11 = await post11(
      url,
      'FindUser',
      flags11 + p11('cn', 'Anna Tamm') + p11('count', 2) + p11('next', 0) + p11('nohide', false),
    );
    const wrapper = child(reply11.body, 'return');
    expect(wrapper.children.map((c) => [c.name, c.ns])).toEqual([
      ['user', PBX],
      ['user', PBX],
    ]);
    const user11 = wrapper.children[0];
    expect(user11.children.filter((c) => c.name === 'groups').map((g) => text(g, 'group'))).toHaveLength(1);
    expect(text(child(user11, 'presence'), 'activity')).toBe('dnd');
    // pbx11_00 UserInfo.presence has minOccurs 1: present, empty, for a user without presence.
    expect(child(wrapper.children[1], 'presence').children).toEqual([]);
  });
});

describe.each<Dialect>(['pbx10_00', 'pbx11_00'])('call control (%s)', (dialect) => {
  const int = (name: string, value: number) => (dialect === 'pbx10_00' ? p10(name, 'int', value) : p11(name, value));
  const bool = (name: string, value: boolean) => (dialect === 'pbx10_00' ? p10(name, 'boolean', value) : p11(name, value));
  const str = (name: string, value: string) => (dialect === 'pbx10_00' ? p10(name, 'string', value) : p11(name, value));
  const send = (url: string, op: string, parts: string) => (dialect === 'pbx10_00' ? post10(url, op, parts) : post11(url, op, parts));
  const open = (url: string) => (dialect === 'pbx10_00' ? session10(url) : session11(url));

  /** The reception talks to an outside caller, holds them and consults Anna, who answers. */
  async function consultation(url: string, sw: Switch) {
    const { session, user } = await open(url);
    sw.incomingExternalCall({ number: CALLER }, '1100');
    const a = await handleOfCall(url, dialect, session, CALLER);
    expect((await send(url, 'UserConnect', int('call', a))).status).toBe(200);
    await send(url, 'UserHold', int('call', a) + bool('remote', false));
    const called = await send(url, 'UserCall', int('user', user) + str('e164', '1101') + int('reg', 0) + int('rc', 0));
    const b = Number(text(called.body, 'return'));
    sw.answerAt('1101');
    expect(legs(sw, '1100')).toEqual([`hold:${CALLER}`, 'connected:1101']);
    return { session, user, a, b };
  }

  it('UserTransfer with acall/bcall (not WSDL part names) faults and changes nothing', async () => {
    const { url, sw } = await start();
    const { a, b } = await consultation(url, sw);
    const reply = await send(url, 'UserTransfer', int('acall', a) + int('bcall', b));
    expect(faultOf(reply)).toEqual({ code: 'soap:Client', message: `unknown part "acall" in UserTransfer (${dialect})` });
    expect(legs(sw, '1100')).toEqual([`hold:${CALLER}`, 'connected:1101']);
  });

  it('UserTransfer(a, b) connects the held caller with the consulted colleague', async () => {
    const { url, sw } = await start();
    const { a, b } = await consultation(url, sw);
    const reply = await send(url, 'UserTransfer', int('a', a) + int('b', b));
    expect(reply.status, JSON.stringify(reply.body.children.map((c) => c.text))).toBe(200);
    expect([reply.body.name, reply.body.children]).toEqual(['UserTransferResponse', []]);
    expect(legs(sw, '1100')).toEqual([]);
    expect(legs(sw, '1101')).toEqual([`connected:${CALLER}`]);
  });

  it('UserRc(call, 4) makes a three-party conference', async () => {
    const { url, sw } = await start();
    const { session, a, b } = await consultation(url, sw);
    // Sent to the held call, rc 4 is refused ("UserRc on an active call … while a second call is on hold").
    expect(faultOf(await send(url, 'UserRc', int('call', a) + int('rc', 4))).code).toBe('soap:Server');
    expect(legs(sw, '1100')).toEqual([`hold:${CALLER}`, 'connected:1101']);
    expect((await send(url, 'UserRc', int('call', b) + int('rc', 4))).status).toBe(200);
    const [leg, ...others] = sw.deviceView('1100').groups.map((g) => g.primary);
    expect(others).toEqual([]);
    expect(leg?.isConference).toBe(true);
    // The call the rc went to is the conference; the held call joined it.
    const last = (await pollCalls(url, dialect, session)).map((c) => [Number(text(c, 'call')), text(c, 'active')]);
    expect(last).toContainEqual([a, 'false']);
    expect(last.filter(([call]) => call === b).at(-1)).toEqual([b, 'true']);
    expect(leg?.conferenceMembers.map((p) => p.number).sort()).toEqual([CALLER, '1101'].sort());
  });

  it('UserPark keeps the call direction in CallInfo.state; UserPickup with its handle takes it back', async () => {
    const { url, sw } = await start();
    const { session } = await open(url);
    sw.incomingExternalCall({ number: CALLER }, '1100');
    const call = await handleOfCall(url, dialect, session, CALLER);
    await send(url, 'UserConnect', int('call', call));
    const parked = await send(url, 'UserPark', int('call', call) + str('cn', 'Reception') + int('position', -1));
    expect(Number(text(parked.body, 'return'))).toBe(call);
    expect(sw.deviceView('1100').groups[0]?.primary.parked).toBe(true);
    const states = (await pollCalls(url, dialect, session)).map((c) => Number(text(c, 'state')));
    // 8 parked | 0x80 outbound (a call the PBX sent to the phone: the caller called in).
    expect(states.at(-1)).toBe(8 | 0x80);
    const user = Number(
      text(
        (await send(url, 'UserInitialize', int('session', session) + str('user', 'Reception') + bool('xfer', false) + bool('disc', false)))
          .body,
        'return',
      ),
    );
    const back = await send(url, 'UserPickup', int('user', user) + int('call', call) + int('reg', 0));
    expect(Number(text(back.body, 'return'))).toBe(call);
    expect(legs(sw, '1100')).toEqual([`connected:${CALLER}`]);
  });

  it('shows a call ringing at a monitored colleague and picks it up by the colleague’s cn', async () => {
    const { url, sw } = await start();
    const { session, user } = await open(url);
    await send(url, 'UserInitialize', int('session', session) + str('user', 'Anna Tamm') + bool('xfer', false) + bool('disc', false));
    sw.incomingExternalCall({ number: CALLER }, '1101');
    await handleOfCall(url, dialect, session, CALLER);
    const picked = await send(url, 'UserPickup', int('user', user) + str('cn', 'Anna Tamm') + int('call', 0) + int('reg', 0));
    expect(Number(text(picked.body, 'return'))).toBeGreaterThan(0);
    expect(legs(sw, '1100')).toEqual([`connected:${CALLER}`]);
    expect(legs(sw, '1101')).toEqual([]);
  });

  it('ignoreCommands: call control gets an empty response and the PBX does nothing', async () => {
    const { url, sw, faults } = await start();
    const { session } = await open(url);
    sw.incomingExternalCall({ number: CALLER }, '1100');
    const call = await handleOfCall(url, dialect, session, CALLER);
    faults.ignoreCommands(true);
    const reply = await send(url, 'UserConnect', int('call', call));
    expect([reply.status, reply.body.name, reply.body.children]).toEqual([200, 'UserConnectResponse', []]);
    expect(legs(sw, '1100')).toEqual([`alerting:${CALLER}`]);
    faults.ignoreCommands(false);
    await send(url, 'UserConnect', int('call', call));
    expect(legs(sw, '1100')).toEqual([`connected:${CALLER}`]);
  });
});

describe('presence', () => {
  it('UserInfo in Poll carries the Presence record, and DND at the phone shows as activity dnd', async () => {
    const { url, sw } = await start();
    const { session } = await session11(url);
    sw.setDnd('1102', true);
    let jaan: XmlElement | undefined;
    for (let i = 0; i < 5 && !jaan; i++) {
      const anyInfo = child((await post11(url, 'Poll', p11('session', session))).body, 'return');
      jaan = anyInfo.children.filter((c) => c.name === 'user' && text(c, 'cn') === 'Jaan Saar').at(-1);
    }
    expect(jaan && [text(child(jaan, 'presence'), 'status'), text(child(jaan, 'presence'), 'activity')]).toEqual(['closed', 'dnd']);
  });

  it('the demo’s setPresence keeps to the WSDL: dnd is closed by default, an unknown activity is refused', async () => {
    const { url, faults } = await start();
    faults.setPresence('1101', { activity: 'dnd', note: '' });
    expect(() => faults.setPresence('1102', { activity: 'napping', note: '' })).toThrow(/not an inno:PresenceActivity/);
    const flags11 = ['v501', 'v700', 'v800', 'vx1100'].map((f) => p11(f, '1')).join('');
    const reply = await post11(url, 'FindUser', flags11 + p11('cn', 'Anna Tamm') + p11('count', 2) + p11('next', 0) + p11('nohide', false));
    const [anna, jaan] = child(reply.body, 'return').children;
    expect([text(child(anna, 'presence'), 'status'), text(child(anna, 'presence'), 'activity')]).toEqual(['closed', 'dnd']);
    expect(child(jaan, 'presence').children).toEqual([]);
  });

  it('SetPresence (pbx10_00) sets a user’s presence by h323 name; an activity outside the enumeration faults', async () => {
    const { url } = await start();
    const presence = (activity: string) =>
      `<presence xsi:type="ns1:Presence">${p10('status', 'string', 'open')}${p10('activity', 'string', activity)}${p10('note', 'string', 'Back at 2')}</presence>`;
    const set = (activity: string) =>
      post10(url, 'SetPresence', presence(activity) + p10('im', 'boolean', false) + p10('h323', 'string', 'anna.tamm'));
    expect(text((await set('lunch')).body, 'return')).toBe('1');
    const flags10 = ['v501', 'v700', 'v800', 'vx1000'].map((f) => p10(f, 'string', '1')).join('');
    const found = await post10(
      url,
      'FindUser',
      flags10 + p10('cn', 'string', 'Anna Tamm') + p10('count', 'int', 1) + p10('next', 'int', 0) + p10('nohide', 'boolean', false),
    );
    expect(text(child(child(child(found.body, 'return'), 'item'), 'presence'), 'activity')).toBe('lunch');
    expect(faultOf(await set('napping')).message).toMatch(/not an inno:PresenceActivity/);
  });
});

describe('HTTP Digest', () => {
  it('challenges, then accepts an RFC 7616 SHA-256 answer and refuses a replayed nonce count', async () => {
    const { url } = await start({ auth: 'digest', digestAlgorithm: 'SHA-256' });
    const xml = envelope10('Version', '');
    const first = await fetch(url, { method: 'POST', body: xml, headers: { SOAPAction: `"${PBX}#Version"` } });
    expect(first.status).toBe(401);
    const challenge = parseAuthorization(first.headers.get('www-authenticate') ?? '', 'Digest');
    const nonce = challenge?.nonce ?? '';
    const uri = '/PBX0/user.soap';
    const fields = {
      algorithm: 'SHA-256' as const,
      username: 'Reception',
      realm: 'PBX0',
      password: 'pw',
      method: 'POST',
      uri,
      nonce,
      nc: '00000001',
      cnonce: 'abc',
      qop: 'auth' as const,
    };
    const header = `Digest username="Reception", realm="PBX0", uri="${uri}", algorithm=SHA-256, nonce="${nonce}", nc=00000001, cnonce="abc", qop=auth, response="${digestResponse(fields)}", opaque="${challenge?.opaque ?? ''}"`;
    expect((await post(url, xml, `${PBX}#Version`, header)).status).toBe(200);
    const replay = await fetch(url, { method: 'POST', body: xml, headers: { Authorization: header, SOAPAction: `"${PBX}#Version"` } });
    expect(replay.status).toBe(401);
  });
});
