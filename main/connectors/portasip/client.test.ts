/**
 * The client's transport guarantees, against small in-test servers: TLS
 * verified (a self-signed certificate is refused unless its pinned
 * fingerprint matches; generated at test time, never stored),
 * per-request timeouts, and requests in flight failing clearly on close.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type RawData } from 'ws';
import { createTranslator } from '../../../app/i18n/translator';
import { systemClock } from '../../core/clock';
import { memoryLogger } from '../../testing/memory-logger';
import { createSelfSignedCertificate } from '../../sim/shared/self-signed-certificate';
import { TransportError } from '../shared/transport-error';
import { PortaSipClient } from './client';
import { PortaSipError } from './errors';

const t = createTranslator('en');

/** A WebSocket message as text, whichever form ws delivered it in. */
function rawDataToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

let certPem = '';
let keyPem = '';
let fingerprint = '';
const cleanups: (() => void)[] = [];

beforeAll(() => {
  ({ cert: certPem, key: keyPem, fingerprint256: fingerprint } = createSelfSignedCertificate('localhost'));
});

afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
afterAll(() => {
  keyPem = '';
});

/** A wss:// server with the self-signed certificate; `onText` answers each frame. */
async function startWss(onText: (text: string, reply: (t: string) => void) => void): Promise<string> {
  const server = https.createServer({ cert: certPem, key: keyPem });
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (socket) => socket.on('message', (data) => onText(rawDataToText(data), (t) => socket.send(t))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    for (const c of wss.clients) c.terminate();
    wss.close();
    server.close();
  });
  return `wss://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
}

function client(url: string, extra: Partial<ConstructorParameters<typeof PortaSipClient>[0]> = {}) {
  const closed: TransportError[] = [];
  const c = new PortaSipClient({
    url,
    clock: systemClock,
    log: memoryLogger(),
    requestTimeoutMs: 300,
    onNotification() {},
    onClosed: (r) => closed.push(r),
    ...extra,
  });
  cleanups.push(() => c.close());
  return { c, closed };
}

const echoSuccess = (text: string, reply: (t: string) => void) =>
  reply(JSON.stringify({ cseq: JSON.parse(text).cseq, result: { success: 1 }, success: 1 }));

describe('TLS', () => {
  it('refuses a self-signed certificate without a pin', async () => {
    const url = await startWss(echoSuccess);
    const error = await client(url)
      .c.open()
      .catch((e) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.kind).toBe('tls');
    expect(error.text).toMatchObject({ key: 'transport.tls', params: { server: `PortaSIP ${new URL(url).host}` } });
  });

  it('accepts it when the pinned SHA-256 fingerprint matches, and talks', async () => {
    const url = await startWss(echoSuccess);
    const { c } = client(url, { fingerprint256: fingerprint.toLowerCase() });
    await c.open();
    await expect(c.request({ service: 'CallControl', method: 'get_sip_calls_list', params: { i_customer: 30 } })).resolves.toEqual({
      success: 1,
    });
  });

  it('refuses a certificate with another fingerprint before anything is sent', async () => {
    const received: string[] = [];
    const url = await startWss((text) => received.push(text));
    const wrong = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00');
    const error = await client(url, { fingerprint256: wrong })
      .c.open()
      .catch((e) => e);
    expect(error).toMatchObject({
      kind: 'tls',
      text: { key: 'transport.tls', params: { reason: expect.stringContaining('is not the pinned') } },
    });
    expect(t(error.text)).toMatch(/^The certificate of PortaSIP 127\.0\.0\.1:\d+ is not trusted \(.*is not the pinned/);
    expect(received).toEqual([]);
  });
});

describe('requests', () => {
  it("a server error becomes a PortaSipError with the document's meaning", async () => {
    const url = await startWss((text, reply) =>
      reply(JSON.stringify({ cseq: JSON.parse(text).cseq, error: { code: 'sip.call_not_found', message: 'Not found' } })),
    );
    const { c } = client(url, { fingerprint256: fingerprint });
    await c.open();
    const error = await c
      .request({ service: 'CallControl', method: 'hold_call', params: { call: { id: 'x', tag: 'y' }, transport_id: 'z' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(PortaSipError);
    expect(error).toMatchObject({ code: 'sip.call_not_found', text: { key: 'portasip.error.callNotFound' } });
    expect(t(error.text)).toBe('PortaSIP no longer has that call.');
  });

  it('times out per request, and a late answer is dropped with a log line', async () => {
    const url = await startWss((text, reply) => setTimeout(() => echoSuccess(text, reply), 500));
    const log = memoryLogger();
    const { c } = client(url, { fingerprint256: fingerprint, log });
    await c.open();
    const error = await c.request({ service: 'CallControl', method: 'get_sip_calls_list', params: { i_customer: 30 } }).catch((e) => e);
    expect(error).toMatchObject({ kind: 'timeout', text: { key: 'transport.timeout', params: { seconds: 0.3 } } });
    expect(t(error.text)).toMatch(/^PortaSIP 127\.0\.0\.1:\d+ did not answer within 0\.3 s\.$/);
    expect(log.entries).toContainEqual(
      expect.objectContaining({ message: 'portasip: no answer in time', meta: { method: 'get_sip_calls_list', timeoutMs: 300 } }),
    );
    await new Promise((r) => setTimeout(r, 400));
    expect(log.entries.some((e) => e.message === 'portasip: reply to no waiting request dropped')).toBe(true);
  });

  it('requests in flight fail clearly when the socket closes, and the loss is reported', async () => {
    let cut: (() => void) | undefined;
    const url = await startWss(() => cut?.());
    const log = memoryLogger();
    const { c, closed } = client(url, { fingerprint256: fingerprint, requestTimeoutMs: 5000, log });
    await c.open();
    cut = () => cleanups.shift()?.();
    const sent = Date.now();
    const error = await c
      .request({ service: 'CallControl', method: 'answer_call', params: { call: { id: 'x', tag: 'y' }, transport_id: 'z' } })
      .catch((e) => e);
    // At once, not at the request's time limit; the log names what may not have been carried out.
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(error).toMatchObject({ kind: 'closed', text: { key: 'transport.closed' } });
    expect(log.entries).toContainEqual(
      expect.objectContaining({
        message: 'portasip: the connection closed with a request in flight; it may not have been carried out',
        meta: { method: 'answer_call' },
      }),
    );
    expect(closed[0]).toMatchObject({ kind: 'reset', text: { key: 'transport.reset' } });
    expect(t(closed[0].text)).toMatch(/^The connection to PortaSIP 127\.0\.0\.1:\d+ was broken \(code \d+\)\.$/);
  });
});
