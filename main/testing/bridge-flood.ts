/**
 * A directory-search flood on one browser-bridge socket against the TelServer demo PBX, while a second client
 * answers a ringing call: what the bounded-load test asserts and `npm run bench:flood` prints.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ConnectionConfig } from '../../app/vendors';
import { ConsoleService } from '../core/console-service';
import { DEFAULT_SCHEDULER_LIMITS } from '../core/request-scheduler';
import { startBridgeServer } from '../bridge/ws-server';
import { rawDataToText } from '../bridge/ws-session';
import { CONNECTORS } from '../runtime/vendors';
import { startDemoPbx } from '../sim';
import { memoryLogger } from './memory-logger';
import { waitUntil } from '../../app/testing/wait-until';

export interface FloodFigures {
  searches: number;
  /** Replies with a result, and replies with an error (each request got one or the other). */
  answered: number;
  refused: number;
  /** The most TCP connections open at the PBX at once, and the scheduler's limit on requests in flight. */
  peakPbxSockets: number;
  requestLimit: number;
  /** How long the second client's Answer took, and whether the PBX answered the call it meant. */
  secondClientMs: number;
  secondClientOk: boolean;
  rssMb: { before: number; peak: number; after: number };
}

interface Client {
  send(frame: object): void;
  reply(id: number): Promise<{ result?: unknown; error?: string }>;
  close(): void;
}

async function connectClient(url: string, origin: string): Promise<Client> {
  const socket = new WebSocket(url, { origin, maxPayload: 64 * 1024 * 1024 });
  const waiting = new Map<number, (frame: { result?: unknown; error?: string }) => void>();
  const early = new Map<number, { result?: unknown; error?: string }>();
  socket.on('message', (data) => {
    const frame: unknown = JSON.parse(rawDataToText(data));
    if (typeof frame !== 'object' || frame === null || !('id' in frame) || typeof frame.id !== 'number') return;
    const reply = { result: 'result' in frame ? frame.result : undefined, error: 'error' in frame ? String(frame.error) : undefined };
    const waiter = waiting.get(frame.id);
    if (waiter) {
      waiting.delete(frame.id);
      waiter(reply);
    } else {
      early.set(frame.id, reply);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    send: (frame) => socket.send(JSON.stringify(frame)),
    reply: (id) => {
      const ready = early.get(id);
      if (ready) {
        early.delete(id);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    close: () => socket.terminate(),
  };
}

const rssMb = () => Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;

export async function runBridgeFlood(searches = 10_000): Promise<FloodFigures> {
  const pbx = await startDemoPbx({ vendors: ['telserver'], mode: 'manual' });
  const telserver = pbx.telserver;
  if (!telserver) throw new Error('the TelServer front end did not start');
  const connection: ConnectionConfig = {
    vendor: 'telserver',
    id: 'flood',
    label: 'Flood TelServer',
    host: telserver.host,
    port: telserver.port,
    requestTimeoutMs: 3000,
    lines: [{ device: '1100', label: 'Reception' }],
  };
  const service = new ConsoleService({
    connectors: [CONNECTORS.connectorFor(connection, 'EE')],
    log: memoryLogger(),
  });
  const web = mkdtempSync(path.join(tmpdir(), 'flood-web-'));
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>flood</title>');
  const bridge = await startBridgeServer({ service, staticDir: web, log: memoryLogger() });
  try {
    service.start();
    await waitUntil(() => service.getState().connections.flood?.state === 'online', 'the flood connection online', undefined, 10_000);
    const url = `ws://127.0.0.1:${bridge.port}/bridge?token=${encodeURIComponent(bridge.token)}`;
    const origin = `http://127.0.0.1:${bridge.port}`;
    const flooder = await connectClient(url, origin);
    const receptionist = await connectClient(url, origin);

    const before = rssMb();
    let peakRss = before;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb())), 20);
    for (let id = 1; id <= searches; id++) {
      flooder.send({ id, method: 'searchDirectory', params: { text: `Mar${id % 97}`, limit: 20, scope: 'all' } });
    }
    // While the flood is in flight, a caller rings and the other client answers.
    pbx.control.incomingCall({ from: '+3725123456' });
    await waitUntil(
      () => Object.values(service.getState().calls).some((c) => c.remote.number === '+3725123456' && c.state === 'ringing'),
      'the call ringing in the console',
      undefined,
      10_000,
    );
    const call = Object.values(service.getState().calls).find((c) => c.remote.number === '+3725123456');
    const started = performance.now();
    receptionist.send({ id: 1, method: 'execute', params: { kind: 'answer', callId: call?.id ?? '' } });
    const answer = await receptionist.reply(1);
    const secondClientMs = performance.now() - started;
    const result = answer.result;
    // The PBX's own truth: reception is now talking to that caller.
    const talking = pbx.switch
      .deviceView('1100')
      .groups.some((g) => g.primary?.other.number === '+3725123456' && g.primary.state === 'connected');
    const secondClientOk = typeof result === 'object' && result !== null && 'ok' in result && result.ok === true && talking;

    let answered = 0;
    let refused = 0;
    for (let id = 1; id <= searches; id++) {
      const reply = await flooder.reply(id);
      if (reply.error !== undefined) refused++;
      else answered++;
    }
    clearInterval(sampler);
    flooder.close();
    receptionist.close();
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
    return {
      searches,
      answered,
      refused,
      peakPbxSockets: telserver.connections().peak,
      requestLimit: DEFAULT_SCHEDULER_LIMITS.maxInFlight,
      secondClientMs,
      secondClientOk,
      rssMb: { before, peak: peakRss, after: rssMb() },
    };
  } finally {
    await bridge.close();
    await service.stop();
    await pbx.stop();
    rmSync(web, { recursive: true, force: true });
  }
}
