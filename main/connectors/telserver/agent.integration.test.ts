/**
 * Agent state and statistics against the demo PBX's TelServer front end:
 * switched from the console and from the PBX side (a supervisor, the
 * phone), and the PBX's own counts following the calls the agent takes.
 */
import { describe, expect, it } from 'vitest';
import type { Call, ConsoleState } from '../../../app/model';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { demoTelServerConnection } from './demo-connection';

const LINE = 'ag/1100';
const lineCallsOf = (state: ConsoleState): Call[] => Object.values(state.calls).filter((c) => c.lineId === LINE);
const demo = demoPbxConsole({ vendor: 'telserver', shownCalls: lineCallsOf, timeoutMs: 8000 });
const { state, until } = demo;

function start() {
  return demo.start({
    connection: (pbx) => demoTelServerConnection(pbx.telserver, { id: 'ag', label: 'Agent TelServer' }),
  });
}

const agent = () => state().lines[LINE]?.agent;

describe('TelServer agent state against the demo PBX', () => {
  it('switched from the console reaches the PBX; switched at the PBX shows in the console', async () => {
    const { service } = await start();
    await until(() => agent()?.state === 'ready', 'the demo reception is a ready agent');
    expect(await service.execute({ kind: 'setAgentState', lineId: LINE, state: 'notReady' })).toEqual({ ok: true });
    expect(demo.pbx.switch.deviceView('1100').agentState).toBe('notReady');
    await until(() => agent()?.state === 'notReady', 'the console follows its own change');

    // A supervisor logs the agent out at the PBX.
    demo.pbx.switch.setAgentState('1100', 'loggedOff');
    await until(() => agent()?.state === 'loggedOff', 'the console follows the PBX');
    expect(await service.execute({ kind: 'setAgentState', lineId: LINE, state: 'loggedOn' })).toEqual({ ok: true });
    await until(() => agent()?.state === 'loggedOn', 'logged in again');
    expect(demo.pbx.switch.deviceView('1100').agentState).toBe('loggedOn');
  });

  it('the PBX’s statistics for the agent arrive at connect and count an answered call once it ends', async () => {
    const { service } = await start();
    await until(() => agent()?.statistics !== undefined, 'statistics read at connect');
    expect(agent()?.statistics).toMatchObject({ offered: 0, answered: 0, abandoned: 0 });
    expect(agent()?.statistics?.since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);

    demo.pbx.control.incomingCall({ from: '+33160127764' });
    await until(() => lineCallsOf(state())[0]?.state === 'ringing', 'ringing');
    const [ringing] = lineCallsOf(state());
    expect(await service.execute({ kind: 'answer', callId: ringing.id })).toEqual({ ok: true });
    await until(() => lineCallsOf(state())[0]?.state === 'connected', 'connected');
    expect(await service.execute({ kind: 'hangup', callId: ringing.id })).toEqual({ ok: true });
    await until(() => agent()?.statistics?.answered === 1, 'the answered call counted');
    expect(agent()?.statistics).toMatchObject({ offered: 1, answered: 1, abandoned: 0 });
  });
});
