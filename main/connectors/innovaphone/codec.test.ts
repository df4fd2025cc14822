import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SoapFault } from '../shared/soap';
import {
  anyInfoValue,
  decodeAnyInfo,
  decodeCallInfoArray,
  decodeInitialize,
  decodeVersion,
  encodeRequest,
  encodeResponse,
  partBool,
  partInt,
  partText,
  readRequest,
  readResponse,
} from './codec';

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
      presence: [{ status: 'closed', activity: '', note: '' }],
    });
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

describe('innovaphone codec: requests', () => {
  it('Initialize carries the v10 version flags and the SOAPAction names the operation', () => {
    const encoded = encodeRequest({ op: 'Initialize', user: 'API', appl: 'Attendant console' });
    expect(encoded.soapAction).toBe('http://innovaphone.com/pbx#Initialize');
    const request = readRequest(encoded.body);
    expect(request.op).toBe('Initialize');
    expect([...request.parts.keys()]).toEqual(['user', 'appl', 'v', 'v501', 'v700', 'v800', 'vx1000']);
    expect(['v', 'v501', 'v700', 'v800', 'vx1000'].every((flag) => partBool(request, flag))).toBe(true);
  });

  it('sends every declared part, in order, for the call-control operations', () => {
    const parts = (body: string) => [...readRequest(body).parts.keys()];
    expect(parts(encodeRequest({ op: 'UserCall', user: 4, cn: '', e164: '1103', h323: '', rc: 0, srce164: '' }).body)).toEqual([
      'user',
      'cn',
      'e164',
      'h323',
      'reg',
      'info',
      'rc',
      'srce164',
    ]);
    expect(parts(encodeRequest({ op: 'UserRedirect', call: 7, cn: '', e164: '1103', h323: '', rc: 0 }).body)).toEqual([
      'call',
      'cn',
      'e164',
      'h323',
      'info',
      'rc',
    ]);
    expect(parts(encodeRequest({ op: 'UserPickup', user: 4, cn: 'Maria Lind', call: 0, group: '' }).body)).toEqual([
      'user',
      'cn',
      'call',
      'group',
      'reg',
      'info',
    ]);
    expect(parts(encodeRequest({ op: 'UserClear', call: 7, cause: 16 }).body)).toEqual(['call', 'cause', 'info']);
    // The document: UserTransfer (int acall, integer bcall).
    const transfer = readRequest(encodeRequest({ op: 'UserTransfer', a: 3, b: 5 }).body);
    expect([[...transfer.parts.keys()], partInt(transfer, 'acall'), partInt(transfer, 'bcall')]).toEqual([['acall', 'bcall'], 3, 5]);
    expect(parts(encodeRequest({ op: 'FindUser', cn: 'A', h323: '', e164: '', count: 20, next: false, nohide: false }).body)).toEqual([
      'v501',
      'v700',
      'v800',
      'vx1000',
      'cn',
      'h323',
      'e164',
      'count',
      'next',
      'nohide',
    ]);
    const park = readRequest(encodeRequest({ op: 'UserPark', call: 9, cn: 'Reception', position: -1 }).body);
    expect([partInt(park, 'call'), partText(park, 'cn'), partInt(park, 'position')]).toEqual([9, 'Reception', -1]);
  });

  it('escapes text parts', () => {
    const request = readRequest(encodeRequest({ op: 'Initialize', user: 'A <&> "B"', appl: 'x' }).body);
    expect(partText(request, 'user')).toBe('A <&> "B"');
  });
});
