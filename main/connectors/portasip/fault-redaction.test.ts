/**
 * A PortaSIP that echoes the credentials in its JSON-RPC error (message and
 * code) or in a frame the console cannot read: the receptionist's message and
 * every log line get the server's words with the password redacted (plain,
 * Base64 of login:password, URL-encoded) and bounded.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ManualClock } from '../../../app/testing/manual-clock';
import { waitUntil } from '../../../app/testing/wait-until';
import { ConsoleError } from '../../core/errors';
import { memoryLogger } from '../../testing/memory-logger';
import { ECHOED_PASSWORD, echoingFault, expectNoEchoedSecret } from '../../testing/secret-echo';
import { FAULT_TEXT_LIMIT } from '../shared/peer-fault-text';
import { PortaSipConnector } from './connector';

const LOGIN = 'reception';
const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Logs in, then answers every other request with `error` (and first sends `garbage`, when given, as a frame of its own). */
async function startServer(error: Record<string, unknown>, garbage?: string): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8')) as { cseq: number; method: string };
      if (frame.method === 'login') return socket.send(JSON.stringify({ cseq: frame.cseq, result: { session_id: 's1' }, success: 1 }));
      if (garbage !== undefined) socket.send(garbage);
      socket.send(JSON.stringify({ cseq: frame.cseq, error }));
    });
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  );
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`;
}

async function connectTo(url: string) {
  const log = memoryLogger();
  const c = new PortaSipConnector(
    {
      vendor: 'portasip',
      id: 'ps',
      label: 'PortaSIP',
      url,
      login: LOGIN,
      watch: [{ i_customer: 30 }],
      reception: { number: '1100', label: 'Reception' },
      heartbeatSeconds: 300,
    },
    { emit: () => {}, link: () => {}, factsChanged: () => {}, storedPassword: async () => ECHOED_PASSWORD, log, clock: new ManualClock() },
    'EE',
  );
  cleanups.push(() => c.disconnect());
  const error = await c.connect().then(
    () => expect.fail('a server that only refuses cannot be connected to'),
    (e: unknown) => e,
  );
  if (!(error instanceof ConsoleError)) return expect.fail(`a ConsoleError, not ${String(error)}`);
  return { error, log };
}

describe('PortaSIP error texts', () => {
  it("an error's message and code reach neither the message nor the log with the password in any echoed form", async () => {
    const echo = echoingFault(LOGIN);
    const { error, log } = await connectTo(await startServer({ code: `Server.Odd.${echo}`, message: echo }));
    expect(error.text.key).toBe('portasip.error.otherDetail');
    expect(error.text.params?.detail).toContain('login reception refused');
    expectNoEchoedSecret([error.text, error.message, error.code, log.entries], LOGIN);
  });

  it('a frame that is not JSON is dropped with a log line that does not quote the password', async () => {
    // V8's JSON.parse message quotes a short frame whole.
    const { error, log } = await connectTo(await startServer({ code: 'internal_error' }, ECHOED_PASSWORD));
    await waitUntil(() => log.entries.some((e) => e.message === 'portasip: malformed frame dropped'), 'the drop is logged');
    expectNoEchoedSecret([error.text, error.message, log.entries], LOGIN);
  });

  it('a 100 KB error message is cut to the limit', async () => {
    const { error } = await connectTo(await startServer({ code: 'Server.Odd.thing', message: `refused ${'x'.repeat(100 * 1024)}` }));
    const detail = error.text.params?.detail;
    if (typeof detail !== 'string') return expect.fail("the detail is the server's text");
    expect(detail.startsWith('refused xxx')).toBe(true);
    expect(detail.length).toBeLessThanOrEqual(FAULT_TEXT_LIMIT);
    expect(error.message.length).toBeLessThan(2 * FAULT_TEXT_LIMIT);
  });
});
