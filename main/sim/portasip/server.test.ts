/**
 * The PortaSIP front end's call queues on the wire: a waiting caller is a
 * dialog of the queue's agent in state queued with queue_info, a
 * notification per change of place, then dequeued and ringing when handed
 * over; answer_call only works once it rings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startDemoPbx, type DemoPbx } from '../index';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

interface Client {
  request(method: string, params: Record<string, unknown>, service?: string): Promise<Record<string, unknown>>;
  /** Every call_info notified so far. */
  infos: Record<string, unknown>[];
}

async function client(pbx: DemoPbx): Promise<Client> {
  const socket = new WebSocket(pbx.portasip!.url);
  cleanup.push(() => socket.terminate());
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const pending = new Map<number, (frame: Record<string, unknown>) => void>();
  const infos: Record<string, unknown>[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '') as Record<string, unknown>;
    if (typeof frame.cseq === 'number') pending.get(frame.cseq)?.(frame);
    else infos.push((frame.result as { call_info: Record<string, unknown> }).call_info);
  });
  let cseq = 0;
  let sessionId: string | undefined;
  const request: Client['request'] = (method, params, service = 'CallControl') =>
    new Promise((resolve) => {
      const n = ++cseq;
      pending.set(n, resolve);
      socket.send(JSON.stringify({ cseq: n, ...(sessionId && { auth_info: { session_id: sessionId } }), service, method, params }));
    });
  const [login, password] = Object.entries(pbx.portasip!.accounts)[0];
  const reply = await request('login', { login, password }, 'Session');
  sessionId = (reply.result as { session_id: string }).session_id;
  await request('enable_api_notifications', { event: 'sip.call_control_notifications', i_customer: pbx.portasip!.customerId });
  return { request, infos };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('PortaSIP front end: call queues', () => {
  it('queued with queue_info → a new place as the queue drains → dequeued → ringing; answer_call only then', async () => {
    const pbx = await startDemoPbx({ vendors: ['portasip'], mode: 'manual' });
    cleanup.push(() => pbx.stop());
    const api = await client(pbx);
    pbx.control.incomingCall({ from: '+33160127764' });
    pbx.switch.answer('1100');
    pbx.control.queueCall({ from: '+3725123456', queue: '1' });
    const waiting = pbx.control.queueCall({ from: '+3726654321', queue: '1' });
    await settle();
    const ofWaiting = () => api.infos.filter((i) => (i.call as { id: string }).id === `${waiting.ref}@sim.portasip`);
    expect(ofWaiting()).toEqual([
      expect.objectContaining({
        state: 'queued',
        type: 'incoming',
        caller: expect.objectContaining({ id: '+3726654321', display_name: 'Tiina Põld' }),
        callee: expect.objectContaining({ extension_id: '1100', huntgroup_id: '1200' }),
        queue_info: { i_c_queue: 1, position: 2, operators: 2 },
        transport_id: '127.0.0.1:5060',
      }),
    ]);
    // get_sip_calls_list shows the same.
    const list = await api.request('get_sip_calls_list', { i_customer: pbx.portasip!.customerId });
    const listed = (list.result as { calls_list: Record<string, unknown>[] }).calls_list;
    expect(listed.find((c) => (c.call as { id: string }).id === `${waiting.ref}@sim.portasip`)).toMatchObject({
      state: 'queued',
      queue_info: { i_c_queue: 1, position: 2, operators: 2 },
    });
    // No pickup: answer_call on a queued dialog finds no ringing call.
    const early = await api.request('answer_call', {
      call: { id: `${waiting.ref}@sim.portasip`, tag: `t${waiting.ref}` },
      transport_id: '127.0.0.1:5060',
    });
    expect(early).toMatchObject({ error: { code: 'sip.call_not_found' } });

    pbx.control.remoteHangup({ number: '+3725123456' });
    await settle();
    expect(ofWaiting().map((i) => [i.state, i.queue_info])).toEqual([
      ['queued', { i_c_queue: 1, position: 2, operators: 2 }],
      ['queued', { i_c_queue: 1, position: 1, operators: 2 }],
    ]);

    pbx.control.remoteHangup({ number: '+33160127764' });
    await settle();
    expect(
      ofWaiting()
        .slice(2)
        .map((i) => [i.state, i.queue_info]),
    ).toEqual([
      ['dequeued', { i_c_queue: 1, operators: 2 }],
      ['ringing', undefined],
    ]);
    const answered = await api.request('answer_call', {
      call: { id: `${waiting.ref}@sim.portasip`, tag: `t${waiting.ref}` },
      transport_id: '127.0.0.1:5060',
    });
    expect(answered).toMatchObject({ success: 1 });
    await settle();
    expect(ofWaiting().at(-1)).toMatchObject({ state: 'connected', callee: { huntgroup_id: '1200' } });
  });

  it('a caller who gives up while waiting ends with terminated, without queue_info', async () => {
    const pbx = await startDemoPbx({ vendors: ['portasip'], mode: 'manual' });
    cleanup.push(() => pbx.stop());
    const api = await client(pbx);
    pbx.control.incomingCall({ from: '+33160127764' });
    pbx.switch.answer('1100');
    const waiting = pbx.control.queueCall({ from: '+3725559876', queue: '2' });
    pbx.control.remoteHangup({ number: '+3725559876' });
    await settle();
    const ofWaiting = api.infos.filter((i) => (i.call as { id: string }).id === `${waiting.ref}@sim.portasip`);
    expect(ofWaiting.map((i) => i.state)).toEqual(['queued', 'terminated']);
    expect(ofWaiting[1]).not.toHaveProperty('queue_info');
  });
});
