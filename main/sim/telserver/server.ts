/**
 * The demo PBX's TelServer front end: TelServices over real sockets on
 * loopback, as uniGone TelServer v1.7 speaks it.
 *
 * - TCP: one request per connection. Read until `</TelServiceRequest>` (or
 *   the configured end-of-PDU sequence), execute, write the reply (plus the
 *   end-of-PDU sequence), close. Unreadable or oversized input is answered
 *   `<error><reject/></error>`; a connection never brings the server down.
 * - UDP: events to the port each session client gave in openSession, at the
 *   TCP peer's address, one event per datagram.
 * - Faults for tests: refused connections, cut or slow replies, junk and
 *   oversized datagrams, PBX link down, sessions closed by the admin or lost
 *   in a restart.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import type { SimEvent, SimReturn, SessionEventName } from './messages';
import type { Clock } from '../../../app/clock';
import { systemClock } from '../../core/clock';
import type { Logger } from '../../core/log';
import type { Switch, SwitchChange } from '../shared/switch';
import { callEventsFor, featureEventFor } from './events';
import { executeRequest } from './services';
import { readRequest, UnreadableRequest } from './request-reader';
import { SessionTable, type Session } from './sessions';
import { writeEvent, writeReturn } from './xml-writer';

export interface TelServerFrontEndOptions {
  switch: Switch;
  /** Session timeouts and delayed closeSession run on it. */
  clock?: Clock;
  log?: Logger;
  /** Default 0: the system picks a free port. */
  port?: number;
  /** Appended to every reply and event, and accepted as the end of a request. */
  endOfPdu?: string;
  /** Open sessions (devices) allowed at once; more get sessionLimitExceeded. Default 100. */
  sessionLimit?: number;
  /** Devices whose first openSession must carry this userPassword. */
  passwords?: Record<string, string>;
  /** Requests above this size are rejected. Default 64 KiB. */
  maxRequestBytes?: number;
  /** A connection that sends no complete request within this time is closed. Default 10 s. */
  idleTimeoutMs?: number;
}

export interface TelServerFaults {
  /** On: stop listening (connects get ECONNREFUSED). Off: listen again on the same port. */
  refuseConnections(on: boolean): Promise<void>;
  /** The next reply stops after this many bytes and the connection is destroyed. */
  cutNextReply(afterBytes: number): void;
  /** Every reply waits this long (0: no delay). */
  delayReplies(ms: number): void;
  /** Sends a truncated event to the device's session clients. */
  sendMalformedDatagram(device: string): Promise<void>;
  /** Sends 60 KiB junk datagrams to the device's session clients until `totalBytes` went out. Returns how many. */
  sendOversizedDatagrams(device: string, totalBytes?: number): Promise<number>;
  /** Down: session event pbxlinkOutOfService, every request fails so, no call events. Up: pbxlinkInService. */
  setPbxLink(up: boolean): void;
  /** Session event sessionClosedByAdmin, then the session is gone. */
  closeSessionByAdmin(device: string): void;
  /** Every session forgotten without a word, as after a TelServer restart. */
  dropAllSessions(): void;
}

const HOST = '127.0.0.1';
const CLOSING_TAG = '</TelServiceRequest>';
const OVERSIZED_DATAGRAM_BYTES = 60 * 1024;
const REJECT: SimReturn = { kind: 'error', error: 'reject' };

const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export class TelServerFrontEnd {
  readonly faults: TelServerFaults;
  private readonly sw: Switch;
  private readonly clock: Clock;
  /** User statistics count from here. */
  private readonly startedAt: number;
  private readonly log: Logger;
  private readonly endOfPdu: string;
  private readonly maxRequestBytes: number;
  private readonly idleTimeoutMs: number;
  private readonly sessions: SessionTable;
  private readonly sockets = new Set<net.Socket>();
  private peakSockets = 0;
  private closedBeforeReply = 0;
  /** Connections whose reply was written: one closed without it was given up on by the client. */
  private readonly replied = new WeakSet<net.Socket>();
  private readonly replyTimers = new Set<ReturnType<typeof setTimeout>>();
  private tcp?: net.Server;
  private udp?: dgram.Socket;
  private port: number;
  private unsubscribe?: () => void;
  private pbxLinkUp = true;
  private cutAfterBytes?: number;
  private replyDelayMs = 0;

  constructor(options: TelServerFrontEndOptions) {
    this.sw = options.switch;
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.log = options.log ?? silentLog;
    this.port = options.port ?? 0;
    this.endOfPdu = options.endOfPdu ?? '';
    this.maxRequestBytes = options.maxRequestBytes ?? 64 * 1024;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 10_000;
    this.sessions = new SessionTable({
      clock: this.clock,
      limit: options.sessionLimit ?? 100,
      passwords: options.passwords ?? {},
      onTimeout: (session) => this.sendSessionEvent(session, 'sessionClosedByTimeout'),
    });
    this.faults = this.createFaults();
  }

  async start(): Promise<{ host: string; port: number }> {
    if (this.tcp) throw new Error('TelServer front end already started');
    this.udp = dgram.createSocket('udp4');
    this.udp.on('error', (error) => this.log.warn('telserver sim: UDP error', { error: String(error) }));
    await new Promise<void>((resolve) => this.udp!.bind(0, HOST, resolve));
    await this.listen();
    this.unsubscribe = this.sw.onChange((changes) => this.publish(changes));
    this.log.info('telserver sim listening', { host: HOST, port: this.port });
    return { host: HOST, port: this.port };
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of this.replyTimers) clearTimeout(timer);
    this.replyTimers.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const tcp = this.tcp;
    this.tcp = undefined;
    if (tcp?.listening) await new Promise<void>((resolve) => tcp.close(() => resolve()));
    const udp = this.udp;
    this.udp = undefined;
    if (udp) await new Promise<void>((resolve) => udp.close(() => resolve()));
    this.sessions.clear();
  }

  get address(): { host: string; port: number } {
    return { host: HOST, port: this.port };
  }

  /** Devices with an open session. */
  sessionDevices(): string[] {
    return this.sessions.all().map((s) => s.device);
  }

  // ------------------------------------------------------------------- TCP

  private listen(): Promise<void> {
    const server = net.createServer((socket) => this.serve(socket));
    return new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, HOST, () => {
        server.off('error', reject);
        server.on('error', (error) => this.log.warn('telserver sim: TCP server error', { error: String(error) }));
        this.port = (server.address() as net.AddressInfo).port;
        this.tcp = server;
        resolve();
      });
    });
  }

  /**
   * TCP connections open now, the most ever open at once (how hard the console presses the PBX), and how many
   * closed before TelServer wrote a reply: requests the console gave up on (also bare port probes, and connections
   * dropped idle or at stop).
   */
  get connections(): { open: number; peak: number; closedBeforeReply: number } {
    return { open: this.sockets.size, peak: this.peakSockets, closedBeforeReply: this.closedBeforeReply };
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    this.peakSockets = Math.max(this.peakSockets, this.sockets.size);
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (!this.replied.has(socket)) this.closedBeforeReply++;
    });
    socket.on('error', (error) => this.log.debug('telserver sim: connection error', { error: String(error) }));
    socket.setTimeout(this.idleTimeoutMs, () => socket.destroy());
    const peer = (socket.remoteAddress ?? HOST).replace(/^::ffff:/, '');
    let received = Buffer.alloc(0);
    let answered = false;

    const answer = (ret: SimReturn) => {
      answered = true;
      this.reply(socket, ret);
    };
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      received = Buffer.concat([received, chunk]);
      if (received.length > this.maxRequestBytes) {
        this.log.warn('telserver sim: request too large', { bytes: received.length });
        return answer(REJECT);
      }
      const request = this.completeRequest(received);
      if (request !== undefined) answer(this.handle(request, peer));
    });
    // The client finished sending without a complete request: answer what we have.
    socket.on('end', () => {
      if (!answered) answer(this.handle(received.toString('utf8'), peer));
    });
  }

  /** The request text once it is complete, else undefined. */
  private completeRequest(received: Buffer): string | undefined {
    const closing = received.indexOf(CLOSING_TAG);
    if (closing >= 0) return received.subarray(0, closing + CLOSING_TAG.length).toString('utf8');
    if (this.endOfPdu) {
      const end = received.indexOf(this.endOfPdu);
      if (end >= 0) return received.subarray(0, end).toString('utf8');
    }
    return undefined;
  }

  private handle(xml: string, peer: string): SimReturn {
    let request;
    try {
      request = readRequest(xml, this.maxRequestBytes);
    } catch (error) {
      if (!(error instanceof UnreadableRequest)) throw error;
      this.log.warn('telserver sim: unreadable request', { error: error.message });
      return REJECT;
    }
    if (!this.pbxLinkUp) return { kind: 'error', error: 'pbxlinkOutOfService' };
    this.log.debug('telserver sim: request', { type: request.type });
    try {
      return executeRequest(request, {
        switch: this.sw,
        sessions: this.sessions,
        peerAddress: peer,
        now: () => this.clock.now(),
        startedAt: this.startedAt,
        later: (fn, ms) => this.clock.setTimeout(fn, ms),
      });
    } catch (error) {
      this.log.error('telserver sim: request failed', { type: request.type, error: String(error) });
      return { kind: 'error', error: 'resourceError' };
    }
  }

  private reply(socket: net.Socket, ret: SimReturn): void {
    const bytes = Buffer.from(writeReturn(ret) + this.endOfPdu, 'utf8');
    const cut = this.cutAfterBytes;
    this.cutAfterBytes = undefined;
    const write = () => {
      if (socket.destroyed) return;
      this.replied.add(socket);
      if (cut !== undefined) {
        socket.write(bytes.subarray(0, Math.min(cut, bytes.length)), () => socket.destroy());
      } else {
        socket.end(bytes);
      }
    };
    if (this.replyDelayMs <= 0) return write();
    const timer = setTimeout(() => {
      this.replyTimers.delete(timer);
      write();
    }, this.replyDelayMs);
    this.replyTimers.add(timer);
  }

  // ------------------------------------------------------------------ events

  private publish(changes: SwitchChange[]): void {
    // With the PBX link down TelServer sees nothing of the PBX.
    if (!this.pbxLinkUp) return;
    for (const change of changes) {
      const session = this.sessions.get(change.device);
      if (!session) continue;
      if (change.kind === 'calls') {
        const infos = callEventsFor(session, this.sw.deviceView(change.device), change.ended, this.clock.now());
        for (const call of infos) {
          const alerting = call.primCall?.state === 'alerting' || call.secCall?.state === 'alerting';
          this.send(session, { deviceNumber: change.device, event: { type: 'call', call } }, alerting);
        }
      } else {
        const event = featureEventFor(change);
        if (event) this.send(session, event, false);
      }
    }
  }

  private sendSessionEvent(session: Session, reason: SessionEventName): void {
    this.send(session, { event: { type: 'session', session: reason } }, true);
  }

  /** `forRestricted`: also for clients that asked for alerting events only. */
  private send(session: Session, event: SimEvent, forRestricted: boolean): void {
    const datagram = Buffer.from(writeEvent(event) + this.endOfPdu, 'utf8');
    for (const client of session.clients) {
      if (client.udpPort === undefined || (client.restricted && !forRestricted)) continue;
      this.udp?.send(datagram, client.udpPort, client.address, (error) => {
        if (error) this.log.debug('telserver sim: event not sent', { error: String(error) });
      });
    }
  }

  private async sendRaw(device: string, datagram: Buffer): Promise<void> {
    const session = this.sessions.get(device);
    if (!session) throw new Error(`No session for ${device}`);
    const udp = this.udp;
    if (!udp) throw new Error('TelServer front end not started');
    for (const client of session.clients) {
      if (client.udpPort === undefined) continue;
      await new Promise<void>((resolve) => udp.send(datagram, client.udpPort, client.address, () => resolve()));
    }
  }

  // ------------------------------------------------------------------ faults

  private createFaults(): TelServerFaults {
    return {
      refuseConnections: async (on) => {
        if (on) {
          const tcp = this.tcp;
          this.tcp = undefined;
          // Stops accepting at once; connections already open finish normally.
          tcp?.close();
        } else if (!this.tcp) {
          await this.listen();
        }
      },
      cutNextReply: (afterBytes) => {
        this.cutAfterBytes = Math.max(0, afterBytes);
      },
      delayReplies: (ms) => {
        this.replyDelayMs = Math.max(0, ms);
      },
      sendMalformedDatagram: (device) =>
        this.sendRaw(
          device,
          Buffer.from(`<TelServiceEvent><deviceNumber>${device}</deviceNumber><event><call><id>1</id><primCall><state><alert`),
        ),
      sendOversizedDatagrams: async (device, totalBytes = 2 * 1024 * 1024) => {
        const junk = Buffer.alloc(OVERSIZED_DATAGRAM_BYTES, 'x');
        junk.write('<TelServiceEvent><event>');
        let sent = 0;
        let count = 0;
        while (sent < totalBytes) {
          const size = Math.min(OVERSIZED_DATAGRAM_BYTES, totalBytes - sent);
          await this.sendRaw(device, junk.subarray(0, size));
          sent += size;
          count++;
        }
        return count;
      },
      setPbxLink: (up) => {
        if (this.pbxLinkUp === up) return;
        this.pbxLinkUp = up;
        for (const session of this.sessions.all()) this.sendSessionEvent(session, up ? 'pbxlinkInService' : 'pbxlinkOutOfService');
      },
      closeSessionByAdmin: (device) => {
        const session = this.sessions.remove(device);
        if (session) this.sendSessionEvent(session, 'sessionClosedByAdmin');
      },
      dropAllSessions: () => this.sessions.clear(),
    };
  }
}
