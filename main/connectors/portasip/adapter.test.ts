/**
 * The adapter's reading of call queues: SIPCallInfo queue_info (sent for
 * queued and dequeued) → Call.queue with the configured name, the caller's
 * place while waiting and the active operators; no answer before the call rings.
 */
import { describe, expect, it } from 'vitest';
import type { Call } from '../../../app/model';
import { PortaSipAdapter, type PortaSipAdapterOptions } from './adapter';
import type { PsCallInfo, PsCallState, PsQueueInfo } from './messages';

const OPTIONS: PortaSipAdapterOptions = {
  connectionId: 'ps',
  connectionLabel: 'PortaSIP',
  country: 'EE',
  reception: { number: '1100', label: 'Reception' },
  extensions: [],
  queueNames: { '1': 'Sales', '2': 'Support' },
};

function dialog(state: PsCallState, queue?: PsQueueInfo, huntgroup = '1200'): PsCallInfo {
  const info: PsCallInfo = {
    call: { id: '7@sim.portasip', tag: 't7' },
    caller: { id: '+3725123456', display_id: '+3725123456', display_name: 'Kalev Kask', forwarder_list: [] },
    callee: { account_id: '37255501100', extension_id: '1100', id: '1100', huntgroup_id: huntgroup, forwarder_list: [] },
    state,
    type: 'incoming',
    transport_id: '127.0.0.1:5060',
  };
  if (queue) info.queue_info = queue;
  return info;
}

const upserted = (adapter: PortaSipAdapter, info: PsCallInfo): Call => {
  const event = adapter.applyCallInfo(info).find((e) => e.type === 'callUpserted');
  if (!event || event.type !== 'callUpserted') throw new Error('no call upserted');
  return event.call;
};

describe('PortaSIP adapter: call queues', () => {
  it('queued: Call.queue from queue_info, named from the configuration; hangup (terminate_call) but no answer', () => {
    const adapter = new PortaSipAdapter(OPTIONS, () => 1000);
    const call = upserted(adapter, dialog('queued', { i_c_queue: 1, position: 2, operators: 3 }));
    expect(call).toMatchObject({
      state: 'queued',
      remote: { number: '+3725123456', name: 'Kalev Kask' },
      firstCalled: { number: '1200' },
      queue: { id: '1', name: 'Sales', position: 2, operators: 3 },
      actions: ['hangup'],
    });
    expect(adapter.plan({ kind: 'hangup', callId: call.id })).toMatchObject({ requests: [{ method: 'terminate_call' }] });
    // The place changes as the queue drains.
    expect(upserted(adapter, dialog('queued', { i_c_queue: 1, position: 1, operators: 3 })).queue).toEqual({
      id: '1',
      name: 'Sales',
      position: 1,
      operators: 3,
    });
  });

  it('dequeued, then ringing: the same call rings with answer, keeping the queue it came through (no place)', () => {
    const adapter = new PortaSipAdapter(OPTIONS, () => 1000);
    const queued = upserted(adapter, dialog('queued', { i_c_queue: 2, position: 1, operators: 1 }));
    const dequeued = upserted(adapter, dialog('dequeued', { i_c_queue: 2, operators: 1 }));
    expect(dequeued).toMatchObject({ id: queued.id, state: 'ringing', actions: ['answer', 'hangup'] });
    expect(dequeued.queue).toEqual({ id: '2', name: 'Support', operators: 1 });
    const ringing = upserted(adapter, dialog('ringing'));
    expect(ringing.queue).toEqual({ id: '2', name: 'Support', operators: 1 });
    expect(ringing.startedAt).toBe(queued.startedAt);
    const connected = upserted(adapter, dialog('connected'));
    expect(connected.queue).toEqual({ id: '2', name: 'Support', operators: 1 });
  });

  it('a queue without a configured name is its id; a hunt group without queue_info is the group number', () => {
    const adapter = new PortaSipAdapter({ ...OPTIONS, queueNames: undefined }, () => 1000);
    expect(upserted(adapter, dialog('queued', { i_c_queue: 9, position: 1, operators: 0 })).queue).toEqual({
      id: '9',
      position: 1,
      operators: 0,
    });
    const other = new PortaSipAdapter(OPTIONS, () => 1000);
    expect(upserted(other, dialog('ringing', undefined, '1300')).queue).toEqual({ id: '1300' });
  });

  it('a position or operator count that makes no sense is left out', () => {
    const adapter = new PortaSipAdapter(OPTIONS, () => 1000);
    expect(upserted(adapter, dialog('queued', { i_c_queue: 1, position: 0, operators: -1 })).queue).toEqual({ id: '1', name: 'Sales' });
  });
});
