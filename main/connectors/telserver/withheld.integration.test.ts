/**
 * Withheld callers against the demo PBX. TelServer shows a withheld number as
 * '*****-<call reference>', one per call; a command on such a call must name
 * it so (otherNumber, callingNumber), or the PBX acts on the call it picks by
 * default (the first alerting, the connected one) — another caller.
 */
import { describe, expect, it } from 'vitest';
import type { Call, ConsoleState } from '../../../app/model';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { demoTelServerConnection } from './demo-connection';

const LINE = 'it/1100';
const lineCallsOf = (s: ConsoleState): Call[] => Object.values(s.calls).filter((c) => c.lineId === LINE);
const demo = demoPbxConsole({ vendor: 'telserver', shownCalls: lineCallsOf, timeoutMs: 8000 });
const { state, until } = demo;
const lineCalls = (): Call[] => lineCallsOf(state());
const callWith = (number: string) => lineCalls().find((c) => c.remote.number === number);
/** Every leg of the reception device as the PBX has it. */
const pbxLegs = () =>
  demo.pbx.switch.deviceView('1100').groups.flatMap((g) => (g.consultation ? [g.primary, g.consultation] : [g.primary]));

function start() {
  return demo.start({
    connection: (pbx) => demoTelServerConnection(pbx.telserver, { id: 'it', label: 'IT', keepaliveSeconds: 1 }),
    prepare: (pbx) => pbx.control.setColleagueAutoAnswer(false),
  });
}

describe('TelServer withheld callers against the demo PBX', () => {
  it('Answer on the newer of two withheld ringing calls answers that one, not the first alerting', async () => {
    const { service } = await start();
    const first = demo.pbx.control.incomingCall({ from: '' });
    await until(() => lineCalls().length === 1, 'first withheld caller ringing');
    const second = demo.pbx.control.incomingCall({ from: '' });
    await until(() => lineCalls().length === 2, 'second withheld caller ringing');
    const clicked = callWith(`*****-${second.ringingRef}`)!;
    expect(clicked.actions).toContain('answer');

    expect(await service.execute({ kind: 'answer', callId: clicked.id })).toEqual({ ok: true });
    await until(() => pbxLegs().some((l) => l.state === 'connected'), 'answered on the PBX');
    expect(pbxLegs().find((l) => l.ref === second.ringingRef)?.state).toBe('connected');
    expect(pbxLegs().find((l) => l.ref === first.ringingRef)?.state).toBe('alerting');
  });

  it('Transfer of a connected withheld caller while another call rings sends that caller, and the other keeps ringing', async () => {
    const { service } = await start();
    demo.pbx.control.incomingCall({ from: '' });
    await until(() => lineCalls()[0]?.state === 'ringing', 'withheld caller ringing');
    const talking = lineCalls()[0];
    await service.execute({ kind: 'answer', callId: talking.id });
    await until(() => state().calls[talking.id]?.state === 'connected', 'withheld caller connected');
    demo.pbx.control.incomingCall({ from: '+3725123456' });
    await until(() => callWith('+3725123456')?.state === 'ringing', 'second caller ringing');
    expect(state().calls[talking.id].actions).toContain('transfer');

    expect(await service.execute({ kind: 'transfer', callId: talking.id, to: '1103' })).toEqual({ ok: true });
    await until(() => state().calls[talking.id] === undefined, 'withheld caller transferred away');
    const at1103 = demo.pbx.switch.deviceView('1103').groups.map((g) => g.primary.other);
    expect(at1103).toEqual([expect.objectContaining({ withheld: true })]);
    expect(pbxLegs().map((l) => [l.other.number, l.state])).toEqual([['+3725123456', 'alerting']]);
    expect(callWith('+3725123456')?.state).toBe('ringing');
  });
});
