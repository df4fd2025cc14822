/**
 * Receives TelServices events over UDP (the port given to openSession as
 * eventUDPPort). UDP comes from anyone who can reach the port, so every
 * datagram is checked and a bad one is dropped with a log line; nothing a
 * datagram holds can throw out of here or stop the listener.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { msg } from '../../../app/i18n/message';
import { ConsoleError } from '../../core/errors';
import type { Logger } from '../../core/log';
import { PeerFaultText } from '../shared/peer-fault-text';
import { decodeEvent } from './codec';
import type { TsEvent } from './messages';

export interface TelServerEventListenerOptions {
  bindAddress: string;
  /** 0 (default): any free port; start() tells which. */
  port?: number;
  /** When given, datagrams from other addresses are dropped (spoofing guard). */
  allowedSources?: string[];
  /** The configured end-of-PDU sequence: a datagram may then hold several events separated by it. */
  endOfPdu?: string;
  /** Larger datagrams are dropped. Default 64 KiB. */
  maxDatagramBytes?: number;
  /** Redacts the lines' credentials from the datagram texts a drop's log line quotes (default: bounds them only). */
  faultText?: PeerFaultText;
  log: Logger;
}

export const MAX_EVENT_DATAGRAM_BYTES = 64 * 1024;
/** Without the connection's credentials: bounds and cleans only. */
const unredacted = new PeerFaultText();
/** After this many drops, only every 100th is logged, so a flood cannot flood the log too. */
const DROPS_ALWAYS_LOGGED = 10;

export class TelServerEventListener {
  private socket: dgram.Socket | undefined;
  private port: number | undefined;
  private readonly callbacks: ((ev: TsEvent) => void)[] = [];
  private dropped = 0;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly opts: TelServerEventListenerOptions) {}

  /**
   * Binds the socket; resolves with the bound port. Calling it again returns
   * the same port. Rejects with a ConsoleError when the address or port
   * cannot be had (in use, not an address of this machine).
   */
  async start(): Promise<number> {
    if (this.port !== undefined) return this.port;
    const { bindAddress } = this.opts;
    const wanted = this.opts.port ?? 0;
    const socket = dgram.createSocket({ type: net.isIPv6(bindAddress) ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      const failed = (err: NodeJS.ErrnoException) => {
        try {
          socket.close();
        } catch {
          // Not running after the failed bind: nothing to close.
        }
        const address = net.isIPv6(bindAddress) ? `[${bindAddress}]:${wanted}` : `${bindAddress}:${wanted}`;
        reject(new ConsoleError(msg('telserver.eventPortFailed', { address, reason: err.code ?? err.message }), { cause: err }));
      };
      socket.once('error', failed);
      socket.bind(wanted, bindAddress, () => {
        socket.off('error', failed);
        resolve();
      });
    });
    socket.on('error', (err) => this.opts.log.warn('TelServer event socket error', { error: err.message }));
    socket.on('message', (msg, rinfo) => this.receive(msg, rinfo.address));
    this.socket = socket;
    this.port = socket.address().port;
    this.opts.log.debug('Listening for TelServer events', { address: this.opts.bindAddress, port: this.port });
    return this.port;
  }

  /** The bound port, once started. */
  get boundPort(): number | undefined {
    return this.port;
  }

  /** Datagrams (or, within one datagram, events) dropped so far. */
  get droppedCount(): number {
    return this.dropped;
  }

  onEvent(cb: (ev: TsEvent) => void): void {
    this.callbacks.push(cb);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.port = undefined;
    if (!socket) return;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private receive(datagram: Buffer, source: string): void {
    if (this.opts.allowedSources && !isAllowedSource(source, this.opts.allowedSources)) {
      return this.drop('from an address that is not TelServer', source);
    }
    const maxBytes = this.opts.maxDatagramBytes ?? MAX_EVENT_DATAGRAM_BYTES;
    if (datagram.length > maxBytes) return this.drop(`larger than ${maxBytes} bytes`, source);
    let text: string;
    try {
      text = this.utf8.decode(datagram);
    } catch {
      return this.drop('not valid UTF-8', source);
    }
    const pdus = this.opts.endOfPdu ? text.split(this.opts.endOfPdu) : [text];
    for (const pdu of pdus) {
      if (pdu.trim() === '') continue;
      let event: TsEvent;
      try {
        event = decodeEvent(pdu, { maxBytes });
      } catch (err) {
        this.drop(`not a TelServices event: ${(this.opts.faultText ?? unredacted).clean((err as Error).message)}`, source);
        continue;
      }
      this.deliver(event);
    }
  }

  private deliver(event: TsEvent): void {
    for (const cb of this.callbacks) {
      try {
        cb(event);
      } catch (err) {
        this.opts.log.error('TelServer event handler failed', { error: (err as Error).message });
      }
    }
  }

  private drop(why: string, source: string): void {
    this.dropped++;
    if (this.dropped <= DROPS_ALWAYS_LOGGED || this.dropped % 100 === 0) {
      this.opts.log.warn(`Dropped a TelServer event datagram: ${why}`, { source, droppedSoFar: this.dropped });
    }
  }
}

/** Whether `source` is one of `allowed`; IPv4-mapped IPv6 ('::ffff:10.0.0.5') matches its IPv4 form. */
export function isAllowedSource(source: string, allowed: readonly string[]): boolean {
  const canonical = (address: string) =>
    address
      .trim()
      .toLowerCase()
      .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const from = canonical(source);
  return allowed.some((a) => canonical(a) === from);
}
