/**
 * The codec against every JSON example of chapter 3 of the vendor document,
 * kept verbatim in fixtures/ (a message split by a page break is its pieces
 * joined, nothing else changed). Many examples are not valid JSON as
 * printed: a `{` lost at a page break, trailing commas, a missing comma, a
 * string broken over two lines, or content cut out. Each is documented
 * below: the strict decoder refuses it with a clear PsCodecError, and where
 * the damage is only punctuation, `repairPrintedJson` (test-only, never used
 * on the wire) restores it and the content is checked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCallInfo, decodeCallsList, decodeFrame, encodeRequest, PsCodecError } from './codec';
import type { PsOutgoing } from './messages';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

/** Undo the printing damage: add a lost opening brace, missing/trailing commas, rejoin broken strings, close what is open. */
function repairPrintedJson(printed: string): string {
  const lines = printed.trim().split('\n');
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    while ((line.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1 && i + 1 < lines.length) line += lines[++i].trim();
    joined.push(line);
  }
  let t = joined.join('\n');
  if (!t.startsWith('{')) t = `{${t}`;
  t = t
    .replace(/("|\d|\}|\])(\s*\n\s*")/g, '$1,$2')
    .replace(/,(\s*[}\]])/g, '$1')
    .replace(/,\s*$/, '');
  const closers: string[] = [];
  let inString = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') closers.push('}');
    else if (c === '[') closers.push(']');
    else if (c === '}' || c === ']') closers.pop();
  }
  return t + closers.reverse().join('');
}

/** The document's request example equals what the codec sends for the same typed request. */
function expectEncodes(name: string, request: PsOutgoing, printedValid: boolean) {
  const printed = fixture(name);
  if (printedValid) expect(() => JSON.parse(printed)).not.toThrow();
  else expect(() => JSON.parse(printed)).toThrow();
  const documented = JSON.parse(printedValid ? printed : repairPrintedJson(printed));
  expect(JSON.parse(encodeRequest(request))).toEqual(documented);
}

const session = (session_id: string) => ({ session_id });

describe('requests: encodeRequest matches every request example of the document', () => {
  it('login (valid as printed; no auth_info, as the Security section says)', () => {
    expectEncodes(
      'login.request.json',
      { cseq: 2, service: 'Session', method: 'login', params: { login: 'porta-support', password: 'b0neynem' } },
      true,
    );
  });

  it('enable_api_notifications and disable_api_notifications (opening brace lost at the page break)', () => {
    for (const method of ['enable_api_notifications', 'disable_api_notifications'] as const) {
      const name =
        method === 'enable_api_notifications' ? 'enable-api-notifications.request.json' : 'disable-api-notifications.request.json';
      expectEncodes(
        name,
        {
          cseq: 2,
          auth_info: session('f9d7eab82631b385fbecff9b65883076'),
          service: 'CallControl',
          method,
          params: { event: 'sip.call_control_notifications', i_customer: 30 },
        },
        false,
      );
    }
  });

  it('get_sip_calls_list (valid as printed)', () => {
    expectEncodes(
      'get-sip-calls-list.request.json',
      {
        cseq: 2,
        auth_info: session('ba6596e4b60919f8695033a20519d6af'),
        service: 'CallControl',
        method: 'get_sip_calls_list',
        params: { i_customer: 30 },
      },
      true,
    );
  });

  it('originate_advanced_call (split by a page break, trailing comma)', () => {
    expectEncodes(
      'originate-advanced-call.request.json',
      {
        cseq: 3,
        auth_info: session('48e8eedee6a6a520bd5e0380b83ffeb7'),
        service: 'CallControl',
        method: 'originate_advanced_call',
        params: { bill_id: '123007', callee_id: '123003', caller_id: '123007' },
      },
      false,
    );
  });

  it('answer_call, terminate_call, hold_call (missing braces at the end / page break)', () => {
    const call = (id: string, tag: string) => ({ id, tag });
    expectEncodes(
      'answer-call.request.json',
      {
        cseq: 2,
        auth_info: session('9dc0afbab375071f4d132fa82502025c'),
        service: 'CallControl',
        method: 'answer_call',
        params: {
          call: call('30108b5e-b29bdab0@192.168.233.134', 'qdkr5cjc9cfyzxyb.o'),
          transport_id: '192.168.243.133:5070',
          callee_answer_mode: 'notify',
        },
      },
      false,
    );
    expectEncodes(
      'terminate-call.request.json',
      {
        cseq: 2,
        auth_info: session('9dc0afbab375071f4d132fa82502025c'),
        service: 'CallControl',
        method: 'terminate_call',
        params: { call: call('b0fc4957-6fc3a86f@192.168.233.134', 'qdef43kz9zxym4lz.o'), transport_id: '192.168.243.133:5070' },
      },
      false,
    );
    expectEncodes(
      'hold-call.request.json',
      {
        cseq: 2,
        auth_info: session('9dc0afbab375071f4d132fa82502025c'),
        service: 'CallControl',
        method: 'hold_call',
        params: { call: call('402a8bb-e4e23269@192.168.233.134', '3481849322414871o1'), transport_id: '192.168.243.133:5070' },
      },
      false,
    );
  });

  it('unhold_call (valid as printed, across the page break)', () => {
    expectEncodes(
      'unhold-call.request.json',
      {
        cseq: 2,
        auth_info: session('9dc0afbab375071f4d132fa82502025c'),
        service: 'CallControl',
        method: 'unhold_call',
        params: { call: { id: '402a8bb-e4e23269@192.168.233.134', tag: '3481849322414871o1' }, transport_id: '192.168.243.133:5070' },
      },
      true,
    );
  });

  it('transfer_call (opening brace lost, no comma after "cld")', () => {
    expectEncodes(
      'transfer-call.request.json',
      {
        cseq: 2,
        auth_info: session('9dc0afbab375071f4d132fa82502025c'),
        service: 'CallControl',
        method: 'transfer_call',
        params: {
          call: { id: '9fb147fc-4f045471@192.168.233.134', tag: '9dwxscwxpshymxri.o' },
          cld: '123003',
          transport_id: '192.168.243.133:5070',
        },
      },
      false,
    );
  });

  it('join_calls (opening brace lost, to_call.id broken over lines, transport_id printed twice)', () => {
    const printed = fixture('join-calls.request.json');
    expect(() => JSON.parse(printed)).toThrow();
    // The printed to_call.id has a page-wrap inside it ("…@192.168.243.133~" / "10"), and the closing lines repeat
    // transport_id and braces, so it cannot be repaired as a whole; its method parameters are printed intact.
    const compactPrint = printed.replace('~\n\n10"', '~10"').replace(/\s+/g, '');
    const sent = encodeRequest({
      cseq: 4,
      auth_info: session('e6816cb2c29d4bc9db622f5ddc0796fe'),
      service: 'CallControl',
      method: 'join_calls',
      params: {
        call: { id: '1c4cef19-e035cfcd@192.168.233.134', tag: '670946a915d2dd7do1' },
        to_call: { id: 'hDSjA!Ei3bMIfb60xfLndUwXqqF9@192.168.243.133~10', tag: 'kc3kqksjw670th8h.o' },
        transport_id: '192.168.243.133:5070',
      },
    });
    const params = JSON.stringify(JSON.parse(sent).params).slice(1, -1);
    expect(compactPrint).toContain(params);
    expect(
      compactPrint.startsWith(
        '"cseq":4,"auth_info":{"session_id":"e6816cb2c29d4bc9db622f5ddc0796fe"},"service":"CallControl","method":"join_calls"',
      ),
    ).toBe(true);
    expect(
      sent.startsWith(
        '{"cseq":4,"auth_info":{"session_id":"e6816cb2c29d4bc9db622f5ddc0796fe"},"service":"CallControl","method":"join_calls"',
      ),
    ).toBe(true);
  });

  it('sends nothing the document does not name, and no auth_info on login', () => {
    const text = encodeRequest({ cseq: 7, service: 'Session', method: 'login', params: { login: 'a', password: 'b' } });
    expect(Object.keys(JSON.parse(text))).toEqual(['cseq', 'service', 'method', 'params']);
  });
});

describe('responses: every response example of the document decodes', () => {
  it.each([
    ['enable-api-notifications.response.json', 2],
    ['disable-api-notifications.response.json', 2],
    ['answer-call.response.json', 2],
    ['terminate-call.response.json', 2],
    ['hold-call.response.json', 2],
    ['unhold-call.response.json', 2],
    ['transfer-call.response.json', 2],
    ['join-calls.response.json', 4],
  ])('%s → success for cseq %i', (name, cseq) => {
    expect(decodeFrame(fixture(name))).toEqual({ kind: 'result', cseq, result: { success: 1 }, success: true });
  });

  it('originate_advanced_call → the originated call id', () => {
    const frame = decodeFrame(fixture('originate-advanced-call.response.json'));
    expect(frame).toMatchObject({
      kind: 'result',
      cseq: 3,
      success: true,
      result: { call: { id: 'BBfc!rA3EV9JNsDxdhRoPvXGW4xR@192.168.243.133' } },
    });
  });

  it('get_sip_calls_list: the printed example is cut to fragments (no calls_list key survives); refused clearly', () => {
    const printed = fixture('get-sip-calls-list.response.json');
    expect(() => decodeFrame(printed)).toThrow(PsCodecError);
  });
});

describe('notifications', () => {
  it('hold: the notification to the party placed on hold (trailing commas and a duplicated fragment, repaired)', () => {
    const printed = fixture('hold-call.held-party.notification.json');
    expect(() => decodeFrame(printed)).toThrow(PsCodecError);
    const frame = decodeFrame(repairPrintedJson(printed));
    expect(frame).toEqual({
      kind: 'notification',
      action: 'update',
      event: 'sip.call_control_notifications',
      callInfo: {
        call: { id: '402a8bb-e4e23269@192.168.233.134', tag: '6zje7kwsqio4htum.o' },
        callee: { account_id: '123007', centrex_id: '123007', id: '123007', forwarder_list: [] },
        caller: { account_id: '123002', centrex_id: '30', display_id: '123002', id: '123002', forwarder_list: [] },
        connect_time: '2018-11-29 14:20:39',
        state: 'held',
        transport_id: '192.168.243.133:5070',
        type: 'incoming',
      },
    });
  });

  it.each([
    ['originate-leg-a.notifications.json', 'two notifications run together, the first cut at its start'],
    ['originate-leg-b.notifications.json', 'three notifications run together, parts cut out'],
    ['answer-call.notification.json', 'only the tail of the notification is printed'],
    ['transfer-call.transferor.notification.json', 'only the tail is printed'],
    ['transfer-call.target.notifications.json', 'two notifications, parts cut out'],
  ])('%s is not decodable as printed (%s): a PsCodecError, never a crash', (name) => {
    expect(() => decodeFrame(fixture(name))).toThrow(PsCodecError);
  });

  it('reads the document\'s spelling with spaces ("call info", "display id", "sip.call control notifications")', () => {
    // As the originate example prints leg A's keys (that example itself is cut: see above).
    const frame = decodeFrame(
      '{"action":"update","event":"sip.call control notifications","call info":{"call":{"id":"BBfc!rA3EV9JNsDxdhRoPvXGW4xR@192.168.243.133","tag":"tz+d-zju2fxikkor.o"},' +
        '"callee":{"account id":"123007","display id":"123007","forwarder list":[]},"caller":{"display id":"123003","forwarder list":[],"id":"123003"},' +
        '"connect_time":"2018-12-03 13:43:04","state":"connected","transport_id":"192.168.243.133:5070","type":"incoming"}}',
    );
    expect(frame).toMatchObject({
      kind: 'notification',
      event: 'sip.call_control_notifications',
      callInfo: {
        call: { id: 'BBfc!rA3EV9JNsDxdhRoPvXGW4xR@192.168.243.133', tag: 'tz+d-zju2fxikkor.o' },
        callee: { account_id: '123007', display_id: '123007' },
        caller: { display_id: '123003', id: '123003' },
        state: 'connected',
        connect_time: '2018-12-03 13:43:04',
        type: 'incoming',
      },
    });
  });

  it('a complete notification as the sim sends it, with queue and forwarders', () => {
    const frame = decodeFrame(
      JSON.stringify({
        action: 'update',
        event: 'sip.call_control_notifications',
        result: {
          call_info: {
            call: { id: 'a@h', tag: 't1' },
            caller: { id: '+3725123456', display_id: '+3725123456', display_name: 'Kalev Kask', forwarder_list: [] },
            callee: { account_id: '1101', extension_id: '1101', huntgroup_id: '1200', forwarder_list: [{ id: '1102' }], future_field: 1 },
            state: 'queued',
            type: 'incoming',
            queue_info: { i_c_queue: 4, position: '2', operators: 1 },
            start_time: '2024-01-01 10:00:00',
          },
        },
      }),
    );
    expect(frame).toMatchObject({
      callInfo: {
        state: 'queued',
        callee: { huntgroup_id: '1200', forwarder_list: ['1102'] },
        queue_info: { i_c_queue: 4, position: 2, operators: 1 },
      },
    });
  });
});

/**
 * Queued and dequeued: the document has no example of either, only the
 * state list ("queued", "dequeued") and the SipCallQueueStateInfo table
 * (i_c_queue, position, operators; its first key printed "i c queue").
 * These frames are the document's get_sip_calls_list example dialog, in the
 * document's own spelling of keys with spaces, in those two states.
 */
describe('queued and dequeued (SipCallQueueStateInfo)', () => {
  const documentDialog = (state: string, queue: Record<string, unknown>) =>
    JSON.stringify({
      action: 'update',
      event: 'sip.call control notifications',
      'call info': {
        call: { id: '30108b5e-b29bdab0@192.168.233.134', tag: 'qdkr5cjc9cfyzxyb.o' },
        callee: { 'account id': '123007', 'display id': '123007', 'forwarder list': [] },
        caller: { 'account id': '123002', 'display id': '123002', 'forwarder list': [], id: '123002' },
        'start time': '2018-11-29 13:41:04',
        state,
        'transport id': '192.168.243.133:5070',
        type: 'incoming',
        'queue info': queue,
      },
    });

  it("queued: the queue's id, the caller's position and the active operators, in the table's spelling too", () => {
    expect(decodeFrame(documentDialog('queued', { 'i c queue': 7, position: 3, operators: 2 }))).toMatchObject({
      kind: 'notification',
      callInfo: {
        call: { id: '30108b5e-b29bdab0@192.168.233.134', tag: 'qdkr5cjc9cfyzxyb.o' },
        state: 'queued',
        start_time: '2018-11-29 13:41:04',
        transport_id: '192.168.243.133:5070',
        queue_info: { i_c_queue: 7, position: 3, operators: 2 },
      },
    });
    expect(decodeFrame(documentDialog('queued', { i_c_queue: '7', position: '1', operators: '1' }))).toMatchObject({
      callInfo: { queue_info: { i_c_queue: 7, position: 1, operators: 1 } },
    });
  });

  it('dequeued: the queue info without a place; fields it cannot read are left out, not guessed', () => {
    const frame = decodeFrame(documentDialog('DEQUEUED', { i_c_queue: 7, operators: 2, position: 'first' }));
    expect(frame).toMatchObject({ callInfo: { state: 'dequeued', queue_info: { i_c_queue: 7, operators: 2 } } });
    expect(frame.kind === 'notification' && frame.callInfo.queue_info).toEqual({ i_c_queue: 7, operators: 2 });
  });
});

describe('bad input is a clear PsCodecError', () => {
  it.each([
    ['not JSON', '{"cseq":'],
    ['an array', '[1,2]'],
    ['a response without cseq', '{"result":{"success":1}}'],
    ['an unknown event', '{"event":"other","result":{}}'],
    ['a notification without call_info', '{"event":"sip.call_control_notifications","result":{}}'],
    ['a call without id', '{"event":"sip.call_control_notifications","result":{"call_info":{"state":"ringing"}}}'],
    ['an unknown state', '{"event":"sip.call_control_notifications","result":{"call_info":{"call":{"id":"x"},"state":"dancing"}}}'],
  ])('%s', (_, text) => {
    expect(() => decodeFrame(text)).toThrow(PsCodecError);
  });

  // Fields are read by name and parties in one pass over their keys (the ingest's fast path): still every field checked.
  it.each([
    ['call.id that is an object', { call: { id: { x: 1 }, tag: 't' }, state: 'ringing' }],
    ['a state that is a list', { call: { id: 'a', tag: 't' }, state: ['ringing'] }],
    ['a state it does not know', { call: { id: 'a', tag: 't' }, state: 'Ringing!' }],
    ['call_info that is a list', [{ call: { id: 'a', tag: 't' }, state: 'ringing' }]],
    ['call_info that is text', 'ringing'],
  ])('a notification whose %s is refused', (_, info) => {
    const text = JSON.stringify({ event: 'sip.call_control_notifications', result: { call_info: info } });
    expect(() => decodeFrame(text)).toThrow(PsCodecError);
    // In the document's spelling too.
    expect(() => decodeFrame(JSON.stringify({ event: 'sip.call control notifications', 'call info': info }))).toThrow(PsCodecError);
  });

  it('party and call fields that are not text are left out; where both spellings come, the API one wins, in either order', () => {
    const text =
      '{"event":"sip.call_control_notifications","result":{"call_info":{"call":{"id":"a","tag":"t"},"state":"connected","type":"incoming",' +
      '"transport id":"10.0.0.2:5060","transport_id":"10.0.0.1:5060","reason_code":null,"reason code":7,"duration":"12",' +
      '"callee":{"display id":"999","display_id":"1101","extension_id":"1101","display_name":{"evil":true},"__proto__":{"id":"x"},' +
      '"forwarder list":["9"],"forwarder_list":["1102",{"id":"1103"},{"id":{}},7,null]},' +
      '"caller":{"id":"+3725123456","display_id":"+3725123456","display id":"000","display_name":"","account_id":["1"],"huntgroup id":"1200"}}}}';
    const frame = decodeFrame(text);
    if (frame.kind !== 'notification') throw new Error('not a notification');
    expect(frame.callInfo).toEqual({
      call: { id: 'a', tag: 't' },
      state: 'connected',
      type: 'incoming',
      transport_id: '10.0.0.1:5060',
      reason_code: null,
      duration: 12,
      callee: { display_id: '1101', extension_id: '1101', forwarder_list: ['1102', '1103', '7'] },
      caller: { id: '+3725123456', display_id: '+3725123456', huntgroup_id: '1200', forwarder_list: [] },
    });
    expect(Object.getPrototypeOf(frame.callInfo.callee)).toBe(Object.prototype);
  });

  it('errors in either shape: {error:{code,message,details}} or top-level code/message', () => {
    expect(decodeFrame('{"cseq":5,"error":{"code":"sip.call_not_found","message":"Not found","details":{"call":{}}}}')).toEqual({
      kind: 'error',
      cseq: 5,
      code: 'sip.call_not_found',
      message: 'Not found',
      details: { call: {} },
    });
    expect(decodeFrame('{"cseq":6,"code":"internal_error","message":"Internal server error"}')).toMatchObject({
      kind: 'error',
      cseq: 6,
      code: 'internal_error',
    });
  });

  it('a calls list with one broken entry keeps the good ones', () => {
    const list = decodeCallsList({ calls_list: [{ call: { id: 'a', tag: 'b' }, state: 'ringing', type: 'incoming' }, { nonsense: true }] });
    expect(list.calls).toHaveLength(1);
    expect(list.skipped).toBe(1);
    expect(() => decodeCallInfo(null)).toThrow(PsCodecError);
  });
});
