/**
 * SOAP calls to one innovaphone PBX over two kept-alive HTTP endpoints:
 * `poll` (one connection, the long Poll — it also keeps the session alive,
 * since the PBX ends a session when its last connection disappears) and
 * `command` (its own connections, so a command never waits behind a Poll).
 */
import { HttpAuthError, HttpEndpoint, HttpTransportError, type TlsOptions } from '../shared/http-client';
import type { Credentials } from '../shared/http-auth';
import { SoapFault, SoapFormatError } from '../shared/soap';
import type { XmlNode } from '../shared/xml-reader';
import { encodeRequest, readResponse, type PbxRequest } from './codec';

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
}

/** A request failed in a way that makes the session unusable (transport, auth, fault). */
export class InnovaphoneError extends Error {
  constructor(
    message: string,
    readonly kind: 'transport' | 'auth' | 'fault' | 'format' | 'refused',
  ) {
    super(message);
    this.name = 'InnovaphoneError';
  }
}

export class InnovaphoneClient {
  private readonly endpoints: Record<Channel, HttpEndpoint>;

  constructor(options: InnovaphoneClientOptions) {
    const common = { url: options.url, credentials: options.credentials, auth: options.auth, tls: options.tls };
    this.endpoints = {
      poll: new HttpEndpoint({ ...common, maxSockets: 1, timeoutMs: options.pollTimeoutMs ?? 75_000 }),
      command: new HttpEndpoint({ ...common, maxSockets: 2, timeoutMs: options.requestTimeoutMs ?? 8_000 }),
    };
  }

  get origin(): string {
    return this.endpoints.command.origin;
  }

  /** Sends one request and returns its `<Op>Response` element. */
  async call(request: PbxRequest, channel: Channel = 'command'): Promise<XmlNode> {
    const { soapAction, body } = encodeRequest(request);
    let response;
    try {
      response = await this.endpoints[channel].post(body, {
        headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${soapAction}"` },
      });
    } catch (error) {
      if (error instanceof HttpAuthError)
        throw new InnovaphoneError(`The PBX did not accept the user name or password (${this.origin}).`, 'auth');
      if (error instanceof HttpTransportError) throw new InnovaphoneError(error.message, 'transport');
      throw error;
    }
    try {
      // A fault comes with HTTP 500; its body says more than the status.
      if (response.status !== 200 && !/Fault/.test(response.body)) {
        throw new InnovaphoneError(`The PBX answered ${request.op} with HTTP ${response.status}.`, 'format');
      }
      return readResponse(response.body, request.op);
    } catch (error) {
      if (error instanceof SoapFault)
        throw new InnovaphoneError(`The PBX refused ${request.op}: ${error.faultString || error.faultCode}.`, 'fault');
      if (error instanceof SoapFormatError) throw new InnovaphoneError(error.message, 'format');
      throw error;
    }
  }

  /** Drops every connection (requests in flight fail). */
  close(): void {
    this.endpoints.poll.close();
    this.endpoints.command.close();
  }
}
