/**
 * The PortaSIP client, session, adapter and the core against the demo PBX's
 * PortaSIP front end over a real WebSocket on loopback, including its fault
 * switches. Every scenario ends with the console showing what the PBX has.
 */
import { describe, expect, it } from 'vitest';
import { msg } from '../../../app/i18n/message';
import { createTranslator } from '../../../app/i18n/translator';
import type { Call } from '../../../app/model';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import type { PortaSipConnectionConfig } from '../../../app/vendors';

const RECEPTION = 'ps/1100';
/** The demo Centrex's PortaSwitch account of the reception phone (the sim's accountIdOf('1100')): what bill_id must name. */
const RECEPTION_ACCOUNT = '37255501100';
const PASSWORD_ENV = 'PORTASIP_IT_PASSWORD';
const demo = demoPbxConsole({ vendor: 'portasip' });
const { state, until } = demo;
const t = createTranslator('en');

/** Starts the PBX and the console without waiting for the connection. */
function start(overrides: Partial<PortaSipConnectionConfig> = {}, password = 'secret-it') {
  return demo.start({
    pbx: { portasip: { accounts: { reception: 'secret-it' } } },
    env: () => ({ [PASSWORD_ENV]: password }),
    connection: (pbx) => ({
      vendor: 'portasip',
      id: 'ps',
      label: 'Integration PortaSIP',
      url: pbx.portasip!.url,
      login: 'reception',
      passwordEnv: PASSWORD_ENV,
      watch: [{ i_customer: pbx.portasip!.customerId }],
      reception: { number: '1100', label: 'Reception', billId: RECEPTION_ACCOUNT },
      extensions: [{ number: '1103', label: 'Mart Kuusk' }],
      requestTimeoutMs: 2000,
      heartbeatSeconds: 1,
      ...overrides,
    }),
    awaitState: false,
  });
}

async function startOnline(overrides: Partial<PortaSipConnectionConfig> = {}) {
  const started = await start(overrides);
  await until(() => state().connections.ps?.state === 'online', 'online');
  return started;
}

const callsOf = (lineId: string): Call[] => Object.values(state().calls).filter((c) => c.lineId === lineId);
const callWith = (number: string, lineId = RECEPTION) => callsOf(lineId).find((c) => c.remote.number === number);

/** The console's calls of a line, as remote numbers, equal the switch's legs of that device. */
function expectConsoleMatchesPbx(device = '1100'): void {
  const pbxLegs = demo.pbx.switch
    .deviceView(device)
    .groups.flatMap((g) => [g.primary, g.consultation])
    .filter((leg) => leg !== undefined)
    .map((leg) => leg.other.number)
    .sort();
  expect(
    callsOf(`ps/${device}`)
      .map((c) => c.remote.number)
      .sort(),
  ).toEqual(pbxLegs);
}

describe('PortaSIP against the demo PBX', () => {
  it('logs in, subscribes, resyncs: reception and the configured extensions are lines, existing calls appear', async () => {
    const { pbx: sim } = await start();
    await until(() => state().connections.ps?.state === 'online', 'online');
    expect(state().lines[RECEPTION]).toMatchObject({
      vendor: 'portasip',
      number: '1100',
      capabilities: expect.arrayContaining(['callback-dial', 'dial']),
    });
    expect(state().lines['ps/1103']).toMatchObject({ label: 'Mart Kuusk' });
    expect(sim.portasip!.sessionLogins()).toEqual(['reception']);
  });

  it('bad password: offline with a clear sentence, and no session', async () => {
    const { pbx } = await start({}, 'wrong');
    await until(() => state().connections.ps?.state === 'offline', 'offline');
    const detail = state().connections.ps.detail!;
    expect(detail).toMatchObject({ key: 'transport.auth' });
    expect(t(detail)).toBe(`PortaSIP ${new URL(pbx.portasip!.url).host} did not accept the user name or password.`);
    expect(pbx.portasip!.sessionLogins()).toEqual([]);
  });

  it('incoming → answer → hold → unhold → blind transfer; the call leaves and is in the journal', async () => {
    const { service } = await startOnline();
    demo.pbx.control.incomingCall({ from: '+33160127764' });
    await until(() => callWith('+33160127764')?.state === 'ringing', 'ringing');
    const call = callWith('+33160127764')!;
    expect(call).toMatchObject({ direction: 'incoming', remote: { name: 'Martin Jagger' }, actions: ['answer', 'hangup'] });

    expect(await service.execute({ kind: 'answer', callId: call.id })).toEqual({ ok: true });
    await until(() => callWith('+33160127764')?.state === 'connected', 'connected');
    expect(await service.execute({ kind: 'hold', callId: call.id })).toEqual({ ok: true });
    await until(() => callWith('+33160127764')?.state === 'held', 'held (holding)');
    expect(await service.execute({ kind: 'retrieve', callId: call.id })).toEqual({ ok: true });
    await until(() => callWith('+33160127764')?.state === 'connected', 'unheld');

    expect(await service.execute({ kind: 'transfer', callId: call.id, to: '1104' })).toEqual({ ok: true });
    await until(() => callsOf(RECEPTION).length === 0, 'transferred away');
    expect(state().journal[0]).toMatchObject({ callId: call.id, answered: true });
    // Watching the whole Centrex: the call now rings at the colleague, a line of its own.
    await until(() => callWith('+33160127764', 'ps/1104')?.state === 'ringing', 'ringing at 1104');
    expect(state().lines['ps/1104']).toMatchObject({ number: '1104', label: 'Kadri Tamm' });
    expectConsoleMatchesPbx('1104');
  });

  it('the held side sees held-by-peer; a colleague call is visible and can be answered', async () => {
    const { service } = await startOnline();
    demo.pbx.control.incomingCall({ from: '+3725123456', to: '1102' });
    await until(() => callWith('+3725123456', 'ps/1102')?.state === 'ringing', 'ringing at 1102');
    const atColleague = callWith('+3725123456', 'ps/1102')!;
    expect(await service.execute({ kind: 'answer', callId: atColleague.id })).toEqual({ ok: true });
    await until(() => callWith('+3725123456', 'ps/1102')?.state === 'connected', 'answered at 1102');
    expectConsoleMatchesPbx('1102');
  });

  it('consult (hold + callback originate) then join: an attended transfer', async () => {
    const { service } = await startOnline();
    demo.pbx.control.incomingCall({ from: '+3726654321' });
    await until(() => callWith('+3726654321')?.state === 'ringing', 'ringing');
    const caller = callWith('+3726654321')!;
    await service.execute({ kind: 'answer', callId: caller.id });
    await until(() => callWith('+3726654321')?.state === 'connected', 'connected');

    const consult = await service.execute({ kind: 'consult', callId: caller.id, to: '1103' });
    expect(consult).toEqual({
      ok: true,
      notice: msg('portasip.consultCallback', { line: 'Reception', extension: '1100', number: '1103' }),
    });
    expect(consult.ok && consult.notice && t(consult.notice)).toContain('Ringing Reception (1100) first');
    await until(() => callWith('1103')?.state === 'ringback', 'consultation rings');
    demo.pbx.control.colleagueAnswer('1103');
    await until(() => callWith('1103')?.state === 'connected', 'consultation answered');
    expect(callWith('+3726654321')!.state).toBe('held');
    expect(callWith('1103')!.actions).toContain('completeTransfer');

    expect(await service.execute({ kind: 'completeTransfer', callId: callWith('1103')!.id })).toEqual({ ok: true });
    await until(() => callsOf(RECEPTION).length === 0, 'joined and left');
    await until(() => callWith('+3726654321', 'ps/1103')?.state === 'connected', 'caller talks to 1103');
    expectConsoleMatchesPbx('1103');
  });

  it('a held call offers no blind transfer (PortaSIP refuses transfer_call on hold): retrieved, it transfers', async () => {
    const { service } = await startOnline();
    demo.pbx.control.incomingCall({ from: '+33160127764' });
    await until(() => callWith('+33160127764')?.state === 'ringing', 'ringing');
    const call = callWith('+33160127764')!;
    await service.execute({ kind: 'answer', callId: call.id });
    await until(() => callWith('+33160127764')?.state === 'connected', 'connected');
    await service.execute({ kind: 'hold', callId: call.id });
    await until(() => callWith('+33160127764')?.state === 'held', 'held');
    expect(callWith('+33160127764')!.actions).toEqual(['hangup', 'retrieve']);
    expect(await service.execute({ kind: 'transfer', callId: call.id, to: '1103' })).toMatchObject({
      ok: false,
      error: { key: 'command.notPossibleNow' },
    });
    expect(demo.pbx.switch.deviceView('1103').groups).toEqual([]);

    expect(await service.execute({ kind: 'retrieve', callId: call.id })).toEqual({ ok: true });
    await until(() => callWith('+33160127764')?.actions.includes('transfer') === true, 'retrieved: transfer offered');
    expect(await service.execute({ kind: 'transfer', callId: call.id, to: '1103' })).toEqual({ ok: true });
    await until(() => callWith('+33160127764', 'ps/1103')?.state === 'ringing', 'ringing at 1103');
  });

  it('a consult whose callback PortaSIP refuses takes the caller off hold again, and says so', async () => {
    // An account to charge the demo Centrex does not have: originate_advanced_call is refused (sip.wrong_parameters).
    const { service } = await startOnline({ reception: { number: '1100', label: 'Reception', billId: '999' } });
    demo.pbx.control.incomingCall({ from: '+33160127764' });
    await until(() => callWith('+33160127764')?.state === 'ringing', 'ringing');
    const caller = callWith('+33160127764')!;
    await service.execute({ kind: 'answer', callId: caller.id });
    await until(() => callWith('+33160127764')?.state === 'connected', 'connected');

    const result = await service.execute({ kind: 'consult', callId: caller.id, to: '1103' });
    expect(result).toEqual({
      ok: false,
      error: msg('command.failedUndone', {
        reason: msg('portasip.error.wrongParameters'),
        now: msg('work.announce.connected', { caller: 'Martin Jagger' }),
      }),
      code: 'sip.wrong_parameters',
    });
    expect(!result.ok && t(result.error)).toBe(
      'Connected with Martin Jagger again, since this failed: PortaSIP refused the request: a parameter is missing or wrong.',
    );
    expect(demo.pbx.switch.deviceView('1100').groups.map((g) => g.primary.state)).toEqual(['connected']);
    await until(() => callWith('+33160127764')?.state === 'connected', 'the console shows the caller connected');
    expect(demo.pbx.switch.deviceView('1103').groups).toEqual([]);
  });

  it('dial is a callback: a notice, then the call appears on reception', async () => {
    const { service } = await startOnline();
    const result = await service.execute({ kind: 'dial', lineId: RECEPTION, to: '+3725559876' });
    expect(result).toEqual({ ok: true, notice: msg('portasip.dialCallback', { extension: '1100', number: '+3725559876' }) });
    expect(result.ok && result.notice && t(result.notice)).toBe('Ringing your phone (1100) first; pick up and PortaSIP calls +3725559876.');
    await until(() => callWith('+3725559876')?.direction === 'outgoing', 'outgoing call');
    expectConsoleMatchesPbx();
  });

  it("bill_id is the line's configured PortaSwitch account, never its extension number", async () => {
    const { service } = await startOnline();
    // The demo Centrex charges only an account it has (37255501100), and refuses the extension number "1100".
    expect(await service.execute({ kind: 'dial', lineId: RECEPTION, to: '1103' })).toMatchObject({ ok: true });
    await until(() => callWith('1103')?.direction === 'outgoing', 'callback placed, charged to the account');
  });

  it('a line without an account to charge places no call: a clear refusal, nothing sent', async () => {
    const { service } = await startOnline({ reception: { number: '1100', label: 'Reception' } });
    demo.pbx.control.incomingCall({ from: '+3726654321' });
    await until(() => callWith('+3726654321')?.state === 'ringing', 'ringing');
    const caller = callWith('+3726654321')!;
    await service.execute({ kind: 'answer', callId: caller.id });
    await until(() => callWith('+3726654321')?.state === 'connected', 'connected');

    const dial = await service.execute({ kind: 'dial', lineId: RECEPTION, to: '1103' });
    expect(dial).toEqual({ ok: false, error: msg('portasip.noBillId', { line: 'Reception' }) });
    expect(!dial.ok && t(dial.error)).toBe(
      'Reception cannot place calls: its PortaSwitch account to charge is not set in the connection settings.',
    );
    // No Consult that could only fail: the call does not offer it, and a consult is refused before the hold.
    expect(callWith('+3726654321')!.actions).not.toContain('consult');
    expect(state().lines[RECEPTION].capabilities).not.toContain('consult');
    expect(await service.execute({ kind: 'consult', callId: caller.id, to: '1103' })).toMatchObject({ ok: false });
    await new Promise((r) => setTimeout(r, 200));
    expect(callWith('+3726654321')!.state).toBe('connected');
    expect(demo.pbx.switch.deviceView('1103').groups).toEqual([]);
  });

  it.each(['disabled_api_notifications', 'call_control_disabled'] as const)(
    'notifications switched off on the session (%s): enabled again and the list retried, the connection stays online',
    async (fault) => {
      const { service, log } = await startOnline({ resyncSeconds: 5 });
      const states = new Set<string>();
      const unsubscribe = service.subscribe(() => states.add(service.getState().connections.ps?.state ?? 'none'));
      demo.pbx.portasip!.faults.disableNotifications({ fault });
      // No notification reaches the console now: the call shows only through the next periodic calls list.
      demo.pbx.control.incomingCall({ from: '+3725551234' });
      await until(() => callWith('+3725551234') !== undefined, 'the call, from the periodic list after re-enabling', 8000);
      expect(log.entries.some((e) => e.message === 'portasip: notifications not enabled, enabling and retrying')).toBe(true);
      // Notifications flow again on the same session: the hang-up arrives at once, not with the next list.
      demo.pbx.control.remoteHangup({ number: '+3725551234' });
      await until(() => callWith('+3725551234') === undefined, 'hang-up by notification', 2000);
      unsubscribe();
      expect([...states]).toEqual(['online']);
      expect(demo.pbx.portasip!.sessionLogins()).toEqual(['reception']);
    },
  );

  it('notifications cannot be enabled again: offline with the reason, back online once PortaSIP allows them', async () => {
    await startOnline({ resyncSeconds: 5 });
    demo.pbx.portasip!.faults.disableNotifications({ refuseEnable: true });
    await until(() => state().connections.ps?.state !== 'online', 'link lost after the retry failed', 8000);
    expect(state().connections.ps.detail).toMatchObject({ key: 'portasip.error.notificationsDisabled' });
    demo.pbx.portasip!.faults.allowNotifications();
    await until(() => state().connections.ps?.state === 'online', 'online again');
  });

  it('a PBX refusal comes back in words and changes nothing', async () => {
    const { service } = await startOnline();
    demo.pbx.control.incomingCall({ from: '+4930123456' });
    await until(() => callWith('+4930123456')?.state === 'ringing', 'ringing');
    demo.pbx.control.remoteHangup({ number: '+4930123456' });
    const stale = { kind: 'hold', callId: 'ps/1100#1@sim.portasip|t1' } as const;
    const refusal = await service.execute(stale);
    expect(refusal).toEqual({ ok: false, error: msg('command.callEnded') });
    expect(!refusal.ok && t(refusal.error)).toBe('That call has ended.');
    await until(() => callsOf(RECEPTION).length === 0, 'ended');
    expect(state().journal[0]).toMatchObject({ answered: false });
  });

  it('session expiry: the next command logs in again transparently', async () => {
    const { service, log } = await startOnline();
    demo.pbx.control.incomingCall({ from: '+46701234567' });
    await until(() => callWith('+46701234567')?.state === 'ringing', 'ringing');
    demo.pbx.portasip!.faults.expireSessions();
    expect(demo.pbx.portasip!.sessionLogins()).toEqual([]);
    expect(await service.execute({ kind: 'answer', callId: callWith('+46701234567')!.id })).toEqual({ ok: true });
    await until(() => callWith('+46701234567')?.state === 'connected', 'connected after re-login');
    expect(demo.pbx.portasip!.sessionLogins()).toEqual(['reception']);
    expect(log.entries.some((e) => e.message === 'portasip: session refused, logging in again')).toBe(true);
    expect(state().connections.ps.state).toBe('online');
  });

  it('abrupt close: reconnects and resyncs, no stale call survives', async () => {
    await startOnline();
    demo.pbx.control.incomingCall({ from: '+358401234567' });
    demo.pbx.control.incomingCall({ from: '+3725123456', to: '1101' });
    await until(() => callWith('+358401234567') !== undefined && callWith('+3725123456', 'ps/1101') !== undefined, 'two calls');
    demo.pbx.portasip!.faults.refuseConnections(true);
    demo.pbx.portasip!.faults.abruptClose();
    await until(() => state().connections.ps?.state === 'offline', 'offline');
    // While the console is away: one call ends, a new one starts.
    demo.pbx.control.remoteHangup({ number: '+358401234567' });
    demo.pbx.control.incomingCall({ from: '+4930123456' });
    demo.pbx.portasip!.faults.refuseConnections(false);
    await until(() => state().connections.ps?.state === 'online', 'online again');
    await until(() => callWith('+4930123456') !== undefined, 'new call after resync');
    expect(callWith('+358401234567')).toBeUndefined();
    expect(callWith('+3725123456', 'ps/1101')).toBeDefined();
    expectConsoleMatchesPbx();
    expectConsoleMatchesPbx('1101');
  });

  it('malformed and oversized frames are dropped with a log line; the connection stays up', async () => {
    const { log } = await startOnline();
    demo.pbx.portasip!.faults.sendMalformedFrame();
    demo.pbx.portasip!.faults.sendOversizedFrame(2 * 1024 * 1024);
    demo.pbx.control.incomingCall({ from: '+3725559876' });
    await until(() => callWith('+3725559876') !== undefined, 'call after junk');
    expect(log.entries.some((e) => e.message === 'portasip: malformed frame dropped')).toBe(true);
    expect(log.entries.some((e) => e.message === 'portasip: oversized frame dropped')).toBe(true);
    expect(state().connections.ps.state).toBe('online');
  });

  it('watching one extension (i_account) sees only its calls', async () => {
    await startOnline({ watch: [{ i_account: 1100 }], extensions: [] });
    demo.pbx.control.incomingCall({ from: '+3725123456', to: '1102' });
    demo.pbx.control.incomingCall({ from: '+33160127764' });
    await until(() => callWith('+33160127764') !== undefined, 'reception call');
    await new Promise((r) => setTimeout(r, 200));
    expect(Object.keys(state().lines)).toEqual([RECEPTION]);
  });
});

describe('PortaSIP call queues against the demo PBX', () => {
  const QUEUE_NAMES = { '1': 'Sales', '2': 'Support' };

  /** Reception talks to a caller, so queue callers wait (the demo queue hands over only to a free receptionist). */
  async function receptionBusy() {
    demo.pbx.control.incomingCall({ from: '+33160127764' });
    await until(() => callWith('+33160127764')?.state === 'ringing', 'ringing');
    const talking = callWith('+33160127764')!;
    expect(await demo.service.execute({ kind: 'answer', callId: talking.id })).toEqual({ ok: true });
    await until(() => callWith('+33160127764')?.state === 'connected', 'connected');
    return talking;
  }

  it('queued → dequeued → answered: Call.queue names the queue from the configuration, with the place and the operators', async () => {
    const { service } = await startOnline({ queueNames: QUEUE_NAMES });
    const talking = await receptionBusy();
    demo.pbx.control.queueCall({ from: '+3725123456', queue: '1' });
    demo.pbx.control.queueCall({ from: '+3726654321', queue: '1' });
    await until(() => callWith('+3726654321')?.state === 'queued', 'second caller queued');
    const first = callWith('+3725123456')!;
    expect(first).toMatchObject({
      state: 'queued',
      direction: 'incoming',
      remote: { number: '+3725123456', name: 'Kalev Kask' },
      firstCalled: { number: '1200' },
      queue: { id: '1', name: 'Sales', position: 1, operators: 2 },
    });
    const secondQueued = callWith('+3726654321')!;
    expect(secondQueued.queue).toEqual({ id: '1', name: 'Sales', position: 2, operators: 2 });
    // No pickup in the Call Control API: a queued call offers no answer, and one asked for is refused, nothing sent.
    expect(first.actions).not.toContain('answer');
    expect(await service.execute({ kind: 'answer', callId: first.id })).toMatchObject({ ok: false });
    expectConsoleMatchesPbx();

    // The first caller gives up: the second moves up.
    demo.pbx.control.remoteHangup({ number: '+3725123456' });
    await until(() => callWith('+3726654321')?.queue?.position === 1, 'second caller first in the queue');
    await until(() => callWith('+3725123456') === undefined, 'abandoned caller gone');

    // Reception is free again: the queue hands the caller over (dequeued), the call rings and can be answered.
    expect(await service.execute({ kind: 'hangup', callId: talking.id })).toEqual({ ok: true });
    await until(() => callWith('+3726654321')?.state === 'ringing', 'handed over: ringing');
    const ringing = callWith('+3726654321')!;
    // The same dialog: the queued call became the ringing one, no second call appeared.
    expect(ringing).toMatchObject({ id: secondQueued.id, actions: ['answer', 'hangup'] });
    expect(ringing.queue).toEqual({ id: '1', name: 'Sales', operators: 2 });
    expect(await service.execute({ kind: 'answer', callId: ringing.id })).toEqual({ ok: true });
    await until(() => callWith('+3726654321')?.state === 'connected', 'answered');
    expect(callWith('+3726654321')!.queue).toEqual({ id: '1', name: 'Sales', operators: 2 });
    expectConsoleMatchesPbx();
  });

  it('without a configured name the queue is its id; a waiting caller can be released (terminate_call)', async () => {
    const { service } = await startOnline();
    await receptionBusy();
    demo.pbx.control.queueCall({ from: '+3725559876', queue: '2' });
    await until(() => callWith('+3725559876')?.state === 'queued', 'queued');
    const waiting = callWith('+3725559876')!;
    expect(waiting.queue).toEqual({ id: '2', position: 1, operators: 1 });
    expect(waiting.actions).toEqual(['hangup']);
    expect(await service.execute({ kind: 'hangup', callId: waiting.id })).toEqual({ ok: true });
    await until(() => callWith('+3725559876') === undefined, 'released');
    expect(demo.pbx.control.queues().flatMap((q) => q.waiting)).toEqual([]);
    expectConsoleMatchesPbx();
  });
});
