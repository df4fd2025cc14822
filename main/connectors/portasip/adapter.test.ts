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

/** A dialog of extension 1101 (incoming) by SIP call id and tag. */
function onLine(state: PsCallState, id: string, tag = `t-${id}`, extension = '1101'): PsCallInfo {
  return {
    call: { id, tag },
    caller: { id: `+372555${id.length}`, display_id: `+37255500${id}`, display_name: `Caller ${id}`, forwarder_list: [] },
    callee: { extension_id: extension, id: extension, forwarder_list: [] },
    state,
    type: 'incoming',
    transport_id: '127.0.0.1:5060',
  };
}

const upserts = (events: ReturnType<PortaSipAdapter['applyCallInfo']>): Call[] =>
  events.flatMap((e) => (e.type === 'callUpserted' ? [e.call] : []));

describe('PortaSIP adapter: one notification touches its own call (and the line only when the pair changes)', () => {
  it('completeTransfer while the line has exactly one held and one connected call; the partner is told when that changes', () => {
    const adapter = new PortaSipAdapter(OPTIONS, () => 1000);
    adapter.applyCallInfo(onLine('connected', 'a'));
    adapter.applyCallInfo(onLine('connected', 'b'));
    // a held: a and b are the pair; b's actions changed, so b is upserted too.
    const paired = upserts(adapter.applyCallInfo(onLine('holding', 'a')));
    expect(paired.map((c) => [c.state, c.actions])).toEqual([
      // No blind transfer on hold: PortaSIP refuses transfer_call on a held call.
      ['held', ['hangup', 'retrieve', 'completeTransfer']],
      ['connected', ['hangup', 'hold', 'transfer', 'completeTransfer']],
    ]);
    // A third call ringing does not change the pair: only it is upserted.
    expect(upserts(adapter.applyCallInfo(onLine('ringing', 'c'))).map((c) => c.actions)).toEqual([['answer', 'hangup']]);
    // Connected, it breaks the pair: all three upserted, none offers completeTransfer.
    const broken = upserts(adapter.applyCallInfo(onLine('connected', 'c')));
    expect(broken).toHaveLength(3);
    expect(broken.every((c) => !c.actions.includes('completeTransfer'))).toBe(true);
    // It ends: the pair is back, and the plan joins the two.
    const events = adapter.applyCallInfo(onLine('terminated', 'c'));
    expect(events[0]).toMatchObject({ type: 'callEnded' });
    expect(upserts(events).every((c) => c.actions.includes('completeTransfer'))).toBe(true);
    expect(upserts(events)).toHaveLength(2);
    const held = paired[0];
    expect(adapter.plan({ kind: 'completeTransfer', callId: held.id })).toMatchObject({
      requests: [{ method: 'join_calls', params: { call: { id: 'a', tag: 't-a' }, to_call: { id: 'b', tag: 't-b' } } }],
    });
  });

  it('the other calls of the line keep their objects, and so does a remote party that did not change', () => {
    const adapter = new PortaSipAdapter(OPTIONS, () => 1000);
    const first = ['a', 'b', 'c'].map((id) => upserts(adapter.applyCallInfo(onLine('connected', id)))[0]);
    const held = upserts(adapter.applyCallInfo(onLine('holding', 'b')));
    expect(held.map((c) => c.id)).toEqual([first[1].id]);
    expect(held[0].remote).toBe(first[1].remote);
    // A resync that finds the same calls: the untouched ones are the very objects published before.
    const replaced = adapter.replaceAll([onLine('connected', 'a'), onLine('holding', 'b'), onLine('connected', 'c')]);
    const calls = replaced.flatMap((e) => (e.type === 'lineCallsReplaced' && e.lineId === 'ps/1101' ? e.calls : []));
    expect(calls.map((c) => c.state)).toEqual(['connected', 'held', 'connected']);
    expect(calls[0].remote).toBe(first[0].remote);
    expect(calls[2].actions).toBe(first[2].actions);
  });

  it('dialogs are told apart by line, SIP call id and tag', () => {
    const adapter = new PortaSipAdapter(OPTIONS, () => 1000);
    const a1 = upserts(adapter.applyCallInfo(onLine('ringing', 'x', 't1')))[0];
    const a2 = upserts(adapter.applyCallInfo(onLine('ringing', 'x', 't2')))[0];
    const other = upserts(adapter.applyCallInfo(onLine('ringing', 'x', 't1', '1102')))[0];
    expect(new Set([a1.id, a2.id, other.id]).size).toBe(3);
    // One fork answered, the other ends: each notification reaches its own dialog.
    expect(upserts(adapter.applyCallInfo(onLine('connected', 'x', 't2')))).toMatchObject([{ id: a2.id, state: 'connected' }]);
    expect(adapter.applyCallInfo(onLine('terminated', 'x', 't1'))).toContainEqual({ type: 'callEnded', callId: a1.id, at: 1000 });
    expect(adapter.plan({ kind: 'hangup', callId: a1.id })).toEqual({ refused: expect.anything() });
    expect(adapter.plan({ kind: 'hangup', callId: a2.id })).toMatchObject({ requests: [{ params: { call: { id: 'x', tag: 't2' } } }] });
    expect(adapter.plan({ kind: 'hangup', callId: other.id })).toMatchObject({ requests: [{ params: { call: { id: 'x', tag: 't1' } } }] });
  });

  it('two refs that make one call id ("a|b" + "c", "a" + "b|c") are one call, answered by the newest ref', () => {
    const adapter = new PortaSipAdapter(OPTIONS, () => 1000);
    const first = upserts(adapter.applyCallInfo(onLine('ringing', 'a|b', 'c')))[0];
    const second = upserts(adapter.applyCallInfo(onLine('connected', 'a', 'b|c')))[0];
    expect(second.id).toBe(first.id);
    expect(adapter.plan({ kind: 'hangup', callId: first.id })).toMatchObject({ requests: [{ params: { call: { id: 'a', tag: 'b|c' } } }] });
    expect(adapter.applyCallInfo(onLine('terminated', 'a', 'b|c'))).toContainEqual({ type: 'callEnded', callId: first.id, at: 1000 });
    expect(adapter.plan({ kind: 'hangup', callId: first.id })).toEqual({ refused: expect.anything() });
  });
});
