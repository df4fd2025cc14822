import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SoapFault } from '../shared/soap';
import { readXml, type XmlNode } from '../shared/xml';
import {
  anyInfoValue,
  decodeAnyInfo,
  decodeCallInfoArray,
  decodeInitialize,
  decodeUserInfoArray,
  decodeVersion,
  encodeRequest,
  encodeResponse,
  readResponse,
} from './codec';
import type { Dialect } from './messages';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('innovaphone codec: replies', () => {
  it('decodes the initial UserInfo stream, ending with the empty-cn terminator', () => {
    const info = decodeAnyInfo(readResponse(fixture('poll-initial-users.xml'), 'Poll'));
    expect(info.call).toEqual([]);
    expect(info.user.map((u) => u.cn)).toEqual(['Maria Lind', 'Mart Kuusk', '']);
    expect(info.user[0]).toMatchObject({
      active: true,
      state: 1,
      channel: 1,
      alert: 0,
      type: 'ep',
      e164: '1102',
      h323: 'mlind',
      groups: [{ group: 'Sales', active: true }],
      // The WSDL's single Presence record.
      presence: [{ status: 'open', activity: 'busy', note: 'Back at 2 & then in a meeting' }],
    });
    expect(info.user[1]).toMatchObject({ state: 0, groups: [], presence: [] });
  });

  it('decodes a CallInfo with its No records (peer, leg2, ct) and Info conf', () => {
    const [call] = decodeAnyInfo(readResponse(fixture('poll-incoming-call.xml'), 'Poll')).call;
    expect(call).toMatchObject({ user: 4, call: 77, active: true, state: 0x84, msg: 'r-alert' });
    expect(call.no.map((n) => [n.type, n.e164, n.dn])).toEqual([
      ['peer', '+3725123456', 'Kalev Kask'],
      ['leg2', '1102', 'Maria Lind'],
      ['ct', '1103', 'Mart Kuusk'],
    ]);
    expect(call.info).toEqual([{ type: 'conf', vals: '7f3a9c10d2e24b51a1c0009033101a2b', vali: 0 }]);
    const [ended] = decodeAnyInfo(readResponse(fixture('poll-call-ended.xml'), 'Poll')).call;
    expect(ended).toMatchObject({ active: false, msg: 'r-rel', info: [{ type: 'cause', vali: 16 }] });
  });

  it('does not depend on array member names, field order, prefixes or unknown elements', () => {
    const info = decodeAnyInfo(readResponse(fixture('poll-variant-firmware.xml'), 'Poll'));
    expect(info.call).toEqual([
      {
        user: 4,
        call: 12,
        reg: 0,
        active: true,
        state: 261,
        msg: 'x-conn',
        no: [{ type: 'peer', cn: '', e164: '1102', h323: '', dn: 'Maria Lind' }],
        info: [],
      },
    ]);
    expect(info.user[0]).toMatchObject({
      cn: 'Jaan Saar',
      alert: 1,
      state: 1,
      channel: 1,
      // The document's prose: "an array of Presence records".
      presence: [{ status: 'closed', activity: '', note: '' }],
    });
  });

  it('reads each field by its first element of that name in any case, in one walk, ignoring repeats and unknown ones', () => {
    const envelope = (body: string) =>
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><PollResponse>${body}</PollResponse></soap:Body></soap:Envelope>`;
    const user =
      '<CN>Maria Lind</CN><cn>Later</cn><E164>1102</E164><State>1</State><ALERT>2</ALERT><x-unknown>1</x-unknown>' +
      '<Groups><item><Group>Sales</Group><ACTIVE>true</ACTIVE><group>Other</group></item></Groups><groups><item><group>Ignored</group></item></groups>' +
      '<Presence><Status>open</Status><status>closed</status><Note>n</Note></Presence><cfg>1</cfg><Active>false</Active><active>true</active>';
    const call =
      '<User>4</User><user>5</user><CALL>77</CALL><Msg>r-alert</Msg><STATE>132</STATE>' +
      '<No><item><TYPE>peer</TYPE><E164>+3725123456</E164><type>ct</type></item></No><no><item><type>leg2</type></item></no>' +
      '<Info><item><Type>conf</Type><Vals>g</Vals><VALI>3</VALI></item></Info>';
    // The part named return comes first whatever its place; a second user or call array is ignored (pbx10).
    const pbx10 = decodeAnyInfo(
      readResponse(
        envelope(
          `<key>9</key><Return><User><item>${user}</item></User><user><item><cn>Ignored</cn></item></user><call><item>${call}</item></call></Return>`,
        ),
        'Poll',
      ),
    );
    expect(pbx10.user).toEqual([
      {
        active: false,
        state: 1,
        channel: 0,
        alert: 2,
        type: '',
        guid: '',
        cn: 'Maria Lind',
        e164: '1102',
        h323: '',
        dn: '',
        groups: [{ group: 'Sales', active: true }],
        presence: [{ status: 'open', activity: '', note: 'n' }],
        cfg: true,
        node: '',
        loc: '',
      },
    ]);
    expect(pbx10.call).toEqual([
      {
        user: 4,
        call: 77,
        reg: 0,
        active: true,
        state: 132,
        msg: 'r-alert',
        no: [{ type: 'peer', cn: '', e164: '+3725123456', h323: '', dn: '' }],
        info: [{ type: 'conf', vals: 'g', vali: 3 }],
      },
    ]);
    // pbx11: every repeated user, call, groups, No and info element is a member.
    const pbx11 = decodeAnyInfo(
      readResponse(
        envelope(
          `<return><user><cn>A</cn><groups><group>G1</group></groups><GROUPS><group>G2</group></GROUPS></user><User><cn>B</cn></User><call><user>1</user><no><type>peer</type></no><No><type>ct</type></No></call></return>`,
        ),
        'Poll',
      ),
      'pbx11',
    );
    expect(pbx11.user.map((u) => [u.cn, u.groups.map((g) => g.group)])).toEqual([
      ['A', ['G1', 'G2']],
      ['B', []],
    ]);
    expect(pbx11.call.map((c) => c.no.map((n) => n.type))).toEqual([['peer', 'ct']]);
  });

  it('decodes Initialize, Version and Calls', () => {
    expect(decodeInitialize(readResponse(fixture('initialize-response.xml'), 'Initialize'))).toEqual({ session: 31337, key: 802714305 });
    expect(decodeVersion(readResponse(fixture('version-response.xml'), 'Version'))).toEqual({
      version: 1000,
      gkId: 'nordvalgus.ee',
      location: 'master',
      firmware: '13r3 sr12 [133612]',
      serial: '00-90-33-10-1a-2b',
    });
    expect(decodeCallInfoArray(readResponse(fixture('calls-response.xml'), 'Calls')).map((c) => c.state)).toEqual([389, 5]);
  });

  it('turns a fault reply into a SoapFault', () => {
    expect(() => readResponse(fixture('fault-invalid-session.xml'), 'Poll')).toThrow(SoapFault);
    expect(() => readResponse(fixture('fault-invalid-session.xml'), 'Poll')).toThrow(/invalid session/);
  });

  it('round-trips an AnyInfo through the reply writer', () => {
    const original = decodeAnyInfo(readResponse(fixture('poll-incoming-call.xml'), 'Poll'));
    expect(decodeAnyInfo(readResponse(encodeResponse('Poll', [['return', anyInfoValue(original)]]), 'Poll'))).toEqual(original);
  });
});

/** The request's body element and its parts, as a PBX's SOAP stack sees them (local names, document order). */
function sent(request: Parameters<typeof encodeRequest>[0], dialect: Dialect = 'pbx10'): { action: string; op: XmlNode; parts: XmlNode[] } {
  const encoded = encodeRequest(request, dialect);
  const envelope = readXml(encoded.body, 'request');
  const op = envelope.children.find((c) => c.name === 'Body')!.children[0];
  return { action: encoded.soapAction, op, parts: op.children };
}
const names = (parts: XmlNode[]) => parts.map((p) => p.name);

describe('innovaphone codec: requests, where the WSDL and the prose differ', () => {
  it('UserTransfer sends a and b (the prose says acall, bcall)', () => {
    for (const dialect of ['pbx10', 'pbx11'] as const) {
      const { parts } = sent({ op: 'UserTransfer', a: 3, b: 5 }, dialect);
      expect(parts.map((p) => [p.name, p.text])).toEqual([
        ['a', '3'],
        ['b', '5'],
      ]);
    }
    expect(encodeRequest({ op: 'UserTransfer', a: 3, b: 5 }).body).toContain('<a xsi:type="xsd:int">3</a><b xsi:type="xsd:int">5</b>');
  });

  it("FindUser's next is an xsd:int (the prose calls it a boolean)", () => {
    const first = sent({ op: 'FindUser', cn: 'A', h323: '', e164: '', count: 20, next: 0, nohide: false });
    expect(names(first.parts)).toEqual(['v501', 'v700', 'v800', 'vx1000', 'cn', 'h323', 'e164', 'count', 'next', 'nohide']);
    expect(encodeRequest({ op: 'FindUser', cn: 'A', h323: '', e164: '', count: 20, next: 1, nohide: false }).body).toContain(
      '<next xsi:type="xsd:int">1</next>',
    );
    expect(names(sent({ op: 'FindUser', cn: 'A', h323: '', e164: '', count: 20, next: 1, nohide: false }, 'pbx11').parts)).toContain(
      'vx1100',
    );
  });

  it('Initialize carries the version flags of its dialect', () => {
    expect(names(sent({ op: 'Initialize', user: 'API', appl: 'x' }).parts)).toEqual([
      'user',
      'appl',
      'v',
      'v501',
      'v700',
      'v800',
      'vx1000',
    ]);
    expect(names(sent({ op: 'Initialize', user: 'API', appl: 'x' }, 'pbx11').parts)).toEqual([
      'user',
      'appl',
      'v',
      'v501',
      'v700',
      'v800',
      'vx1100',
    ]);
  });

  it('uses the SOAPAction and namespace of the binding, including its two exceptions in pbx10_00', () => {
    expect(sent({ op: 'Initialize', user: 'API', appl: 'x' }).action).toBe('http://innovaphone.com/pbx#Initialize');
    expect(sent({ op: 'UserEnd', user: 4 }).action).toBe('capeconnect:pbx:pbxPortType#UserEnd');
    expect(encodeRequest({ op: 'Echo', session: 1, key: 2 }).body).toContain('xmlns:tns="http://innovaphone/binding"');
    expect(sent({ op: 'UserEnd', user: 4 }, 'pbx11').action).toBe('http://innovaphone.com/pbx/UserEnd');
  });

  it('pbx11 is document/literal: qualified elements, no xsi:type, an empty array is no element at all', () => {
    const body = encodeRequest({ op: 'UserClear', call: 7, cause: 16 }, 'pbx11').body;
    expect(body).toContain(
      '<soap:Body><UserClear xmlns="http://innovaphone.com/pbx"><call>7</call><cause>16</cause></UserClear></soap:Body>',
    );
    expect(body).not.toContain('xsi:type');
    expect(names(sent({ op: 'UserClear', call: 7, cause: 16 }).parts)).toEqual(['call', 'cause', 'info']);
  });

  it('escapes text parts', () => {
    expect(sent({ op: 'Initialize', user: 'A <&> "B"', appl: 'x' }).parts[0].text).toBe('A <&> "B"');
  });
});

describe('innovaphone codec: replies, where the WSDL and the prose differ', () => {
  it('VersionResponse: WSDLVersion, GatekeeperID, Location, FirmwareVersion, SerialNumber (pbx10) and VersionResult (pbx11)', () => {
    const expected = { gkId: 'nordvalgus.ee', location: 'master', firmware: '13r3 sr12 [133612]', serial: '00-90-33-10-1a-2b' };
    expect(decodeVersion(readResponse(fixture('version-response.xml'), 'Version'))).toEqual({ version: 1000, ...expected });
    expect(decodeVersion(readResponse(fixture('pbx11/version-response.xml'), 'Version'))).toEqual({ version: 1100, ...expected });
  });

  it('pbx11 Poll: repeated user, call, groups, No and info elements; presence one record (dnd, with its note)', () => {
    const info = decodeAnyInfo(readResponse(fixture('pbx11/poll-initial-users.xml'), 'Poll'), 'pbx11');
    expect(info.user.map((u) => u.cn)).toEqual(['Maria Lind', 'Mart Kuusk', '']);
    expect(info.user[0]).toMatchObject({
      e164: '1102',
      groups: [
        { group: 'Sales', active: true },
        { group: 'Support', active: false },
      ],
      presence: [{ status: 'open', activity: 'dnd', note: 'Back at 2 & then in a meeting' }],
    });
    expect(info.user[1].presence).toEqual([{ status: '', activity: '', note: '' }]);
    expect(info.call).toEqual([
      {
        user: 4,
        call: 77,
        reg: 0,
        active: true,
        state: 132,
        msg: 'r-alert',
        no: [
          { type: 'peer', cn: '', dn: 'Kalev Kask', e164: '+3725123456', h323: '' },
          { type: 'leg2', cn: 'Maria Lind', dn: 'Maria Lind', e164: '1102', h323: 'mlind' },
        ],
        info: [{ type: 'conf', vali: 0, vals: '7f3a9c10d2e24b51a1c0009033101a2b' }],
      },
    ]);
  });

  it('pbx11 Calls and FindUser: the records repeated', () => {
    expect(decodeCallInfoArray(readResponse(fixture('pbx11/calls-response.xml'), 'Calls'), 'pbx11').map((c) => c.state)).toEqual([389, 5]);
    expect(decodeUserInfoArray(readResponse(fixture('pbx11/find-user-response.xml'), 'FindUser'), 'pbx11').map((u) => u.e164)).toEqual([
      '1102',
      '1103',
    ]);
  });

  it('round-trips an AnyInfo through the reply writer in both dialects', () => {
    const original = decodeAnyInfo(readResponse(fixture('pbx11/poll-initial-users.xml'), 'Poll'), 'pbx11');
    for (const dialect of ['pbx10', 'pbx11'] as const) {
      const xml = encodeResponse('Poll', [['return', anyInfoValue(original)]], dialect);
      expect(decodeAnyInfo(readResponse(xml, 'Poll'), dialect)).toEqual(original);
    }
  });
});
