/**
 * Drives one connector's lifecycle: connect, publish the link state, back
 * off with jitter on failure, reconnect (and so resync) when the link is
 * lost. The same supervisor serves every vendor; the moves it may make are
 * the table of link-state.ts.
 */
import { Backoff, DEFAULT_BACKOFF, type BackoffPolicy } from '../../app/backoff';
import type { Clock } from '../../app/clock';
import { msg, type Message } from '../../app/i18n/message';
import type { ConnectionStatus, LinkState } from '../../app/model';
import type { Connector, LinkEvent } from './connector';
import { english, errorMessage } from './errors';
import { assertMove } from './link-state';
import type { Logger } from './log';
import { SessionGuard } from './session-guard';

export interface SupervisorOptions {
  clock: Clock;
  log: Logger;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Connected this long without a drop resets the backoff. */
  stableAfterMs?: number;
  onStatus: (status: ConnectionStatus) => void;
}

export class ConnectionSupervisor {
  private state: LinkState = 'stopped';
  private detail: Message | undefined;
  private retryAt: number | undefined;
  private since: number | undefined;
  private readonly backoff: Backoff;
  private retryTimer: unknown;
  private stableTimer: unknown;
  /** One attempt at a time: a completion of an older attempt is ignored. */
  private readonly attempts = new SessionGuard();
  private running = false;

  constructor(
    readonly connector: Connector,
    private readonly options: SupervisorOptions,
  ) {
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF, options.random);
  }

  get linkState(): LinkState {
    return this.state;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.attempt(msg('link.connecting'));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.attempts.end();
    this.clearTimers();
    await this.connector.disconnect();
    this.publish('stopped', undefined);
  }

  /** Reconnect at once (user asked, or the machine woke up / the network changed). */
  reconnectNow(reason: Message = msg('link.reconnecting')): void {
    if (!this.running) return;
    this.backoff.reset();
    this.clearTimers();
    this.attempts.end();
    void this.connector.disconnect().finally(() => {
      if (this.running) void this.attempt(reason);
    });
  }

  /** Called by the connector host for link events of the current session. */
  handleLink(event: LinkEvent): void {
    if (!this.running || this.state === 'offline' || this.state === 'stopped') return;
    if (event.type === 'lost') {
      this.options.log.warn('connection lost', { connection: this.connector.id, reason: english(event.reason) });
      this.attempts.end();
      this.clearTimers();
      void this.connector.disconnect();
      this.scheduleRetry(event.reason);
    } else if (!event.up) {
      this.publish('pbx-link-down', event.reason ?? msg('link.pbxLinkLost'));
    } else if (this.state === 'pbx-link-down') {
      this.publish('online', undefined);
    }
  }

  private async attempt(detail: Message): Promise<void> {
    const attempt = this.attempts.begin();
    this.publish('connecting', detail);
    try {
      await this.connector.connect();
    } catch (error) {
      if (!attempt.current() || !this.running) return;
      const reason = errorMessage(error);
      this.options.log.warn('connect failed', { connection: this.connector.id, error: english(reason) });
      void this.connector.disconnect();
      this.scheduleRetry(reason);
      return;
    }
    if (!attempt.current() || !this.running) return;
    // connect() may already have reported the PBX link down; keep that.
    if (this.state === 'connecting') this.publish('online', undefined);
    this.stableTimer = this.options.clock.setTimeout(() => this.backoff.reset(), this.options.stableAfterMs ?? 60_000);
  }

  private scheduleRetry(reason: Message): void {
    const delay = this.backoff.next();
    const retryAt = this.options.clock.now() + delay;
    this.publish('offline', reason, retryAt);
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.running) void this.attempt(msg('link.reconnecting'));
    }, delay);
  }

  private clearTimers(): void {
    if (this.retryTimer !== undefined) this.options.clock.clearTimeout(this.retryTimer);
    if (this.stableTimer !== undefined) this.options.clock.clearTimeout(this.stableTimer);
    this.retryTimer = undefined;
    this.stableTimer = undefined;
  }

  /** Republishes the current status (the connector's facts changed). */
  republish(): void {
    if (this.state === 'stopped' && !this.running) return;
    this.emit();
  }

  private publish(state: LinkState, detail: Message | undefined, retryAt?: number): void {
    if (state !== this.state) assertMove(this.state, state);
    if (state !== this.state || this.since === undefined) this.since = this.options.clock.now();
    this.state = state;
    this.detail = detail;
    this.retryAt = retryAt;
    this.emit();
  }

  private emit(): void {
    const status: ConnectionStatus = {
      id: this.connector.id,
      vendor: this.connector.vendor,
      label: this.connector.label,
      state: this.state,
      since: this.since ?? this.options.clock.now(),
    };
    if (this.detail) status.detail = this.detail;
    if (this.retryAt !== undefined) status.retryAt = this.retryAt;
    const facts = this.connector.statusFacts?.();
    if (facts?.length) status.facts = facts;
    this.options.onStatus(status);
  }
}
