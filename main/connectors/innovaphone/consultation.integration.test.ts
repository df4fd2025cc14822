/**
 * Consultations against the demo PBX's innovaphone front end: Consult and Transfer on a held call, a consult whose
 * consultation call fails (the caller is given back, not left on hold), and which held call Complete transfer joins
 * when more than one waits — the one held for the consultation, which the console remembers as a pair (Call.role),
 * through a reconnect too. Each command's effect is checked on the switch, the demo PBX's truth.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTranslator } from '../../../app/i18n/translator';
import type { Call, ConsoleState } from '../../../app/model';
import { InnovaphoneClient } from './client';
import { demoPbxConsole } from '../../testing/demo-pbx-console';

const PASSWORD_ENV = 'INNOVAPHONE_CONSULT_PASSWORD';
const LINE = 'it/Reception';
const lineCallsOf = (state: ConsoleState): Call[] => Object.values(state.calls).filter((c) => c.lineId === LINE);
const demo = demoPbxConsole({ vendor: 'innovaphone', shownCalls: lineCallsOf });
const { state, until } = demo;

const CALLER = '+33160127764';
const SECOND_CALLER = '+3725123456';

afterEach(() => {
  vi.restoreAllMocks();
});

function start() {
  return demo.start({
    pbx: { innovaphone: { extraUsers: 5, accounts: { Reception: 'right' }, pollHoldMs: 1500, orphanSessionMs: 300 } },
    prepare: (pbx) => pbx.control.setColleagueAutoAnswer(false),
    env: () => ({ [PASSWORD_ENV]: 'right' }),
    connection: (pbx) => ({
      vendor: 'innovaphone',
      id: 'it',
      label: 'Consultation innovaphone',
      url: pbx.innovaphone!.url,
      username: 'Reception',
      passwordEnv: PASSWORD_ENV,
      requestTimeoutMs: 2000,
      pollTimeoutSeconds: 10,
      echoIntervalSeconds: 1,
      lines: [{ cn: 'Reception', label: 'Reception' }],
    }),
  });
}

const lineCalls = (): Call[] => lineCallsOf(state());
const callWith = (number: string) => lineCalls().find((c) => c.remote.number === number);
/** The reception phone's legs on the switch. */
const receptionLegs = () =>
  demo.pbx.switch.deviceView('1100').groups.flatMap((g) => (g.consultation ? [g.primary, g.consultation] : [g.primary]));

async function ok(result: Promise<{ ok: boolean }>) {
  expect(await result).toMatchObject({ ok: true });
}

async function answered(number: string) {
  demo.pbx.control.incomingCall({ from: number });
  await until(() => callWith(number)?.state === 'ringing', `${number} rings`);
  await ok(demo.service.execute({ kind: 'answer', callId: callWith(number)!.id }));
  await until(() => callWith(number)?.state === 'connected', `${number} connected`);
}

async function held(number: string) {
  await answered(number);
  await ok(demo.service.execute({ kind: 'hold', callId: callWith(number)!.id }));
  await until(() => callWith(number)?.state === 'held', `${number} held`);
}

describe('innovaphone consultations', () => {
  it('Consult on a held call places the consultation without holding again, and Complete transfer hands the caller over', async () => {
    await start();
    await held(CALLER);
    expect(callWith(CALLER)!.actions).toContain('consult');
    await ok(demo.service.execute({ kind: 'consult', callId: callWith(CALLER)!.id, to: '1103' }));
    await until(() => callWith('1103')?.state === 'ringback', 'consulting');
    expect(callWith('1103')).toMatchObject({ role: 'consultation', relatedCallId: callWith(CALLER)!.id });
    expect(callWith(CALLER)).toMatchObject({ role: 'consulted-from', relatedCallId: callWith('1103')!.id });
    demo.pbx.control.colleagueAnswer('1103');
    await until(() => callWith('1103')?.state === 'connected', 'consultation answered');
    await ok(demo.service.execute({ kind: 'completeTransfer', callId: callWith('1103')!.id }));
    await until(() => lineCalls().length === 0, 'transferred away');
    expect(demo.pbx.switch.deviceView('1103').groups[0].primary.other.number).toBe(CALLER);
  });

  it('Transfer on a held call sends the caller on (UserRetrieve, then UserRedirect)', async () => {
    await start();
    await held(CALLER);
    expect(callWith(CALLER)!.actions).toContain('transfer');
    await ok(demo.service.execute({ kind: 'transfer', callId: callWith(CALLER)!.id, to: '1103' }));
    await until(() => lineCalls().length === 0, 'transferred away');
    expect(demo.pbx.switch.deviceView('1103').groups[0].primary).toMatchObject({ state: 'alerting', other: { number: CALLER } });
  });

  it('a Transfer on a held call that the PBX refuses leaves the caller on hold, as it was', async () => {
    await start();
    await held(CALLER);
    demo.pbx.innovaphone!.faults.soapFault(1, 'UserRedirect');
    const result = await demo.service.execute({ kind: 'transfer', callId: callWith(CALLER)!.id, to: '1103' });
    // Why it failed, and that the caller is on hold again.
    expect(result).toMatchObject({
      ok: false,
      error: {
        key: 'command.failedUndone',
        params: { reason: { key: 'innovaphone.fault', params: { operation: 'UserRedirect' } }, now: { key: 'work.announce.held' } },
      },
    });
    if (!result.ok)
      expect(createTranslator('en')(result.error)).toBe(
        'Martin Jagger on hold again, since this failed: The PBX refused UserRedirect: simulated fault',
      );
    expect(receptionLegs().map((l) => l.state)).toEqual(['hold']);
    await until(() => callWith(CALLER)?.state === 'held', 'held again');
  });

  it('a consult whose consultation call fails gives the caller back instead of leaving them on hold, and says so', async () => {
    await start();
    await answered(CALLER);
    demo.pbx.innovaphone!.faults.soapFault(1, 'UserCall');
    const result = await demo.service.execute({ kind: 'consult', callId: callWith(CALLER)!.id, to: '1103' });
    // Why it failed, and that the caller is back on the line.
    expect(result).toMatchObject({
      ok: false,
      error: { key: 'command.failedUndone', params: { reason: { key: 'innovaphone.fault' }, now: { key: 'work.announce.connected' } } },
    });
    if (!result.ok)
      expect(createTranslator('en')(result.error)).toBe(
        'Connected with Martin Jagger again, since this failed: The PBX refused UserCall: simulated fault',
      );
    expect(receptionLegs().map((l) => l.state)).toEqual(['connected']);
    await until(() => callWith(CALLER)?.state === 'connected', 'the caller is back on the line');
    expect(callWith(CALLER)!.actions).toContain('consult');
  });

  it('Complete transfer joins the caller held for the consultation, not one who waited on hold before', async () => {
    await start();
    await held(CALLER);
    await answered(SECOND_CALLER);
    // A caller waiting on hold elsewhere takes nothing from the call being talked on.
    expect(callWith(SECOND_CALLER)!.actions).toEqual(expect.arrayContaining(['consult', 'transfer']));
    expect(callWith(SECOND_CALLER)!.actions).not.toContain('completeTransfer');
    // The receptionist holds the second caller and dials 1103 for them.
    await ok(demo.service.execute({ kind: 'hold', callId: callWith(SECOND_CALLER)!.id }));
    await until(() => callWith(SECOND_CALLER)?.state === 'held', 'second caller held');
    await ok(demo.service.execute({ kind: 'dial', lineId: LINE, to: '1103' }));
    await until(() => callWith('1103')?.state === 'ringback', 'calling 1103');
    demo.pbx.control.colleagueAnswer('1103');
    await until(() => callWith('1103')?.state === 'connected' && callWith('1103')!.actions.includes('completeTransfer'), '1103 answers');
    expect(callWith('1103')).toMatchObject({ role: 'consultation', relatedCallId: callWith(SECOND_CALLER)!.id });
    expect(callWith(CALLER)!.actions).not.toContain('completeTransfer');

    // The demo PBX transfers only when the user has no third call, so the request sent is what shows the pair joined.
    const requests = vi.spyOn(InnovaphoneClient.prototype, 'call');
    await demo.service.execute({ kind: 'completeTransfer', callId: callWith('1103')!.id });
    const handle = (number: string) => Number(callWith(number)!.id.split('#')[1]);
    expect(requests.mock.calls.map(([request]) => request).filter((r) => r.op === 'UserTransfer')).toEqual([
      { op: 'UserTransfer', a: handle(SECOND_CALLER), b: handle('1103') },
    ]);

    // With the first caller gone the PBX takes it: 1103 now talks to the second caller.
    demo.pbx.control.remoteHangup({ number: CALLER });
    await until(() => callWith(CALLER) === undefined, 'first caller gone');
    await ok(demo.service.execute({ kind: 'completeTransfer', callId: callWith('1103')!.id }));
    await until(() => lineCalls().length === 0, 'transferred away');
    expect(demo.pbx.switch.deviceView('1103').groups[0].primary.other.number).toBe(SECOND_CALLER);
  });

  it('the pair outlives a reconnect, and ends with either call', async () => {
    await start();
    await answered(CALLER);
    await ok(demo.service.execute({ kind: 'consult', callId: callWith(CALLER)!.id, to: '1103' }));
    await until(() => callWith('1103')?.state === 'ringback', 'consulting');
    demo.pbx.control.colleagueAnswer('1103');
    await until(() => callWith('1103')?.state === 'connected', 'consultation answered');
    const ids = [callWith(CALLER)!.id, callWith('1103')!.id];

    demo.pbx.innovaphone!.faults.invalidateSessions();
    await until(() => state().connections.it.state === 'offline', 'offline');
    await until(() => state().connections.it.state === 'online', 'back online');
    await until(() => callWith('1103')?.actions.includes('completeTransfer') === true, 'controllable again');
    expect([callWith(CALLER)!.id, callWith('1103')!.id]).toEqual(ids);
    expect(callWith('1103')).toMatchObject({ role: 'consultation', relatedCallId: ids[0] });

    // The colleague hangs up: the caller is held on their own again, with what a held call offers.
    demo.pbx.control.remoteHangup({ number: '1103' });
    await until(() => callWith('1103') === undefined, 'consultation ended');
    await until(() => callWith(CALLER)?.role === undefined, 'the pair is over');
    expect(callWith(CALLER)).toMatchObject({ state: 'held', actions: ['retrieve', 'transfer', 'consult', 'park', 'hangup'] });
  });
});
