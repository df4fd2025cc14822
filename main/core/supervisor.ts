/**
 * Drives one connector's lifecycle: connect, publish the link state, back
 * off with jitter on failure, reconnect (and so resync) when the link is
 * lost. The same supervisor serves every vendor; the moves it may make are
 * the table of link-state.ts.
 *
 * The backoff keeps a console from hammering a PBX that refuses sessions,
 * but after a few outages in a row it would also leave the receptionist
 * blind for up to 30 s with the PBX healthy again. So while offline, a
 * connector that can `probe` is probed every PROBE_INTERVAL_MS: when the PBX
 * goes from not answering to answering, the next session attempt comes at
 * once. Whatever happens, two session attempts are never closer than
 * MIN_ATTEMPT_SPACING_MS.
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

/** How often an offline connection checks whether its PBX answers again. */
export const PROBE_INTERVAL_MS = 500;
/** The PBX never sees two session attempts from one connection closer than this. */
export const MIN_ATTEMPT_SPACING_MS = 1_000;

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
  private probeTimer: unknown;
  /** What the last probe of this outage found; undefined before the first. */
  private lastProbeAnswered: boolean | undefined;
  private lastAttemptAt: number | undefined;
  /** One attempt at a time: a completion of an older attempt is ignored. */
  private readonly attempts = new SessionGuard();
  /** Likewise for probes: an answer after the probing stopped is ignored. */
  private readonly probes = new SessionGuard();
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
      if (!this.running) return;
      // Never closer than MIN_ATTEMPT_SPACING_MS to the last attempt: Reconnect clicked, or a wake-up and a network
      // change, several times in a row make one attempt, the last one's.
      const wait = this.spacingLeft();
      if (this.retryTimer !== undefined) this.options.clock.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      if (wait === 0) {
        void this.attempt(reason);
        return;
      }
      this.publish('connecting', reason);
      this.retryTimer = this.options.clock.setTimeout(() => {
        this.retryTimer = undefined;
        if (this.running) void this.attempt(reason);
      }, wait);
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
    this.lastAttemptAt = this.options.clock.now();
    this.stopProbing();
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
    this.retryIn(Math.max(this.backoff.next(), this.spacingLeft()), reason);
    this.lastProbeAnswered = undefined;
    this.scheduleProbe();
  }

  /** How long until another session attempt is allowed. */
  private spacingLeft(): number {
    if (this.lastAttemptAt === undefined) return 0;
    return Math.max(0, this.lastAttemptAt + MIN_ATTEMPT_SPACING_MS - this.options.clock.now());
  }

  private retryIn(delay: number, reason: Message | undefined): void {
    if (this.retryTimer !== undefined) this.options.clock.clearTimeout(this.retryTimer);
    const retryAt = this.options.clock.now() + delay;
    this.publish('offline', reason, retryAt);
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.running) void this.attempt(msg('link.reconnecting'));
    }, delay);
  }

  private scheduleProbe(): void {
    const probe = this.connector.probe;
    if (!probe) return;
    this.probeTimer = this.options.clock.setTimeout(() => {
      this.probeTimer = undefined;
      void this.runProbe(probe);
    }, PROBE_INTERVAL_MS);
  }

  private async runProbe(probe: () => Promise<void>): Promise<void> {
    const round = this.probes.begin();
    const answered = await probe().then(
      () => true,
      () => false,
    );
    // An attempt, a stop or a reconnect since: this probe's answer is stale.
    if (!round.current() || !this.running || this.state !== 'offline') return;
    const cameBack = answered && this.lastProbeAnswered === false;
    this.lastProbeAnswered = answered;
    if (cameBack) {
      this.options.log.info('PBX answers again; reconnecting now', { connection: this.connector.id });
      this.retryIn(this.spacingLeft(), this.detail);
    } else {
      this.scheduleProbe();
    }
  }

  private stopProbing(): void {
    this.probes.end();
    if (this.probeTimer !== undefined) this.options.clock.clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
  }

  private clearTimers(): void {
    this.stopProbing();
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
