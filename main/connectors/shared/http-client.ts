/**
 * HTTP(S) POST to one endpoint over kept-alive connections, with a time
 * limit per request, a size limit per reply, Basic/Digest authentication,
 * and TLS that is always verified: against the system CAs, a configured CA,
 * or (for self-signed servers) a pinned SHA-256 certificate fingerprint.
 *
 * Each HttpEndpoint owns its own agent (its own connections): a vendor that
 * keeps a long poll pending uses one endpoint for the poll and another for
 * commands, so a command never waits behind the poll.
 */
import http from 'node:http';
import https from 'node:https';
import { basicAuthorization, chooseChallenge, DigestSession, parseChallenges, type Credentials } from './http-auth';
import { createPinnedAgent } from './tls-pinning';
import { socketFailure, TransportError } from './transport-error';

export { normalizeFingerprint } from './tls-pinning';

export interface TlsOptions {
  /** PEM of the CA (or the self-signed certificate) to trust instead of the system CAs. */
  caPem?: string;
  /**
   * SHA-256 fingerprint of the server's certificate ("AB:CD:…" or hex). When
   * set, the connection is accepted exactly when the certificate matches,
   * which is how a self-signed PBX certificate is trusted safely.
   */
  fingerprint256?: string;
}

export interface HttpEndpointOptions {
  /** http:// or https:// URL of the service, e.g. https://pbx/PBX0/user.soap */
  url: string;
  credentials?: Credentials;
  /** 'auto' answers the server's challenge (Digest preferred); 'basic' sends Basic at once; 'digest' refuses Basic. */
  auth?: 'auto' | 'basic' | 'digest';
  tls?: TlsOptions;
  /** Connections this endpoint may open at once (default 1). */
  maxSockets?: number;
  /** Per request, unless the request says otherwise (default 10 s). */
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface PostOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  /**
   * Stops the request: its connection is closed at once (the server sees it go and need not finish the work) and
   * the post rejects with `signal.reason`. A replaced directory search must not keep the PBX busy.
   */
  signal?: AbortSignal;
}

export class HttpEndpoint {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly path: string;
  private digest: DigestSession | undefined;
  private basic = false;
  private closed = false;

  constructor(private readonly options: HttpEndpointOptions) {
    this.url = new URL(options.url);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:')
      throw new TransportError('unreachable', options.url, { reason: this.url.protocol });
    this.path = `${this.url.pathname}${this.url.search}`;
    const agentOptions = {
      keepAlive: true,
      keepAliveMsecs: 15_000,
      maxSockets: options.maxSockets ?? 1,
      maxFreeSockets: options.maxSockets ?? 1,
    };
    this.agent =
      this.url.protocol === 'https:' ? createHttpsAgent(agentOptions, options.tls, this.url.hostname) : new http.Agent(agentOptions);
    this.basic = options.auth === 'basic' && options.credentials !== undefined;
  }

  /** The server, for messages: 'https://pbx:443'. */
  get origin(): string {
    return this.url.origin;
  }

  async post(body: string, options: PostOptions = {}): Promise<HttpResponse> {
    const first = await this.send(body, options, this.authorization());
    if (first.status !== 401 || !this.options.credentials) return first;
    const challenge = chooseChallenge(parseChallenges(String(first.headers['www-authenticate'] ?? '')));
    const staleRetry = challenge?.params.stale?.toLowerCase() === 'true';
    const hadAuth = this.digest !== undefined || this.basic;
    if (!challenge || (hadAuth && !staleRetry) || (challenge.scheme.toLowerCase() === 'basic' && this.options.auth === 'digest')) {
      this.digest = undefined;
      throw new TransportError('auth', this.origin);
    }
    if (challenge.scheme.toLowerCase() === 'basic') {
      this.basic = true;
    } else {
      this.digest = new DigestSession(challenge, this.options.credentials);
    }
    const second = await this.send(body, options, this.authorization());
    if (second.status === 401) {
      this.digest = undefined;
      this.basic = this.options.auth === 'basic';
      throw new TransportError('auth', this.origin);
    }
    return second;
  }

  /** Closes every connection of this endpoint; requests in flight fail. */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  private authorization(): string | undefined {
    if (!this.options.credentials) return undefined;
    if (this.digest) return this.digest.authorization('POST', this.path);
    if (this.basic) return basicAuthorization(this.options.credentials);
    return undefined;
  }

  private send(body: string, options: PostOptions, authorization: string | undefined): Promise<HttpResponse> {
    if (this.closed) return Promise.reject(new TransportError('closed', this.origin));
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const payload = Buffer.from(body, 'utf8');
    const headers: Record<string, string | number> = { ...options.headers, 'Content-Length': payload.length };
    if (authorization) headers.Authorization = authorization;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 10_000;
    const maxBytes = this.options.maxResponseBytes ?? 8 * 1024 * 1024;
    const lib = this.url.protocol === 'https:' ? https : http;
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, response?: HttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        if (error) reject(error);
        else resolve(response!);
      };
      const request = lib.request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port || undefined,
          path: this.path,
          method: 'POST',
          headers,
          agent: this.agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              request.destroy();
              finish(new TransportError('too-large', this.origin, { limit: maxBytes }));
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () =>
            finish(undefined, {
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', (error) => finish(this.transportError(error)));
          response.on('aborted', () => finish(new TransportError('truncated', this.origin)));
        },
      );
      const timer = setTimeout(() => {
        finish(new TransportError('timeout', this.origin, { seconds: Math.round(timeoutMs / 100) / 10 }));
        request.destroy();
      }, timeoutMs);
      const abort = () => {
        finish(abortReason(signal));
        request.destroy();
      };
      signal?.addEventListener('abort', abort, { once: true });
      request.on('error', (error) => finish(this.transportError(error)));
      request.end(payload);
    });
  }

  private transportError(error: Error): TransportError {
    if (error instanceof TransportError) return error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (this.closed) return new TransportError('closed', this.origin, {}, { cause: error });
    if (code.startsWith('ERR_TLS') || code.includes('CERT') || error.name === 'CertificatePinError') {
      return new TransportError('tls', this.origin, { reason: error.message }, { cause: error });
    }
    return socketFailure(this.origin, error, false);
  }
}

function createHttpsAgent(agentOptions: https.AgentOptions, tlsOptions: TlsOptions | undefined, hostname: string): https.Agent {
  const options: https.AgentOptions = { ...agentOptions };
  if (tlsOptions?.caPem) options.ca = tlsOptions.caPem;
  return tlsOptions?.fingerprint256 ? createPinnedAgent(tlsOptions.fingerprint256, hostname, options) : new https.Agent(options);
}

/** Why a request was stopped: the signal's reason (an Error from AbortController.abort() or one the caller gave). */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
