/**
 * The PortaSIP API session on top of one socket: login for a session_id
 * (the document recommends sessions over sending the password each time),
 * subscriptions for every configured scope, and the calls list. The
 * subscriptions belong to the session, so whenever the server refuses the
 * session (expired, server restart) the session logs in again, subscribes
 * again and retries the request once: a receptionist never sees it. The
 * same when the server says the session's notifications are not enabled
 * (isNotificationsNotEnabled): they are enabled again on the same session
 * and the calls list retried once; only a second refusal reaches the caller.
 */
import type { Logger } from '../../core/log';
import { TransportError } from '../shared/transport-error';
import type { PortaSipClient } from './client';
import { CONSOLE_ERROR_CODES, isNotificationsNotEnabled, isSessionRefused, PortaSipError } from './errors';
import { NOTIFICATIONS_EVENT, type PsCallInfo, type PsRequest, type PsScope } from './messages';

export interface PortaSipSessionOptions {
  client: PortaSipClient;
  login: string;
  password: string;
  scopes: PsScope[];
  log: Logger;
  /** After a transparent re-login: the server's view may have changed meanwhile, so resync. */
  onRenewed(): void;
}

export class PortaSipSession {
  private sessionId?: string;
  private renewing?: Promise<void>;

  constructor(private readonly options: PortaSipSessionOptions) {}

  /** Login and subscribe. */
  async open(): Promise<void> {
    await this.login();
    await this.subscribe();
  }

  /** Every call in every scope, deduplicated by dialog (scopes may overlap). */
  async callsList(): Promise<PsCallInfo[]> {
    const calls = new Map<string, PsCallInfo>();
    for (const scope of this.options.scopes) {
      const list = await this.request({ service: 'CallControl', method: 'get_sip_calls_list', params: scope });
      for (const info of this.options.client.callsFromResult(list)) calls.set(`${info.call.id}\u0000${info.call.tag}`, info);
    }
    return [...calls.values()];
  }

  /** A request in the session; a refused session is renewed and the request retried once. */
  async request(request: PsRequest): Promise<Record<string, unknown>> {
    try {
      return await this.send(request);
    } catch (error) {
      if (isSessionRefused(error)) {
        this.options.log.info('portasip: session refused, logging in again');
        await this.renew();
        this.options.onRenewed();
        return this.send(request);
      }
      if (request.method === 'get_sip_calls_list' && isNotificationsNotEnabled(error)) {
        this.options.log.info('portasip: notifications not enabled, enabling and retrying');
        await this.subscribe();
        return this.send(request);
      }
      throw error;
    }
  }

  private send(request: PsRequest): Promise<Record<string, unknown>> {
    if (!this.sessionId) throw new PortaSipError(CONSOLE_ERROR_CODES.noSession);
    return this.options.client.request(request, { session_id: this.sessionId });
  }

  /** One renewal at a time, however many requests found the session refused. */
  private renew(): Promise<void> {
    this.renewing ??= this.open().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async login(): Promise<void> {
    let result: Record<string, unknown>;
    try {
      result = await this.options.client.request({
        service: 'Session',
        method: 'login',
        params: { login: this.options.login, password: this.options.password },
      });
    } catch (error) {
      // Whatever the code, a refused login is the credentials as far as the receptionist can tell.
      if (error instanceof PortaSipError) {
        this.options.log.warn('portasip: login refused', { code: error.code });
        throw new TransportError('auth', this.options.client.server, {}, { cause: error });
      }
      throw error;
    }
    // The document prints the key once as "session id": read both.
    const id = result.session_id ?? result['session id'];
    if (typeof id !== 'string' || !id) {
      this.options.log.warn('portasip: login returned no session_id');
      throw new PortaSipError(CONSOLE_ERROR_CODES.noSession);
    }
    this.sessionId = id;
  }

  private async subscribe(): Promise<void> {
    for (const scope of this.options.scopes) {
      await this.send({ service: 'CallControl', method: 'enable_api_notifications', params: { event: NOTIFICATIONS_EVENT, ...scope } });
    }
  }
}
