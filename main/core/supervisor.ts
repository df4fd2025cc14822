/**
 * Drives one connector's lifecycle: connect, publish the link state, back
 * off with jitter on failure, reconnect (and so resync) when the link is
 * lost. The same supervisor serves every vendor.
 */
import { Backoff, DEFAULT_BACKOFF, type BackoffPolicy } from '../../app/backoff';
import type { ConnectionStatus, LinkState } from '../../app/model';
import type { Clock } from '../../app/clock';
import type { Connector, LinkEvent, Logger } from './connector';

export interface SupervisorOptions {
  clock: Clock;
  log: Logger;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Connected this long without a drop resets the backoff. */
  stableAfterMs?: number;
  onStatus(status: ConnectionStatus): void;
}

export class ConnectionSupervisor {
  private state: LinkState = 'stopped';
  private detail: string | undefined;
  private retryAt: number | undefined;
  private since: number | undefined;
  private readonly backoff: Backoff;
  private retryTimer: unknown;
  private stableTimer: unknown;
  /** Incremented on every attempt; stale async completions compare against it. */
  private generation = 0;
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
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation++;
    this.clearTimers();
    await this.connector.disconnect();
    this.publish('stopped', 'Stopped.');
  }

  /** Reconnect at once (user asked, or the machine woke up / the network changed). */
  reconnectNow(reason = 'Reconnecting…'): void {
    if (!this.running) return;
    this.backoff.reset();
    this.clearTimers();
    void this.connector.disconnect().finally(() => {
      if (this.running) void this.attempt(reason);
    });
  }

  /** Called by the connector host for link events of the current session. */
  handleLink(event: LinkEvent): void {
    if (!this.running || this.state === 'offline' || this.state === 'stopped') return;
    if (event.type === 'lost') {
      this.options.log.warn('connection lost', { connection: this.connector.id, reason: event.reason });
      this.generation++;
      this.clearTimers();
      void this.connector.disconnect();
      this.scheduleRetry(event.reason);
    } else if (!event.up) {
      this.publish('pbx-link-down', event.reason ?? 'The server has lost its link to the telephone system.');
    } else if (this.state === 'pbx-link-down') {
      this.publish('online', undefined);
    }
  }

  private async attempt(detail = 'Connecting…'): Promise<void> {
    const generation = ++this.generation;
    this.publish('connecting', detail);
    try {
      await this.connector.connect();
    } catch (error) {
      if (generation !== this.generation || !this.running) return;
      const message = error instanceof Error ? error.message : String(error);
      this.options.log.warn('connect failed', { connection: this.connector.id, error: message });
      void this.connector.disconnect();
      this.scheduleRetry(message);
      return;
    }
    if (generation !== this.generation || !this.running) return;
    // connect() may already have reported the PBX link down; keep that.
    if (this.state === 'connecting') this.publish('online', undefined);
    this.stableTimer = this.options.clock.setTimeout(() => this.backoff.reset(), this.options.stableAfterMs ?? 60_000);
  }

  private scheduleRetry(reason: string): void {
    const delay = this.backoff.next();
    const retryAt = this.options.clock.now() + delay;
    this.publish('offline', reason, retryAt);
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.running) void this.attempt('Reconnecting…');
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
    this.publish(this.state, this.detail, this.retryAt);
  }

  private publish(state: LinkState, detail: string | undefined, retryAt?: number): void {
    if (state !== this.state || this.since === undefined) this.since = this.options.clock.now();
    this.state = state;
    this.detail = detail;
    this.retryAt = retryAt;
    const status: ConnectionStatus = {
      id: this.connector.id,
      vendor: this.connector.vendor,
      label: this.connector.label,
      state,
      since: this.since,
    };
    if (detail) status.detail = detail;
    if (retryAt !== undefined) status.retryAt = retryAt;
    const facts = this.connector.statusFacts?.();
    if (facts?.length) status.facts = facts;
    this.options.onStatus(status);
  }
}
