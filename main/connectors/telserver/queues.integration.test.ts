/**
 * TelServer call queues against the demo PBX: a caller waiting in a queue
 * is a call in state "queued" at the receptionist's device, with the called
 * number (extraData, firstCalledParty); nothing is offered until the PBX
 * rings it (alerting), then answer works.
 */
import { describe, expect, it } from 'vitest';
import type { Call } from '../../../app/model';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { demoTelServerConnection } from './demo-connection';

const LINE = 'tq/1100';
const demo = demoPbxConsole({ vendor: 'telserver', timeoutMs: 8000 });
const { state, until } = demo;
const callWith = (number: string): Call | undefined =>
  Object.values(state().calls).find((c) => c.lineId === LINE && c.remote.number === number);

describe('TelServer call queues against the demo PBX', () => {
  it('queued (no actions, the called number) → alerting when reception is free → answered', async () => {
    const { service } = await demo.start({
      connection: (pbx) => demoTelServerConnection(pbx.telserver, { id: 'tq', label: 'Queues TelServer', keepaliveSeconds: 1 }),
    });
    demo.pbx.control.incomingCall({ from: '+33160127764' });
    await until(() => callWith('+33160127764')?.state === 'ringing', 'ringing');
    const talking = callWith('+33160127764')!;
    expect(await service.execute({ kind: 'answer', callId: talking.id })).toEqual({ ok: true });
    await until(() => callWith('+33160127764')?.state === 'connected', 'connected');

    demo.pbx.control.queueCall({ from: '+3725123456', queue: '2' });
    await until(() => callWith('+3725123456')?.state === 'queued', 'queued');
    const queued = callWith('+3725123456')!;
    expect(queued).toMatchObject({ direction: 'incoming', remote: { name: 'Kalev Kask' }, firstCalled: { number: '1201' }, actions: [] });
    expect(await service.execute({ kind: 'answer', callId: queued.id })).toMatchObject({ ok: false });
    // The call being talked on keeps its own actions: the waiting caller is no second call of the phone.
    expect(callWith('+33160127764')!.actions).toEqual(expect.arrayContaining(['hangup', 'hold', 'consult']));

    expect(await service.execute({ kind: 'hangup', callId: talking.id })).toEqual({ ok: true });
    await until(() => callWith('+3725123456')?.state === 'ringing', 'handed over: alerting');
    const ringing = callWith('+3725123456')!;
    expect(ringing).toMatchObject({ id: queued.id, firstCalled: { number: '1201' } });
    expect(ringing.actions).toContain('answer');
    expect(await service.execute({ kind: 'answer', callId: ringing.id })).toEqual({ ok: true });
    await until(() => callWith('+3725123456')?.state === 'connected', 'answered');
    expect(demo.pbx.control.queues().flatMap((q) => q.waiting)).toEqual([]);
  });
});
