/**
 * SOAP calls to one innovaphone PBX over two kept-alive HTTP endpoints:
 * `poll` (one connection, the long Poll — it also keeps the session alive,
 * since the PBX ends a session when its last connection disappears) and
 * `command` (its own connections, so a command never waits behind a Poll).
 *
 * A request that gets no usable answer fails with the shared TransportError
 * (refused, timed out, credentials refused, an HTTP status, not SOAP …);
 * a SOAP Fault, the PBX's own refusal, with an InnovaphoneError.
 */
import { msg, type Message } from '../../../app/i18n/message';
import { ConsoleError } from '../../core/errors';
import type { Credentials } from '../shared/http-auth';
import { HttpEndpoint, type TlsOptions } from '../shared/http-client';
import { PeerFaultText } from '../shared/peer-fault-text';
import { SoapFault, SoapFormatError } from '../shared/soap';
import { TransportError } from '../shared/transport-error';
import { DEFAULT_MAX_XML_BYTES, type XmlNode } from '../shared/xml';
import { encodeRequest, readResponse, type PbxRequest } from './codec';
import type { Dialect } from './messages';

export type Channel = 'poll' | 'command';

export interface InnovaphoneClientOptions {
  /** e.g. https://pbx.example.com/PBX0/user.soap */
  url: string;
  credentials: Credentials;
  auth?: 'auto' | 'basic' | 'digest';
  tls?: TlsOptions;
  /** Commands and session calls (default 8 s). */
  requestTimeoutMs?: number;
  /** How long a Poll may stay pending: the PBX holds it about 60 s (default 75 s). */
  pollTimeoutMs?: number;
  /** The WSDL the requests follow (default pbx10); the connector may change it after probing the PBX. */
  dialect?: Dialect;
}

/**
 * The PBX answered, and said no: a SOAP Fault (`fault`), or a session it
 * would not open or confirm (`session`). `code` is the fault's faultcode.
 */
export class InnovaphoneError extends ConsoleError {
  constructor(
    text: Message,
    readonly kind: 'fault' | 'session',
    options?: { cause?: unknown; code?: string },
  ) {
    super(text, options);
    this.name = 'InnovaphoneError';
  }
}

export class InnovaphoneClient {
  private readonly endpoints: Record<Channel, HttpEndpoint>;
  /** The PBX's fault texts with this connection's credentials redacted, bounded. */
  private readonly faultText: PeerFaultText;
  /** The WSDL every request is encoded by (and every reply decoded by, in the connector). */
  dialect: Dialect;

  constructor(options: InnovaphoneClientOptions) {
    this.dialect = options.dialect ?? 'pbx10';
    this.faultText = new PeerFaultText([options.credentials]);
    // No reply larger than the XML reader accepts is worth downloading: refused at that size, as too large, not read to 8 MiB first.
    const common = {
      url: options.url,
      credentials: options.credentials,
      auth: options.auth,
      tls: options.tls,
      maxResponseBytes: DEFAULT_MAX_XML_BYTES,
    };
    this.endpoints = {
      poll: new HttpEndpoint({ ...common, maxSockets: 1, timeoutMs: options.pollTimeoutMs ?? 75_000 }),
      command: new HttpEndpoint({ ...common, maxSockets: 2, timeoutMs: options.requestTimeoutMs ?? 8_000 }),
    };
  }

  get origin(): string {
    return this.endpoints.command.origin;
  }

  /**
   * Sends one request and returns its `<Op>Response` element. With `signal` fired nothing is sent, and one in
   * flight is stopped (its connection closed): the request rejects with `signal.reason`.
   */
  async call(request: PbxRequest, channel: Channel = 'command', signal?: AbortSignal): Promise<XmlNode> {
    signal?.throwIfAborted();
    const { soapAction, body } = encodeRequest(request, this.dialect);
    // Transport failures (credentials refused included) are TransportErrors already, naming the server.
    const response = await this.endpoints[channel].post(body, {
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${soapAction}"` },
      ...(signal ? { signal } : {}),
    });
    signal?.throwIfAborted();
    // A fault comes with HTTP 500; its body says more than the status.
    if (response.status !== 200 && !/Fault/.test(response.body)) {
      throw new TransportError('status', this.origin, { status: response.status });
    }
    try {
      return readResponse(response.body, request.op);
    } catch (error) {
      if (error instanceof SoapFault) {
        // The fault is the cause the connector logs: it keeps only the redacted, bounded words.
        const fault = new SoapFault(this.faultText.clean(error.faultCode), this.faultText.clean(error.faultString));
        throw new InnovaphoneError(
          msg('innovaphone.fault', { operation: request.op, reason: fault.faultString || fault.faultCode }),
          'fault',
          { cause: fault, code: fault.faultCode },
        );
      }
      if (error instanceof SoapFormatError) {
        throw new TransportError(
          'malformed',
          this.origin,
          { reason: msg('innovaphone.notSoap', { operation: request.op }) },
          { cause: error },
        );
      }
      throw error;
    }
  }

  /** Drops every connection (requests in flight fail). */
  close(): void {
    this.endpoints.poll.close();
    this.endpoints.command.close();
  }
}
