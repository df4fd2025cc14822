/**
 * A directory-search flood on one browser-bridge socket against the TelServer demo PBX, while a second client
 * answers a ringing call: what the bounded-load test asserts and `npm run bench:flood` prints.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { isMessage } from '../../app/i18n/message';
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
  /** The same client's Answer before the flood: what a command takes on this machine at this load without one. */
  quietAnswerMs: number;
  rssMb: { before: number; peak: number; after: number };
  /** V8 heap in use before and after (each after a full GC when run with --expose-gc): what the flood left behind. */
  heapMb: { before: number; after: number };
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
    // A refusal is the core's Message: its catalog key says which (request.queueFull, …).
    const error = 'error' in frame ? (isMessage(frame.error) ? frame.error.key : JSON.stringify(frame.error)) : undefined;
    const reply = { result: 'result' in frame ? frame.result : undefined, error };
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

/**
 * The flooding client runs in a process of its own, as a browser tab would: its 10,000 sends and replies must not
 * be counted as the console's work (in one thread they were: the second client's latency then measured the bench's
 * own JSON handling), nor its memory as the console's (a worker thread's heap stays in this process's RSS after it
 * ends). It sends { sent } when every search is on its way and { answered, refused } when every one has its reply.
 */
const FLOOD_CLIENT = `
const WebSocket = require(process.env.FLOOD_WS_PATH);
const { url, origin, searches } = JSON.parse(process.env.FLOOD_OPTIONS);
const socket = new WebSocket(url, { origin, maxPayload: 64 * 1024 * 1024 });
let answered = 0, refused = 0;
socket.on('message', (data) => {
  const frame = JSON.parse(String(data));
  if (typeof frame.id !== 'number') return;
  if ('error' in frame) refused++; else answered++;
  if (answered + refused === searches) { socket.terminate(); process.send({ answered, refused }); }
});
socket.once('open', () => {
  for (let id = 1; id <= searches; id++) {
    socket.send(JSON.stringify({ id, method: 'searchDirectory', params: { text: 'Mar' + (id % 97), limit: 20, scope: 'all' } }));
  }
  process.send({ sent: true });
});
`;

function startFloodClient(url: string, origin: string, searches: number) {
  const child = spawn(process.execPath, ['-e', FLOOD_CLIENT], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, FLOOD_WS_PATH: require.resolve('ws'), FLOOD_OPTIONS: JSON.stringify({ url, origin, searches }) },
  });
  let sent: () => void = () => {};
  const allSent = new Promise<void>((resolve) => (sent = resolve));
  const done = new Promise<{ answered: number; refused: number }>((resolve, reject) => {
    child.on('message', (message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      if ('sent' in message) sent();
      if ('answered' in message && 'refused' in message && typeof message.answered === 'number' && typeof message.refused === 'number') {
        resolve({ answered: message.answered, refused: message.refused });
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the flooding client exited (${code}) before every search had its reply`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  };
  return { allSent, done, stop };
}

const toMb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
// rss() alone: memoryUsage() also walks the V8 heap, and sampled every 20 ms it was a tenth of the bench's own CPU.
const rssMb = () => toMb(process.memoryUsage.rss());
const heapMb = () => {
  globalThis.gc?.();
  return toMb(process.memoryUsage().heapUsed);
};

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
    const receptionist = await connectClient(url, origin);

    /** A caller rings, the receptionist's client answers: how long its command took, and whether the PBX did it. */
    const answerACall = async (from: string, requestId: number) => {
      pbx.control.incomingCall({ from });
      await waitUntil(
        () => Object.values(service.getState().calls).some((c) => c.remote.number === from && c.state === 'ringing'),
        'the call ringing in the console',
        undefined,
        10_000,
      );
      const call = Object.values(service.getState().calls).find((c) => c.remote.number === from);
      const started = performance.now();
      receptionist.send({ id: requestId, method: 'execute', params: { kind: 'answer', callId: call?.id ?? '' } });
      const { result } = await receptionist.reply(requestId);
      const ms = performance.now() - started;
      // The PBX's own truth: reception is now talking to that caller.
      const talking = pbx.switch.deviceView('1100').groups.some((g) => g.primary?.other.number === from && g.primary.state === 'connected');
      return { ms, ok: typeof result === 'object' && result !== null && 'ok' in result && result.ok === true && talking };
    };
    // The same Answer without a flood first, once the caller is gone again: the reference on this machine at this load,
    // and the command's code paths warmed, so the flood's figure is not the cost of a console's very first command.
    const quiet = await answerACall('+3725000001', 1);
    pbx.control.remoteHangup({ number: '+3725000001' });
    await waitUntil(() => Object.keys(service.getState().calls).length === 0, 'the quiet call gone', undefined, 10_000);

    const heapBefore = heapMb();
    const before = rssMb();
    let peakRss = before;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb())), 20);
    const flooder = startFloodClient(url, origin, searches);
    await flooder.allSent;
    // While the flood is in flight, a caller rings and the other client answers.
    const flooded = await answerACall('+3725123456', 2);

    const { answered, refused } = await flooder.done;
    clearInterval(sampler);
    await flooder.stop();
    receptionist.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const heapAfter = heapMb();
    return {
      searches,
      answered,
      refused,
      peakPbxSockets: telserver.connections().peak,
      requestLimit: DEFAULT_SCHEDULER_LIMITS.maxInFlight,
      secondClientMs: flooded.ms,
      secondClientOk: flooded.ok,
      quietAnswerMs: quiet.ms,
      rssMb: { before, peak: peakRss, after: rssMb() },
      heapMb: { before: heapBefore, after: heapAfter },
    };
  } finally {
    await bridge.close();
    await service.stop();
    await pbx.stop();
    rmSync(web, { recursive: true, force: true });
  }
}
