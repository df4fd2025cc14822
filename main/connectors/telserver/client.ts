/**
 * TelServices request transport: one TCP connection per request, as the
 * protocol document prescribes ("As soon as the response is sent by
 * TelServer the TCP connection is closed"). Sends the encoded request,
 * reads one `<TelServiceReturn>` and turns it into a result or an error.
 */
import net from 'node:net';
import type { Clock } from '../../../app/clock';
import { msg, type MessageParams } from '../../../app/i18n/message';
import { systemClock } from '../../core/clock';
import { PeerFaultText } from '../shared/peer-fault-text';
import { socketFailure, TransportError, type TransportFailure } from '../shared/transport-error';
import { decodeReturn, encodeRequest, TsCodecError } from './codec';
import { TelServerError } from './errors';
import type { TsRequest, TsResult } from './messages';

export { TELSERVER_ERROR_MESSAGES, TelServerError } from './errors';

export interface TelServerClientOptions {
  host: string;
  port: number;
  /** Covers connect and reply together. Default 5000. */
  requestTimeoutMs?: number;
  /** A shorter limit for the connect alone; by default only requestTimeoutMs applies. */
  connectTimeoutMs?: number;
  /** The configured telserver.TelServices.endOfPDU.sequence, if any: appended to requests, ends replies. */
  endOfPdu?: string;
  /** Default 1 MiB. */
  maxReplyBytes?: number;
  /** Times the request and connect limits (default the system's), so a test can drive a silent TelServer's time-out. */
  clock?: Clock;
  /** Redacts the lines' credentials from reply texts the codec quotes in its errors (default: bounds them only). */
  faultText?: PeerFaultText;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
const DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;
/** How much of the reply's end is examined for the closing root tag (allows trailing whitespace). */
const CLOSING_TAG_WINDOW = 256;
const CLOSING_ROOT = /<\/TelServiceReturn\s*>\s*$/;

export class TelServerClient {
  readonly requestTimeoutMs: number;
  private readonly maxReplyBytes: number;
  private readonly endOfPdu: Buffer | undefined;
  private readonly clock: Clock;
  private readonly faultText: PeerFaultText;

  constructor(private readonly opts: TelServerClientOptions) {
    this.clock = opts.clock ?? systemClock;
    this.faultText = opts.faultText ?? new PeerFaultText();
    this.requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.maxReplyBytes = opts.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
    this.endOfPdu = opts.endOfPdu ? Buffer.from(opts.endOfPdu, 'utf8') : undefined;
  }

  /** The server as people know it, as its errors name it: 'TelServer 10.0.0.5:4000'. */
  get server(): string {
    return telServerName(this.opts.host, this.opts.port);
  }

  /**
   * Resolves with the `<result>`; rejects with TelServerError for an
   * `<error>`, TransportError when no usable reply arrived, or
   * TsCodecError when the request itself cannot be encoded. `timeoutMs`
   * overrides requestTimeoutMs for this request (e.g. a short closeSession).
   * When `signal` fires the connection is closed at once (TelServer stops
   * working on it) and the request rejects with `signal.reason`.
   */
  async request(req: TsRequest, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<TsResult> {
    opts.signal?.throwIfAborted();
    const pdu = encodeRequest(req) + (this.opts.endOfPdu ?? '');
    const reply = await this.exchange(pdu, opts.timeoutMs ?? this.requestTimeoutMs, opts.signal);
    let ret;
    try {
      ret = decodeReturn(reply, { maxBytes: this.maxReplyBytes });
    } catch (err) {
      // The codec's message quotes the reply (an unknown error code, an element's name): redacted and bounded, cause included.
      const reason = this.faultText.clean((err as Error).message);
      throw this.failure('malformed', { reason }, new TsCodecError(reason));
    }
    if (ret.kind === 'error') throw new TelServerError(ret.error);
    return ret.result;
  }

  /** Sends one PDU on a new connection and returns the reply text. */
  private exchange(pdu: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const socket = net.createConnection({ host: this.opts.host, port: this.opts.port });
      socket.setNoDelay(true);
      const reply = new ReplyBuffer();
      let connected = false;
      let settled = false;

      const settle = (error: unknown, bytes?: Buffer) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(requestTimer);
        if (connectTimer !== undefined) this.clock.clearTimeout(connectTimer);
        signal?.removeEventListener('abort', onAbort);
        socket.destroy();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an Error, or the signal's reason as it is
        if (error !== undefined) return reject(error);
        const text = decodeUtf8(bytes!);
        if (text === undefined) return reject(this.failure('malformed', { reason: msg('telserver.invalidUtf8') }));
        resolve(text);
      };

      // Not connected in time or connected but no answer: either way no answer came within the limit.
      const requestTimer = this.clock.setTimeout(() => settle(this.failure('timeout', { seconds: timeoutMs / 1000 })), timeoutMs);
      const connectTimeoutMs = this.opts.connectTimeoutMs;
      const connectTimer =
        connectTimeoutMs !== undefined && connectTimeoutMs < timeoutMs
          ? this.clock.setTimeout(() => {
              if (!connected) settle(this.failure('timeout', { seconds: connectTimeoutMs / 1000 }));
            }, connectTimeoutMs)
          : undefined;

      // Nobody waits for the answer any more (a newer search replaced it, it ran out of time): the socket closes now.
      const onAbort = () => settle(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });

      socket.on('connect', () => {
        connected = true;
        if (connectTimer !== undefined) this.clock.clearTimeout(connectTimer);
        socket.write(pdu);
      });

      socket.on('data', (chunk: Buffer) => {
        reply.append(chunk);
        // Whichever comes first ends the reply: the end-of-PDU sequence, or a complete document.
        const end = this.endOfPdu ? reply.indexOf(this.endOfPdu, chunk.length) : -1;
        const length = end >= 0 ? end : reply.length;
        if (length > this.maxReplyBytes) {
          return settle(this.failure('too-large', { limit: this.maxReplyBytes }));
        }
        if (end >= 0) return settle(undefined, reply.bytes(end));
        if (CLOSING_ROOT.test(reply.tail(CLOSING_TAG_WINDOW).toString('latin1'))) settle(undefined, reply.bytes());
      });

      // The server closed: what we have is the whole reply, complete or not.
      const onClosed = () => {
        if (settled) return;
        const bytes = this.withoutEndOfPdu(reply.bytes());
        const text = bytes.toString('utf8').trim();
        if (text === '') return settle(this.failure('closed'));
        if (!CLOSING_ROOT.test(text)) {
          return settle(
            text.startsWith('<') ? this.failure('truncated') : this.failure('malformed', { reason: msg('telserver.notTelServices') }),
          );
        }
        settle(undefined, bytes);
      };
      socket.on('end', onClosed);
      socket.on('close', onClosed);

      socket.on('error', (err: NodeJS.ErrnoException) => settle(socketFailure(this.server, err, connected)));
    });
  }

  private withoutEndOfPdu(bytes: Buffer): Buffer {
    const eop = this.endOfPdu;
    return eop && bytes.length >= eop.length && bytes.subarray(bytes.length - eop.length).equals(eop)
      ? bytes.subarray(0, bytes.length - eop.length)
      : bytes;
  }

  private failure(kind: TransportFailure, params: MessageParams = {}, cause?: unknown): TransportError {
    return new TransportError(kind, this.server, params, cause === undefined ? undefined : { cause });
  }
}

/** 'TelServer 10.0.0.5:4000': how errors and messages name a TelServer. */
export function telServerName(host: string, port: number): string {
  return `TelServer ${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The reply bytes as they arrive. Kept as chunks so that a reply in many
 * small pieces costs linear time; only the tail is looked at per chunk.
 */
class ReplyBuffer {
  private chunks: Buffer[] = [];
  length = 0;

  append(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The first `length` bytes (all by default), joined: multi-byte characters split across chunks are whole again. */
  bytes(length = this.length): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return (this.chunks[0] ?? Buffer.alloc(0)).subarray(0, length);
  }

  /** The last `n` bytes. */
  tail(n: number): Buffer {
    const parts: Buffer[] = [];
    let taken = 0;
    for (let i = this.chunks.length - 1; i >= 0 && taken < n; i--) {
      const chunk = this.chunks[i];
      const part = chunk.subarray(Math.max(0, chunk.length - (n - taken)));
      parts.unshift(part);
      taken += part.length;
    }
    return Buffer.concat(parts, taken);
  }

  /** Where `needle` starts, searching only where the latest chunk (of `latest` bytes) could have completed it; -1 if absent. */
  indexOf(needle: Buffer, latest: number): number {
    const window = Math.min(this.length, latest + needle.length - 1);
    const at = this.tail(window).indexOf(needle);
    return at < 0 ? -1 : this.length - window + at;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
