import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { MAX_BRIDGE_FRAME_BYTES, type BridgeServerFrame } from '../../app/contract';
import { msg } from '../../app/i18n/message';
import type { ConsoleService } from '../core/console-service';
import { memoryLogger } from '../testing/memory-logger';
import { startTestService, TEST_LINE_ID, type TestConnector } from '../testing/test-connector';
import { startBridgeServer, type BridgeServer } from './ws-server';
import { rawDataToText, sendFrame } from './ws-session';

const SECRET = 'outside-the-web-root';

let dir: string;
let webRoot: string;
let service: ConsoleService;
let connector: TestConnector;
let server: BridgeServer;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bridge-test-'));
  webRoot = path.join(dir, 'web');
  mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Attendant Console</title>');
  writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  symlinkSync(dir, path.join(webRoot, 'escape'));
  ({ service, connector } = await startTestService());
  server = await startBridgeServer({ service, staticDir: webRoot, log: memoryLogger() });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server.close();
  await service.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: the path is sent exactly as written (fetch would normalise `..`). */
function http(rawPath: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: rawPath, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function bridgeUrl(token = server.token, pathname = '/bridge'): string {
  return `ws://127.0.0.1:${server.port}${pathname}?token=${encodeURIComponent(token)}`;
}

const ownOrigin = () => `http://127.0.0.1:${server.port}`;

/** A connected client that queues every frame it receives. */
async function connect(): Promise<{ socket: WebSocket; next(): Promise<BridgeServerFrame>; send(frame: unknown): void }> {
  const socket = new WebSocket(bridgeUrl(), { origin: ownOrigin() });
  sockets.push(socket);
  const queue: BridgeServerFrame[] = [];
  const waiters: ((frame: BridgeServerFrame) => void)[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(rawDataToText(data)) as BridgeServerFrame;
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else queue.push(frame);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    next: () => {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no frame within 2 s')), 2000);
        waiters.push((frame) => {
          clearTimeout(timer);
          resolve(frame);
        });
      });
    },
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
  };
}

/** The HTTP status with which the server refuses a WebSocket upgrade. */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    sockets.push(socket);
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => reject(new Error('the upgrade was accepted')));
    socket.on('error', () => {});
  });
}

describe('bridge server: static renderer', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('serves the index only with the token, with the security headers and no caching', async () => {
    expect((await http('/')).status).toBe(403);
    expect((await http('/index.html?token=wrong')).status).toBe(403);
    const page = await http(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Attendant Console</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('asks the token for the index by any other name: a link to it inside the folder (as Windows reads "index.html.")', async () => {
    symlinkSync(path.join(webRoot, 'index.html'), path.join(webRoot, 'start.html'));
    expect((await http('/start.html')).status).toBe(403);
    const page = await http(`/start.html?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('serves assets with their content type, and 404 for missing files', async () => {
    const script = await http('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await http('/assets/missing.js')).status).toBe(404);
    expect((await http('/assets')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/assets/app.js%00.html',
    '/escape/secret.txt',
    '/%E0%A4%A',
  ])('never serves a file outside the web root: %s', async (attempt) => {
    const reply = await http(attempt);
    expect([403, 404]).toContain(reply.status);
    expect(reply.body).not.toContain(SECRET);
  });

  it('answers only GET', async () => {
    const reply = await http('/assets/app.js', { method: 'POST', body: '{}' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET');
  });

  it('refuses a Host other than its own loopback address (DNS rebinding)', async () => {
    const reply = await http(`/?token=${server.token}`, { headers: { Host: `evil.example:${server.port}` } });
    expect(reply.status).toBe(403);
  });

  it('says how to build the renderer when it has not been built', async () => {
    rmSync(path.join(webRoot, 'index.html'));
    const reply = await http(`/?token=${server.token}`);
    expect(reply.status).toBe(503);
    expect(reply.body).toContain('npm run build:renderer');
  });
});

describe('bridge server: WebSocket access', () => {
  it('refuses a missing or wrong token with 401', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/bridge`, ownOrigin())).toBe(401);
    expect(await upgradeStatus(bridgeUrl('not-the-token'), ownOrigin())).toBe(401);
  });

  it('refuses a page of another origin with 403, even with the token', async () => {
    expect(await upgradeStatus(bridgeUrl(), 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(bridgeUrl(), 'http://localhost:1')).toBe(403);
  });

  it('accepts upgrades only on /bridge', async () => {
    expect(await upgradeStatus(bridgeUrl(server.token, '/other'), ownOrigin())).toBe(404);
  });
});

describe('bridge server: requests and state', () => {
  it('sends a snapshot after subscribe, then patches in order', async () => {
    const client = await connect();
    client.send({ id: 1, method: 'subscribe' });
    expect(await client.next()).toEqual({ id: 1, result: null });
    const snapshot = await client.next();
    if (!('push' in snapshot) || snapshot.message.type !== 'snapshot')
      throw new Error(`expected a snapshot, got ${JSON.stringify(snapshot)}`);
    expect(snapshot.message.state.lines[TEST_LINE_ID]?.label).toBe('Reception');

    connector.ring('test/100#1', '+4930999');
    const patch = await client.next();
    if (!('push' in patch) || patch.message.type !== 'patch') throw new Error(`expected a patch, got ${JSON.stringify(patch)}`);
    expect(patch.message.seq).toBe(snapshot.message.seq + 1);
    expect(patch.message.changes).toEqual([expect.objectContaining({ op: 'set', collection: 'calls', id: 'test/100#1' })]);
  });

  it('serialises each state message once, however many clients it goes to', async () => {
    const clients = await Promise.all([connect(), connect(), connect()]);
    const stringify = vi.spyOn(JSON, 'stringify');
    const pushesSerialised = () =>
      stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && 'push' in value).length;
    try {
      for (const [i, client] of clients.entries()) client.send({ id: i + 1, method: 'subscribe' });
      for (const client of clients) {
        expect(await client.next()).toMatchObject({ result: null });
        expect(await client.next()).toMatchObject({ push: 'state', message: { type: 'snapshot' } });
      }
      expect(pushesSerialised()).toBe(1);
      connector.ring('test/100#1', '+4930999');
      for (const client of clients) expect(await client.next()).toMatchObject({ push: 'state', message: { type: 'patch' } });
      expect(pushesSerialised()).toBe(2);
    } finally {
      stringify.mockRestore();
    }
  });

  it("takes up another client's request between the frames of a client flooding the bridge", async () => {
    const flooder = await connect();
    const receptionist = await connect();
    connector.ring('test/100#3', '+4930999');
    let floodReplies = 0;
    flooder.socket.on('message', () => floodReplies++);
    const searches = 2000;
    for (let id = 1; id <= searches; id++) flooder.send({ id, method: 'searchDirectory', params: { text: `alice${id % 7}` } });
    receptionist.send({ id: 1, method: 'execute', params: { kind: 'answer', callId: 'test/100#3' } });
    expect(await receptionist.next()).toEqual({ id: 1, result: { ok: true } });
    // Taken up within a few of the flood's frames, not after all those one TCP read brought (hundreds).
    expect(floodReplies).toBeLessThan(100);
    await vi.waitFor(() => expect(floodReplies).toBe(searches), { timeout: 10_000 });
  });

  it('stops pushing to a socket once it is closed', async () => {
    const client = await connect();
    client.send({ id: 1, method: 'subscribe' });
    await client.next();
    await client.next();
    const listeners = () => (service as unknown as { listeners: Set<unknown> }).listeners.size;
    expect(listeners()).toBe(1);
    client.socket.close();
    await vi.waitFor(() => expect(listeners()).toBe(0));
  });

  it('executes a valid command and returns its result', async () => {
    connector.ring('test/100#2', '+4930999');
    const client = await connect();
    client.send({ id: 7, method: 'execute', params: { kind: 'answer', callId: 'test/100#2' } });
    expect(await client.next()).toEqual({ id: 7, result: { ok: true } });
    expect(connector.executed).toEqual([{ kind: 'answer', callId: 'test/100#2' }]);

    client.send({ id: 8, method: 'execute', params: { kind: 'answer', callId: 'no-such-call' } });
    expect(await client.next()).toEqual({ id: 8, result: { ok: false, error: { key: 'command.callEnded' } } });
  });

  it('searches the directory', async () => {
    const client = await connect();
    client.send({ id: 3, method: 'searchDirectory', params: { text: 'alice' } });
    expect(await client.next()).toEqual({
      id: 3,
      result: { entries: [expect.objectContaining({ name: 'Alice Example' })], vendorsPending: false, failures: [] },
    });
  });

  it('answers frames that break the contract with an error (a Message the page translates) and keeps serving', async () => {
    const client = await connect();
    const invalid = (path: string, problem: Parameters<typeof msg>[0]) => msg('request.invalid', { path, problem: msg(problem) });
    client.send({ id: 1, method: 'shutdown' });
    expect(await client.next()).toEqual({ id: 1, error: invalid('frame.method', 'validation.invalid') });
    client.send({ id: 2, method: 'execute', params: { kind: 'answer' } });
    expect(await client.next()).toEqual({ id: 2, error: invalid('command.callId', 'validation.required') });
    client.send({ id: 3, method: 'execute', params: { kind: 'dial', lineId: TEST_LINE_ID, to: '1' }, extra: true });
    expect(await client.next()).toEqual({ id: 3, error: invalid('frame.extra', 'validation.unknownField') });
    // A refusal of the handlers is the core's Message too, never the error's English text.
    client.send({ id: 5, method: 'showCall', params: 'pbx/100#1' });
    expect(await client.next()).toEqual({ id: 5, error: msg('request.pageOnly', { method: 'showCall' }) });
    // Unreadable frames (no id to answer) are logged and dropped.
    client.send('{not json');
    client.send('[1,2]');
    client.send({ id: 4, method: 'searchDirectory', params: { text: 'alice' } });
    expect(await client.next()).toMatchObject({ id: 4, result: { entries: [expect.objectContaining({ name: 'Alice Example' })] } });
    expect(connector.executed).toEqual([]);
  });

  it('closes a socket that sends an oversized frame, without touching other clients', async () => {
    const bystander = await connect();
    const offender = await connect();
    const closed = new Promise<number>((resolve) => offender.socket.on('close', (code) => resolve(code)));
    offender.send(JSON.stringify({ id: 1, method: 'searchDirectory', params: { text: 'x'.repeat(MAX_BRIDGE_FRAME_BYTES) } }));
    expect(await closed).toBe(1009);
    bystander.send({ id: 5, method: 'searchDirectory', params: { text: 'alice' } });
    expect(await bystander.next()).toMatchObject({ id: 5 });
  });

  it('close() disconnects every client', async () => {
    const client = await connect();
    const closed = new Promise<void>((resolve) => client.socket.on('close', () => resolve()));
    await server.close();
    await closed;
  });
});

describe('bridge server: backpressure', () => {
  it('drops a client that stopped reading instead of buffering for ever', () => {
    const log = memoryLogger();
    const sink = { readyState: 1, bufferedAmount: 0, send: vi.fn(), terminate: vi.fn() };
    const frame = { id: 1, result: null };
    expect(sendFrame(sink, frame, 1000, log)).toBe(true);
    expect(sink.send).toHaveBeenCalledTimes(1);

    sink.bufferedAmount = 1001;
    expect(sendFrame(sink, frame, 1000, log)).toBe(false);
    expect(sink.send).toHaveBeenCalledTimes(1);
    expect(sink.terminate).toHaveBeenCalledTimes(1);
    expect(log.entries.some((e) => e.level === 'warn' && /not reading/.test(e.message))).toBe(true);
  });
});

describe('bridge server: simulator control', () => {
  it('is absent unless a simControl is given', async () => {
    const reply = await http('/__sim/incomingCall', { method: 'POST', headers: { 'X-Attendant-Token': server.token }, body: '{}' });
    expect(reply.status).toBe(404);
  });

  it('runs an action with the token and a small JSON body', async () => {
    await server.close();
    const simControl = vi.fn(async (action: string, args: unknown) => {
      if (action === 'explode') throw new Error('No such action: explode');
      return { action, args };
    });
    server = await startBridgeServer({ service, staticDir: webRoot, simControl, log: memoryLogger() });
    const post = (action: string, body: string, headers: Record<string, string> = { 'X-Attendant-Token': server.token }) =>
      http(`/__sim/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

    expect((await post('incomingCall', '{}', {})).status).toBe(401);
    expect((await post('incomingCall', '{}', { 'X-Attendant-Token': 'wrong' })).status).toBe(401);
    expect((await post('incomingCall', '{}', { 'X-Attendant-Token': server.token, Origin: 'http://evil.example' })).status).toBe(403);
    expect(simControl).not.toHaveBeenCalled();

    const ok = await post('incomingCall', JSON.stringify({ from: '+4930999', to: '100' }));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ action: 'incomingCall', args: { from: '+4930999', to: '100' } });

    expect((await post('incomingCall', 'x'.repeat(5000))).status).toBe(413);
    expect((await post('incomingCall', '{oops')).status).toBe(400);
    const failed = await post('explode', '{}');
    expect(failed.status).toBe(400);
    expect(JSON.parse(failed.body)).toEqual({ error: 'No such action: explode' });
    expect((await post('../etc', '{}')).status).toBe(404);
  });
});
