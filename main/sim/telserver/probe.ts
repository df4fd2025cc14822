/**
 * A bare TelServices client for tests of the simulator (and anyone checking
 * it by hand): one request per TCP connection, and a UDP inbox for events.
 * Deliberately independent of the product's client so the two test each other.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { decodeEvent, decodeReturn, encodeRequest } from '../../connectors/telserver/codec';
import type { TsEvent, TsRequest, TsReturn } from '../../connectors/telserver/messages';

/** Sends raw bytes on a fresh connection and resolves with everything the server wrote before closing. */
export function exchangeRaw(port: number, payload: string | Buffer, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no reply in time'));
    }, timeoutMs);
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

export async function request(port: number, req: TsRequest, endOfPdu = ''): Promise<TsReturn> {
  const text = await exchangeRaw(port, encodeRequest(req) + endOfPdu);
  return decodeReturn(endOfPdu && text.endsWith(endOfPdu) ? text.slice(0, -endOfPdu.length) : text);
}

/** A UDP socket that keeps every datagram and lets a test wait for the next matching one. */
export class EventInbox {
  readonly datagrams: Buffer[] = [];
  private readonly socket = dgram.createSocket('udp4');
  private waiters: Array<{ match: (ev: TsEvent) => boolean; resolve: (ev: TsEvent) => void }> = [];
  private cursor = 0;

  static async open(): Promise<EventInbox> {
    const inbox = new EventInbox();
    await new Promise<void>((resolve) => inbox.socket.bind(0, '127.0.0.1', resolve));
    inbox.socket.on('message', (msg) => inbox.receive(msg));
    return inbox;
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Every datagram decoded; undefined for those that are not a valid event. */
  events(): Array<TsEvent | undefined> {
    return this.datagrams.map((d) => tryDecode(d));
  }

  /** The next event (after the ones already taken) that matches. */
  next(match: (ev: TsEvent) => boolean = () => true, timeoutMs = 3_000): Promise<TsEvent> {
    for (let i = this.cursor; i < this.datagrams.length; i++) {
      const ev = tryDecode(this.datagrams[i]);
      if (ev && match(ev)) {
        this.cursor = i + 1;
        return Promise.resolve(ev);
      }
    }
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error('no matching event in time'));
      }, timeoutMs);
    });
  }

  /** Waits `ms` and returns the events that arrived meanwhile. */
  async quietFor(ms: number): Promise<Array<TsEvent | undefined>> {
    const from = this.datagrams.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.datagrams.slice(from).map((d) => tryDecode(d));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private receive(msg: Buffer): void {
    this.datagrams.push(msg);
    const ev = tryDecode(msg);
    if (!ev) return;
    const index = this.datagrams.length - 1;
    const waiter = this.waiters.find((w) => w.match(ev));
    if (waiter) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      this.cursor = index + 1;
      waiter.resolve(ev);
    }
  }
}

function tryDecode(datagram: Buffer): TsEvent | undefined {
  try {
    return decodeEvent(datagram.toString('utf8'));
  } catch {
    return undefined;
  }
}
