/**
 * The innovaphone connector (client, session, Poll loop, adapter) and the
 * core against the demo PBX's innovaphone front end: HTTP SOAP on loopback,
 * port 0, with Basic and Digest authentication and the fault switches — in
 * both WSDL dialects. The front end decodes requests by the WSDL's part
 * names on its own, so a request the WSDL does not bind fails here, and
 * each command's effect is checked on the switch (the demo PBX's truth),
 * not only by the console's view.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../../app/i18n/translator';
import type { Call, ConsoleState } from '../../../app/model';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import type { InnovaphoneConnectionConfig } from '../../../app/vendors';

const PASSWORD_ENV = 'INNOVAPHONE_IT_PASSWORD';
const LINE = 'it/Reception';
const lineCallsOf = (state: ConsoleState): Call[] => Object.values(state.calls).filter((c) => c.lineId === LINE);
const demo = demoPbxConsole({ vendor: 'innovaphone', shownCalls: lineCallsOf });
const { state, until } = demo;

/** A v10 PBX (pbx10_00 only) and a PBX that serves pbx11_00 only; the console finds out which with `auto` (the default). */
const DIALECTS = [
  { dialect: 'pbx10', served: ['pbx10_00'], wsdl: 'pbx10_00' },
  { dialect: 'pbx11', served: ['pbx11_00'], wsdl: 'pbx11_00' },
] as const;
let served: readonly ('pbx10_00' | 'pbx11_00')[] = ['pbx10_00', 'pbx11_00'];

interface StartOptions {
  auth?: 'basic' | 'digest';
  digestAlgorithm?: 'MD5' | 'SHA-256';
  password?: string;
  config?: Partial<InnovaphoneConnectionConfig>;
  expect?: 'online' | 'offline';
}

function start(options: StartOptions = {}) {
  return demo.start({
    pbx: {
      innovaphone: {
        extraUsers: 50,
        auth: options.auth,
        digestAlgorithm: options.digestAlgorithm,
        accounts: { Reception: 'right' },
        pollHoldMs: 1500,
        orphanSessionMs: 300,
        dialects: [...served],
      },
    },
    prepare: (pbx) => pbx.control.setColleagueAutoAnswer(false),
    env: () => ({ [PASSWORD_ENV]: options.password ?? 'right' }),
    connection: (pbx) => ({
      vendor: 'innovaphone',
      id: 'it',
      label: 'Integration innovaphone',
      url: pbx.innovaphone!.url,
      username: 'Reception',
      passwordEnv: PASSWORD_ENV,
      requestTimeoutMs: 2000,
      pollTimeoutSeconds: 10,
      echoIntervalSeconds: 1,
      lines: [{ cn: 'Reception', label: 'Reception' }],
      ...options.config,
    }),
    awaitState: options.expect ?? 'online',
  });
}

const lineCalls = (): Call[] => lineCallsOf(state());
const callWith = (number: string) => lineCalls().find((c) => c.remote.number === number);

async function ok(result: Promise<{ ok: boolean }>) {
  expect(await result).toMatchObject({ ok: true });
}

const colleagueWith = (number: string) => Object.values(state().colleagues).find((c) => c.number === number);

describe.each(DIALECTS)('innovaphone against the demo PBX speaking $wsdl', ({ served: dialects, wsdl }) => {
  beforeEach(() => {
    served = dialects;
  });

  it("finds the dialect with auto and shows the PBX's gatekeeper ID and firmware (VersionResponse as the WSDL names it)", async () => {
    await start();
    expect(state().connections.it.facts).toEqual([
      { label: { key: 'innovaphone.fact.gatekeeper' }, value: 'nordvalgus.ee' },
      { label: { key: 'innovaphone.fact.firmware' }, value: expect.stringContaining('13r3') },
      { label: { key: 'innovaphone.fact.interface' }, value: wsdl },
    ]);
  });

  it('authenticates with Digest, streams every user into the presence grid and learns the line number', async () => {
    await start({ auth: 'digest', digestAlgorithm: 'SHA-256' });
    const colleagues = Object.values(state().colleagues).filter((c) => c.kind !== 'queue');
    // 10 demo colleagues + 50 office users; the receptionist is a line, not a colleague.
    expect(colleagues).toHaveLength(60);
    // The demo's call queues are the PBX's waiting-queue objects: not colleagues, but known as queues.
    expect(
      Object.values(state().colleagues)
        .filter((c) => c.kind === 'queue')
        .map((c) => [c.name, c.number]),
    ).toEqual([
      ['Sales', '1200'],
      ['Support', '1201'],
    ]);
    expect(colleagues.find((c) => c.number === '1102')).toMatchObject({
      name: 'Maria Lind',
      activity: expect.stringMatching(/idle|offline/),
    });
    expect(state().lines[LINE]).toMatchObject({
      number: '1100',
      vendor: 'innovaphone',
      capabilities: expect.arrayContaining(['presence', 'pickup', 'park']),
    });
  });

  it('authenticates with Basic and with Digest MD5', async () => {
    await start({ auth: 'basic' });
    await demo.stop();
    await start({ auth: 'digest', digestAlgorithm: 'MD5' });
  });

  it('a wrong password keeps the connection offline with a clear sentence', async () => {
    await start({ password: 'wrong', expect: 'offline' });
    const detail = state().connections.it.detail;
    expect(detail).toMatchObject({ key: 'transport.auth', params: { server: new URL(demo.pbx.innovaphone!.url).origin } });
    expect(createTranslator('en')(detail!)).toMatch(/did not accept the user name or password/);
  });

  it('follows an incoming call through answer, hold, retrieve and hang-up', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+3725123456' });
    await until(() => callWith('+3725123456')?.state === 'ringing', 'ringing');
    const call = callWith('+3725123456')!;
    expect(call).toMatchObject({
      direction: 'incoming',
      remote: { name: 'Kalev Kask' },
      actions: expect.arrayContaining(['answer', 'divert']),
    });
    await ok(demo.service.execute({ kind: 'answer', callId: call.id }));
    await until(() => callWith('+3725123456')?.state === 'connected', 'connected');
    await ok(demo.service.execute({ kind: 'hold', callId: call.id }));
    await until(() => callWith('+3725123456')?.state === 'held', 'held');
    await ok(demo.service.execute({ kind: 'retrieve', callId: call.id }));
    await until(() => callWith('+3725123456')?.state === 'connected', 'retrieved');
    await ok(demo.service.execute({ kind: 'hangup', callId: call.id }));
    await until(() => lineCalls().length === 0, 'cleared');
    expect(state().journal[0]).toMatchObject({ callId: call.id, answered: true });
  });

  it('consults a colleague and completes the transfer (UserTransfer)', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+3726654321' });
    await until(() => callWith('+3726654321')?.state === 'ringing', 'ringing');
    await ok(demo.service.execute({ kind: 'answer', callId: callWith('+3726654321')!.id }));
    await until(() => callWith('+3726654321')?.state === 'connected', 'connected');
    await ok(demo.service.execute({ kind: 'consult', callId: callWith('+3726654321')!.id, to: '1103' }));
    await until(() => callWith('1103')?.state === 'ringback' && callWith('+3726654321')?.state === 'held', 'consulting');
    demo.pbx.control.colleagueAnswer('1103');
    await until(() => callWith('1103')?.state === 'connected', 'consultation answered');
    expect(callWith('1103')!.actions).toEqual(expect.arrayContaining(['completeTransfer', 'conference']));
    await ok(demo.service.execute({ kind: 'completeTransfer', callId: callWith('1103')!.id }));
    await until(() => lineCalls().length === 0, 'transferred away');
    expect(demo.pbx.switch.deviceView('1103').groups[0].primary.other.number).toBe('+3726654321');
  });

  it('redirects a ringing call to a colleague (UserRedirect)', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+4930123456' });
    await until(() => callWith('+4930123456')?.state === 'ringing', 'ringing');
    await ok(demo.service.execute({ kind: 'divert', callId: callWith('+4930123456')!.id, to: '1104' }));
    await until(() => lineCalls().length === 0, 'redirected');
    await until(() => Object.values(state().colleagues).find((c) => c.number === '1104')?.activity === 'ringing', 'colleague ringing');
  });

  it('picks up a call ringing at a colleague from the presence grid (UserPickup by cn)', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+46701234567', to: '1105' });
    await until(() => Object.values(state().colleagues).find((c) => c.number === '1105')?.calls.length === 1, 'ringing at colleague');
    const colleague = Object.values(state().colleagues).find((c) => c.number === '1105')!;
    expect(colleague.activity).toBe('ringing');
    await ok(demo.service.execute({ kind: 'pickup', lineId: LINE, colleagueId: colleague.id, ref: colleague.calls[0].ref }));
    await until(() => callWith('+46701234567')?.state === 'connected', 'picked up');
    expect(callWith('+46701234567')!.redirectedBy?.number).toBe('1105');
  });

  it('takes a caller out of a waiting queue (UserPickup by the queue object’s cn); a waiting caller never rings at reception', async () => {
    await start();
    // Reception is on a call: the queue's callers wait at the queue object.
    demo.pbx.control.incomingCall({ from: '+33160127764' });
    await until(() => callWith('+33160127764')?.state === 'ringing', 'ringing');
    await ok(demo.service.execute({ kind: 'answer', callId: callWith('+33160127764')!.id }));
    await until(() => callWith('+33160127764')?.state === 'connected', 'connected');
    demo.pbx.control.queueCall({ from: '+3725207788', queue: '1' });
    const sales = () => Object.values(state().colleagues).find((c) => c.kind === 'queue' && c.name === 'Sales');
    await until(() => sales()?.calls[0]?.remote.number.endsWith('5207788') === true, 'the caller waits at Sales');
    expect(lineCalls().map((c) => c.remote.number)).toEqual(['+33160127764']);
    const queue = sales()!;
    await ok(demo.service.execute({ kind: 'pickup', lineId: LINE, colleagueId: queue.id, ref: queue.calls[0].ref }));
    await until(() => lineCalls().some((c) => c.remote.number.endsWith('5207788') && c.state === 'connected'), 'taken');
    expect(demo.pbx.control.queues().find((q) => q.id === '1')?.waiting).toEqual([]);
    await until(() => sales()?.calls.length === 0, 'the queue object is empty again');
  });

  it('parks a call and unparks it', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+358401234567' });
    await until(() => callWith('+358401234567')?.state === 'ringing', 'ringing');
    await ok(demo.service.execute({ kind: 'answer', callId: callWith('+358401234567')!.id }));
    await until(() => callWith('+358401234567')?.state === 'connected', 'connected');
    await ok(demo.service.execute({ kind: 'park', callId: callWith('+358401234567')!.id }));
    await until(() => callWith('+358401234567')?.state === 'parked', 'parked');
    expect(callWith('+358401234567')!.actions).toContain('unpark');
    await ok(demo.service.execute({ kind: 'unpark', callId: callWith('+358401234567')!.id }));
    await until(() => callWith('+358401234567')?.state === 'connected', 'unparked');
  });

  it('dials, and finds PBX users by name and by number (FindUser, paged)', async () => {
    await start();
    await ok(demo.service.execute({ kind: 'dial', lineId: LINE, to: '1102' }));
    await until(() => callWith('1102')?.direction === 'outgoing', 'dialing');
    const byName = (await demo.service.searchDirectory({ text: 'Mar' })).entries;
    expect(byName.map((e) => e.name)).toEqual(expect.arrayContaining(['Maria Lind', 'Marcel Jagger', 'Mart Kuusk']));
    expect(byName.every((e) => e.name!.toLowerCase().startsWith('mar'))).toBe(true);
    const many = (await demo.service.searchDirectory({ text: '20', limit: 45 })).entries;
    expect(many).toHaveLength(45);
  });

  it('rebuilds the session and resyncs after the PBX forgets it (invalid session)', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+3725559876' });
    await until(() => callWith('+3725559876')?.state === 'ringing', 'ringing');
    const before = callWith('+3725559876')!.id;
    demo.pbx.innovaphone!.faults.invalidateSessions();
    await until(() => state().connections.it.state === 'offline', 'offline');
    await until(() => state().connections.it.state === 'online', 'back online');
    await until(() => callWith('+3725559876')?.state === 'ringing', 'resynced');
    expect(callWith('+3725559876')!.id).toBe(before);
    expect(demo.pbx.innovaphone!.sessionCount()).toBe(1);
  });

  it('resyncs with Calls after an outage: an ended call is gone, a new one appears, a surviving one keeps its id and stays controllable', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+3725000001' });
    await until(() => callWith('+3725000001')?.state === 'ringing', 'first ringing');
    await ok(demo.service.execute({ kind: 'answer', callId: callWith('+3725000001')!.id }));
    await until(() => callWith('+3725000001')?.state === 'connected', 'first connected');
    demo.pbx.control.incomingCall({ from: '+3725000002' });
    await until(() => callWith('+3725000002')?.state === 'ringing', 'second ringing');
    const survivorId = callWith('+3725000001')!.id;

    // The PBX forgets the session and refuses new ones for a while: the console stays offline.
    demo.pbx.innovaphone!.faults.soapFault(1000, 'Initialize');
    demo.pbx.innovaphone!.faults.invalidateSessions();
    await until(() => state().connections.it.state === 'offline', 'offline');
    demo.pbx.control.remoteHangup({ number: '+3725000002' });
    demo.pbx.control.incomingCall({ from: '+3725000003' });
    demo.pbx.innovaphone!.faults.soapFault(0);

    await until(() => state().connections.it.state === 'online', 'back online');
    await until(() => callWith('+3725000003')?.state === 'ringing', 'the call that started meanwhile');
    expect(callWith('+3725000002')).toBeUndefined();
    expect(callWith('+3725000001')).toMatchObject({ id: survivorId, state: 'connected' });
    // The surviving call's new session handle was learnt: commands on the old id still reach it.
    await until(() => callWith('+3725000001')!.actions.includes('hold'), 'controllable again');
    await ok(demo.service.execute({ kind: 'hold', callId: survivorId }));
    await until(() => callWith('+3725000001')?.state === 'held', 'held after the resync');
  });

  it('recovers from dropped connections, and a call that ended meanwhile does not linger', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+3725011122' });
    await until(() => callWith('+3725011122') !== undefined, 'ringing');
    demo.pbx.innovaphone!.faults.slowPoll(400);
    demo.pbx.innovaphone!.faults.dropConnections();
    demo.pbx.control.remoteHangup({ number: '+3725011122' });
    await until(() => state().connections.it.state !== 'online', 'noticed the drop');
    demo.pbx.innovaphone!.faults.slowPoll(0);
    await until(() => state().connections.it.state === 'online', 'back online');
    await until(() => lineCalls().length === 0, 'stale call gone');
  });

  it('a SOAP fault on Poll rebuilds the session; a fault on a command only refuses that command', async () => {
    await start();
    demo.pbx.innovaphone!.faults.soapFault(1, 'UserCall');
    const refused = await demo.service.execute({ kind: 'dial', lineId: LINE, to: '1102' });
    expect(refused).toMatchObject({
      ok: false,
      error: { key: 'innovaphone.fault', params: { operation: 'UserCall', reason: 'simulated fault' } },
    });
    if (!refused.ok) expect(createTranslator('en')(refused.error)).toBe('The PBX refused UserCall: simulated fault');
    expect(state().connections.it.state).toBe('online');
    demo.pbx.innovaphone!.faults.soapFault(1, 'Poll');
    demo.pbx.innovaphone!.faults.setPresence('1102', { activity: 'away', note: 'wake the poll' });
    await until(() => state().connections.it.state !== 'online', 'fault noticed');
    await until(() => state().connections.it.state === 'online', 'back online');
    expect(colleagueWith('1102')?.presence).toEqual({ status: 'open', activity: 'away', note: 'wake the poll' });
  });

  it("shows a colleague's presence status, activity and note, with do-not-disturb as a badge", async () => {
    await start();
    demo.pbx.innovaphone!.faults.setPresence('1103', { status: 'closed', activity: 'dnd', note: 'Board meeting until 3' });
    await until(() => colleagueWith('1103')?.dnd === true, 'dnd');
    expect(colleagueWith('1103')!.presence).toEqual({ status: 'closed', activity: 'dnd', note: 'Board meeting until 3' });
    demo.pbx.innovaphone!.faults.setPresence('1103', { activity: 'lunch', note: '' });
    await until(() => colleagueWith('1103')?.presence?.activity === 'lunch', 'lunch');
    expect(colleagueWith('1103')!.dnd).toBeUndefined();
  });

  it("shows who is calling at a colleague's ringing phone", async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+3725123999', to: '1106' });
    await until(() => colleagueWith('1106')?.calls[0]?.remote.number === '+3725123999', 'caller shown');
    expect(colleagueWith('1106')).toMatchObject({ activity: 'ringing', calls: [{ state: 'ringing', direction: 'incoming' }] });
  });

  it('consult → Complete transfer connects the caller with the colleague on the PBX, in both call orders', async () => {
    await start();
    for (const completeOn of ['consultation', 'held'] as const) {
      const caller = completeOn === 'held' ? '+3726654322' : '+3726654321';
      demo.pbx.control.incomingCall({ from: caller });
      await until(() => callWith(caller)?.state === 'ringing', 'ringing');
      await ok(demo.service.execute({ kind: 'answer', callId: callWith(caller)!.id }));
      await until(() => callWith(caller)?.state === 'connected', 'connected');
      await ok(demo.service.execute({ kind: 'consult', callId: callWith(caller)!.id, to: '1107' }));
      await until(() => callWith('1107')?.state === 'ringback' && callWith(caller)?.state === 'held', 'consulting');
      demo.pbx.control.colleagueAnswer('1107');
      await until(() => callWith('1107')?.state === 'connected', 'consultation answered');
      const target = completeOn === 'held' ? callWith(caller)! : callWith('1107')!;
      await ok(demo.service.execute({ kind: 'completeTransfer', callId: target.id }));
      await until(() => lineCalls().length === 0, 'transferred away');
      // The switch's truth: the colleague now talks to the caller.
      expect(demo.pbx.switch.deviceView('1107').groups[0].primary.other.number).toBe(caller);
      demo.pbx.control.remoteHangup({ number: caller });
    }
  });

  it('tells the receptionist when the PBX accepts Complete transfer but does not act on it', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+3726600001' });
    await until(() => callWith('+3726600001')?.state === 'ringing', 'ringing');
    await ok(demo.service.execute({ kind: 'answer', callId: callWith('+3726600001')!.id }));
    await until(() => callWith('+3726600001')?.state === 'connected', 'connected');
    await ok(demo.service.execute({ kind: 'consult', callId: callWith('+3726600001')!.id, to: '1108' }));
    await until(() => callWith('1108')?.state === 'ringback', 'consulting');
    demo.pbx.control.colleagueAnswer('1108');
    await until(() => callWith('1108')?.state === 'connected', 'consultation answered');
    demo.pbx.innovaphone!.faults.ignoreCommands(true);
    const result = await demo.service.execute({ kind: 'completeTransfer', callId: callWith('1108')!.id });
    expect(result).toMatchObject({ ok: false, error: { key: 'innovaphone.noEffect' } });
    if (!result.ok) expect(createTranslator('en')(result.error)).toMatch(/did not act on it/);
    expect(
      lineCalls()
        .map((c) => c.state)
        .sort(),
    ).toEqual(['connected', 'held']);
    demo.pbx.innovaphone!.faults.ignoreCommands(false);
  });

  it('makes a three-party conference on the PBX (UserRc 4)', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+3726700001' });
    await until(() => callWith('+3726700001')?.state === 'ringing', 'ringing');
    await ok(demo.service.execute({ kind: 'answer', callId: callWith('+3726700001')!.id }));
    await until(() => callWith('+3726700001')?.state === 'connected', 'connected');
    await ok(demo.service.execute({ kind: 'consult', callId: callWith('+3726700001')!.id, to: '1109' }));
    await until(() => callWith('1109')?.state === 'ringback', 'consulting');
    demo.pbx.control.colleagueAnswer('1109');
    await until(() => callWith('1109')?.state === 'connected', 'consultation answered');
    await ok(demo.service.execute({ kind: 'conference', callId: callWith('1109')!.id }));
    await until(() => demo.pbx.switch.deviceView('1100').groups.some((g) => g.primary.isConference), 'conference on the switch');
    expect(
      demo.pbx.switch
        .deviceView('1100')
        .groups[0].primary.conferenceMembers.map((m) => m.number)
        .sort(),
    ).toEqual(['+3726700001', '1109']);
    await until(() => lineCalls().some((c) => c.conference), 'the console shows the conference');
  });

  it('a parked incoming call keeps its direction', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+358401234568' });
    await until(() => callWith('+358401234568')?.state === 'ringing', 'ringing');
    await ok(demo.service.execute({ kind: 'answer', callId: callWith('+358401234568')!.id }));
    await until(() => callWith('+358401234568')?.state === 'connected', 'connected');
    await ok(demo.service.execute({ kind: 'park', callId: callWith('+358401234568')!.id }));
    await until(() => callWith('+358401234568')?.state === 'parked', 'parked');
    expect(callWith('+358401234568')!.direction).toBe('incoming');
  });
});

describe('innovaphone dialect setting', () => {
  beforeEach(() => {
    served = ['pbx10_00', 'pbx11_00'];
  });

  it('auto prefers pbx11_00 on a PBX that serves both; a configured dialect is used as set', async () => {
    await start();
    expect(state().connections.it.facts?.at(-1)?.value).toBe('pbx11_00');
    await demo.stop();
    await start({ config: { dialect: 'pbx10' } });
    expect(state().connections.it.facts?.at(-1)?.value).toBe('pbx10_00');
  });
});
