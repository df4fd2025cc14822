import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEvent, decodeReturn, encodeRequest } from '../../connectors/telserver/codec';
import type { TsCallInfo, TsEvent, TsRequest } from '../../connectors/telserver/messages';
import { systemClock } from '../../core/clock';
import { ManualClock } from '../../../app/testing/manual-clock';
import { Directory } from '../shared/directory';
import { Switch } from '../shared/switch';
import { EventInbox, exchangeRaw, requestXml } from './probe';
import { TelServerFrontEnd, type TelServerFrontEndOptions } from './server';

const running: Array<{ stop(): Promise<void> } | EventInbox<TsEvent>> = [];

/** Typed requests through the console's codec: the sim reads them with its own reader, so this also checks the two agree. */
const request = async (port: number, req: TsRequest, endOfPdu = '') => decodeReturn(await requestXml(port, encodeRequest(req), endOfPdu));

afterEach(async () => {
  for (const item of running.splice(0)) await (item instanceof EventInbox ? item.close() : item.stop());
});

function directory(): Directory {
  return new Directory(
    [
      { number: '1101', name: 'Anna Tamm' },
      { number: '1102', name: 'Marcel Jagger', company: 'uniGone' },
      { number: '1103', name: 'Maria Lind' },
      { number: '1104', name: 'Peeter Mar' },
    ],
    [
      { number: '+33160127764', name: 'Martin Jagger', company: 'uniGone', numberType: 'home' },
      { number: '+3726112233', name: 'Kalev Kask', company: 'Marimekko', numberType: 'work' },
    ],
  );
}

async function start(options: Partial<TelServerFrontEndOptions> & { clock?: ManualClock } = {}) {
  const clock = options.clock;
  const sw = new Switch({ clock: clock ?? systemClock, directory: directory() });
  const server = new TelServerFrontEnd({ switch: sw, ...options });
  running.push(server);
  const { port } = await server.start();
  const send = (req: TsRequest) => request(port, req, options.endOfPdu);
  return { sw, server, port, send };
}

async function inbox(): Promise<EventInbox<TsEvent>> {
  const box = await EventInbox.open(decodeEvent);
  running.push(box);
  return box;
}

async function openSession(send: (r: TsRequest) => Promise<unknown>, device: string, box: EventInbox<TsEvent>) {
  expect(await send({ type: 'openSession', deviceNumber: device, eventUDPPort: box.port, eventUpdate: 'full' })).toEqual({
    kind: 'result',
    result: { type: 'standard' },
  });
}

const isCall = (ev: TsEvent) => ev.event.type === 'call';
const callOf = (ev: TsEvent): TsCallInfo => (ev.event.type === 'call' ? ev.event.call : (undefined as never));

/** A call leg as the document's examples print it (they omit the optional callReference). */
const docLeg = (state: string, number: string, isOutgoing: boolean, extra: object = {}) => ({
  state,
  otherParty: { number },
  duration: expect.any(Number),
  isOutgoing,
  isConference: false,
  callReference: expect.any(String),
  ...extra,
});

describe('TelServer front end: calls over real sockets', () => {
  it('open session → incoming call → answerCall: UDP events as the document Example 2 shows', async () => {
    const { send } = await start();
    const box = await inbox();
    await openSession(send, '1102', box);
    expect(await send({ type: 'makeCall', deviceNumber: '1101', calledDeviceNumber: '1102' })).toMatchObject({ kind: 'result' });

    const ringing = await box.next(isCall);
    expect(ringing.deviceNumber).toBe('1102');
    expect(callOf(ringing)).toEqual({
      id: expect.any(String),
      primCall: docLeg('alerting', '1101', false, { otherParty: { number: '1101', name: 'Anna Tamm' } }),
      permittedServices: ['answerCall', 'divertCall'],
    });
    expect(await send({ type: 'answerCall', deviceNumber: '1102', callingNumber: '1101' })).toEqual({
      kind: 'result',
      result: { type: 'standard' },
    });
    const connected = callOf(await box.next(isCall));
    expect(connected.id).toBe(callOf(ringing).id);
    expect(connected.primCall).toMatchObject({ state: 'connected', otherParty: { number: '1101' }, isOutgoing: false });
    expect(connected.permittedServices).toEqual(['holdCall', 'dropCall', 'divertCall', 'consultationCall']);
  });

  it('Example 1: the caller sees initiated, originated, delivered, connected with dropCall then the connected services', async () => {
    const { send, sw } = await start();
    const box = await inbox();
    await openSession(send, '1101', box);
    await send({ type: 'makeCall', deviceNumber: '1101', calledDeviceNumber: '1102' });
    sw.answerAt('1102');
    const events = await Promise.all([0, 1, 2, 3].map(() => box.next(isCall)));
    expect(
      events.map((e) => [e.deviceNumber, callOf(e).primCall?.state, callOf(e).primCall?.otherParty.number, callOf(e).permittedServices]),
    ).toEqual([
      ['1101', 'initiated', '', ['dropCall']],
      ['1101', 'originated', '1102', ['dropCall']],
      ['1101', 'delivered', '1102', ['dropCall']],
      ['1101', 'connected', '1102', ['holdCall', 'dropCall', 'divertCall', 'consultationCall']],
    ]);
    expect(new Set(events.map((e) => callOf(e).id)).size).toBe(1);
  });

  it('Example 3: consultation from 1101 to 1103 — primCall held, secCall through its states, services as documented', async () => {
    const { send, sw } = await start();
    sw.makeCall('1101', '1102');
    sw.answer('1102');
    const box = await inbox();
    await openSession(send, '1101', box);
    await send({ type: 'consultationCall', deviceNumber: '1101', consultedDeviceNumber: '1103' });
    sw.answerAt('1103');
    const events = await Promise.all([0, 1, 2, 3].map(() => box.next(isCall)));
    expect(
      events.map((e) => [
        callOf(e).primCall?.state,
        callOf(e).secCall?.state,
        callOf(e).secCall?.otherParty.number,
        callOf(e).permittedServices,
      ]),
    ).toEqual([
      ['hold', 'initiated', '', ['dropCall', 'reconnectCall']],
      ['hold', 'originated', '1103', ['dropCall', 'reconnectCall']],
      ['hold', 'delivered', '1103', ['dropCall', 'reconnectCall', 'transferCall']],
      ['hold', 'connected', '1103', ['dropCall', 'holdCall', 'reconnectCall', 'alternateCall', 'transferCall', 'conferenceCall']],
    ]);
    expect(callOf(events[0]).primCall?.otherParty.number).toBe('1102');

    // Transfer over the wire: the group ends with a 'cleared' primCall, cause transfer.
    expect(await send({ type: 'transferCall', deviceNumber: '1101' })).toMatchObject({ kind: 'result' });
    const cleared = callOf(await box.next(isCall));
    expect(cleared).toMatchObject({ id: callOf(events[0]).id, primCall: { state: 'cleared', cause: 'transfer' }, permittedServices: [] });
  });

  it('Example 5: a diverted call alerts with firstCalledParty and lastRedirectionParty', async () => {
    const { send, sw } = await start();
    const box = await inbox();
    await openSession(send, '1103', box);
    await openSession(send, '1102', await inbox());
    sw.makeCall('1101', '1102');
    expect(await send({ type: 'divertCall', deviceNumber: '1102', divertedDeviceNumber: '1103' })).toMatchObject({ kind: 'result' });
    const ev = callOf(await box.next(isCall));
    expect(ev.primCall).toMatchObject({
      state: 'alerting',
      otherParty: { number: '1101' },
      firstCalledParty: { number: '1102' },
      lastRedirectionParty: { number: '1102' },
    });
    expect(ev.permittedServices).toEqual(['answerCall', 'divertCall']);
  });

  it('sends a last event with state cleared when the other party hangs up', async () => {
    const { send, sw } = await start();
    const box = await inbox();
    await openSession(send, '1101', box);
    const call = sw.incomingExternalCall({ number: '+33160127764' }, '1101');
    const ringing = callOf(await box.next(isCall));
    expect(ringing.primCall?.otherParty).toEqual({ number: '+33160127764', name: 'Martin Jagger', company: 'uniGone', numberType: 'home' });
    sw.hangUpRemote(call.callerRef!);
    const cleared = callOf(await box.next(isCall));
    expect(cleared).toMatchObject({ id: ringing.id, primCall: { state: 'cleared', cause: 'droppedByOtherParty' }, permittedServices: [] });
  });

  it("call waiting: the second call is the secCall of the first one's <call>; answer and divert are added, and act on it", async () => {
    const { send, sw } = await start();
    const box = await inbox();
    await openSession(send, '1101', box);
    sw.makeCall('1102', '1101');
    sw.answer('1101');
    const first = callOf(await box.next((ev) => isCall(ev) && callOf(ev).primCall?.state === 'connected'));
    sw.incomingExternalCall({ number: '+33160127764' }, '1101');
    const waiting = callOf(await box.next((ev) => isCall(ev) && callOf(ev).secCall !== undefined));
    // "the primary call (the first existing call) and optionally … the secondary call"
    expect(waiting.id).toBe(first.id);
    expect(waiting.primCall).toMatchObject({ state: 'connected', otherParty: { number: '1102' } });
    expect(waiting.secCall).toMatchObject({ state: 'alerting', otherParty: { number: '+33160127764' }, isOutgoing: false });
    expect(waiting.permittedServices).toEqual(['answerCall', 'divertCall', 'holdCall', 'dropCall']);

    // dropCall drops "the call currently connected": naming the waiting call is noCall, and nothing changes.
    expect(await send({ type: 'dropCall', deviceNumber: '1101', otherNumber: '+33160127764' })).toEqual({ kind: 'error', error: 'noCall' });
    // So are holdCall ("the call currently connected") and the two-call services, which need a held call.
    expect(await send({ type: 'holdCall', deviceNumber: '1101', otherNumber: '+33160127764' })).toEqual({ kind: 'error', error: 'noCall' });
    expect(await send({ type: 'transferCall', deviceNumber: '1101' })).toEqual({ kind: 'error', error: 'noCall' });
    expect(sw.deviceView('1101').groups.map((g) => g.primary.state)).toEqual(['connected', 'alerting']);

    // Answering it holds the first call; the pair is the one the two-call services act on.
    expect(await send({ type: 'answerCall', deviceNumber: '1101', callingNumber: '+33160127764' })).toMatchObject({ kind: 'result' });
    const answered = callOf(await box.next((ev) => isCall(ev) && callOf(ev).secCall?.state === 'connected'));
    expect(answered).toMatchObject({ id: first.id, primCall: { state: 'hold', otherParty: { number: '1102' } } });
    expect(answered.permittedServices).toEqual([
      'dropCall',
      'holdCall',
      'reconnectCall',
      'alternateCall',
      'transferCall',
      'conferenceCall',
    ]);
    // dropCall without a number drops the connected (answered) call, never the held one.
    expect(await send({ type: 'dropCall', deviceNumber: '1101' })).toMatchObject({ kind: 'result' });
    const left = callOf(await box.next((ev) => isCall(ev) && callOf(ev).secCall === undefined));
    expect(left).toMatchObject({ id: first.id, primCall: { state: 'hold', otherParty: { number: '1102' } } });
    expect(left.permittedServices).toEqual(['retrieveCall', 'dropCall']);
  });

  it('the first call ending leaves the waiting call as primCall of the same <call>; a snapshot shows the same pairing', async () => {
    const { send, sw } = await start();
    const box = await inbox();
    await openSession(send, '1101', box);
    sw.makeCall('1102', '1101');
    sw.answer('1101');
    sw.incomingExternalCall({ number: '+33160127764' }, '1101');
    const pair = callOf(await box.next((ev) => isCall(ev) && callOf(ev).secCall !== undefined));
    const snapshot = await send({ type: 'snapshot', deviceNumber: '1101' });
    expect(snapshot).toMatchObject({ result: { snapshot: { calls: [{ id: pair.id, secCall: { state: 'alerting' } }] } } });
    expect(await send({ type: 'dropCall', deviceNumber: '1101', otherNumber: '1102' })).toMatchObject({ kind: 'result' });
    const alone = callOf(await box.next((ev) => isCall(ev) && callOf(ev).secCall === undefined));
    expect(alone).toMatchObject({ id: pair.id, primCall: { state: 'alerting', otherParty: { number: '+33160127764' } } });
    expect(alone.permittedServices).toEqual(['answerCall', 'divertCall']);
  });

  it('shows a withheld caller as *****-<callReference>', async () => {
    const { send, sw } = await start();
    const box = await inbox();
    await openSession(send, '1101', box);
    sw.incomingExternalCall({ number: '' }, '1101');
    const leg = callOf(await box.next(isCall)).primCall!;
    expect(leg.otherParty.number).toBe(`*****-${leg.callReference}`);
  });

  it('answers call-control requests without a session with noOpenSession; makeCall needs none', async () => {
    const { send } = await start();
    for (const req of [
      { type: 'answerCall', deviceNumber: '1101' },
      { type: 'dropCall', deviceNumber: '1101' },
      { type: 'snapshot', deviceNumber: '1101' },
      { type: 'closeSession', deviceNumber: '1101' },
    ] as TsRequest[]) {
      expect(await send(req)).toEqual({ kind: 'error', error: 'noOpenSession' });
    }
    expect(await send({ type: 'makeCall', deviceNumber: '1101', calledDeviceNumber: '1102' })).toEqual({
      kind: 'result',
      result: { type: 'standard' },
    });
  });

  it('maps switch refusals: noCall when nothing is in the right state, pbxReject for an unknown device', async () => {
    const { send } = await start();
    await openSession(send, '1101', await inbox());
    expect(await send({ type: 'holdCall', deviceNumber: '1101' })).toEqual({ kind: 'error', error: 'noCall' });
    expect(await send({ type: 'answerCall', deviceNumber: '1101', callingNumber: '1104' })).toEqual({ kind: 'error', error: 'noCall' });
    expect(await send({ type: 'openSession', deviceNumber: '9999' })).toEqual({ kind: 'error', error: 'pbxReject' });
  });

  it('snapshot lists calls, forwards, msgWaiting and doNotDisturb (document snapshot Examples 1 and 2)', async () => {
    const { send, sw } = await start();
    await openSession(send, '1102', await inbox());
    sw.makeCall('1101', '1102');
    const ringing = await send({ type: 'snapshot', deviceNumber: '1102' });
    expect(ringing).toEqual({
      kind: 'result',
      result: {
        type: 'snapshot',
        snapshot: {
          calls: [
            {
              id: expect.any(String),
              primCall: docLeg('alerting', '1101', false, { otherParty: { number: '1101', name: 'Anna Tamm' } }),
              permittedServices: ['answerCall', 'divertCall'],
            },
          ],
          forwards: [],
          msgWaiting: 'off',
          doNotDisturb: 'off',
        },
      },
    });
    await openSession(send, '1101', await inbox());
    sw.drop('1101');
    await send({ type: 'forward', deviceNumber: '1101', info: { number: '1102', type: 'immediate', state: 'on' } });
    const idle = await send({ type: 'snapshot', deviceNumber: '1101' });
    expect(idle).toEqual({
      kind: 'result',
      result: {
        type: 'snapshot',
        snapshot: { calls: [], forwards: [{ number: '1102', type: 'immediate', state: 'on' }], msgWaiting: 'off', doNotDisturb: 'off' },
      },
    });
  });

  it('qualifyCall returns the caller and answers by default', async () => {
    const { send, sw } = await start();
    await openSession(send, '1102', await inbox());
    sw.makeCall('1101', '1102');
    expect(await send({ type: 'qualifyCall', deviceNumber: '1102' })).toEqual({
      kind: 'result',
      result: { type: 'qualifyCall', number: '1101', name: 'Anna Tamm' },
    });
    expect(sw.deviceView('1102').groups[0].primary.state).toBe('connected');
  });
});

describe('TelServer front end: features, directory, history', () => {
  it('forward, doNotDisturb, msgWaiting and agent: query results and events', async () => {
    const { send, sw } = await start();
    const box = await inbox();
    await openSession(send, '1101', box);
    await send({ type: 'forward', deviceNumber: '1101', info: { number: '1102', type: 'immediate', state: 'on' } });
    expect(await box.next()).toEqual({ event: { type: 'forward', forward: { number: '1102', type: 'immediate', state: 'on' } } });
    expect(await send({ type: 'queryForward', deviceNumber: '1101' })).toEqual({
      kind: 'result',
      result: { type: 'forwards', forwards: [{ number: '1102', type: 'immediate', state: 'on' }] },
    });
    await send({ type: 'forward', deviceNumber: '1101', info: { number: '1102', type: 'immediate', state: 'off' } });
    expect(await box.next()).toEqual({ event: { type: 'forward', forward: { number: '1102', type: 'immediate', state: 'off' } } });
    expect(await send({ type: 'queryForward', deviceNumber: '1101' })).toEqual({
      kind: 'result',
      result: { type: 'forwards', forwards: [] },
    });

    await send({ type: 'doNotDisturb', deviceNumber: '1101', state: 'on' });
    expect(await box.next()).toEqual({ event: { type: 'doNotDisturb', state: 'on' } });
    expect(await send({ type: 'queryDoNotDisturb', deviceNumber: '1101' })).toEqual({
      kind: 'result',
      result: { type: 'doNotDisturb', state: 'on' },
    });

    sw.setMessageWaiting('1101', true);
    expect(await box.next()).toEqual({ event: { type: 'msgWaiting', state: 'on' } });
    expect(await send({ type: 'queryMsgWaiting', deviceNumber: '1101' })).toEqual({
      kind: 'result',
      result: { type: 'msgWaiting', state: 'on' },
    });

    expect(await send({ type: 'agentState', deviceNumber: '1101', state: 'busy' })).toEqual({ kind: 'error', error: 'reject' });
    await send({ type: 'agentState', deviceNumber: '1101', state: 'notReady' });
    expect(await box.next()).toMatchObject({ event: { type: 'agent', agent: { state: 'notReady' } } });
    expect(await send({ type: 'queryAgentState', deviceNumber: '1101' })).toMatchObject({
      kind: 'result',
      result: { type: 'agent', agent: { state: 'notReady' } },
    });
  });

  it('searchName is the document smart search: prefix, then a later word, then company; ordered; limited', async () => {
    const { send } = await start();
    const names = async (name: string, limit?: number) => {
      const ret = await send({ type: 'searchName', name, limit });
      return ret.kind === 'result' && ret.result.type === 'searchDirectory' ? ret.result.parties.map((p) => p.name) : ret;
    };
    expect(await names('mar')).toEqual(['Marcel Jagger', 'Maria Lind', 'Martin Jagger']);
    expect(await names('Mar', 2)).toEqual(['Marcel Jagger', 'Maria Lind']);
    expect(await names('jag')).toEqual(['Marcel Jagger', 'Martin Jagger']);
    expect(await names('unigone')).toEqual(['Marcel Jagger', 'Martin Jagger']);
    expect(await names('zzz')).toEqual([]);
    expect(await send({ type: 'searchName', name: 'Martin' })).toEqual({
      kind: 'result',
      result: {
        type: 'searchDirectory',
        parties: [{ number: '+33160127764', name: 'Martin Jagger', numberType: 'home', company: 'uniGone' }],
      },
    });
  });

  it('searchNumber matches the number exactly as recorded; updateUserDirectory adds personal entries', async () => {
    const { send } = await start();
    expect(await send({ type: 'searchNumber', number: '+33160127764' })).toMatchObject({
      result: { parties: [{ name: 'Martin Jagger' }] },
    });
    expect(await send({ type: 'searchNumber', number: '+33130127764' })).toEqual({
      kind: 'result',
      result: { type: 'searchDirectory', parties: [] },
    });
    await send({
      type: 'updateUserDirectory',
      userID: 'user',
      directoryName: 'outlook',
      parties: [{ number: '0160121314', name: 'Bob Blake', numberType: 'work', company: 'TheCompany' }],
    });
    expect(await send({ type: 'searchName', userID: 'user', name: 'bob' })).toMatchObject({
      result: { parties: [{ number: '0160121314' }] },
    });
    expect(await send({ type: 'searchName', name: 'bob' })).toMatchObject({ result: { parties: [] } });
  });

  it('queryHistory returns finished calls newest first, with search and limit', async () => {
    const { send, sw } = await start();
    sw.makeCall('1101', '1102');
    sw.answer('1102');
    sw.drop('1101');
    sw.makeCall('1101', '+33160127764');
    sw.drop('1101');
    const ret = await send({ type: 'queryHistory', deviceNumber: '1101' });
    expect(
      ret.kind === 'result' &&
        ret.result.type === 'history' &&
        ret.result.records.map((r) => [r.otherParty?.number, r.isOutgoing, r.isConnected, r.cause]),
    ).toEqual([
      ['+33160127764', true, false, 'normal'],
      ['1102', true, true, 'normal'],
    ]);
    const searched = await send({ type: 'queryHistory', deviceNumber: '1101', search: 'jagger', limit: 1 });
    expect(searched).toMatchObject({ result: { records: [{ otherParty: { name: 'Martin Jagger' } }] } });
    const record = (searched as { result: { records: Array<{ creationDate: string; creationTime: string }> } }).result.records[0];
    expect(record.creationDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(record.creationTime).toMatch(/^\d\d:\d\d:\d\d$/);
  });
});

describe('TelServer front end: sessions', () => {
  it('asks for the password only on the first openSession of a device', async () => {
    const { send } = await start({ passwords: { '1101': 'secret' } });
    expect(await send({ type: 'openSession', deviceNumber: '1101', userID: '1101', userPassword: 'wrong' })).toEqual({
      kind: 'error',
      error: 'invalidCredentials',
    });
    expect(await send({ type: 'openSession', deviceNumber: '1101', userID: '1101', userPassword: 'secret' })).toMatchObject({
      kind: 'result',
    });
    expect(await send({ type: 'openSession', deviceNumber: '1101', eventUDPPort: 20001 })).toMatchObject({ kind: 'result' });
  });

  it('refuses sessions above the limit with sessionLimitExceeded', async () => {
    const { send } = await start({ sessionLimit: 1 });
    expect(await send({ type: 'openSession', deviceNumber: '1101' })).toMatchObject({ kind: 'result' });
    expect(await send({ type: 'openSession', deviceNumber: '1102' })).toEqual({ kind: 'error', error: 'sessionLimitExceeded' });
  });

  it('closes a session after sessionTimeout seconds without a request, telling the client', async () => {
    const clock = new ManualClock();
    const { send, server } = await start({ clock });
    const box = await inbox();
    expect(await send({ type: 'openSession', deviceNumber: '1101', eventUDPPort: box.port, sessionTimeout: 30 })).toMatchObject({
      kind: 'result',
    });
    await clock.advance(20_000);
    await send({ type: 'queryDoNotDisturb', deviceNumber: '1101' }); // a request restarts the timeout
    await clock.advance(20_000);
    expect(server.sessionDevices()).toEqual(['1101']);
    await clock.advance(10_000);
    expect(await box.next()).toEqual({ event: { type: 'session', session: 'sessionClosedByTimeout' } });
    expect(await send({ type: 'snapshot', deviceNumber: '1101' })).toEqual({ kind: 'error', error: 'noOpenSession' });
  });

  it('closeSession ends the session; restricted clients get alerting events only', async () => {
    const { send, sw } = await start();
    const box = await inbox();
    await send({ type: 'openSession', deviceNumber: '1102', eventUDPPort: box.port, eventUpdate: 'restricted' });
    sw.makeCall('1101', '1102');
    sw.answer('1102');
    sw.drop('1102');
    const events = await box.quietFor(150);
    expect(events.map((e) => e && callOf(e).primCall?.state)).toEqual(['alerting']);
    expect(await send({ type: 'closeSession', deviceNumber: '1102' })).toMatchObject({ kind: 'result' });
    expect(await send({ type: 'snapshot', deviceNumber: '1102' })).toEqual({ kind: 'error', error: 'noOpenSession' });
  });
});

describe('TelServer front end: transport and faults', () => {
  it('answers unreadable XML with <error><reject/></error> and keeps serving', async () => {
    const { port, send } = await start();
    expect(decodeReturn(await exchangeRaw(port, '<TelServiceRequest><nonsense></TelServiceRequest>'))).toEqual({
      kind: 'error',
      error: 'reject',
    });
    // The client stops sending half-way through a request.
    const half = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end('<TelServiceRequest><makeCall>'));
      let text = '';
      socket.on('data', (d) => (text += d.toString('utf8')));
      socket.on('close', () => resolve(text));
    });
    expect(decodeReturn(half)).toEqual({ kind: 'error', error: 'reject' });
    expect(await send({ type: 'queryDoNotDisturb', deviceNumber: '1101' })).toMatchObject({ kind: 'result' });
  });

  it('rejects a request larger than the limit', async () => {
    const { port } = await start({ maxRequestBytes: 1024 });
    const reply = await exchangeRaw(
      port,
      `<TelServiceRequest><searchName><name>${'x'.repeat(5000)}</name></searchName></TelServiceRequest>`,
    );
    expect(decodeReturn(reply)).toEqual({ kind: 'error', error: 'reject' });
  });

  it('uses the configured end-of-PDU sequence on requests, replies and events', async () => {
    const endOfPdu = '\n\n';
    const { port, send, sw } = await start({ endOfPdu });
    const raw = await exchangeRaw(
      port,
      '<TelServiceRequest><queryMsgWaiting><deviceNumber>1101</deviceNumber></queryMsgWaiting></TelServiceRequest>\n\n',
    );
    expect(raw.endsWith('</TelServiceReturn>\n\n')).toBe(true);
    const box = await inbox();
    await openSession(send, '1101', box);
    sw.setDnd('1101', true);
    await box.quietFor(100);
    expect(box.datagrams.at(-1)!.toString().endsWith('</TelServiceEvent>\n\n')).toBe(true);
  });

  it('refuseConnections: connects are refused, then accepted again on the same port', async () => {
    const { server, port, send } = await start();
    await server.faults.refuseConnections(true);
    await expect(send({ type: 'queryMsgWaiting', deviceNumber: '1101' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await server.faults.refuseConnections(false);
    expect(server.address.port).toBe(port);
    expect(await send({ type: 'queryMsgWaiting', deviceNumber: '1101' })).toMatchObject({ kind: 'result' });
  });

  it('cutNextReply: the next reply stops after N bytes and the connection drops; the one after is whole', async () => {
    const { server, port, send } = await start();
    server.faults.cutNextReply(20);
    const partial = await exchangeRaw(
      port,
      '<TelServiceRequest><queryMsgWaiting><deviceNumber>1101</deviceNumber></queryMsgWaiting></TelServiceRequest>',
    );
    expect(partial).toBe('<TelServiceReturn><r');
    expect(await send({ type: 'queryMsgWaiting', deviceNumber: '1101' })).toMatchObject({ kind: 'result' });
  });

  it('delayReplies holds every reply back', async () => {
    const { server, send } = await start();
    server.faults.delayReplies(300);
    const started = Date.now();
    await send({ type: 'queryMsgWaiting', deviceNumber: '1101' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    server.faults.delayReplies(0);
  });

  it('sendMalformedDatagram and sendOversizedDatagrams send junk to the session client', async () => {
    const { server, send } = await start();
    const box = await inbox();
    await openSession(send, '1101', box);
    await server.faults.sendMalformedDatagram('1101');
    await box.quietFor(50);
    expect(box.datagrams).toHaveLength(1);
    expect(box.events()[0]).toBeUndefined();
    const count = await server.faults.sendOversizedDatagrams('1101');
    expect(count).toBe(Math.ceil((2 * 1024 * 1024) / (60 * 1024)));
    await box.quietFor(100);
    expect(box.datagrams.length).toBeGreaterThan(1);
    expect(box.datagrams[1].length).toBe(60 * 1024);
  });

  it('PBX link down: session event, every request fails, no call events; up: pbxlinkInService', async () => {
    const { server, send, sw } = await start();
    const box = await inbox();
    await openSession(send, '1101', box);
    server.faults.setPbxLink(false);
    expect(await box.next()).toEqual({ event: { type: 'session', session: 'pbxlinkOutOfService' } });
    expect(await send({ type: 'snapshot', deviceNumber: '1101' })).toEqual({ kind: 'error', error: 'pbxlinkOutOfService' });
    expect(await send({ type: 'searchName', name: 'Mar' })).toEqual({ kind: 'error', error: 'pbxlinkOutOfService' });
    sw.makeCall('1102', '1101');
    expect(await box.quietFor(100)).toEqual([]);
    server.faults.setPbxLink(true);
    expect(await box.next()).toEqual({ event: { type: 'session', session: 'pbxlinkInService' } });
    // The call that began meanwhile is in the snapshot.
    expect(await send({ type: 'snapshot', deviceNumber: '1101' })).toMatchObject({
      result: { snapshot: { calls: [{ primCall: { state: 'alerting' } }] } },
    });
  });

  it('closeSessionByAdmin sends sessionClosedByAdmin; dropAllSessions forgets sessions silently', async () => {
    const { server, send } = await start();
    const box = await inbox();
    await openSession(send, '1101', box);
    server.faults.closeSessionByAdmin('1101');
    expect(await box.next()).toEqual({ event: { type: 'session', session: 'sessionClosedByAdmin' } });
    expect(await send({ type: 'snapshot', deviceNumber: '1101' })).toEqual({ kind: 'error', error: 'noOpenSession' });

    await openSession(send, '1101', box);
    server.faults.dropAllSessions();
    expect(server.sessionDevices()).toEqual([]);
    expect(await send({ type: 'snapshot', deviceNumber: '1101' })).toEqual({ kind: 'error', error: 'noOpenSession' });
  });
});
