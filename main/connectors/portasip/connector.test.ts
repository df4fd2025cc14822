/**
 * The connector's own lifecycle against a small scripted PortaSIP on
 * loopback, on a hand-driven clock: the periodic resync (and that it ends
 * with the session), and what a receptionist is told when a request fails —
 * always a catalog message.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { msg } from '../../../app/i18n/message';
import { createTranslator } from '../../../app/i18n/translator';
import type { Message } from '../../../app/i18n/message';
import { ManualClock } from '../../../app/testing/manual-clock';
import { waitUntil } from '../../../app/testing/wait-until';
import type { PortaSipConnectionConfig } from '../../../app/vendors';
import type { LinkEvent } from '../../core/connector';
import { memoryLogger } from '../../testing/memory-logger';
import { PortaSipConnector } from './connector';

const t = createTranslator('en');
const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const CALL_ID = 'ps/1100#c1|t1';
const CONNECTED_CALL = {
  call: { id: 'c1', tag: 't1' },
  caller: { id: '+3725123456' },
  callee: { extension_id: '1100' },
  state: 'connected',
  type: 'incoming',
  transport_id: 'tr1',
};

/** A PortaSIP that logs in, subscribes and lists one connected call; `answer` may script other methods. */
async function startServer(answer: (method: string, socket: WebSocket) => Record<string, unknown> | undefined = () => undefined) {
  const methods: string[] = [];
  const params: Record<string, unknown>[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8')) as { cseq: number; method: string; params: Record<string, unknown> };
      methods.push(frame.method);
      params.push(frame.params);
      const scripted = answer(frame.method, socket);
      if (scripted === undefined && socket.readyState !== socket.OPEN) return;
      const result =
        scripted ??
        (frame.method === 'login' ? { session_id: 's1' } : frame.method === 'get_sip_calls_list' ? { calls_list: [CONNECTED_CALL] } : {});
      socket.send(JSON.stringify('error' in result ? { cseq: frame.cseq, ...result } : { cseq: frame.cseq, result, success: 1 }));
    });
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  );
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`,
    methods,
    /** Each request's params, in the order of `methods`. */
    params,
    lists: () => methods.filter((m) => m === 'get_sip_calls_list').length,
  };
}

function connector(url: string, overrides: Partial<PortaSipConnectionConfig> = {}) {
  const clock = new ManualClock();
  const links: LinkEvent[] = [];
  const config: PortaSipConnectionConfig = {
    vendor: 'portasip',
    id: 'ps',
    label: 'Test PortaSIP',
    url,
    login: 'reception',
    watch: [{ i_customer: 30 }],
    reception: { number: '1100', label: 'Reception' },
    resyncSeconds: 10,
    // Far beyond what the tests advance: a ping's pong travels in real time, the manual clock does not wait for it.
    heartbeatSeconds: 300,
    ...overrides,
  };
  const c = new PortaSipConnector(
    config,
    {
      emit: () => {},
      link: (event) => links.push(event),
      factsChanged: () => {},
      storedPassword: async () => 'secret',
      log: memoryLogger(),
      clock,
    },
    'EE',
  );
  cleanups.push(() => c.disconnect());
  return { c, clock, links };
}

describe('the periodic resync', () => {
  it('lists the calls again every resyncSeconds, one run at a time, and stops with the session', async () => {
    const server = await startServer();
    const { c, clock } = connector(server.url);
    await c.connect();
    expect(server.lists()).toBe(1);
    await clock.advance(9_999);
    expect(server.lists()).toBe(1);
    await clock.advance(1);
    await waitUntil(() => server.lists() === 2, 'the first resync');
    await clock.advance(10_000);
    await waitUntil(() => server.lists() === 3, 'the second resync');

    await c.disconnect();
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.lists()).toBe(3);
  });

  it('a reconnect starts a new period; the old one is gone', async () => {
    const server = await startServer();
    const { c, clock } = connector(server.url);
    await c.connect();
    await clock.advance(5_000);
    await c.connect();
    expect(server.lists()).toBe(2);
    await clock.advance(5_000);
    await new Promise((r) => setTimeout(r, 50));
    // The first session's resync would have run now.
    expect(server.lists()).toBe(2);
    await clock.advance(5_000);
    await waitUntil(() => server.lists() === 3, "the new session's resync");
  });
});

describe('what the receptionist is told', () => {
  it('a command before connect: the connection is not available', async () => {
    const server = await startServer();
    const { c } = connector(server.url);
    expect(await c.execute({ kind: 'hold', callId: CALL_ID })).toEqual({ ok: false, error: msg('command.connectionUnavailable') });
  });

  it('the document error table: the code and its catalog message', async () => {
    const server = await startServer((method) =>
      method === 'hold_call' ? { error: { code: 'sip.call_not_found', message: 'Not found' } } : undefined,
    );
    const { c } = connector(server.url);
    await c.connect();
    expect(await c.execute({ kind: 'hold', callId: CALL_ID })).toEqual({
      ok: false,
      error: msg('portasip.error.callNotFound'),
      code: 'sip.call_not_found',
    });
  });

  it('an unknown code: the generic message with the code and a bounded server message', async () => {
    const server = await startServer((method) =>
      method === 'hold_call' ? { error: { code: 'sip.new_in_mr200', message: `Refused: ${'x'.repeat(500)}` } } : undefined,
    );
    const { c } = connector(server.url);
    await c.connect();
    const result = await c.execute({ kind: 'hold', callId: CALL_ID });
    expect(result).toMatchObject({ ok: false, code: 'sip.new_in_mr200', error: { key: 'portasip.error.otherDetail' } });
    const error = (result as { error: Message }).error;
    expect(error.params?.detail).toHaveLength(200);
    expect(t(error)).toMatch(/^PortaSIP refused the request \(sip\.new_in_mr200: Refused: x+…\)\.$/);
  });

  it('the connection closes with the request in flight: it may not have been carried out, and the link is lost', async () => {
    const server = await startServer((method, socket) => {
      if (method !== 'hold_call') return undefined;
      socket.terminate();
      return undefined;
    });
    const { c, links } = connector(server.url);
    await c.connect();
    const result = await c.execute({ kind: 'hold', callId: CALL_ID });
    const host = new URL(server.url).host;
    expect(result).toEqual({
      ok: false,
      error: msg('portasip.outcomeUnknown', { reason: msg('transport.closed', { server: `PortaSIP ${host}` }) }),
    });
    expect(t((result as { error: Message }).error)).toBe(
      `The connection to PortaSIP ${host} was closed. It is not known whether PortaSIP carried out the request.`,
    );
    await waitUntil(() => links.length > 0, 'the link lost');
    expect(links[0]).toMatchObject({ type: 'lost', reason: { key: 'transport.reset', params: { server: `PortaSIP ${host}` } } });
  });

  it('a dial is a callback: the notice says whose phone rings first; bill_id is the configured account', async () => {
    const server = await startServer();
    const { c } = connector(server.url, { reception: { number: '1100', label: 'Reception', billId: '123007' } });
    await c.connect();
    const result = await c.execute({ kind: 'dial', lineId: 'ps/1100', to: '+3725559876' });
    expect(result).toEqual({ ok: true, notice: msg('portasip.dialCallback', { extension: '1100', number: '+3725559876' }) });
    const index = server.methods.indexOf('originate_advanced_call');
    // The document's OriginateAdvancedCallRequest: bill_id the account to charge, caller_id the phone that rings first.
    expect(server.params[index]).toEqual({ bill_id: '123007', caller_id: '1100', callee_id: '+3725559876' });
  });

  it('a consult whose callback PortaSIP refuses unholds the caller; when that fails too, the caller is said to be on hold', async () => {
    let unhold: Record<string, unknown> | undefined = {};
    const server = await startServer((method) => {
      if (method === 'originate_advanced_call') return { error: { code: 'sip.internal_server_error', message: 'No' } };
      return method === 'unhold_call' ? unhold : undefined;
    });
    const { c } = connector(server.url, { reception: { number: '1100', label: 'Reception', billId: '123007' } });
    await c.connect();
    const failed = (said: 'command.failedUndone' | 'command.failedNotUndone', now: Message) => ({
      ok: false,
      error: msg(said, { reason: msg('portasip.error.internalServerError'), now }),
      code: 'sip.internal_server_error',
    });

    expect(await c.execute({ kind: 'consult', callId: CALL_ID, to: '1103' })).toEqual(
      failed('command.failedUndone', msg('work.announce.connected', { caller: '+3725123456' })),
    );
    expect(server.methods.slice(-3)).toEqual(['hold_call', 'originate_advanced_call', 'unhold_call']);
    expect(server.params.at(-1)).toEqual({ call: { id: 'c1', tag: 't1' }, transport_id: 'tr1' });

    unhold = { error: { code: 'sip.call_not_found', message: 'Not found' } };
    expect(await c.execute({ kind: 'consult', callId: CALL_ID, to: '1103' })).toEqual(
      failed('command.failedNotUndone', msg('work.announce.held', { caller: '+3725123456' })),
    );
  });

  it('a consult whose hold is refused, or whose callback may still be placed, sends no unhold', async () => {
    const server = await startServer((method, socket) => {
      if (method === 'hold_call' && server.methods.filter((m) => m === 'hold_call').length === 1)
        return { error: { code: 'sip.call_not_found', message: 'Not found' } };
      // No answer: the callback may or may not ring the reception phone.
      if (method === 'originate_advanced_call') socket.terminate();
      return undefined;
    });
    const { c } = connector(server.url, { reception: { number: '1100', label: 'Reception', billId: '123007' } });
    await c.connect();
    expect(await c.execute({ kind: 'consult', callId: CALL_ID, to: '1103' })).toEqual({
      ok: false,
      error: msg('portasip.error.callNotFound'),
      code: 'sip.call_not_found',
    });
    expect(await c.execute({ kind: 'consult', callId: CALL_ID, to: '1103' })).toMatchObject({
      ok: false,
      error: { key: 'portasip.outcomeUnknown' },
    });
    expect(server.methods).not.toContain('unhold_call');
  });

  it('a line without an account to charge is refused before anything is sent', async () => {
    const server = await startServer();
    const { c } = connector(server.url);
    await c.connect();
    const sent = server.methods.length;
    expect(await c.execute({ kind: 'dial', lineId: 'ps/1100', to: '+3725559876' })).toEqual({
      ok: false,
      error: msg('portasip.noBillId', { line: 'Reception' }),
    });
    expect(server.methods.length).toBe(sent);
  });

  it('what PortaSIP cannot do is refused in catalog words, and nothing is sent', async () => {
    const server = await startServer();
    const { c } = connector(server.url);
    await c.connect();
    const sent = server.methods.length;
    expect(await c.execute({ kind: 'park', callId: CALL_ID })).toEqual({
      ok: false,
      error: msg('command.notSupported', { system: 'PortaSIP' }),
    });
    expect(await c.execute({ kind: 'setDnd', lineId: 'ps/1100', enabled: true })).toEqual({
      ok: false,
      error: msg('command.lineCannot', { line: 'Reception' }),
    });
    expect(await c.execute({ kind: 'completeTransfer', callId: CALL_ID })).toEqual({ ok: false, error: msg('portasip.noSecondCall') });
    expect(await c.execute({ kind: 'phonebookDelete', connectionId: 'ps', entryId: 'e1' })).toEqual({
      ok: false,
      error: msg('command.noPhonebook'),
    });
    expect(server.methods.length).toBe(sent);
  });
});

describe('the directory search', () => {
  it('answers from the lines read at connect, and refuses a search whose signal fired already', async () => {
    const server = await startServer();
    const { c } = connector(server.url);
    await c.connect();
    expect(await c.searchDirectory('1100', 5, new AbortController().signal)).toEqual([
      expect.objectContaining({ number: '1100', name: 'Reception' }),
    ]);
    const reason = new Error('replaced by a newer search');
    await expect(c.searchDirectory('1100', 5, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
