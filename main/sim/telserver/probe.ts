/**
 * A bare TelServices client for tests of the simulator (and anyone checking
 * it by hand): one request per TCP connection, and a UDP inbox for events.
 * It moves bytes only; whoever uses it says how to read them (the sim's
 * tests use the document's own examples), so it shares no codec with the
 * product's client.
 */
import dgram from 'node:dgram';
import net from 'node:net';

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

/** Sends one request's XML (plus the end-of-PDU sequence) and returns the reply's XML without it. */
export async function requestXml(port: number, xml: string, endOfPdu = ''): Promise<string> {
  const text = await exchangeRaw(port, xml + endOfPdu);
  return endOfPdu && text.endsWith(endOfPdu) ? text.slice(0, -endOfPdu.length) : text;
}

/** A UDP socket that keeps every datagram and lets a test wait for the next matching one, read by `decode`. */
export class EventInbox<E> {
  readonly datagrams: Buffer[] = [];
  private readonly socket = dgram.createSocket('udp4');
  private waiters: Array<{ match: (ev: E) => boolean; resolve: (ev: E) => void }> = [];
  private cursor = 0;

  /** `decode` throws on a datagram that is no event. */
  private constructor(private readonly decode: (text: string) => E) {}

  static async open<E>(decode: (text: string) => E): Promise<EventInbox<E>> {
    const inbox = new EventInbox(decode);
    await new Promise<void>((resolve) => inbox.socket.bind(0, '127.0.0.1', resolve));
    inbox.socket.on('message', (msg) => inbox.receive(msg));
    return inbox;
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Every datagram decoded; undefined for those that are not a valid event. */
  events(): Array<E | undefined> {
    return this.datagrams.map((d) => this.tryDecode(d));
  }

  /** The next event (after the ones already taken) that matches. */
  next(match: (ev: E) => boolean = () => true, timeoutMs = 3_000): Promise<E> {
    for (let i = this.cursor; i < this.datagrams.length; i++) {
      const ev = this.tryDecode(this.datagrams[i]);
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
  async quietFor(ms: number): Promise<Array<E | undefined>> {
    const from = this.datagrams.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.datagrams.slice(from).map((d) => this.tryDecode(d));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private receive(msg: Buffer): void {
    this.datagrams.push(msg);
    const ev = this.tryDecode(msg);
    if (!ev) return;
    const index = this.datagrams.length - 1;
    const waiter = this.waiters.find((w) => w.match(ev));
    if (waiter) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      this.cursor = index + 1;
      waiter.resolve(ev);
    }
  }

  private tryDecode(datagram: Buffer): E | undefined {
    try {
      return this.decode(datagram.toString('utf8'));
    } catch {
      return undefined;
    }
  }
}
