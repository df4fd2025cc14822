import { afterEach, describe, expect, it } from 'vitest';
import { startDemoPbx, type DemoPbx } from '../sim';
import { demoControl } from './demo-control';

let pbx: DemoPbx | undefined;
afterEach(async () => {
  await pbx?.stop();
  pbx = undefined;
});

const connection = { vendor: 'telserver', id: 'demo', label: 'Demo' };

describe('demo control: queues', () => {
  it('queueCall puts a caller into a queue; queueState shows each queue with its waiting callers', async () => {
    pbx = await startDemoPbx({ mode: 'manual' });
    const sim = demoControl(pbx, {}, connection);
    await sim('incomingCall', { from: '+33160127764' });
    pbx.switch.answer('1100');
    expect(await sim('queueCall', { from: '+3725123456', queue: '1' })).toMatchObject({
      sentAt: expect.any(Number),
      outcome: 'queued',
      position: 1,
      callerRef: expect.any(String),
      ref: expect.any(String),
    });
    expect(await sim('queueCall', { from: '+3725000001', queue: '2', name: 'Queue Caller' })).toMatchObject({
      outcome: 'queued',
      position: 1,
    });
    expect(await sim('queueState', {})).toEqual({
      queues: [
        {
          id: '1',
          name: 'Sales',
          number: '1200',
          agent: '1100',
          operators: 2,
          waiting: [expect.objectContaining({ number: '+3725123456', position: 1, withheld: false, since: expect.any(Number) })],
        },
        {
          id: '2',
          name: 'Support',
          number: '1201',
          agent: '1100',
          operators: 1,
          waiting: [expect.objectContaining({ number: '+3725000001', position: 1 })],
        },
      ],
    });
    // Reception free: the longest-waiting caller of both queues rings there.
    await sim('remoteHangup', { number: '+33160127764' });
    expect(await sim('queueState', {})).toMatchObject({ queues: [{ waiting: [] }, { waiting: [{ number: '+3725000001' }] }] });
  });

  it('refuses bad arguments and an unknown queue, and changes nothing', async () => {
    pbx = await startDemoPbx({ mode: 'manual' });
    const sim = demoControl(pbx, {}, connection);
    await expect(sim('queueCall', { from: '+3725123456' })).rejects.toThrow(/queue/);
    await expect(sim('queueCall', { from: '+3725123456', queue: 'sales' })).rejects.toThrow(/queue/);
    await expect(sim('queueCall', { from: '+3725123456', queue: '9' })).rejects.toThrow(/No queue 9/);
    await expect(sim('queueState', { extra: 1 })).rejects.toThrow();
    expect(pbx.switch.deviceView('1100').groups).toEqual([]);
  });
});

describe('demo control: agents', () => {
  it('agentState changes the reception agent at the PBX (the TelServer demo starts it ready); busy and null are refused', async () => {
    pbx = await startDemoPbx({ mode: 'manual' });
    const sim = demoControl(pbx, {}, connection);
    expect(pbx.switch.deviceView('1100').agentState).toBe('ready');
    await sim('agentState', { state: 'loggedOff' });
    expect(pbx.switch.deviceView('1100').agentState).toBe('loggedOff');
    await expect(sim('agentState', { state: 'busy' })).rejects.toThrow();
    await expect(sim('agentState', { state: 'null' })).rejects.toThrow();
    expect(pbx.switch.deviceView('1100').agentState).toBe('loggedOff');
  });
});
