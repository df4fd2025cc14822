/**
 * One WebSocket to PortaSIP's JSON-RPC endpoint (wss://host:port/ws).
 *
 * - Requests carry a cseq; the reply with the same cseq settles them. Each
 *   request has its own time limit; when the socket closes, every request
 *   still waiting fails at once with the reason.
 * - Call notifications go to `onNotification`. A frame that is not JSON, not
 *   a known message, or larger than `maxFrameBytes` is dropped with a log
 *   line; the connection stays up.
 * - Heartbeat: a WebSocket ping every `heartbeatMs`; no pong within the
 *   request time-out (at most the period) means the socket is dead: it is
 *   terminated and reported, so a PortaSIP that falls silent is noticed
 *   within one period plus that time-out.
 * - TLS is always verified (system CAs), or the server's certificate must
 *   match a pinned SHA-256 fingerprint (self-signed PortaSwitch installs).
 * - Every failure is a TransportError naming the server ("PortaSIP
 *   pbx.example.com:8444"), or a PortaSipError when the server answered
 *   with one; the words come from the catalog.
 */
import WebSocket from 'ws';
import type { Clock } from '../../../app/clock';
import type { Logger } from '../../core/log';
import { PeriodicTask } from '../../core/periodic-task';
import { PeerFaultText, type PeerCredentials } from '../shared/peer-fault-text';
import { CertificatePinError, createPinnedAgent } from '../shared/tls-pinning';
import { socketFailure, TransportError } from '../shared/transport-error';
import { decodeCallsList, decodeFrame, encodeRequest, PsCodecError } from './codec';
import { CONSOLE_ERROR_CODES, PortaSipError } from './errors';
import type { PsAuthInfo, PsCallInfo, PsRequest } from './messages';

export interface PortaSipClientOptions {
  /** wss://host:port/ws (ws:// only on loopback; the config validator enforces it). */
  url: string;
  /** Pinned SHA-256 fingerprint of the server certificate ("AB:CD:…"). */
  fingerprint256?: string;
  requestTimeoutMs?: number;
  heartbeatMs?: number;
  /** Frames above this are dropped with a log line. Default 1 MiB. */
  maxFrameBytes?: number;
  /** The login and password, redacted from whatever text the server sends back (error messages, close reasons). */
  credentials?: PeerCredentials;
  clock: Clock;
  log: Logger;
  onNotification(info: PsCallInfo, action: string): void;
  /** The socket closed (not called for close()): why, in the catalog's words. */
  onClosed(error: TransportError): void;
}

interface Pending {
  method: string;
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
  timer: unknown;
}

/** Frames above this close the socket (ws's own limit); smaller oversized frames are only dropped. */
const HARD_FRAME_LIMIT = 16 * 1024 * 1024;

/** Close codes of an orderly close (normal, going away): the connection was closed, not broken. */
const ORDERLY_CLOSE = new Set([1000, 1001]);

export class PortaSipClient {
  /** The server as the receptionist knows it, for every TransportError: "PortaSIP pbx.example.com:8444". */
  readonly server: string;
  private socket?: WebSocket;
  private readonly pending = new Map<number, Pending>();
  private cseq = 0;
  private heartbeat?: PeriodicTask;
  private awaitingPong = false;
  private pongTimer: unknown;
  /** Why the client ended the socket itself (no pong): reported instead of the bare close code. */
  private deadReason?: TransportError;
  private closedByUs = false;
  private readonly maxFrameBytes: number;
  private readonly faultText: PeerFaultText;

  constructor(private readonly options: PortaSipClientOptions) {
    this.maxFrameBytes = options.maxFrameBytes ?? 1024 * 1024;
    this.faultText = new PeerFaultText(options.credentials ? [options.credentials] : []);
    this.server = serverName(options.url);
  }

  /** Opens the socket; rejects with a TransportError that says why. */
  open(): Promise<void> {
    const url = new URL(this.options.url);
    const agent =
      this.options.fingerprint256 && url.protocol === 'wss:' ? createPinnedAgent(this.options.fingerprint256, url.hostname) : undefined;
    const handshakeTimeout = this.options.requestTimeoutMs ?? 5000;
    const socket = new WebSocket(this.options.url, {
      agent,
      maxPayload: HARD_FRAME_LIMIT,
      handshakeTimeout,
      perMessageDeflate: false,
    });
    this.socket = socket;
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      socket.once('open', () => {
        opened = true;
        this.startHeartbeat();
        resolve();
      });
      socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
      socket.on('pong', () => {
        this.awaitingPong = false;
        this.clearPongTimer();
      });
      socket.on('error', (error) => {
        if (!opened) reject(connectFailure(this.server, error, handshakeTimeout));
        else this.options.log.warn('portasip: socket error', { error: String(error) });
      });
      socket.on('close', (code, reason) => {
        const why = reason.length ? this.faultText.clean(reason.toString('utf8')) : `code ${code}`;
        this.shutdown();
        if (!opened) {
          reject(new TransportError('closed', this.server));
        } else if (!this.closedByUs) {
          this.options.log.info('portasip: connection closed by the server or the network', { code, reason: why });
          this.options.onClosed(
            this.deadReason ??
              (ORDERLY_CLOSE.has(code)
                ? new TransportError('closed', this.server)
                : new TransportError('reset', this.server, { reason: why })),
          );
        }
      });
    });
  }

  /** Sends a request and resolves with its `result`; a server error or `success: 0` rejects with PortaSipError. */
  request(request: PsRequest, authInfo?: PsAuthInfo, timeoutMs = this.options.requestTimeoutMs ?? 5000): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new TransportError('closed', this.server));
    const cseq = ++this.cseq;
    return new Promise((resolve, reject) => {
      const timer = this.options.clock.setTimeout(() => {
        this.pending.delete(cseq);
        this.options.log.warn('portasip: no answer in time', { method: request.method, timeoutMs });
        reject(new TransportError('timeout', this.server, { seconds: seconds(timeoutMs) }));
      }, timeoutMs);
      this.pending.set(cseq, { method: request.method, resolve, reject, timer });
      socket.send(encodeRequest({ ...request, cseq, ...(authInfo ? { auth_info: authInfo } : {}) }));
    });
  }

  /** A calls-list result → SIPCallInfos, logging entries that were not usable; a list that is not one is a 'malformed' TransportError. */
  callsFromResult(result: Record<string, unknown>): PsCallInfo[] {
    let list;
    try {
      list = decodeCallsList(result);
    } catch (error) {
      if (!(error instanceof PsCodecError)) throw error;
      throw new TransportError('malformed', this.server, { reason: this.faultText.clean(error.message) }, { cause: error });
    }
    if (list.skipped) this.options.log.warn('portasip: unusable entries in calls_list skipped', { skipped: list.skipped });
    return list.calls;
  }

  /** Closes the socket; requests still waiting fail. Never throws. */
  close(): void {
    this.closedByUs = true;
    this.shutdown();
    try {
      this.socket?.terminate();
    } catch {
      // Already gone.
    }
    this.socket = undefined;
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (isBinary) {
      this.options.log.warn('portasip: binary frame dropped', { bytes: data.length });
      return;
    }
    if (data.length > this.maxFrameBytes) {
      this.options.log.warn('portasip: oversized frame dropped', { bytes: data.length, limit: this.maxFrameBytes });
      return;
    }
    let frame;
    try {
      frame = decodeFrame(data.toString('utf8'));
    } catch (error) {
      if (!(error instanceof PsCodecError)) throw error;
      // The parser's message may quote the frame.
      this.options.log.warn('portasip: malformed frame dropped', { error: this.faultText.clean(error.message), bytes: data.length });
      return;
    }
    if (frame.kind === 'notification') {
      this.options.onNotification(frame.callInfo, frame.action);
      return;
    }
    const pending = frame.cseq !== undefined ? this.pending.get(frame.cseq) : undefined;
    if (!pending) {
      this.options.log.warn('portasip: reply to no waiting request dropped', { cseq: frame.cseq });
      return;
    }
    this.pending.delete(frame.cseq!);
    this.options.clock.clearTimeout(pending.timer);
    if (frame.kind === 'error') {
      pending.reject(new PortaSipError(this.faultText.clean(frame.code), this.faultText.clean(frame.message)));
    } else if (!frame.success) {
      this.options.log.warn('portasip: request returned success 0', { method: pending.method });
      pending.reject(new PortaSipError(CONSOLE_ERROR_CODES.unsuccessful));
    } else {
      pending.resolve(frame.result);
    }
  }

  /** A ping every interval; one still unanswered after the request time-out (at most the interval) means the socket is dead. */
  private startHeartbeat(): void {
    const interval = this.options.heartbeatMs ?? 15_000;
    const pongWithin = Math.min(this.options.requestTimeoutMs ?? 5000, interval);
    this.heartbeat = new PeriodicTask(this.options.clock, interval, () => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN || this.awaitingPong) return;
      this.awaitingPong = true;
      socket.ping();
      this.pongTimer = this.options.clock.setTimeout(() => {
        this.pongTimer = undefined;
        if (!this.awaitingPong || this.socket !== socket) return;
        this.options.log.warn('portasip: no pong, the connection is dead');
        this.deadReason = new TransportError('timeout', this.server, { seconds: seconds(pongWithin) });
        this.heartbeat?.stop();
        socket.terminate();
      }, pongWithin);
    });
    this.heartbeat.start();
  }

  private clearPongTimer(): void {
    if (this.pongTimer !== undefined) this.options.clock.clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  private shutdown(): void {
    this.heartbeat?.stop();
    this.heartbeat = undefined;
    this.clearPongTimer();
    for (const [cseq, pending] of this.pending) {
      this.options.clock.clearTimeout(pending.timer);
      this.pending.delete(cseq);
      this.options.log.warn('portasip: the connection closed with a request in flight; it may not have been carried out', {
        method: pending.method,
      });
      pending.reject(new TransportError('closed', this.server));
    }
  }
}

/** "PortaSIP pbx.example.com:8444": the product and where it runs, as an administrator configured it. */
function serverName(url: string): string {
  try {
    return `PortaSIP ${new URL(url).host}`;
  } catch {
    return 'PortaSIP';
  }
}

/** Milliseconds as seconds with one decimal (0.3, 5, 15). */
function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/** Why the socket could not be opened: TLS not trusted, no answer in time, an HTTP status, or the network's own reason. */
function connectFailure(server: string, error: Error, handshakeTimeoutMs: number): TransportError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (
    error instanceof CertificatePinError ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT') ||
    code.startsWith('UNABLE_TO_')
  ) {
    return new TransportError('tls', server, { reason: error.message }, { cause: error });
  }
  if (/timed? ?out/i.test(error.message) || code === 'ETIMEDOUT') {
    return new TransportError('timeout', server, { seconds: seconds(handshakeTimeoutMs) }, { cause: error });
  }
  const status = /Unexpected server response: (\d{3})/.exec(error.message)?.[1];
  if (status) return new TransportError('status', server, { status: Number(status) }, { cause: error });
  return socketFailure(server, error, false);
}
