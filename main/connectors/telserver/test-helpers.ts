/**
 * Small in-test stand-ins for TelServer (used by the transport and session
 * tests only; the demo PBX lives in main/sim).
 */
import net from 'node:net';
import type { Clock } from '../../core/connector';
import { decodeRequest, encodeReturn } from './codec';
import type { TsRequest, TsReturn } from './messages';

export interface TestTcpServer {
  port: number;
  /** Connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

/** A TCP server on 127.0.0.1, port 0; `onConnection` scripts what each connection sees. */
export async function startTcpServer(onConnection: (socket: net.Socket) => void): Promise<TestTcpServer> {
  const sockets = new Set<net.Socket>();
  const state = { connections: 0 };
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads one request from a connection: up to `</TelServiceRequest>` and the end-of-PDU sequence, if any. */
export function readRequest(socket: net.Socket, endOfPdu = ''): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('</TelServiceRequest>');
      if (end >= 0 && text.length >= end + '</TelServiceRequest>'.length + endOfPdu.length) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
  });
}

/** A TelServer that answers each request through `answer` and closes, as the real one does. */
export async function startFakeTelServer(answer: (req: TsRequest) => TsReturn | Promise<TsReturn>) {
  const requests: TsRequest[] = [];
  const server = await startTcpServer(async (socket) => {
    const req = decodeRequest(await readRequest(socket));
    requests.push(req);
    socket.end(encodeReturn(await answer(req)));
  });
  return { port: server.port, requests, close: server.close };
}

export const standardResult: TsReturn = { kind: 'result', result: { type: 'standard' } };

/** A Clock whose time moves only when the test says so. */
export class ManualClock implements Clock {
  private time = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Pending timers. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = until;
  }
}

/** Resolves when `predicate` holds, polling; fails the test after `ms`. */
export async function waitFor(predicate: () => boolean, ms = 2000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
