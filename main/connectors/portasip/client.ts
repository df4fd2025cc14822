/**
 * One WebSocket to PortaSIP's JSON-RPC endpoint (wss://host:port/ws).
 *
 * - Requests carry a cseq; the reply with the same cseq settles them. Each
 *   request has its own time limit; when the socket closes, every request
 *   still waiting fails at once with the reason.
 * - Call notifications go to `onNotification`. A frame that is not JSON, not
 *   a known message, or larger than `maxFrameBytes` is dropped with a log
 *   line; the connection stays up.
 * - Heartbeat: a WebSocket ping every `heartbeatMs`; no pong before the next
 *   one means the socket is dead: it is terminated and reported closed.
 * - TLS is always verified (system CAs), or the server's certificate must
 *   match a pinned SHA-256 fingerprint (self-signed PortaSwitch installs).
 */
import WebSocket from 'ws';
import type { Clock } from '../../../app/clock';
import type { Logger } from '../../core/connector';
import { createPinnedAgent } from '../shared/tls-pinning';
import { decodeCallsList, decodeFrame, encodeRequest, PsCodecError } from './codec';
import { PortaSipError, PortaSipTransportError } from './errors';
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
  clock: Clock;
  log: Logger;
  onNotification(info: PsCallInfo, action: string): void;
  /** The socket closed (not called for close()). */
  onClosed(reason: string): void;
}

interface Pending {
  method: string;
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
  timer: unknown;
}

/** Frames above this close the socket (ws's own limit); smaller oversized frames are only dropped. */
const HARD_FRAME_LIMIT = 16 * 1024 * 1024;

export class PortaSipClient {
  private socket?: WebSocket;
  private readonly pending = new Map<number, Pending>();
  private cseq = 0;
  private heartbeatTimer: unknown;
  private awaitingPong = false;
  private closedByUs = false;
  private readonly maxFrameBytes: number;

  constructor(private readonly options: PortaSipClientOptions) {
    this.maxFrameBytes = options.maxFrameBytes ?? 1024 * 1024;
  }

  /** Opens the socket; rejects with a readable PortaSipTransportError. */
  open(): Promise<void> {
    const url = new URL(this.options.url);
    const agent =
      this.options.fingerprint256 && url.protocol === 'wss:' ? createPinnedAgent(this.options.fingerprint256, url.hostname) : undefined;
    const socket = new WebSocket(this.options.url, {
      agent,
      maxPayload: HARD_FRAME_LIMIT,
      handshakeTimeout: this.options.requestTimeoutMs ?? 5000,
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
      socket.on('pong', () => (this.awaitingPong = false));
      socket.on('error', (error) => {
        if (!opened) reject(describeConnectError(error, url));
        else this.options.log.warn('portasip: socket error', { error: String(error) });
      });
      socket.on('close', (code, reason) => {
        const why = reason.length ? reason.toString('utf8').slice(0, 200) : `code ${code}`;
        this.shutdown(`The connection to PortaSIP closed (${why}).`);
        if (!opened) reject(new PortaSipTransportError('closed', `PortaSIP at ${url.host} closed the connection before it was open.`));
        else if (!this.closedByUs) this.options.onClosed(`The connection to PortaSIP was lost (${why}).`);
      });
    });
  }

  /** Sends a request and resolves with its `result`; a server error or `success: 0` rejects with PortaSipError. */
  request(request: PsRequest, authInfo?: PsAuthInfo, timeoutMs = this.options.requestTimeoutMs ?? 5000): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new PortaSipTransportError('closed', 'The connection to PortaSIP is not open.'));
    }
    const cseq = ++this.cseq;
    return new Promise((resolve, reject) => {
      const timer = this.options.clock.setTimeout(() => {
        this.pending.delete(cseq);
        reject(
          new PortaSipTransportError('timeout', `PortaSIP did not answer ${request.method} within ${Math.round(timeoutMs / 100) / 10} s.`),
        );
      }, timeoutMs);
      this.pending.set(cseq, { method: request.method, resolve, reject, timer });
      socket.send(encodeRequest({ ...request, cseq, ...(authInfo ? { auth_info: authInfo } : {}) }));
    });
  }

  /** Closes the socket; requests still waiting fail. Never throws. */
  close(): void {
    this.closedByUs = true;
    this.shutdown('The connection to PortaSIP was closed.');
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
      this.options.log.warn('portasip: malformed frame dropped', { error: error.message, bytes: data.length });
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
    if (frame.kind === 'error') pending.reject(new PortaSipError(frame.code, frame.message));
    else if (!frame.success) pending.reject(new PortaSipError('unsuccessful', `${pending.method} returned success 0`));
    else pending.resolve(frame.result);
  }

  private startHeartbeat(): void {
    const interval = this.options.heartbeatMs ?? 15_000;
    const beat = () => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      if (this.awaitingPong) {
        this.options.log.warn('portasip: no pong, the connection is dead');
        socket.terminate();
        return;
      }
      this.awaitingPong = true;
      socket.ping();
      this.heartbeatTimer = this.options.clock.setTimeout(beat, interval);
    };
    this.heartbeatTimer = this.options.clock.setTimeout(beat, interval);
  }

  private shutdown(reason: string): void {
    if (this.heartbeatTimer !== undefined) this.options.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    for (const [cseq, pending] of this.pending) {
      this.options.clock.clearTimeout(pending.timer);
      this.pending.delete(cseq);
      pending.reject(new PortaSipTransportError('closed', `${reason} ${pending.method} may not have been carried out.`));
    }
  }
}

/** A calls-list result → SIPCallInfos, logging entries that were not usable. */
export function callsFromResult(result: Record<string, unknown>, log: Logger): PsCallInfo[] {
  const { calls, skipped } = decodeCallsList(result);
  if (skipped) log.warn('portasip: unusable entries in calls_list skipped', { skipped });
  return calls;
}

function describeConnectError(error: Error, url: URL): PortaSipTransportError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED') return new PortaSipTransportError('refused', `PortaSIP at ${url.host} refused the connection.`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new PortaSipTransportError('refused', `${url.hostname} could not be found.`);
  if (
    error.name === 'CertificatePinError' ||
    code.startsWith('ERR_TLS') ||
    code.includes('CERT') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
  ) {
    return new PortaSipTransportError('tls', `The certificate of PortaSIP at ${url.host} is not trusted: ${error.message}`);
  }
  if (/timed? ?out/i.test(error.message)) return new PortaSipTransportError('timeout', `PortaSIP at ${url.host} did not answer in time.`);
  return new PortaSipTransportError('protocol', `Could not open the connection to PortaSIP at ${url.host}: ${error.message}`);
}
