/**
 * The console against the demo PBX's TelServer front end for what the
 * TelServices document says about a second call and about late replies:
 * - a call waiting (ringing while another is connected) offers only what
 *   acts on it: Answer and Divert, never Hang up (dropCall drops *the
 *   connected* call);
 * - answering it holds the first call without turning the pair into a
 *   consultation: that role belongs to a call the receptionist consulted;
 * - a reply later than the request timeout, for a command the events show
 *   done, is no failure.
 */
import { describe, expect, it } from 'vitest';
import type { Call, ConsoleState } from '../../../app/model';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { demoTelServerConnection } from './demo-connection';
import { telserverDemo } from './demo';

const LINE = 'it/1100';
const lineCallsOf = (state: ConsoleState): Call[] => Object.values(state.calls).filter((c) => c.lineId === LINE);
const demo = demoPbxConsole({ vendor: 'telserver', shownCalls: lineCallsOf, timeoutMs: 8000 });
const { state, until } = demo;
const REQUEST_TIMEOUT_MS = 1000;

function start() {
  return demo.start({
    connection: (pbx) =>
      demoTelServerConnection(pbx.telserver, {
        id: 'it',
        label: 'Integration TelServer',
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        keepaliveSeconds: 5,
      }),
  });
}

const lineCalls = (): Call[] => lineCallsOf(state());
const callWith = (number: string) => lineCalls().find((c) => c.remote.number === number);
const FIRST = '+33160127764';
const WAITING = '+3725123456';

/** Reception talks to FIRST; WAITING rings meanwhile. */
async function callWaiting() {
  const started = await start();
  demo.pbx.control.incomingCall({ from: FIRST });
  await until(() => callWith(FIRST)?.state === 'ringing', 'first call ringing');
  expect(await started.service.execute({ kind: 'answer', callId: callWith(FIRST)!.id })).toEqual({ ok: true });
  await until(() => callWith(FIRST)?.state === 'connected', 'first call connected');
  demo.pbx.control.incomingCall({ from: WAITING });
  await until(() => callWith(WAITING)?.state === 'ringing', 'second call waiting');
  return started;
}

describe('TelServer: a second call', () => {
  it('a waiting call offers Answer and Divert, not Hang up; the connected call keeps its own actions', async () => {
    const { service } = await callWaiting();
    expect(callWith(WAITING)!.actions).toEqual(['answer', 'divert']);
    expect(callWith(FIRST)!.actions).toEqual(expect.arrayContaining(['hangup', 'hold']));
    expect(callWith(FIRST)!.actions).not.toContain('answer');
    // Hang up on the connected call ends that call, and the waiting one keeps ringing.
    expect(await service.execute({ kind: 'hangup', callId: callWith(FIRST)!.id })).toEqual({ ok: true });
    await until(() => callWith(FIRST) === undefined, 'first call ended');
    expect(callWith(WAITING)).toMatchObject({ state: 'ringing', actions: ['answer', 'divert'] });
  });

  it('answering a waiting call holds the first one; neither is labelled a consultation', async () => {
    const { service } = await callWaiting();
    expect(await service.execute({ kind: 'answer', callId: callWith(WAITING)!.id })).toEqual({ ok: true });
    await until(() => callWith(WAITING)?.state === 'connected' && callWith(FIRST)?.state === 'held', 'answered, first held');
    expect(callWith(FIRST)!.role).toBeUndefined();
    expect(callWith(WAITING)!.role).toBeUndefined();
    // The held call is not hung up through dropCall (that drops the connected one); Retrieve, Alternate reach it.
    expect(callWith(FIRST)!.actions).not.toContain('hangup');
    expect(callWith(WAITING)!.actions).toContain('hangup');
    expect(await service.execute({ kind: 'alternate', callId: callWith(WAITING)!.id })).toEqual({ ok: true });
    await until(() => callWith(FIRST)?.state === 'connected' && callWith(WAITING)?.state === 'held', 'alternated');
    expect(callWith(FIRST)!.role).toBeUndefined();
  });

  it('a consultation the receptionist placed is labelled so, both ways', async () => {
    const { service } = await start();
    demo.pbx.control.incomingCall({ from: FIRST });
    await until(() => callWith(FIRST)?.state === 'ringing', 'ringing');
    await service.execute({ kind: 'answer', callId: callWith(FIRST)!.id });
    await until(() => callWith(FIRST)?.state === 'connected', 'connected');
    expect(await service.execute({ kind: 'consult', callId: callWith(FIRST)!.id, to: '1103' })).toEqual({ ok: true });
    await until(() => callWith('1103')?.state === 'connected', 'consultation answered');
    expect(callWith('1103')).toMatchObject({ role: 'consultation', relatedCallId: callWith(FIRST)!.id });
    expect(callWith(FIRST)).toMatchObject({ role: 'consulted-from', relatedCallId: callWith('1103')!.id });
  });
});

describe('TelServer: a reply later than the request timeout', () => {
  it('answer: the events show the call connected, so the command is accepted, not an error', async () => {
    const { service, pbx } = await start();
    demo.pbx.control.incomingCall({ from: FIRST });
    await until(() => callWith(FIRST)?.state === 'ringing', 'ringing');
    // The demo switch the console's --sim-control offers: TelServer executes at once but answers late.
    await telserverDemo.faults(pbx).delayReplies.run({ ms: REQUEST_TIMEOUT_MS + 500 });
    const result = await service.execute({ kind: 'answer', callId: callWith(FIRST)!.id });
    expect(result).toEqual({ ok: true });
    expect(callWith(FIRST)!.state).toBe('connected');
  });

  it('a late reply whose effect never shows stays a timeout in words', async () => {
    const { service, pbx } = await start();
    demo.pbx.control.incomingCall({ from: FIRST });
    await until(() => callWith(FIRST)?.state === 'ringing', 'ringing');
    await telserverDemo.faults(pbx).delayReplies.run({ ms: 3 * REQUEST_TIMEOUT_MS });
    // 99 is no extension and no outside number: TelServer refuses the divert (late), nothing changes on the PBX.
    const result = await service.execute({ kind: 'divert', callId: callWith(FIRST)!.id, to: '99' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.key).toBe('transport.timeout');
    expect(callWith(FIRST)!.state).toBe('ringing');
  });
});
